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

use super::committed::is_env_file;
use super::finding::{AuditError, Finding, FindingKind};
use super::paths::{dir_of, file_name, slashed};

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
    /// The text of every rule file read, to name the line of a negation.
    texts: BTreeMap<PathBuf, String>,
}

/// The largest ignore file read: real ones are a few KiB.
const MAX_RULES: u64 = 1024 * 1024;

impl IgnoreRules {
    /// The rules of `root` before any `.gitignore`: `.git/info/exclude` only.
    pub(crate) fn new(root: &Path) -> Result<IgnoreRules, AuditError> {
        let mut rules = IgnoreRules {
            root: root.to_path_buf(),
            by_dir: BTreeMap::new(),
            exclude: None,
            texts: BTreeMap::new(),
        };
        let info = root.join(".git/info/exclude");
        if std::fs::symlink_metadata(&info).is_ok() {
            rules.exclude = Some(rules.build(root, &info)?);
        }
        Ok(rules)
    }

    /// Adds the `.gitignore` at `file` (in folder `dir`), read with a size limit and
    /// without blocking: a FIFO is an error naming it, and so is a symbolic link (to
    /// `/dev/zero`, or to a file outside the tree: never read; git does not follow
    /// one either).
    pub(crate) fn add(&mut self, dir: &Path, file: &Path) -> Result<(), AuditError> {
        let gi = self.build(dir, file)?;
        self.by_dir.insert(dir.to_path_buf(), gi);
        Ok(())
    }

    fn build(&mut self, dir: &Path, file: &Path) -> Result<Gitignore, AuditError> {
        let bytes =
            crate::bounded_read::read_not_linked(file, MAX_RULES).map_err(|e| AuditError {
                file: file.to_path_buf(),
                message: format!("cannot read ignore rules: {e}"),
            })?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut builder = GitignoreBuilder::new(dir);
        for line in text.lines() {
            // A line the matcher rejects (an invalid glob) matches nothing, as in git.
            let _ = builder.add_line(Some(file.to_path_buf()), line);
        }
        self.texts.insert(file.to_path_buf(), text);
        builder.build().map_err(|e| AuditError {
            file: file.to_path_buf(),
            message: format!("invalid ignore rules: {e}"),
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
                if let Some(decision) = decision(gi.matched(path, is_dir), &self.texts) {
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
            .and_then(|gi| decision(gi.matched(path, is_dir), &self.texts))
    }
}

/// The `gitignore` findings of a tree: `.env` and `.env.production` must be ignored
/// at the root, in every mapped component folder and beside any other env file;
/// `.dev.vars` beside every `wrangler.toml` (`edge_dirs`); and every `.dev.vars*` or
/// `.envrc` the tree holds must be ignored itself.
pub(crate) fn env_files_ignored(
    root: &Path,
    rules: &IgnoreRules,
    files: &[PathBuf],
    component_dirs: Vec<PathBuf>,
    edge_dirs: &[PathBuf],
) -> Vec<Finding> {
    let mut wanted: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    let mut env_dirs = vec![PathBuf::new()];
    env_dirs.extend(component_dirs);
    for rel in files {
        let name = file_name(rel);
        if is_env_file(&name) {
            env_dirs.push(dir_of(rel));
        }
        if name == ".envrc" || name == ".dev.vars" || name.starts_with(".dev.vars.") {
            wanted.insert(rel.clone());
        }
    }
    for dir in env_dirs {
        wanted.insert(dir.join(".env"));
        wanted.insert(dir.join(".env.production"));
    }
    for dir in edge_dirs {
        wanted.insert(dir.join(".dev.vars"));
    }
    let mut out = Vec::new();
    for rel in wanted {
        let shown = slashed(&rel);
        let file = rel
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match rules.decide(&root.join(&rel), false) {
            Decision::Ignored => {}
            Decision::NoRule => out.push(Finding {
                file: PathBuf::from(".gitignore"),
                line: 0,
                kind: FindingKind::Gitignore,
                message: format!("{shown} is not ignored: add `{file}` to .gitignore"),
                name: shown,
                component: None,
            }),
            Decision::Negated(from, line) => out.push(Finding {
                file: from
                    .strip_prefix(root)
                    .map(slashed)
                    .map(PathBuf::from)
                    .unwrap_or(from),
                line,
                kind: FindingKind::Gitignore,
                message: format!("{shown} is re-included by this negation: remove it"),
                name: shown,
                component: None,
            }),
        }
    }
    out
}

fn decision(
    m: Match<&ignore::gitignore::Glob>,
    texts: &BTreeMap<PathBuf, String>,
) -> Option<Decision> {
    match m {
        Match::None => None,
        Match::Ignore(_) => Some(Decision::Ignored),
        Match::Whitelist(glob) => {
            let file = glob.from().map(Path::to_path_buf).unwrap_or_default();
            let line = texts
                .get(&file)
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
