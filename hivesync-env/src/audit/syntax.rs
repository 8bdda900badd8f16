//! Syntax errors of audited files, told by line and column and never by their text.
//!
//! A parser's own message may quote the source: toml's `Display` prints the line at
//! fault, and that line may be `JWT_SECRET = "..."`. An audit reports a broken file
//! as an `invalid_file` finding with the parser's short message, from which any
//! quoted word (between backticks or quotes) is dropped unless it is punctuation
//! (`expected `=``), and goes on with the other files.

use super::finding::{Finding, FindingKind};
use super::paths::slashed;
use std::path::Path;

/// Where a file stops parsing, and why in a few words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// The 1-based line.
    pub(crate) line: u32,
    /// The 1-based column, in characters.
    pub(crate) column: u32,
    /// The parser's message without any quoted source text.
    pub(crate) what: String,
}

impl SyntaxError {
    /// The error of `format` (`TOML`, `JSON`, `YAML`, `env`) as a finding of `rel`.
    pub(crate) fn finding(&self, rel: &Path, format: &str) -> Finding {
        let file = slashed(rel);
        Finding {
            file: rel.to_path_buf(),
            line: self.line,
            kind: FindingKind::InvalidFile,
            message: format!(
                "not valid {format} at line {}, column {}: {}; nothing in it was checked",
                self.line, self.column, self.what
            ),
            name: file,
            component: None,
        }
    }
}

/// The 1-based line and column of byte offset `at` of `text`.
pub(crate) fn position(text: &str, at: usize) -> (u32, u32) {
    let at = at.min(text.len());
    let at = (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u32 + 1;
    (line, column)
}

/// The 1-based line of any byte offset of a text, by binary search over its line
/// starts: many look-ups cost the text's length once, not once each.
pub(crate) struct Lines {
    /// The offset after each `\n`.
    starts: Vec<usize>,
}

impl Lines {
    pub(crate) fn new(text: &str) -> Lines {
        let starts = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        Lines { starts }
    }

    /// The 1-based line of byte offset `at`.
    pub(crate) fn line(&self, at: usize) -> u32 {
        self.starts.partition_point(|&s| s <= at) as u32 + 1
    }
}

/// `message` with every quoted word that is not pure punctuation replaced by `…`,
/// and any control character dropped.
pub(crate) fn unquoted(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message.trim();
    while let Some(open) = rest.find(['`', '"', '\'']) {
        let q = rest[open..].chars().next().unwrap_or('`');
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(q) {
            Some(close) => {
                let inner = &after[..close];
                let punct = inner.chars().count() <= 3
                    && inner.chars().all(|c| c.is_ascii_punctuation() && c != q);
                out.push(q);
                out.push_str(if punct { inner } else { "…" });
                out.push(q);
                rest = &after[close + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let first_line = out.lines().next().unwrap_or("").trim();
    first_line.chars().filter(|c| !c.is_control()).collect()
}

/// A toml error of `text`.
pub(crate) fn toml(text: &str, e: &toml::de::Error) -> SyntaxError {
    let (line, column) = position(text, e.span().map_or(0, |s| s.start));
    SyntaxError {
        line,
        column,
        what: unquoted(e.message()),
    }
}

/// A serde_json error: its message without the ` at line L column C` it appends.
pub(crate) fn json(e: &serde_json::Error) -> SyntaxError {
    let full = e.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    SyntaxError {
        line: e.line() as u32,
        column: e.column() as u32,
        what: unquoted(message),
    }
}

/// A YAML scan error.
pub(crate) fn yaml(e: &saphyr_parser::ScanError) -> SyntaxError {
    SyntaxError {
        line: e.marker().line() as u32,
        column: e.marker().col() as u32 + 1,
        what: unquoted(e.info()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_words_are_dropped_but_punctuation_kept() {
        assert_eq!(unquoted("duplicate key `JWT_SECRET`"), "duplicate key `…`");
        assert_eq!(
            unquoted("expected `=`, found \"sk-live\""),
            "expected `=`, found \"…\""
        );
        assert_eq!(unquoted("unclosed `abc"), "unclosed");
        assert_eq!(unquoted("a\nb"), "a");
    }

    #[test]
    fn positions_are_one_based_in_characters() {
        assert_eq!(position("ab\ncé\nx", 0), (1, 1));
        assert_eq!(position("ab\ncé\nx", 3), (2, 1));
        assert_eq!(position("ab\ncé\nx", 7), (3, 1));
        assert_eq!(position("ab\ncé\nx", 6), (2, 3));
    }
}
