//! New secrets, from the operating system's random source.
//!
//! Bytes come from [`getrandom`] (the OS source: `getrandom(2)` on Linux), never from
//! a user-space generator, and are written with base64's URL-safe alphabet without
//! padding (`A-Z a-z 0-9 - _`): safe unquoted in a `.env` file, a URL, a shell word,
//! a YAML or TOML string, and a file name.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use zeroize::{Zeroize, Zeroizing};

/// The shortest secret written, whatever the contract's `min_len`: 32 characters of
/// this alphabet hold 192 bits.
pub const MIN_LEN: usize = 32;

/// A new secret of at least max(`min_len`, [`MIN_LEN`]) characters. Two secrets of a
/// run are never compared: at 192 bits or more, a repeat is as likely as guessing one.
pub fn new(min_len: Option<u32>) -> Result<Zeroizing<String>, getrandom::Error> {
    random((min_len.unwrap_or(0) as usize).max(MIN_LEN))
}

/// `len` characters of the URL-safe alphabet: `len * 3 / 4` random bytes and more,
/// each character carrying six bits.
fn random(len: usize) -> Result<Zeroizing<String>, getrandom::Error> {
    let mut bytes = vec![0u8; len.div_ceil(4) * 3];
    let filled = getrandom::fill(&mut bytes);
    let mut text = Zeroizing::new(URL_SAFE_NO_PAD.encode(&bytes));
    bytes.zeroize();
    filled?;
    text.truncate(len);
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_url_safe_long_enough_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for min_len in [None, Some(8), Some(32), Some(33), Some(64), Some(100)] {
            let s = new(min_len).unwrap();
            let want = (min_len.unwrap_or(0) as usize).max(MIN_LEN);
            assert_eq!(s.len(), want);
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "not URL-safe"
            );
            assert!(seen.insert(s.to_string()), "a secret repeated");
        }
    }

    #[test]
    fn every_character_of_the_alphabet_turns_up() {
        // A broken source (all zeros) would give `AAAA...`.
        let mut chars = std::collections::HashSet::new();
        for _ in 0..64 {
            chars.extend(new(None).unwrap().chars());
        }
        assert!(chars.len() > 60, "only {} distinct characters", chars.len());
    }
}
