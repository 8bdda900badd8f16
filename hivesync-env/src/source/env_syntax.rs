//! The `.env` syntax: our own parser, because dotenvy's cannot give three guarantees.
//!
//! dotenvy 0.15 (the parser used before) reads the **process environment** while it
//! parses: `AI_MODEL=${JWT_SECRET}` copied a secret of the shell into a public value,
//! even when the caller asked for no process environment, and it has no switch to
//! turn that off. It also let an unclosed quote swallow every following line into one
//! value, and reported its errors with the rejected text. This parser accepts the same
//! syntax and decides those cases:
//!
//! - `NAME=value`, `export NAME=value`, spaces around `=`, `# comments` on their own
//!   line or after a value and a space, blank lines; a byte-order mark and CRLF line
//!   endings; names are `[A-Za-z_][A-Za-z0-9_]*`;
//! - unquoted values end at the first space or tab (only a comment may follow);
//!   `'single'` quotes are literal; `"double"` quotes and unquoted text take the
//!   escapes `\\`, `\'`, `\"`, `\$`, `\ ` and `\n` (a newline); a quoted value may span
//!   lines and keeps its line breaks as written (LF or CRLF);
//! - **substitution** (`$NAME`, `${NAME}`, outside single quotes) is Compose's rule
//!   for one file: the value of the latest **earlier assignment in the same file**,
//!   or nothing when there is none. Never the process environment, another file or a
//!   later line: the result of parsing depends on the bytes alone. `${` that is not a
//!   name followed by `}` (`${NAME:-default}`) is a syntax error, not an empty value;
//! - a quote still open at the end of the file, or at a later line that looks like an
//!   assignment (`JWT_SECRET=...`), is an **unclosed quote**: an error on the line
//!   where it opened; parsing resumes at that later line;
//! - errors carry line numbers only, never content.
//!
//! Values are bytes until the end: a value that is not UTF-8 is kept as such (the
//! caller reports `not_unicode`) and every buffer holding a value is zeroized.
//!
//! The same parser reads a file **as written** for `audit` ([`parse_as_written`]):
//! the same names, lines, quotes and comments, but escapes and `$` references are kept
//! as they stand (`"${JWT_SECRET}"` is the reference `${JWT_SECRET}`, which the
//! audit judges, not an empty value), and an unquoted value that the loader rejects
//! for a space inside it (`NAME=two words`) is read to the end of its line, so a
//! committed secret on such a line is still found. A quote runs to its closing quote
//! however many lines that takes (a line inside it that reads as an assignment is
//! part of the value, as the file says), and is unclosed only at the end of the file.
//! The work is linear in the input.

use std::collections::HashMap;

use zeroize::Zeroize;

mod line;

use line::{LineParser, Step};

/// The most bytes substitution may add to the values of one file: a few lines of
/// `B=$A$A` doubling each other must not take the memory of the machine.
const EXPANDED_LIMIT: usize = 8 * 1024 * 1024;

/// How values are read: as the loader takes them, or as written (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Loaded,
    AsWritten,
}

/// One `NAME=value` line (or lines, for a quoted multi-line value).
pub(crate) struct Assignment {
    pub(crate) name: String,
    pub(crate) value: Vec<u8>,
    /// The 1-based line the assignment starts on.
    pub(crate) line: u32,
    /// The names whose values were substituted into this one, directly or through
    /// another substituted name (`B=$A` then `C=$B` gives C `["B", "A"]`).
    pub(crate) built_from: Vec<String>,
}

impl Drop for Assignment {
    fn drop(&mut self) {
        self.value.zeroize();
    }
}

/// A quote that is never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unclosed {
    /// The 1-based line of the assignment whose value it opens: the line of the error.
    pub(crate) line: u32,
    /// The 1-based line and byte column of the quote itself.
    pub(crate) quote: (u32, u32),
}

/// The result of parsing a whole file: what was read, and every error by line.
#[derive(Default)]
pub(crate) struct Parsed {
    pub(crate) assignments: Vec<Assignment>,
    /// Lines that are not assignments, comments or blank.
    pub(crate) bad_lines: Vec<u32>,
    /// Quotes that are never closed, in file order.
    pub(crate) unclosed_quotes: Vec<Unclosed>,
}

/// Parses `bytes` (without a byte-order mark) as a `.env` file, as the loader reads it.
pub(crate) fn parse(bytes: &[u8]) -> Parsed {
    parse_with(bytes, Reading::Loaded)
}

/// Parses `bytes` (without a byte-order mark) as written: escapes and references kept
/// (see the module docs).
#[cfg_attr(not(feature = "audit"), allow(dead_code))]
pub(crate) fn parse_as_written(bytes: &[u8]) -> Parsed {
    parse_with(bytes, Reading::AsWritten)
}

fn parse_with(bytes: &[u8], reading: Reading) -> Parsed {
    let (lines, crlf) = split_lines(bytes);
    let mut parsed = Parsed::default();
    let mut latest: HashMap<String, usize> = HashMap::new();
    let mut expanded = 0usize;
    let mut row = 0;
    while row < lines.len() {
        let line_no = row as u32 + 1;
        let mut p = LineParser {
            lines: &lines,
            crlf: &crlf,
            row,
            col: 0,
            reading,
            earlier: &parsed.assignments,
            latest: &latest,
            budget: EXPANDED_LIMIT - expanded,
            substituted: 0,
            built_from: Vec::new(),
            quote: (row, 0),
        };
        let step = p.assignment();
        let (next, quote) = (p.row + 1, p.quote);
        expanded += p.substituted.min(EXPANDED_LIMIT - expanded);
        row = match step {
            Step::Blank => row + 1,
            Step::Bad => {
                parsed.bad_lines.push(line_no);
                next
            }
            Step::Unclosed { resume } => {
                let quote = (quote.0 as u32 + 1, quote.1 as u32 + 1);
                let line = line_no;
                parsed.unclosed_quotes.push(Unclosed { line, quote });
                resume
            }
            Step::Done(name, value, built_from) => {
                // As written, nothing is substituted: no index of names is needed.
                if reading == Reading::Loaded {
                    latest.insert(name.clone(), parsed.assignments.len());
                }
                parsed.assignments.push(Assignment {
                    name,
                    value,
                    line: line_no,
                    built_from,
                });
                next
            }
        };
    }
    parsed
}

/// The lines of `bytes`, ended by LF or CRLF, without their ending, and whether each
/// ended with CRLF. A CR alone is part of its line, as in dotenvy and POSIX shells.
fn split_lines(bytes: &[u8]) -> (Vec<&[u8]>, Vec<bool>) {
    bytes
        .split(|&b| b == b'\n')
        .map(|l| match l.strip_suffix(b"\r") {
            Some(l) => (l, true),
            None => (l, false),
        })
        .unzip()
}
