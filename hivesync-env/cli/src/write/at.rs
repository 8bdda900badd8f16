//! Writing below a folder through handles (Unix): the folder the user named is opened
//! once (following it, as named), every folder below it is opened from its parent's
//! handle with `O_NOFOLLOW` (created first when missing), and the temporary file is
//! created, then renamed, relative to the handle of its own folder. A folder swapped
//! for a symbolic link after the checks of [`super::write_all`] is then refused when
//! it is opened, and once opened it cannot be swapped any more: nothing is ever
//! written, created or left outside the folder named (a check by path, then a write
//! by path, can be raced by a process that can write in the folder).

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::OwnedFd;
use std::path::Path;

use rustix::fs::{AtFlags, Mode, OFlags};
use rustix::io::Errno;

use crate::terminal::shown;

/// A temporary file written in its folder, to be renamed to its name; removed when
/// dropped unless placed.
pub struct Staged {
    dir: OwnedFd,
    temp: String,
    name: String,
    placed: bool,
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.placed {
            let _ = rustix::fs::unlinkat(&self.dir, &self.temp, AtFlags::empty());
        }
    }
}

/// `contents` in a new file (mode 0600, then 0644 unless `private`) in the folder
/// `root/folders...`, each folder below `root` opened without following a link and
/// created (mode 0700 when `private`, else 0777 less the umask) when missing; `path`
/// is the target's path, for messages.
pub fn stage(
    root: &Path,
    rel: &str,
    contents: &[u8],
    private: bool,
    path: &Path,
) -> Result<Staged, String> {
    let (folders, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let cannot = |e: io::Error| format!("cannot write {}: {e}", shown(path));
    let mut dir = rustix::fs::open(root, dir_flags(), Mode::empty())
        .map_err(|e| format!("cannot open {}: {e}", shown(root)))?;
    let mode = Mode::from_raw_mode(if private { 0o700 } else { 0o777 });
    let mut at = root.to_path_buf();
    for folder in folders.split('/').filter(|f| !f.is_empty()) {
        at.push(folder);
        match rustix::fs::mkdirat(&dir, folder, mode) {
            Ok(()) | Err(Errno::EXIST) => {}
            Err(e) => return Err(format!("cannot create {}: {e}", shown(&at))),
        }
        dir = match rustix::fs::openat(&dir, folder, dir_flags() | OFlags::NOFOLLOW, mode) {
            Ok(fd) => fd,
            Err(Errno::LOOP | Errno::NOTDIR) => {
                return Err(format!(
                    "{} is not a folder (or is a symbolic link): nothing is written through one",
                    shown(&at)
                ));
            }
            Err(e) => return Err(format!("cannot open {}: {e}", shown(&at))),
        };
    }
    let (file, temp) = create_temp(&dir).map_err(cannot)?;
    let staged = Staged {
        dir,
        temp,
        name: name.to_owned(),
        placed: false,
    };
    let mut file = File::from(file);
    if !private {
        rustix::fs::fchmod(&file, Mode::from_raw_mode(0o644)).map_err(|e| cannot(e.into()))?;
    }
    file.write_all(contents).map_err(cannot)?;
    file.sync_all().map_err(cannot)?;
    Ok(staged)
}

impl Staged {
    /// Renames the temporary file to its name: over an existing one with `force`,
    /// else failing when the name exists (appeared since the checks).
    pub fn place(mut self, force: bool) -> io::Result<()> {
        let (dir, temp, name) = (&self.dir, self.temp.as_str(), self.name.as_str());
        if force {
            rustix::fs::renameat(dir, temp, dir, name)?;
        } else {
            no_clobber(dir, temp, name)?;
        }
        self.placed = true;
        Ok(())
    }
}

fn dir_flags() -> OFlags {
    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC
}

/// A new file `.hivesync-env-<random>` in `dir`, mode 0600 whatever the umask
/// (`O_CREAT|O_EXCL`, never through a link), and its name.
fn create_temp(dir: &OwnedFd) -> io::Result<(OwnedFd, String)> {
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    for _ in 0..16 {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).map_err(|e| io::Error::other(e.to_string()))?;
        let temp = format!(".hivesync-env-{:016x}", u64::from_le_bytes(bytes));
        match rustix::fs::openat(dir, temp.as_str(), flags, Mode::from_raw_mode(0o600)) {
            Ok(fd) => {
                // The umask may have taken bits away, never added any: 0600 exactly.
                rustix::fs::fchmod(&fd, Mode::from_raw_mode(0o600))?;
                return Ok((fd, temp));
            }
            Err(Errno::EXIST) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(io::Error::other("no free temporary file name"))
}

/// Renames `temp` to `name` in `dir` unless `name` exists: `renameat2` with
/// `RENAME_NOREPLACE` where there is one, else a hard link then an unlink.
fn no_clobber(dir: &OwnedFd, temp: &str, name: &str) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    match rustix::fs::renameat_with(dir, temp, dir, name, rustix::fs::RenameFlags::NOREPLACE) {
        Err(Errno::INVAL | Errno::NOSYS) => {}
        done => return done.map_err(Into::into),
    }
    rustix::fs::linkat(dir, temp, dir, name, AtFlags::empty())?;
    rustix::fs::unlinkat(dir, temp, AtFlags::empty())?;
    Ok(())
}
