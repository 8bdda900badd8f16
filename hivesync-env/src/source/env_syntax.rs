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

use std::collections::HashMap;

use zeroize::Zeroize;

/// The most bytes substitution may add to the values of one file: a few lines of
/// `B=$A$A` doubling each other must not take the memory of the machine.
const EXPANDED_LIMIT: usize = 8 * 1024 * 1024;

/// One `NAME=value` line (or lines, for a quoted multi-line value).
pub(super) struct Assignment {
    pub name: String,
    pub value: Vec<u8>,
    /// The 1-based line the assignment starts on.
    pub line: u32,
    /// The names whose values were substituted into this one, directly or through
    /// another substituted name (`B=$A` then `C=$B` gives C `["B", "A"]`).
    pub built_from: Vec<String>,
}

impl Drop for Assignment {
    fn drop(&mut self) {
        self.value.zeroize();
    }
}

/// The result of parsing a whole file: what was read, and every error by line.
#[derive(Default)]
pub(super) struct Parsed {
    pub assignments: Vec<Assignment>,
    /// Lines that are not assignments, comments or blank.
    pub bad_lines: Vec<u32>,
    /// Lines where a quote opens that is never closed.
    pub unclosed_quotes: Vec<u32>,
}

/// Parses `bytes` (without a byte-order mark) as a `.env` file.
pub(super) fn parse(bytes: &[u8]) -> Parsed {
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
            earlier: &parsed.assignments,
            latest: &latest,
            budget: EXPANDED_LIMIT - expanded,
            substituted: 0,
            built_from: Vec::new(),
        };
        let step = p.assignment();
        let next = p.row + 1;
        expanded += p.substituted.min(EXPANDED_LIMIT - expanded);
        match step {
            Step::Blank => row += 1,
            Step::Bad => {
                parsed.bad_lines.push(line_no);
                row = next;
            }
            Step::Unclosed { resume } => {
                parsed.unclosed_quotes.push(line_no);
                row = resume;
            }
            Step::Done(name, value, built_from) => {
                latest.insert(name.clone(), parsed.assignments.len());
                parsed.assignments.push(Assignment {
                    name,
                    value,
                    line: line_no,
                    built_from,
                });
                row = next;
            }
        }
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

enum Step {
    Blank,
    Bad,
    Unclosed { resume: usize },
    Done(String, Vec<u8>, Vec<String>),
}

/// How a value is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Plain,
    Single,
    Double,
}

struct LineParser<'a> {
    lines: &'a [&'a [u8]],
    crlf: &'a [bool],
    row: usize,
    col: usize,
    earlier: &'a [Assignment],
    latest: &'a HashMap<String, usize>,
    /// How many more bytes substitution may add to the file's values.
    budget: usize,
    /// How many bytes substitution added to this assignment's value.
    substituted: usize,
    /// The names substituted into this assignment's value (see [`Assignment`]).
    built_from: Vec<String>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c')
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a line inside a quoted value reads as the start of a new assignment
/// (`JWT_SECRET=...`): an upper-case name then `=` and not `==` (the end of a base64
/// line in a PEM key). The quote before it is then taken as unclosed.
fn looks_like_assignment(line: &[u8]) -> bool {
    let line = trim_start(line);
    let line = match line.strip_prefix(b"export") {
        Some(rest) if rest.first().is_some_and(|&b| is_space(b)) => trim_start(rest),
        _ => line,
    };
    let name_len = line
        .iter()
        .take_while(|&&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        .count();
    let starts_upper = line
        .first()
        .is_some_and(|&b| b.is_ascii_uppercase() || b == b'_');
    let rest = trim_start(&line[name_len..]);
    starts_upper && name_len >= 2 && rest.starts_with(b"=") && !rest.starts_with(b"==")
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&b| is_space(b)).count();
    &s[n..]
}

