//! The files an audit looks at: every file of the tree that no ignore rule matches,
//! plus every file git tracks (read from the index, see the `git_index` module),
//! ignored or not, but never what `exclude` names or what sits in a
//! [`SKIPPED_DIRS`] folder.
//!
//! The walk is ours rather than `ignore::WalkBuilder`'s because the walker reads each
//! `.gitignore` with an unbounded, blocking read: a `.gitignore` that is a FIFO or a
//! link to `/dev/zero` would hang it. Here each one goes through
//! [`bounded_read`](crate::bounded_read) (see [`IgnoreRules::add`]), the walk uses an
//! explicit stack, and links are never followed.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::component::{CONFIG_FILE, Config};
use super::finding::AuditError;
use super::git_index;
use super::gitignore::{Decision, IgnoreRules};

/// Folders no check enters, wherever they are.
pub const SKIPPED_DIRS: &[&str] = &[".git", "target", "node_modules", "vendor", "third_party"];

/// The files to audit (relative to the root, sorted) and the ignore rules of the tree.
pub(crate) struct Tree {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) rules: IgnoreRules,
}

fn error(file: &Path, message: String) -> AuditError {
    AuditError {
        file: file.to_path_buf(),
        message,
    }
}

pub(crate) fn walk(root: &Path, config: &Config) -> Result<Tree, AuditError> {
    if !root.is_dir() {
        return Err(error(root, "not a folder".into()));
    }
    let exclude = exclude(root, config)?;
    let skipped = |rel: &Path, is_dir: bool| {
        exclude.matched_path_or_any_parents(rel, is_dir).is_ignore()
            || rel.components().any(|c| {
                c.as_os_str()
                    .to_str()
                    .is_some_and(|n| SKIPPED_DIRS.contains(&n))
            })
    };
    let mut rules = IgnoreRules::new(root)?;
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let gitignore = dir.join(".gitignore");
        if std::fs::symlink_metadata(&gitignore).is_ok() {
            rules.add(&dir, &gitignore)?;
        }
        let entries =
            std::fs::read_dir(&dir).map_err(|e| error(&dir, format!("cannot walk: {e}")))?;
        for entry in entries {
            let entry = entry.map_err(|e| error(&dir, format!("cannot walk: {e}")))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| error(&path, format!("cannot walk: {e}")))?;
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if kind.is_symlink()
                || skipped(&rel, kind.is_dir())
                || rules.decide(&path, kind.is_dir()) == Decision::Ignored
            {
                continue;
            }
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                files.push(rel);
            }
        }
    }
    let tracked = git_index::tracked(root).map_err(|(file, e)| error(&file, e))?;
    for rel in tracked {
        if inside(root, &rel) && !skipped(&rel, false) {
            files.push(rel);
        }
    }
    files.sort();
    files.dedup();
    Ok(Tree { files, rules })
}

/// Whether the tracked path `rel` is a regular file reached from `root` through
/// folders only: an index entry `l/prod.env` where the folder `l` is now a symbolic
/// link (to `..`, `/etc`, another checkout) would have the audit read outside the tree.
fn inside(root: &Path, rel: &Path) -> bool {
    let mut path = root.to_path_buf();
    let mut components = rel.components().peekable();
    while let Some(c) = components.next() {
        path.push(c);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return false;
        };
        let last = components.peek().is_none();
        if last && !meta.is_file() || !last && !meta.is_dir() {
            return false;
        }
    }
    true
}

fn exclude(root: &Path, config: &Config) -> Result<Gitignore, AuditError> {
    let mut exclude = GitignoreBuilder::new(root);
    for pattern in &config.exclude {
        exclude
            .add_line(None, pattern)
            .map_err(|e| error(Path::new(CONFIG_FILE), format!("`exclude`: {e}")))?;
    }
    exclude
        .build()
        .map_err(|e| error(Path::new(CONFIG_FILE), format!("`exclude`: {e}")))
}
