//! The files git tracks, read from the repository's index (`.git/index`), so a file
//! committed and then ignored, or added with `git add -f`, is audited like any other.
//!
//! Only the path of each entry is needed. `gix-index`, the crate made for the index,
//! brought 76 more crates into a build of the `audit` feature (gix-object, gix-traverse,
//! gix-date, ...; 123 crates instead of 47) for that one list; the `git` command is no
//! better (a hostile `.git/config` can make `git ls-files` run a program through
//! `core.fsmonitor`). The format is small and documented (git's
//! `Documentation/gitformat-index.txt`): a `DIRC` header, then entries of fixed-size
//! stat data, an object id (SHA-1 or SHA-256), flags and a path (versions 2 and 3:
//! NUL-padded to 8 bytes; version 4: prefix-compressed). This reader takes the paths
//! and nothing else, checks every length against the data it has, and drops any path
//! that is not a plain relative one (`..`, `.git`, absolute), so a forged index can
//! neither crash the audit nor point it outside the tree. Extensions are not read.

use std::path::{Component, Path, PathBuf};

/// The index is read whole, up to this size (an index of 100,000 files is ~10 MiB).
const MAX_INDEX: u64 = 256 * 1024 * 1024;
/// The `.git/config` and `.git` file are read for one line each.
const MAX_SMALL: u64 = 1024 * 1024;

/// The tracked files under `root`, relative to it; empty when `root` is in no
/// repository or the repository has no index yet. An index that cannot be read or
/// parsed is an error naming it.
pub(crate) fn tracked(root: &Path) -> Result<Vec<PathBuf>, (PathBuf, String)> {
    let Some((top, git_dir)) = repository(root) else {
        return Ok(Vec::new());
    };
    let index = git_dir.join("index");
    if std::fs::symlink_metadata(&index).is_err() {
        return Ok(Vec::new());
    }
    let bytes =
        crate::bounded_read::read(&index, MAX_INDEX).map_err(|e| (index.clone(), e.to_string()))?;
    let hash_len = if sha256(&git_dir) { 32 } else { 20 };
    let paths = paths(&bytes, hash_len).map_err(|e| (index.clone(), e))?;
    let prefix = root
        .canonicalize()
        .ok()
        .and_then(|r| r.strip_prefix(&top).ok().map(Path::to_path_buf))
        .unwrap_or_default();
    Ok(paths
        .into_iter()
        .filter_map(|p| p.strip_prefix(&prefix).ok().map(Path::to_path_buf))
        .collect())
}

/// The top of the repository holding `root` and its git folder (`.git`, or the folder
/// a `.git` file names: a worktree or a submodule).
fn repository(root: &Path) -> Option<(PathBuf, PathBuf)> {
    let root = root.canonicalize().ok()?;
    for dir in root.ancestors() {
        let dot_git = dir.join(".git");
        let Ok(meta) = std::fs::symlink_metadata(&dot_git) else {
            continue;
        };
        if meta.is_dir() {
            return Some((dir.to_path_buf(), dot_git));
        }
        let text = crate::bounded_read::read(&dot_git, MAX_SMALL).ok()?;
        let text = String::from_utf8_lossy(&text);
        let target = text.lines().find_map(|l| l.strip_prefix("gitdir:"))?.trim();
        return Some((dir.to_path_buf(), dir.join(target)));
    }
    None
}

/// Whether the repository's objects are SHA-256 (`extensions.objectformat`).
fn sha256(git_dir: &Path) -> bool {
    let config = crate::bounded_read::read(git_dir.join("config"), MAX_SMALL).unwrap_or_default();
    String::from_utf8_lossy(&config).lines().any(|l| {
        let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        l.eq_ignore_ascii_case("objectformat=sha256")
    })
}

