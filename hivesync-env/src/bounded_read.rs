//! Reading a file that an attacker may have chosen: never blocks, never reads forever.
//!
//! Every file the tool reads on a user's behalf (env files, Docker secret files named
//! by `NAME_FILE`, ignore files, audited sources, the output folder of `docs --check`)
//! may be a FIFO (an `open` that waits for a writer forever), a device such as
//! `/dev/zero` (a read that never ends), a `/proc` or `/sys` file (a size of 0 or 4096
//! and content that is generated, such as `/proc/self/environ`: the process
//! environment), or a symbolic link to any of these. `std::fs::read` opens with a
//! blocking `open`, follows the link, and reads to the end.
//!
//! [`read`] opens without blocking (`O_NONBLOCK`, so a FIFO with no writer returns at
//! once), checks the type of the file **it opened** (`fstat` on the handle: a check by
//! path before opening can be raced by swapping the file), refuses anything that is
//! not a regular file and, on Linux, any file of procfs or sysfs (`fstatfs`), then
//! reads at most `limit` bytes. The standard library cannot ask `fstatfs`, so the one
//! call goes through `libc`'s binding (its `struct statfs` has the layout of each
//! platform; `rustix` wraps the same call safely, but cost 4.6 s of CPU time in a
//! user's clean release build against libc's 1.9 s).

use std::fs::{File, Metadata};
use std::io::{Error, ErrorKind, Read};
use std::path::Path;

use zeroize::Zeroize;

/// The bytes of the regular file at `path`, at most `limit` of them.
///
/// Fails at once, without reading, when the opened file is not a regular file (a
/// FIFO, a socket, a device such as `/dev/zero`, a folder), when it lives on procfs or
/// sysfs (Linux), and after reading `limit + 1` bytes when it is larger than `limit`.
/// A symbolic link is followed and the file it names is checked. The error says why
/// in a few words (`it is a FIFO, not a regular file`); it does not name the path, so
/// the caller names it as it names its other read errors. Nothing of the content is
/// in an error, and the bytes read before a size error are zeroized.
///
/// ```
/// # let dir = tempfile::tempdir().unwrap();
/// # let path = dir.path().join("app.env");
/// std::fs::write(&path, "PORT=4000\n").unwrap();
/// let bytes = hivesync_env::bounded_read::read(&path, 1024).unwrap();
/// assert_eq!(bytes, b"PORT=4000\n");
///
/// let err = hivesync_env::bounded_read::read(&path, 4).unwrap_err();
/// assert_eq!(err.to_string(), "it is larger than 4 bytes");
///
/// # #[cfg(unix)] {
/// let err = hivesync_env::bounded_read::read("/dev/zero", 1024).unwrap_err();
/// assert_eq!(err.to_string(), "it is a character device, not a regular file");
/// # }
/// ```
pub fn read(path: impl AsRef<Path>, limit: u64) -> std::io::Result<Vec<u8>> {
    read_opened(open_nonblocking(path.as_ref(), true)?, limit)
}

/// [`read`], except that a `path` that is itself a symbolic link is refused, not
/// followed (`O_NOFOLLOW` on Unix, so the check cannot be raced): for files found
/// inside a folder the user named (an audited tree's sources and `.gitignore`
/// files), which must not send the read outside it. Links in the folders above the
/// file are the caller's to refuse.
///
/// ```
/// # #[cfg(unix)] {
/// # let dir = tempfile::tempdir().unwrap();
/// let link = dir.path().join(".gitignore");
/// std::os::unix::fs::symlink("/etc/hostname", &link).unwrap();
/// let err = hivesync_env::bounded_read::read_not_linked(&link, 1024).unwrap_err();
/// assert_eq!(err.to_string(), "it is a symbolic link, not a regular file");
/// # }
/// ```
pub fn read_not_linked(path: impl AsRef<Path>, limit: u64) -> std::io::Result<Vec<u8>> {
    read_opened(open_nonblocking(path.as_ref(), false)?, limit)
}

fn read_opened(file: File, limit: u64) -> std::io::Result<Vec<u8>> {
    check_regular(&file.metadata()?)?;
    check_not_pseudo(&file)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .inspect_err(|_| bytes.zeroize())?;
    if bytes.len() as u64 > limit {
        bytes.zeroize();
        return Err(Error::new(ErrorKind::InvalidData, too_large(limit)));
    }
    Ok(bytes)
}

fn too_large(limit: u64) -> String {
    match limit {
        l if l >= 1024 * 1024 && l % (1024 * 1024) == 0 => {
            format!("it is larger than {} MiB", l / (1024 * 1024))
        }
        l if l >= 1024 && l % 1024 == 0 => format!("it is larger than {} KiB", l / 1024),
        l => format!("it is larger than {l} bytes"),
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path, follow: bool) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let flags = match follow {
        true => libc::O_NONBLOCK,
        false => libc::O_NONBLOCK | libc::O_NOFOLLOW,
    };
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) if !follow => Error::new(
                ErrorKind::InvalidInput,
                "it is a symbolic link, not a regular file",
            ),
            _ => e,
        })
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path, follow: bool) -> std::io::Result<File> {
    if !follow && std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "it is a symbolic link, not a regular file",
        ));
    }
    File::open(path)
}

/// Refuses anything but a regular file, naming what it is.
fn check_regular(meta: &Metadata) -> std::io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = file_kind(meta);
    Err(Error::new(
        ErrorKind::InvalidInput,
        format!("it is {kind}, not a regular file"),
    ))
}

fn file_kind(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Refuses files of procfs and sysfs: regular by type, but generated on each read.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn check_not_pseudo(file: &File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let mut fs = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: the descriptor is `file`'s, open for the whole call, and `fs` is a
    // `struct statfs` that `fstatfs` fills on success; it is read only then.
    let f_type = unsafe {
        if libc::fstatfs(file.as_raw_fd(), fs.as_mut_ptr()) != 0 {
            return Err(Error::last_os_error());
        }
        fs.assume_init().f_type
    };
    // `f_type` and the constants are `c_long`, `c_ulong` or `c_uint` depending on the
    // platform and C library; both magic numbers fit every one of them.
    #[allow(clippy::unnecessary_cast)]
    let name = match f_type as i64 {
        t if t == libc::PROC_SUPER_MAGIC as i64 => "a /proc file",
        t if t == libc::SYSFS_MAGIC as i64 => "a /sys file",
        _ => return Ok(()),
    };
    Err(Error::new(
        ErrorKind::InvalidInput,
        format!("it is {name}, not a regular file"),
    ))
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn check_not_pseudo(_file: &File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_said_in_the_largest_whole_unit() {
        assert_eq!(too_large(64 * 1024), "it is larger than 64 KiB");
        assert_eq!(too_large(4 * 1024 * 1024), "it is larger than 4 MiB");
        assert_eq!(too_large(1500), "it is larger than 1500 bytes");
    }
}