impl LineParser<'_> {
    fn line(&self) -> &[u8] {
        self.lines[self.row]
    }

    fn peek(&self) -> Option<u8> {
        self.line().get(self.col).copied()
    }

    fn skip_space(&mut self) -> bool {
        let start = self.col;
        while self.peek().is_some_and(is_space) {
            self.col += 1;
        }
        self.col > start
    }

    fn name(&mut self) -> Option<String> {
        if !self.peek().is_some_and(is_name_start) {
            return None;
        }
        let start = self.col;
        while self.peek().is_some_and(is_name_byte) {
            self.col += 1;
        }
        // Only ASCII bytes were taken.
        Some(String::from_utf8_lossy(&self.line()[start..self.col]).into_owned())
    }

    /// `[export ]NAME = value`, a comment, or a blank line.
    fn assignment(&mut self) -> Step {
        self.skip_space();
        if matches!(self.peek(), None | Some(b'#')) {
            return Step::Blank;
        }
        let Some(mut name) = self.name() else {
            return Step::Bad;
        };
        let spaced = self.skip_space();
        if name == "export" && spaced && self.peek() != Some(b'=') {
            match self.name() {
                Some(n) => name = n,
                None => return Step::Bad,
            }
            self.skip_space();
        }
        if self.peek() != Some(b'=') {
            return Step::Bad;
        }
        self.col += 1;
        self.skip_space();
        if matches!(self.peek(), None | Some(b'#')) {
            return Step::Done(name, Vec::new(), Vec::new());
        }
        let mut out = Vec::new();
        match self.value(&mut out) {
            Ok(()) => Step::Done(name, out, std::mem::take(&mut self.built_from)),
            Err(step) => {
                out.zeroize();
                step
            }
        }
    }

    /// The value from the cursor to its end, into `out`.
    fn value(&mut self, out: &mut Vec<u8>) -> Result<(), Step> {
        let mut mode = Mode::Plain;
        loop {
            let Some(b) = self.peek() else {
                if mode == Mode::Plain {
                    return Ok(());
                }
                // A quoted value keeps its line breaks as written, CRLF or LF.
                if self.crlf[self.row] {
                    out.push(b'\r');
                }
                self.next_line_in_quote()?;
                out.push(b'\n');
                continue;
            };
            self.col += 1;
            match (mode, b) {
                (Mode::Single, b'\'') | (Mode::Double, b'"') => mode = Mode::Plain,
                (Mode::Single, _) => out.push(b),
                (Mode::Plain, b'\'') => mode = Mode::Single,
                (Mode::Plain, b'"') => mode = Mode::Double,
                (_, b'\\') => out.push(self.escape()?),
                (_, b'$') => self.substitute(out)?,
                (Mode::Plain, b) if is_space(b) => return self.only_comment_left(),
                (_, b) => out.push(b),
            }
        }
    }

    /// Moves to the next line of a quoted value; an unclosed quote when there is none
    /// or it reads as a new assignment.
    fn next_line_in_quote(&mut self) -> Result<(), Step> {
        let next = self.row + 1;
        if next >= self.lines.len() || looks_like_assignment(self.lines[next]) {
            return Err(Step::Unclosed { resume: next });
        }
        self.row = next;
        self.col = 0;
        Ok(())
    }

    fn escape(&mut self) -> Result<u8, Step> {
        let b = self.peek().ok_or(Step::Bad)?;
        self.col += 1;
        match b {
            b'\\' | b'\'' | b'"' | b'$' | b' ' => Ok(b),
            b'n' => Ok(b'\n'),
            _ => Err(Step::Bad),
        }
    }

    /// After a space that ends an unquoted value: only spaces, then maybe a comment.
    fn only_comment_left(&mut self) -> Result<(), Step> {
        self.skip_space();
        match self.peek() {
            None | Some(b'#') => Ok(()),
            Some(_) => Err(Step::Bad),
        }
    }

    /// `$NAME` or `${NAME}`, after the `$`: the latest earlier value of NAME in this
    /// file. A `$` before anything else is itself.
    fn substitute(&mut self, out: &mut Vec<u8>) -> Result<(), Step> {
        let braced = self.peek() == Some(b'{');
        if braced {
            self.col += 1;
        }
        let Some(name) = self.name() else {
            if braced {
                return Err(Step::Bad);
            }
            out.push(b'$');
            return Ok(());
        };
        if braced {
            if self.peek() != Some(b'}') {
                return Err(Step::Bad);
            }
            self.col += 1;
        }
        if let Some(&i) = self.latest.get(&name) {
            let earlier = &self.earlier[i];
            for n in std::iter::once(&name).chain(&earlier.built_from) {
                if !self.built_from.contains(n) {
                    self.built_from.push(n.clone());
                }
            }
            let value = &earlier.value;
            self.substituted += value.len();
            if self.substituted > self.budget {
                return Err(Step::Bad);
            }
            out.extend_from_slice(value);
        }
        Ok(())
    }
}
