//! The lexer of the Rust scanner: identifiers, punctuation and string literals, each
//! with its line, comments dropped (nested block comments too) and every literal kept
//! whole (cooked, raw, byte and C strings), so code inside a fixture string or a doc
//! comment is never taken for code.

/// A token of a Rust source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    Ident(String),
    Punct(char),
    Str(String),
    /// A number, a char literal, a lifetime or a label.
    Other,
}

/// The tokens of `src`, each with its 1-based line.
pub(super) fn lex(src: &str) -> Vec<(Tok, u32)> {
    let mut lexer = Lexer {
        c: src.chars().collect(),
        i: 0,
        line: 1,
        toks: Vec::new(),
    };
    while lexer.i < lexer.c.len() {
        lexer.step();
    }
    lexer.toks
}

fn is_ident_start(ch: char) -> bool {
    ch == '_' || ch.is_alphabetic()
}

fn is_ident(ch: char) -> bool {
    ch == '_' || ch.is_alphanumeric()
}

struct Lexer {
    c: Vec<char>,
    /// The index of the next character.
    i: usize,
    /// The 1-based line of `c[i]`.
    line: u32,
    toks: Vec<(Tok, u32)>,
}

impl Lexer {
    fn at(&self, k: usize) -> Option<char> {
        self.c.get(self.i + k).copied()
    }

    fn push(&mut self, tok: Tok, line: u32) {
        self.toks.push((tok, line));
    }

    /// Reads one token (or one whitespace character, or one comment) at `i`.
    fn step(&mut self) {
        let (ch, next) = (self.c[self.i], self.at(1));
        if ch == '\n' {
            self.line += 1;
            self.i += 1;
        } else if ch.is_whitespace() {
            self.i += 1;
        } else if ch == '/' && next == Some('/') {
            self.i = self.end_of_line();
        } else if ch == '/' && next == Some('*') {
            self.block_comment();
        } else if ch == '"' {
            self.cooked_string(self.i + 1);
        } else if let Some((hashes, body)) = self.raw_string_start() {
            self.raw_string(hashes, body);
        } else if (ch == 'b' || ch == 'c') && next == Some('"') {
            self.cooked_string(self.i + 2);
        } else if ch == 'b' && next == Some('\'') {
            self.i = self.char_literal_end(self.i + 1);
            self.push(Tok::Other, self.line);
        } else if ch == '\'' {
            self.quote();
        } else if ch == 'r' && next == Some('#') && self.at(2).is_some_and(is_ident_start) {
            // A raw identifier: `r#type`.
            self.ident(self.i + 2);
        } else if is_ident_start(ch) {
            self.ident(self.i);
        } else if ch.is_ascii_digit() {
            self.i = self.ident_end(self.i);
            self.push(Tok::Other, self.line);
        } else {
            self.push(Tok::Punct(ch), self.line);
            self.i += 1;
        }
    }

    fn end_of_line(&self) -> usize {
        let rest = &self.c[self.i..];
        self.i + rest.iter().position(|&c| c == '\n').unwrap_or(rest.len())
    }

    /// The index after the identifier characters from `from`.
    fn ident_end(&self, from: usize) -> usize {
        let rest = &self.c[from..];
        from + rest.iter().take_while(|&&c| is_ident(c)).count()
    }

    /// An identifier whose name starts at `from` (after `r#` for a raw one).
    fn ident(&mut self, from: usize) {
        let end = self.ident_end(from);
        let name = self.c[from..end].iter().collect();
        self.push(Tok::Ident(name), self.line);
        self.i = end;
    }

    /// `/* ... */`, nested ones included.
    fn block_comment(&mut self) {
        let mut depth = 0;
        while self.i < self.c.len() {
            let (ch, next) = (self.c[self.i], self.at(1));
            if ch == '/' && next == Some('*') {
                depth += 1;
                self.i += 2;
            } else if ch == '*' && next == Some('/') {
                depth -= 1;
                self.i += 2;
                if depth == 0 {
                    return;
                }
            } else {
                if ch == '\n' {
                    self.line += 1;
                }
                self.i += 1;
            }
        }
    }

    /// `'`: a char literal (`'x'`, `'\n'`), or a lifetime or label (`'a`).
    fn quote(&mut self) {
        if self.at(1) == Some('\\') || self.at(2) == Some('\'') {
            self.i = self.char_literal_end(self.i);
        } else {
            self.i = self.ident_end(self.i + 1);
        }
        self.push(Tok::Other, self.line);
    }

    /// `r"`, `r#"`, `br##"`, `cr"` at `i`: the number of `#` and the index of the
    /// first character of the body.
    fn raw_string_start(&self) -> Option<(usize, usize)> {
        let mut j = self.i;
        if matches!(self.c.get(j), Some('b' | 'c')) {
            j += 1;
        }
        if self.c.get(j) != Some(&'r') {
            return None;
        }
        j += 1;
        let mut hashes = 0;
        while self.c.get(j) == Some(&'#') {
            hashes += 1;
            j += 1;
        }
        (self.c.get(j) == Some(&'"')).then_some((hashes, j + 1))
    }

    /// A raw string whose body starts at `body`, closed by `"` and `hashes` `#`.
    fn raw_string(&mut self, hashes: usize, body: usize) {
        let start_line = self.line;
        let c = &self.c;
        let mut j = body;
        let mut s = String::new();
        while j < c.len() {
            if c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#')) {
                j += 1 + hashes;
                break;
            }
            if c[j] == '\n' {
                self.line += 1;
            }
            s.push(c[j]);
            j += 1;
        }
        self.push(Tok::Str(s), start_line);
        self.i = j;
    }

    /// A `"..."` literal whose body starts at `from`. Escapes other than `\"` and `\\`
    /// are kept as written.
    fn cooked_string(&mut self, from: usize) {
        let start_line = self.line;
        let c = &self.c;
        let mut s = String::new();
        let mut i = from;
        while i < c.len() {
            match c[i] {
                '"' => {
                    i += 1;
                    break;
                }
                '\\' if i + 1 < c.len() => {
                    let e = c[i + 1];
                    if e != '"' && e != '\\' {
                        s.push('\\');
                    }
                    s.push(e);
                    i += 2;
                }
                ch => {
                    s.push(ch);
                    i += 1;
                }
            }
            if c[i - 1] == '\n' {
                self.line += 1;
            }
        }
        self.push(Tok::Str(s), start_line);
        self.i = i;
    }

    /// The index after a char literal whose opening quote is at `i`.
    fn char_literal_end(&self, i: usize) -> usize {
        let c = &self.c;
        let mut j = i + 1;
        while j < c.len() && c[j] != '\'' && c[j] != '\n' {
            if c[j] == '\\' {
                j += 1;
            }
            j += 1;
        }
        j + 1
    }
}
