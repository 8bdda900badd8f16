//! `.env` files, parsed by our own parser ([`super::env_syntax`], which says why) and
//! never loaded into the process.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::Zeroize;

use hivesync_env_core::name_is_hidden;

use super::env_syntax;
use super::{Lookup, NotUnicode, Origin, Source};
use crate::report::HIDDEN_NAME;

/// A `.env` file that could not be used.
///
/// Neither variant ever holds the content of a line: it may be a secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum EnvFileError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Lines that are not `NAME=value` assignments, comments or blank, and quotes that
    /// are never closed.
    Syntax {
        /// The 1-based lines of every error, in order, including those in
        /// `unclosed_quotes`.
        lines: Vec<u32>,
        /// The file.
        path: PathBuf,
        /// The lines where a quote opens that is not closed before the end of the file
        /// or before a later line that reads as an assignment.
        unclosed_quotes: Vec<u32>,
    },
}

impl fmt::Display for EnvFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvFileError::Io { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            EnvFileError::Syntax {
                lines,
                path,
                unclosed_quotes,
            } => write!(
                f,
                "{}: {} (the content is not shown, it may be a secret)",
                path.display(),
                syntax_phrase(lines, unclosed_quotes)
            ),
        }
    }
}

impl std::error::Error for EnvFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EnvFileError::Io { source, .. } => Some(source),
            EnvFileError::Syntax { .. } => None,
        }
    }
}

fn syntax_phrase(lines: &[u32], unclosed: &[u32]) -> String {
    let other: Vec<u32> = lines
        .iter()
        .copied()
        .filter(|l| !unclosed.contains(l))
        .collect();
    let mut parts = Vec::new();
    if !other.is_empty() {
        parts.push(format!(
            "cannot parse {}: expected `NAME=value`",
            lines_phrase(&other)
        ));
    }
    if !unclosed.is_empty() {
        parts.push(format!(
            "the quote opened on {} is never closed",
            lines_phrase(unclosed)
        ));
    }
    parts.join("; ")
}

/// The lines of `a` and `b` in order, each once. Both are in increasing order (the
/// parser pushes each line number once, in file order), so a merge sorts them: no
/// copy of the standard library's sort in this crate's build.
fn merge_lines(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut lines = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if y < x => {
                j += 1;
                y
            }
            (Some(&x), _) => {
                i += 1;
                x
            }
            (None, Some(&y)) => {
                j += 1;
                y
            }
            (None, None) => break,
        };
        if lines.last() != Some(&next) {
            lines.push(next);
        }
    }
    lines
}

fn lines_phrase(lines: &[u32]) -> String {
    let list: Vec<String> = lines.iter().map(u32::to_string).collect();
    match lines.len() {
        1 => format!("line {}", list[0]),
        _ => format!("lines {}", list.join(", ")),
    }
}

struct Entry {
    name: String,
    value: Result<String, NotUnicode>,
    line: u32,
    built_from: Vec<String>,
}

/// The assignments of one `.env` file, in order.
///
/// The syntax is dotenv's (quotes, `export`, comments, multi-line quoted values,
/// `${VAR}` substitution from **earlier lines of the same file only**, never the
/// process environment; see the [`source`](crate::source) module), and nothing is
/// written to the process environment. A byte-order mark and CRLF line endings are
/// accepted. When a name is assigned
/// twice, the **last** assignment wins, as when the file is sourced by a shell. A line
/// that is not valid UTF-8 yields a `not_unicode` value for its name. Values are
/// zeroized when the file is dropped.
///
/// ```
/// use hivesync_env::source::{EnvFile, Origin, Source};
/// let file = EnvFile::parse("backend.env", b"# comment\nPORT=4000\nexport LOG_LEVEL='debug'\n").unwrap();
/// let port = file.get("PORT").unwrap();
/// assert_eq!(port.value.unwrap(), "4000");
/// assert_eq!(port.origin.to_string(), "backend.env:2");
///
/// let err = EnvFile::parse("bad.env", b"PORT=4000\nnot an assignment\n").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "bad.env: cannot parse line 2: expected `NAME=value` (the content is not shown, it may be a secret)"
/// );
/// ```
pub struct EnvFile {
    path: Arc<Path>,
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
}

/// The largest `.env` file [`EnvFile::read`] reads: far more than any real one, and a
/// device such as `/dev/zero` must not be read forever.
pub const ENV_FILE_LIMIT: u64 = 1024 * 1024;

impl EnvFile {
    /// Reads and parses the file at `path`: a regular file of at most
    /// [`ENV_FILE_LIMIT`] bytes (see [`bounded_read`](crate::bounded_read); a FIFO, a
    /// device or a `/proc` file is an [`EnvFileError::Io`] at once).
    pub fn read(path: impl AsRef<Path>) -> Result<EnvFile, EnvFileError> {
        let path = path.as_ref();
        let mut bytes =
            crate::bounded_read::read(path, ENV_FILE_LIMIT).map_err(|source| EnvFileError::Io {
                path: path.to_owned(),
                source,
            })?;
        let parsed = EnvFile::parse(path, &bytes);
        bytes.zeroize();
        parsed
    }

