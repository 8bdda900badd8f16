//! `.env` files, parsed with dotenvy's parser and never loaded into the process.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::Zeroize;

use super::{Lookup, NotUnicode, Origin, Source};

/// A `.env` file that could not be used.
///
/// Neither variant ever holds the content of a line: it may be a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EnvFileError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Lines that are not `NAME=value` assignments, comments or blank.
    #[error(
        "{}: cannot parse {}: expected `NAME=value` (the content is not shown, it may be a secret)",
        path.display(),
        lines_phrase(lines)
    )]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The 1-based lines, in order.
        lines: Vec<u32>,
    },
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
}

/// The assignments of one `.env` file, in order.
///
/// The file is parsed by [`dotenvy`]'s parser (quotes, `export`, comments, multi-line
/// values, `${VAR}` substitution) but nothing is written to the process environment.
/// A byte-order mark and CRLF line endings are accepted. When a name is assigned
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

    /// Parses `bytes` as the content of a file called `path`; nothing is read from disk.
    pub fn parse(path: impl AsRef<Path>, bytes: &[u8]) -> Result<EnvFile, EnvFileError> {
        let path: Arc<Path> = Arc::from(path.as_ref());
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);

        // Lines that are not UTF-8 are blanked before dotenvy sees them (it would stop
        // there) and kept as `not_unicode` values when their name can be read.
        let mut text = String::with_capacity(bytes.len());
        let mut not_unicode = Vec::new();
        let mut bad_lines = Vec::new();
        for (i, raw) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
            let line_no = i as u32 + 1;
            match std::str::from_utf8(raw) {
                Ok(s) => text.push_str(s),
                Err(_) => {
                    match assignment_name(&String::from_utf8_lossy(raw)) {
                        Some(name) => not_unicode.push((name.to_owned(), line_no)),
                        None => bad_lines.push(line_no),
                    }
                    // Keep the line count: a last line without a newline adds none.
                    if raw.ends_with(b"\n") {
                        text.push('\n');
                    }
                }
            }
        }

        let starts = assignment_lines(&text);
        let line_starts = line_starts(&text);
        // Every line named below is a line of the file, even when the pre-scan and
        // dotenvy disagree about where an assignment starts.
        let last_line = line_starts.len() as u32 - u32::from(text.ends_with('\n'));
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut entries = Vec::new();
        let mut cursor_line = 0u32;
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok((name, value)) => {
                    let nth = seen.entry(starts_key(&starts, &name)).or_insert(0);
                    let line = starts
                        .get(name.as_str())
                        .and_then(|lines| lines.get(*nth))
                        .copied()
                        .unwrap_or(cursor_line + 1)
                        .min(last_line);
                    *nth += 1;
                    cursor_line = line;
                    entries.push(Entry {
                        name,
                        value: Ok(value),
                        line,
                    });
                }
                Err(dotenvy::Error::LineParse(mut content, _)) => {
                    let line = line_of(&text, &line_starts, &content, cursor_line).min(last_line);
                    content.zeroize();
                    cursor_line = line;
                    bad_lines.push(line);
                }
                Err(_) => bad_lines.push((cursor_line + 1).min(last_line)),
            }
        }
        text.zeroize();
        for (name, line) in not_unicode {
            entries.push(Entry {
                name,
                value: Err(NotUnicode),
                line,
            });
        }
        entries.sort_by_key(|e| e.line);
        if !bad_lines.is_empty() {
            bad_lines.sort_unstable();
            bad_lines.dedup();
            return Err(EnvFileError::Syntax {
                path: path.to_path_buf(),
                lines: bad_lines,
            });
        }
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

/// Ties the borrow of `seen` to the pre-scan rather than to the parsed name.
fn starts_key<'a>(starts: &HashMap<&'a str, Vec<u32>>, name: &str) -> &'a str {
    starts.get_key_value(name).map_or("", |(k, _)| k)
}

/// The name a line assigns, if it looks like `[export ]NAME=`.
fn assignment_name(line: &str) -> Option<&str> {
    let (name, _) = line.trim_start().split_once('=')?;
    let name = name.trim_end();
    // `export` then any whitespace, as dotenvy reads it: `export\x0bNAME=` (a
    // vertical tab) once shifted later line numbers past the end of the file.
    let name = match name.strip_prefix("export") {
        Some(rest) if rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => name,
    };
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'));
    valid.then_some(name)
}

/// For each name, the lines that start an assignment of it, in order.
fn assignment_lines(text: &str) -> HashMap<&str, Vec<u32>> {
    let mut starts: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(name) = assignment_name(line) {
            starts.entry(name).or_default().push(i as u32 + 1);
        }
    }
    starts
}

/// The byte offset at which each line of `text` starts: line 1 at index 0.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The line where `content` (a logical line dotenvy rejected) starts, searching from
/// `after_line`.
///
/// `line_starts` is computed once per file: counting lines from the top for every
/// rejected line made a file of garbage lines quadratic (16,000 lines took seconds).
fn line_of(text: &str, line_starts: &[usize], content: &str, after_line: u32) -> u32 {
    let skip = line_starts
        .get(after_line as usize)
        .copied()
        .unwrap_or(text.len());
    let needle = content.trim_end_matches(['\n', '\r']);
    let at = text[skip..]
        .find(needle)
        .filter(|_| !needle.is_empty())
        .map_or(text.len(), |i| skip + i);
    line_starts.partition_point(|&start| start <= at) as u32
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

/// Lists names and lines only: values may be secrets.
impl fmt::Debug for EnvFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvFile")
            .field("path", &self.path)
            .field("names", &self.assigned_names().collect::<Vec<_>>())
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
