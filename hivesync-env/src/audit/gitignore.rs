//! Whether a path is ignored by the repository's `.gitignore` files, with git's
//! semantics: patterns of a nested `.gitignore` are relative to its folder and win over
//! those of its parents, the last matching line of a file wins (so `!.env` re-includes
//! a file an earlier line ignored), and nothing under an ignored folder comes back.
//! `.git/info/exclude` applies below every `.gitignore`. The user's global excludes are
//! not read, so an audit gives the same answer on every machine.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::AuditError;

/// What decided whether a path is ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Ignored (by a rule, or because a parent folder is).
    Ignored,
    /// Not ignored: no rule matches.
    NoRule,
    /// Not ignored: a negation re-includes it; the rule's file and 1-based line.
    Negated(PathBuf, u32),
}

/// The ignore rules of a tree.
pub(crate) struct IgnoreRules {
    root: PathBuf,
    /// `.gitignore` matchers by the folder they sit in.
    by_dir: BTreeMap<PathBuf, Gitignore>,
    exclude: Option<Gitignore>,
}

impl IgnoreRules {
    /// The rules of `root` given the `.gitignore` files found in it.
    pub(crate) fn new(root: &Path, files: &[PathBuf]) -> Result<IgnoreRules, AuditError> {
        let mut by_dir = BTreeMap::new();
        for file in files {
            let dir = file.parent().unwrap_or(root).to_path_buf();
            by_dir.insert(
                dir,
                build(&file.parent().unwrap_or(root).to_path_buf(), file)?,
            );
        }
        let info = root.join(".git/info/exclude");
        let exclude = if info.is_file() {
            Some(build(&root.to_path_buf(), &info)?)
        } else {
            None
        };
        Ok(IgnoreRules {
            root: root.to_path_buf(),
            by_dir,
            exclude,
        })
    }

    /// Whether `path` (under the root) is ignored, and why not if it is not.
    pub(crate) fn decide(&self, path: &Path, is_dir: bool) -> Decision {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let mut dir = self.root.clone();
        let comps: Vec<_> = rel.components().collect();
        for c in &comps[..comps.len().saturating_sub(1)] {
            dir.push(c);
            if self.own(&dir, true) == Some(Decision::Ignored) {
                return Decision::Ignored;
            }
        }
        self.own(path, is_dir).unwrap_or(Decision::NoRule)
    }

    /// The decision of the deepest rule that matches `path` itself.
    fn own(&self, path: &Path, is_dir: bool) -> Option<Decision> {
        let mut dir = path.parent();
        while let Some(d) = dir {
            if let Some(gi) = self.by_dir.get(d) {
                if let Some(decision) = decision(gi.matched(path, is_dir)) {
                    return Some(decision);
                }
            }
            if d == self.root {
                break;
            }
            dir = d.parent();
        }
        self.exclude
            .as_ref()
            .and_then(|gi| decision(gi.matched(path, is_dir)))
    }
}

fn build(dir: &PathBuf, file: &Path) -> Result<Gitignore, AuditError> {
    let mut builder = GitignoreBuilder::new(dir);
    if let Some(e) = builder.add(file) {
        return Err(AuditError {
            file: file.to_path_buf(),
            message: format!("cannot read ignore rules: {e}"),
        });
    }
    builder.build().map_err(|e| AuditError {
        file: file.to_path_buf(),
        message: format!("invalid ignore rules: {e}"),
    })
}

fn decision(m: Match<&ignore::gitignore::Glob>) -> Option<Decision> {
    match m {
        Match::None => None,
        Match::Ignore(_) => Some(Decision::Ignored),
        Match::Whitelist(glob) => {
            let file = glob.from().map(Path::to_path_buf).unwrap_or_default();
            let line = std::fs::read_to_string(&file)
                .ok()
                .and_then(|text| {
                    let lines: Vec<&str> = text.lines().collect();
                    lines
                        .iter()
                        .rposition(|l| l.trim_end() == glob.original().trim_end())
                        .map(|i| i as u32 + 1)
                })
                .unwrap_or(0);
            Some(Decision::Negated(file, line))
        }
    }
}