    /// Parses `bytes` as the content of a file called `path`; nothing is read from disk
    /// and nothing else (no process environment) is consulted.
    pub fn parse(path: impl AsRef<Path>, bytes: &[u8]) -> Result<EnvFile, EnvFileError> {
        let path: Arc<Path> = Arc::from(path.as_ref());
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut parsed = env_syntax::parse(bytes);
        syntax_error(&path, &parsed)?;
        let entries = entries(&mut parsed.assignments);
        let index = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.clone(), i))
            .collect();
        Ok(EnvFile {
            path,
            entries,
            index,
        })
    }

    /// The file's path, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The assigned names in file order (a name assigned twice appears twice).
    pub fn assigned_names(&self) -> impl Iterator<Item = (&str, u32)> {
        self.entries.iter().map(|e| (e.name.as_str(), e.line))
    }
}

/// Every syntax error of `parsed`, as one error naming all their lines.
fn syntax_error(path: &Path, parsed: &env_syntax::Parsed) -> Result<(), EnvFileError> {
    if parsed.bad_lines.is_empty() && parsed.unclosed_quotes.is_empty() {
        return Ok(());
    }
    let unclosed_quotes: Vec<u32> = parsed.unclosed_quotes.iter().map(|u| u.line).collect();
    let lines = merge_lines(&parsed.bad_lines, &unclosed_quotes);
    Err(EnvFileError::Syntax {
        path: path.to_path_buf(),
        lines,
        unclosed_quotes,
    })
}

/// The entries of the parsed assignments, their values moved out (a value that is not
/// UTF-8 is wiped and becomes [`NotUnicode`]).
fn entries(assignments: &mut [env_syntax::Assignment]) -> Vec<Entry> {
    assignments
        .iter_mut()
        .map(|a| Entry {
            name: std::mem::take(&mut a.name),
            value: String::from_utf8(std::mem::take(&mut a.value)).map_err(|e| {
                e.into_bytes().zeroize();
                NotUnicode
            }),
            line: a.line,
            built_from: std::mem::take(&mut a.built_from),
        })
        .collect()
}

impl Drop for EnvFile {
    fn drop(&mut self) {
        for e in &mut self.entries {
            if let Ok(v) = &mut e.value {
                v.zeroize();
            }
        }
    }
}

/// Lists names and lines only: values may be secrets, and names with the shape of a
/// credential are hidden.
impl fmt::Debug for EnvFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvFile")
            .field("path", &self.path)
            .field(
                "names",
                &self
                    .assigned_names()
                    .map(|(n, line)| {
                        let shown = if name_is_hidden(n) { HIDDEN_NAME } else { n };
                        (shown, line)
                    })
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Source for EnvFile {
    fn get(&self, name: &str) -> Option<Lookup> {
        let e = &self.entries[*self.index.get(name)?];
        Some(Lookup {
            value: e.value.clone(),
            origin: Origin::File {
                path: self.path.clone(),
                line: e.line,
            },
        })
    }

    fn built_from(&self, name: &str) -> Vec<String> {
        self.index
            .get(name)
            .map_or_else(Vec::new, |&i| self.entries[i].built_from.clone())
    }

    fn names(&self) -> Vec<(String, Origin)> {
        self.index
            .values()
            .map(|&i| {
                let e = &self.entries[i];
                let origin = Origin::File {
                    path: self.path.clone(),
                    line: e.line,
                };
                (e.name.clone(), origin)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(file: &EnvFile, name: &str) -> String {
        file.get(name).unwrap().value.unwrap()
    }

    #[test]
    fn every_malformed_line_is_named() {
        let err = EnvFile::parse("x.env", b"A=1\n=nope\nB=2\nC D\n").unwrap_err();
        match err {
            EnvFileError::Syntax { lines, .. } => assert_eq!(lines, [2, 4]),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn syntax_errors_do_not_show_the_line() {
        let err = EnvFile::parse("x.env", b"JWT_SECRET 'topsecretvalue\n").unwrap_err();
        assert!(!err.to_string().contains("topsecret"), "{err}");
        assert!(!format!("{err:?}").contains("topsecret"), "{err:?}");
    }

    #[test]
    fn quotes_export_bom_and_crlf() {
        let file = EnvFile::parse(
            "x.env",
            b"\xEF\xBB\xBFA=1\r\nexport B=\"two words\"\r\nC='x=y'\r\nD=\"multi\nline\"\r\nE=5\n",
        )
        .unwrap();
        assert_eq!(value(&file, "A"), "1");
        assert_eq!(value(&file, "B"), "two words");
        assert_eq!(value(&file, "C"), "x=y");
        assert_eq!(value(&file, "D"), "multi\nline");
        assert_eq!(file.get("E").unwrap().origin.to_string(), "x.env:6");
    }

    #[test]
    fn the_last_duplicate_wins_and_keeps_its_line() {
        let file = EnvFile::parse("x.env", b"A=1\nB=2\nA=3\n").unwrap();
        assert_eq!(value(&file, "A"), "3");
        assert_eq!(file.get("A").unwrap().origin.to_string(), "x.env:3");
        assert_eq!(file.assigned_names().count(), 3);
    }

    #[test]
    fn non_utf8_lines_become_not_unicode_values() {
        let file = EnvFile::parse("x.env", b"A=ok\nB=\xff\xfe\nC=fine\n").unwrap();
        assert_eq!(file.get("B").unwrap().value, Err(NotUnicode));
        assert_eq!(value(&file, "C"), "fine");
        assert_eq!(file.get("B").unwrap().origin.to_string(), "x.env:2");
    }

    #[test]
    fn debug_lists_names_not_values() {
        let file = EnvFile::parse("x.env", b"JWT_SECRET=abcdef123456\n").unwrap();
        let debug = format!("{file:?}");
        assert!(
            debug.contains("JWT_SECRET") && !debug.contains("abcdef"),
            "{debug}"
        );
    }
}
