//! The one way the CLI writes files (`init`, `render`, `docs`): inside the folder the
//! user named, never through a symbolic link, all checked before any is written,
//! private files created with mode 0600, never overwritten unless asked.
//!
//! A target is a folder the user named (`--dir`, `--secrets-dir`, `--out`, the
//! repository root), followed as given and created if missing, and a path inside it
//! made of plain segments (no `..`, no `/` at the start, no control character). Below
//! that folder nothing is followed: a folder on the way or the file itself that is a
//! symbolic link (planted, or left by another tool) would send the file wherever it
//! points, so it is refused, with every other refusal, before anything is written. A
//! folder this creates is private (0700) when a private file goes into it.
//!
//! Each file is first written to a temporary file in its target folder, created with
//! mode 0600 (`O_CREAT|O_EXCL`): a private content is never readable by others, not
//! even for the time between creation and a `chmod`; a public file (`docs`) is then
//! opened up to 0644. It is then moved into place: without `force` by a rename that
//! fails when the target exists (so a file that appeared since the check is not
//! clobbered either), with `force` by a rename over it (a rename replaces a link that
//! appeared since the check, never writes through it).
//!
//! On Unix ([`at`]) the folders below the root are opened from their parent's handle
//! without following a link, and the temporary file is created and renamed relative
//! to its folder's handle, so a folder swapped for a link after the checks (a race
//! by a process that can write in the folder) is refused, not followed. Elsewhere the
//! same steps go by path through [`tempfile`].

use std::io;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::terminal::shown;

#[cfg(unix)]
mod at;

/// A file to write.
pub struct Target {
    /// The folder the user named.
    pub root: PathBuf,
    /// The path inside `root`, `/`-separated.
    pub rel: String,
    /// What; wiped when dropped, it may hold secrets.
    pub contents: Zeroizing<String>,
    /// Mode 0600 (and new folders 0700) rather than 0644.
    pub private: bool,
}

impl Target {
    /// A private file (mode 0600) `rel` in `root`.
    pub fn private(root: &Path, rel: impl Into<String>, contents: Zeroizing<String>) -> Target {
        Target {
            root: root.to_path_buf(),
            rel: rel.into(),
            contents,
            private: true,
        }
    }

    /// `root/rel`, the path messages name.
    pub fn path(&self) -> PathBuf {
        self.root.join(&self.rel)
    }
}

/// Why nothing, or not everything, was written.
#[derive(Debug)]
pub enum WriteError {
    /// Files that exist, when `force` was not given: nothing was written.
    Exist(Vec<PathBuf>),
    /// Targets refused before anything was written (a link, a folder where the file
    /// goes, a path leaving its folder), or a file that could not be written; each
    /// message names its path.
    Refused(Vec<String>),
}

/// Writes every target, or none when one is refused, or exists and `force` is false.
pub fn write_all(targets: &[Target], force: bool) -> Result<(), WriteError> {
    let mut existing = Vec::new();
    let mut refused = Vec::new();
    for t in targets {
        match inspect(t) {
            Ok(true) => existing.push(t.path()),
            Ok(false) => {}
            Err(e) => refused.push(e),
        }
    }
    if !refused.is_empty() {
        return Err(WriteError::Refused(refused));
    }
    if !existing.is_empty() && !force {
        return Err(WriteError::Exist(existing));
    }
    let one = |e: String| WriteError::Refused(vec![e]);
    for t in targets {
        create_root(t).map_err(one)?;
    }
    // Every file is written to its temporary twin first, so a full disk or a
    // read-only folder stops the run before any target is touched.
    #[cfg(unix)]
    {
        let mut staged = Vec::with_capacity(targets.len());
        for t in targets {
            let contents = t.contents.as_bytes();
            let file = at::stage(&t.root, &t.rel, contents, t.private, &t.path());
            staged.push(file.map_err(one)?);
        }
        for (file, t) in staged.into_iter().zip(targets) {
            let cannot = |e: io::Error| one(format!("cannot write {}: {e}", shown(&t.path())));
            file.place(force).map_err(cannot)?;
        }
    }
    #[cfg(not(unix))]
    {
        for t in targets {
            create_folders(t).map_err(one)?;
        }
        let mut staged = Vec::with_capacity(targets.len());
        for t in targets {
            staged.push(stage(t).map_err(one)?);
        }
        for (file, t) in staged.into_iter().zip(targets) {
            let path = t.path();
            let placed = if force {
                file.persist(&path).map(drop)
            } else {
                file.persist_noclobber(&path).map(drop)
            };
            placed.map_err(|e| one(format!("cannot write {}: {}", shown(&path), e.error)))?;
        }
    }
    Ok(())
}

