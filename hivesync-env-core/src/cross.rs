//! Checks across the values of one run: a public value that holds a secret's value.
//!
//! A single value cannot tell that `AI_MODEL=hunter2-long-secret` copies
//! `JWT_SECRET`; only a run that holds every value at once can. The rules are pure
//! functions here, next to the single-value checks, and the loader applies them.

use crate::looks_like_placeholder;

/// The shortest secret that is looked for **inside** a public value. A shorter one
/// (already `weak` by any sensible `min_len`) is only compared whole: `1` inside
/// `4000` is no leak.
pub const CONTAINED_SECRET_MIN_LEN: usize = 6;

/// Whether the public value `public` equals, or contains, the secret value `secret`:
/// printing `public` would print the secret. An empty secret or a placeholder
/// (`REPLACE_ME`, reported as such) leaks nothing.
///
/// ```
/// use hivesync_env_core::public_holds_secret;
/// assert!(public_holds_secret("hunter2hunter2", "hunter2hunter2"));
/// assert!(public_holds_secret("postgres://app:hunter2hunter2@db/app", "hunter2hunter2"));
/// assert!(public_holds_secret("x", "x"));
/// assert!(!public_holds_secret("4000", "0"));
/// assert!(!public_holds_secret("anything", ""));
/// assert!(!public_holds_secret("REPLACE_ME", "REPLACE_ME"));
/// ```
// Inlined into the loader: it runs for every (public, secret) pair of a run, and
// nearly every call is two length comparisons.
#[inline]
pub fn public_holds_secret(public: &str, secret: &str) -> bool {
    // The placeholder rule last: it is the costly test, and a loader asks this of every
    // (public, secret) pair of a run, nearly all of which fail on length alone.
    !secret.is_empty()
        && (public == secret
            || (secret.len() >= CONTAINED_SECRET_MIN_LEN
                && secret.len() <= public.len()
                && public.contains(secret)))
        && !looks_like_placeholder(secret)
}
