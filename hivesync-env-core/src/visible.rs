//! Characters that can break the line a text is written on, and a visible escape for
//! them.
//!
//! A contract's text lands in rendered files (a YAML comment, a markdown cell) and
//! names, paths and messages land on a terminal. A carriage return there starts a new
//! line for a YAML parser (a description could add `privileged: true` to a Compose
//! service), an ANSI escape repaints the terminal, and a bidirectional override makes
//! a reviewer read something else than what is there. The contract rules reject these
//! characters; renderers and terminal printers escape them anyway, so no path depends
//! on the other having run.

use std::borrow::Cow;

/// Whether `c` can break or disguise the line it is written on: every control
/// character but TAB (CR, LF, ESC, NEL, ...), the Unicode line and paragraph
/// separators (U+2028, U+2029) and the bidirectional embedding, override and isolate
/// controls (U+202A-U+202E, U+2066-U+2069).
///
/// ```
/// use hivesync_env_core::is_line_hazard;
/// assert!(is_line_hazard('\r'));
/// assert!(is_line_hazard('\u{1b}'));
/// assert!(is_line_hazard('\u{2028}'));
/// assert!(is_line_hazard('\u{85}'));
/// assert!(!is_line_hazard('\t'));
/// assert!(!is_line_hazard('é'));
/// ```
pub fn is_line_hazard(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every [`is_line_hazard`] character written as a visible `\u{..}` escape,
/// and every backslash that would start such an escape doubled, so the output is one
/// line that reads back unambiguously. Borrowed when there is nothing to escape.
///
/// ```
/// use hivesync_env_core::escape_visible;
/// assert_eq!(escape_visible("plain"), "plain");
/// assert_eq!(escape_visible("a\rprivileged: true"), "a\\u{d}privileged: true");
/// assert_eq!(escape_visible("\u{1b}[2J"), "\\u{1b}[2J");
/// assert_eq!(escape_visible("C:\\u{d}"), "C:\\\\u{d}");
/// ```
pub fn escape_visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_line_hazard) && !s.contains("\\u{") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if is_line_hazard(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else if c == '\\' && chars.peek() == Some(&'u') {
            out.push_str("\\\\");
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_never_holds_a_hazard() {
        for s in [
            "\n",
            "\r\n",
            "a\u{2029}b",
            "\u{202E}txt.exe",
            "\u{7f}",
            "\u{0}",
        ] {
            let e = escape_visible(s);
            assert!(!e.chars().any(is_line_hazard), "{s:?} -> {e:?}");
        }
    }
}
