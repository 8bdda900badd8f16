//! The `--out` folder of `hivesync-env docs`: written and read without ever leaving it.
//!
//! Contract rules already make every artifact path a plain relative one (component and
//! worker names are `[a-z0-9][a-z0-9_-]*`), but the folder itself is input too: a
//! `wrangler` entry that is a symbolic link to `/etc`, or an `ENVIRONMENT.md` that links
//! to `~/.bashrc`, would make a plain `std::fs::write` land outside it. So:
//!
//! - a path to write must be made of plain segments (no `..`, no `/` at the start);
//! - every folder on the way is checked with `symlink_metadata` (never followed) and
//!   created one level at a time;
//! - the file itself is opened with `O_NOFOLLOW` (a link there fails to open rather
//!   than being followed) and `O_NONBLOCK` (a FIFO without a reader fails rather than
//!   blocking), and must be a regular file on the opened handle;
//! - reading (`docs --check`) never follows a link, never enters one, and reads only
//!   regular files of at most [`MAX_FILE`] bytes, checked on the opened handle
//!   ([`hivesync_env::bounded_read`]).
//!
//! Every refusal names the path and ends the command with exit 2.

use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::{self, Write};
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

/// Whether `segment` is a plain file or folder name: not empty, not `.` or `..`, no
/// separator, no NUL or other line hazard.
fn plain(segment: &str) -> bool {
    !matches!(segment, "" | "." | "..")
        && !segment.contains(['/', '\\'])
        && !segment.chars().any(hivesync_env_core::is_line_hazard)
}

/// Writes `contents` to `out/rel` (`rel` `/`-separated), creating folders, never
/// following a symbolic link and never leaving `out`.
pub fn write(out: &Path, rel: &str, contents: &str) -> Result<(), OutError> {
    let segments: Vec<&str> = rel.split('/').collect();
    let Some((file, folders)) = segments
        .split_last()
        .filter(|_| segments.iter().all(|s| plain(s)))
    else {
        return Err(err(
            &out.join(rel),
            "not a plain path inside --out: refused",
        ));
    };
    std::fs::create_dir_all(out).map_err(|e| err(out, e))?;
    let mut dir = out.to_path_buf();
    for folder in folders {
        dir.push(folder);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(err(
                    &dir,
                    "is a symbolic link: docs never writes through one",
                ));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(err(&dir, "is not a folder")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                std::fs::create_dir(&dir).map_err(|e| err(&dir, e))?;
            }
            Err(e) => return Err(err(&dir, e)),
        }
    }
    let path = dir.join(file);
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    no_follow(&mut options);
    let mut handle = options.open(&path).map_err(|e| open_error(&path, e))?;
    let meta = handle.metadata().map_err(|e| err(&path, e))?;
    if !meta.is_file() {
        return Err(err(&path, "is not a regular file"));
    }
    // Truncate only once the handle is known to be a regular file of ours.
    handle.set_len(0).map_err(|e| err(&path, e))?;
    handle
        .write_all(contents.as_bytes())
        .map_err(|e| err(&path, e))
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits() as i32);
}

#[cfg(not(unix))]
fn no_follow(_: &mut OpenOptions) {}

/// An open error in words: `ELOOP` from `O_NOFOLLOW` is a link.
fn open_error(path: &Path, e: io::Error) -> OutError {
    #[cfg(unix)]
    if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
        return err(
            path,
            "is a symbolic link: docs never writes or reads through one",
        );
    }
    err(path, e)
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
