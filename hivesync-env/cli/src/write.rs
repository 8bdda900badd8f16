//! Writing files that hold secrets: created with mode 0600, all checked before any is
//! written, never overwritten unless asked.
//!
//! Each file is first written to a temporary file in its target folder, which
//! [`tempfile`] creates with mode 0600 (`O_CREAT|O_EXCL`, mode 0600 on Unix): the
//! content is never readable by others, not even for the time between creation and a
//! `chmod`. It is then moved into place: without `force` by a link that fails when
//! the target exists (so a file that appeared since the check is not clobbered
//! either), with `force` by a rename over it.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::terminal::shown;

/// A file to write.
pub struct Target {
    /// Where.
    pub path: PathBuf,
    /// What; wiped when dropped, it may hold secrets.
    pub contents: Zeroizing<String>,
}

/// Why nothing, or not everything, was written.
#[derive(Debug)]
pub enum WriteError {
    /// Files that exist, when `force` was not given: nothing was written.
    Exist(Vec<PathBuf>),
    /// A file could not be written (the message names it).
    Io(String),
}

/// Writes every target, or none when one exists and `force` is false, or one exists
/// and is not a file (a rename could not replace it).
pub fn write_all(targets: &[Target], force: bool) -> Result<(), WriteError> {
    let mut existing = Vec::new();
    let mut not_files = Vec::new();
    for t in targets {
        let Ok(meta) = std::fs::symlink_metadata(&t.path) else {
            continue;
        };
        // A rename cannot replace a folder, and a FIFO or socket is no file of ours:
        // refused before anything is written, so `--force` never leaves half a run.
        let kind = meta.file_type();
        if !kind.is_file() && !kind.is_symlink() {
            not_files.push(&t.path);
        }
        existing.push(t.path.clone());
    }
    if !not_files.is_empty() {
        let names: Vec<String> = not_files.iter().map(|p| shown(p.as_path())).collect();
        return Err(WriteError::Io(format!(
            "cannot write {}: it exists and is not a file (nothing was written)",
            names.join(", ")
        )));
    }
    if !existing.is_empty() && !force {
        return Err(WriteError::Exist(existing));
    }
    // Every file is written to its temporary twin first, so a full disk or a
    // read-only folder stops the run before any target is touched.
    let mut staged = Vec::with_capacity(targets.len());
    for t in targets {
        staged.push(stage(t).map_err(WriteError::Io)?);
    }
    for (file, t) in staged.into_iter().zip(targets) {
        let placed = if force {
            file.persist(&t.path).map(drop)
        } else {
            file.persist_noclobber(&t.path).map(drop)
        };
        placed
            .map_err(|e| WriteError::Io(format!("cannot write {}: {}", shown(&t.path), e.error)))?;
    }
    Ok(())
}

/// `t`'s contents in a new 0600 file beside `t.path`.
fn stage(t: &Target) -> Result<tempfile::NamedTempFile, String> {
    use std::io::Write;
    let cannot = |e: std::io::Error| format!("cannot write {}: {e}", shown(&t.path));
    let dir = match t.path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".hivesync-env-")
        .tempfile_in(dir)
        .map_err(cannot)?;
    file.write_all(t.contents.as_bytes()).map_err(cannot)?;
    file.as_file().sync_all().map_err(cannot)?;
    Ok(file)
}

/// Creates `dir` and its parents; a folder this creates is private (mode 0700).
pub fn create_private_dir(dir: &Path) -> Result<(), String> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|e| format!("cannot create {}: {e}", shown(dir)))
}