/// Whether `t` exists (a file a rename may replace), or why it is refused.
fn inspect(t: &Target) -> Result<bool, String> {
    let segments: Vec<&str> = t.rel.split('/').collect();
    if !segments.iter().all(|s| plain(s)) {
        return Err(format!(
            "{}: not a plain path inside {}: refused (nothing was written)",
            shown(&t.path()),
            shown(&t.root)
        ));
    }
    let mut path = t.root.clone();
    for (i, segment) in segments.iter().enumerate() {
        path.push(segment);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(format!("cannot write {}: {e}", shown(&path))),
        };
        let last = i + 1 == segments.len();
        let kind = meta.file_type();
        if kind.is_symlink() {
            return Err(format!(
                "{} is a symbolic link: nothing is written through one, so nothing was written",
                shown(&path)
            ));
        }
        // A rename cannot replace a folder, and a FIFO or socket is no file of ours:
        // refused before anything is written, so `--force` never leaves half a run.
        if last && !kind.is_file() {
            return Err(format!(
                "cannot write {}: it exists and is not a file (nothing was written)",
                shown(&path)
            ));
        }
        if !last && !kind.is_dir() {
            return Err(format!(
                "cannot write {}: {} is not a folder (nothing was written)",
                shown(&t.path()),
                shown(&path)
            ));
        }
    }
    Ok(true)
}

/// Whether `segment` is a plain file or folder name: not empty, not `.` or `..`, no
/// separator, no NUL or other line hazard.
fn plain(segment: &str) -> bool {
    !matches!(segment, "" | "." | "..")
        && !segment.contains(['/', '\\'])
        && !segment.chars().any(hivesync_env_core::is_line_hazard)
}

/// Creates `t`'s root, following it, as named (new folders 0700 for a private file).
fn create_root(t: &Target) -> Result<(), String> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, if t.private { 0o700 } else { 0o777 });
    builder
        .create(&t.root)
        .map_err(|e| format!("cannot create {}: {e}", shown(&t.root)))
}

/// Creates the folders inside `t`'s root up to the file, one level at a time, none of
/// them a link (checked by path: see [`at`] on Unix, which cannot be raced).
#[cfg(not(unix))]
fn create_folders(t: &Target) -> Result<(), String> {
    let cannot = |p: &Path, e: io::Error| format!("cannot create {}: {e}", shown(p));
    let mut dir = t.root.clone();
    let folders = t.rel.split('/').collect::<Vec<_>>();
    for folder in &folders[..folders.len() - 1] {
        dir.push(folder);
        match std::fs::create_dir(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(cannot(&dir, e)),
        }
        // Checked again after creating: a link may have appeared since `inspect`.
        let meta = std::fs::symlink_metadata(&dir).map_err(|e| cannot(&dir, e))?;
        if !meta.is_dir() {
            return Err(format!(
                "{} is not a folder (or is a symbolic link): nothing is written through one",
                shown(&dir)
            ));
        }
    }
    Ok(())
}

/// `t`'s contents in a new file beside its path: 0600, or 0644 for a public one.
#[cfg(not(unix))]
fn stage(t: &Target) -> Result<tempfile::NamedTempFile, String> {
    use std::io::Write;
    let path = t.path();
    let cannot = |e: io::Error| format!("cannot write {}: {e}", shown(&path));
    let dir = match path.parent() {
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
