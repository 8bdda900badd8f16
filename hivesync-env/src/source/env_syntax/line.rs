//! One assignment at a time: [`LineParser`] reads `[export ]NAME = value` from a row of
//! the file (and the rows after it, for a quoted value that spans lines).

use std::collections::HashMap;

use zeroize::Zeroize;

use super::{Assignment, Reading};

/// What reading one assignment gave.
pub(super) enum Step {
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

/// A cursor over the rows of a file, reading the assignment that starts at `row`.
pub(super) struct LineParser<'a> {
    pub(super) lines: &'a [&'a [u8]],
    pub(super) crlf: &'a [bool],
    pub(super) row: usize,
    pub(super) col: usize,
    pub(super) reading: Reading,
    pub(super) earlier: &'a [Assignment],
    pub(super) latest: &'a HashMap<String, usize>,
    /// How many more bytes substitution may add to the file's values.
    pub(super) budget: usize,
    /// How many bytes substitution added to this assignment's value.
    pub(super) substituted: usize,
    /// The names substituted into this assignment's value (see [`Assignment`]).
    pub(super) built_from: Vec<String>,
    /// The row and column of the quote opened last: the one an
    /// [`Unclosed`](Step::Unclosed) step is about.
    pub(super) quote: (usize, usize),
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
    pub(super) fn assignment(&mut self) -> Step {
        self.skip_space();
        if matches!(self.peek(), None | Some(b'#')) {
            return Step::Blank;
        }
        let Some(name) = self.exported_name() else {
            return Step::Bad;
        };
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

    /// `NAME` or `export NAME`, and the spaces after it.
    fn exported_name(&mut self) -> Option<String> {
        let name = self.name()?;
        let spaced = self.skip_space();
        if name == "export" && spaced && self.peek() != Some(b'=') {
            let name = self.name()?;
            self.skip_space();
            return Some(name);
        }
        Some(name)
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
                (Mode::Plain, b'\'' | b'"') => {
                    self.quote = (self.row, self.col - 1);
                    mode = if b == b'"' {
                        Mode::Double
                    } else {
                        Mode::Single
                    };
                }
                (_, b'\\') => self.escape(out)?,
                (_, b'$') => self.substitute(out)?,
                (Mode::Plain, b) if is_space(b) => return self.after_space(out),
                (_, b) => out.push(b),
            }
        }
    }

    /// Moves to the next line of a quoted value; an unclosed quote when there is none
    /// or (as the loader reads) it reads as a new assignment.
    fn next_line_in_quote(&mut self) -> Result<(), Step> {
        let next = self.row + 1;
        let loaded = self.reading == Reading::Loaded;
        if next >= self.lines.len() || loaded && looks_like_assignment(self.lines[next]) {
            return Err(Step::Unclosed { resume: next });
        }
        self.row = next;
        self.col = 0;
        Ok(())
    }

    /// After a `\`: the byte it stands for; as written, the `\` and the byte after it
    /// (so `\"` does not close a quote).
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Step> {
        if self.reading == Reading::AsWritten {
            out.push(b'\\');
            if let Some(b) = self.peek() {
                self.col += 1;
                out.push(b);
            }
            return Ok(());
        }
        let b = self.peek().ok_or(Step::Bad)?;
        self.col += 1;
        out.push(match b {
            b'\\' | b'\'' | b'"' | b'$' | b' ' => b,
            b'n' => b'\n',
            _ => return Err(Step::Bad),
        });
        Ok(())
    }

    /// After a space that ends an unquoted value: only spaces, then maybe a comment.
    /// As written, anything else is taken with the space, to the end of the line or a
    /// comment, so a value the loader rejects (`NAME=two words`) is still read.
    fn after_space(&mut self, out: &mut Vec<u8>) -> Result<(), Step> {
        let space = self.col - 1;
        self.skip_space();
        match self.peek() {
            None | Some(b'#') => Ok(()),
            Some(_) if self.reading == Reading::AsWritten => {
                let line = self.line();
                let rest = &line[space..];
                let end = rest
                    .windows(2)
                    .position(|w| is_space(w[0]) && w[1] == b'#')
                    .unwrap_or(rest.len());
                let kept = rest[..end].len()
                    - rest[..end]
                        .iter()
                        .rev()
                        .take_while(|&&b| is_space(b))
                        .count();
                out.extend_from_slice(&rest[..kept]);
                self.col = line.len();
                Ok(())
            }
            Some(_) => Err(Step::Bad),
        }
    }

    /// `$NAME` or `${NAME}`, after the `$`: the latest earlier value of NAME in this
    /// file. A `$` before anything else is itself; as written, every `$` is.
    fn substitute(&mut self, out: &mut Vec<u8>) -> Result<(), Step> {
        if self.reading == Reading::AsWritten {
            out.push(b'$');
            return Ok(());
        }
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
            self.substitute_value(i, &name, out)?;
        }
        Ok(())
    }

    /// Appends the value of the earlier assignment `i` (of `name`), within the budget.
    fn substitute_value(&mut self, i: usize, name: &String, out: &mut Vec<u8>) -> Result<(), Step> {
        let earlier = &self.earlier[i];
        for n in std::iter::once(name).chain(&earlier.built_from) {
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
        Ok(())
    }
}