/// The paths of the index entries in `data`, in index order, duplicates (merge
/// stages) and sparse folder entries dropped.
pub(crate) fn paths(data: &[u8], hash_len: usize) -> Result<Vec<PathBuf>, String> {
    let bad = |what: &str| format!("not a git index: {what}");
    if data.get(..4) != Some(b"DIRC") {
        return Err(bad("no DIRC signature"));
    }
    let version = be32(data, 4).ok_or_else(|| bad("truncated header"))?;
    if !(2..=4).contains(&version) {
        return Err(bad(&format!("unknown version {version}")));
    }
    let count = be32(data, 8).ok_or_else(|| bad("truncated header"))? as usize;
    let fixed = 40 + hash_len + 2;
    let mut out: Vec<PathBuf> = Vec::with_capacity(count.min(data.len() / fixed));
    let mut previous: Vec<u8> = Vec::new();
    let mut at = 12;
    for _ in 0..count {
        let flags = be16(data, at + 40 + hash_len).ok_or_else(|| bad("truncated entry"))?;
        let extended = version >= 3 && flags & 0x4000 != 0;
        let name_at = at + fixed + if extended { 2 } else { 0 };
        let (path, end) = if version == 4 {
            let (strip, after) = varint(data, name_at).ok_or_else(|| bad("truncated path"))?;
            let keep = previous
                .len()
                .checked_sub(strip)
                .ok_or_else(|| bad("bad path prefix"))?;
            let nul = nul_from(data, after).ok_or_else(|| bad("truncated path"))?;
            let mut path = previous[..keep].to_vec();
            path.extend_from_slice(&data[after..nul]);
            (path, nul + 1)
        } else {
            let nul = nul_from(data, name_at).ok_or_else(|| bad("truncated path"))?;
            let size = (name_at - at + (nul - name_at) + 8) & !7;
            (data[name_at..nul].to_vec(), at + size)
        };
        let mode = be32(data, at + 24).unwrap_or(0);
        let sparse_dir = mode & 0o170000 == 0o040000;
        if let (false, Some(p)) = (sparse_dir, plain(&path)) {
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
        previous = path;
        at = end;
    }
    Ok(out)
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        data.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        data.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn nul_from(data: &[u8], from: usize) -> Option<usize> {
    data.get(from..)?
        .iter()
        .position(|&b| b == 0)
        .map(|n| from + n)
}

/// Git's offset varint (`varint.c`): the value and the offset after it.
fn varint(data: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut c = *data.get(at)?;
    at += 1;
    let mut value = usize::from(c & 0x7f);
    while c & 0x80 != 0 {
        c = *data.get(at)?;
        at += 1;
        value = value.checked_add(1)?.checked_mul(128)? | usize::from(c & 0x7f);
    }
    Some((value, at))
}

/// `bytes` as a relative path of plain components, else `None`.
fn plain(bytes: &[u8]) -> Option<PathBuf> {
    #[cfg(unix)]
    let path = {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    };
    #[cfg(not(unix))]
    let path = PathBuf::from(String::from_utf8_lossy(bytes).into_owned());
    let ok = !bytes.is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(n) if n != ".git"));
    ok.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index of `paths` (version 2, SHA-1), as git writes it.
    fn index_v2(paths: &[&str]) -> Vec<u8> {
        let mut out = b"DIRC".to_vec();
        out.extend(2u32.to_be_bytes());
        out.extend((paths.len() as u32).to_be_bytes());
        for p in paths {
            let start = out.len();
            let mut stat = [0u8; 40];
            stat[24..28].copy_from_slice(&0o100644u32.to_be_bytes());
            out.extend(stat);
            out.extend([0u8; 20]);
            out.extend((p.len().min(0xfff) as u16).to_be_bytes());
            out.extend(p.as_bytes());
            let size = (62 + p.len() + 8) & !7;
            out.resize(start + size, 0);
        }
        out
    }

    #[test]
    fn version_2_paths_and_forged_ones() {
        let data = index_v2(&[
            ".env",
            "a/b.toml",
            "../../etc/passwd",
            "x/.git/config",
            "/abs",
        ]);
        assert_eq!(
            paths(&data, 20).unwrap(),
            [PathBuf::from(".env"), PathBuf::from("a/b.toml")]
        );
    }

    #[test]
    fn truncated_or_foreign_data_is_an_error_not_a_panic() {
        let data = index_v2(&[".env", "a/b.toml"]);
        for len in 0..data.len() - 1 {
            let _ = paths(&data[..len], 20);
        }
        assert!(paths(b"PACK", 20).is_err());
        let mut huge = index_v2(&[]);
        huge[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(paths(&huge, 20).is_err());
    }

    #[test]
    fn version_4_prefix_compression() {
        let mut out = b"DIRC".to_vec();
        out.extend(4u32.to_be_bytes());
        out.extend(2u32.to_be_bytes());
        for (strip, suffix) in [(0u8, "app/.env"), (4u8, "main.rs")] {
            let mut stat = [0u8; 40];
            stat[24..28].copy_from_slice(&0o100644u32.to_be_bytes());
            out.extend(stat);
            out.extend([0u8; 20]);
            out.extend(0u16.to_be_bytes());
            out.push(strip);
            out.extend(suffix.as_bytes());
            out.push(0);
        }
        assert_eq!(
            paths(&out, 20).unwrap(),
            [PathBuf::from("app/.env"), PathBuf::from("app/main.rs")]
        );
    }
}
