//! Text for a terminal: a value, name or path printed as text never carries a control
//! character (an ANSI escape sequence could recolour or rewrite the screen, a CR or a
//! newline could forge a line of output, a bidirectional override could reorder what
//! is read). Which characters those are is the core's one rule
//! ([`is_line_hazard`]); each is written visibly instead, as `\u{1b}`. JSON output
//! needs none of this: serde_json escapes its strings.

use std::borrow::Cow;

use hivesync_env_core::{escape_visible, is_line_hazard};

/// A value, name or path, escaped so that it reads back unambiguously.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_visible(text)
}

/// A path as the terminal shows it, control characters written visibly.
pub fn shown(path: &std::path::Path) -> String {
    escape(&path.to_string_lossy()).into_owned()
}

/// A message of the library, whose quoted values are escaped already (`found
/// `a\nb``): only the hazards left in it (a path, a name from a map) are escaped, so
/// the escapes it holds are not doubled.
pub fn escape_message(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_line_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_line_hazard(c) {
            out.push_str(&escape_visible(c.encode_utf8(&mut [0; 4])));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_message};

    #[test]
    fn control_characters_are_written_visibly() {
        assert_eq!(escape("plain é 日本"), "plain é 日本");
        assert_eq!(escape("a\nb\rc"), "a\\u{a}b\\u{d}c");
        assert_eq!(escape("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(
            escape("x\u{2028}y\u{202e}z\u{85}"),
            "x\\u{2028}y\\u{202e}z\\u{85}"
        );
        // A message keeps the escapes the library wrote.
        assert_eq!(
            escape_message("found `a\\u{1b}b` in /tmp/\u{1b}x"),
            "found `a\\u{1b}b` in /tmp/\\u{1b}x"
        );
    }
}
