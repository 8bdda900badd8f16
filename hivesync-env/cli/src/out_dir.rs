//! Reading the `--out` folder of `hivesync-env docs` (and the files placed beside
//! their code) without ever leaving it: a `wrangler` entry that is a symbolic link to
//! `/etc`, or an `ENVIRONMENT.md` that links to `/dev/zero`, is refused, never
//! followed, and only regular files of at most [`MAX_FILE`] bytes are read, checked
//! on the opened handle ([`hivesync_env::bounded_read`]). Writing goes through
//! [`crate::write`], with the same refusals.
//!
//! Every refusal names the path and ends the command with exit 2.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The largest file `docs --check` reads: far above any artifact (the largest is a
/// few KiB), far below what could exhaust memory.
pub const MAX_FILE: u64 = 4 * 1024 * 1024;

/// A refusal or I/O error, with the path it is about.
#[derive(Debug)]
pub struct OutError {
    /// The path at fault.
    pub path: PathBuf,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for OutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display().to_string();
        write!(
            f,
            "{}: {}",
            hivesync_env_core::escape_visible(&path),
            self.message
        )
    }
}

fn err(path: &Path, message: impl ToString) -> OutError {
    OutError {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Every file under `dir` as `relative/path -> text` (`/`-separated); empty when `dir`
/// does not exist. A file that is not UTF-8 reads as an empty text, so it is stale. A
/// link, a FIFO, a device or a file over [`MAX_FILE`] is an error.
pub fn read_tree(dir: &Path) -> Result<BTreeMap<String, String>, OutError> {
    let mut out = BTreeMap::new();
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(err(dir, e)),
        Ok(_) => {}
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| err(&folder, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| err(&folder, e))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| err(&path, e))?;
            if kind.is_symlink() {
                return Err(err(
                    &path,
                    "is a symbolic link: docs never writes or reads through one",
                ));
            }
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let key: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let bytes = read_regular(&path)?;
            out.insert(key.join("/"), String::from_utf8(bytes).unwrap_or_default());
        }
    }
    Ok(out)
}

/// The text of each file `dir/rel` of `rels` that exists, by `rel`, read like
/// [`read_tree`] reads (never through a link, regular files of at most [`MAX_FILE`]);
/// a missing file is left out.
pub fn read_each<'a>(
    dir: &Path,
    rels: impl IntoIterator<Item = &'a str>,
) -> Result<BTreeMap<String, String>, OutError> {
    let mut out = BTreeMap::new();
    for rel in rels {
        let mut path = dir.to_path_buf();
        for segment in rel.split('/') {
            path.push(segment);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(err(
                        &path,
                        "is a symbolic link: docs never writes or reads through one",
                    ));
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => break,
                Err(e) => return Err(err(&path, e)),
            }
        }
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let bytes = read_regular(&path)?;
        out.insert(rel.to_owned(), String::from_utf8(bytes).unwrap_or_default());
    }
    Ok(out)
}

/// The bytes of the regular file at `path`, checked on the opened handle, at most
/// [`MAX_FILE`] of them ([`hivesync_env::bounded_read`]).
fn read_regular(path: &Path) -> Result<Vec<u8>, OutError> {
    hivesync_env::bounded_read::read(path, MAX_FILE).map_err(|e| err(path, e))
}
