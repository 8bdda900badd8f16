//! How the files on disk differ from a fresh render: [`drift`], what `hivesync-env
//! docs --check` reports.

use std::collections::BTreeMap;
use std::fmt;

use super::Artifact;

/// How a file on disk differs from a fresh render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriftKind {
    /// The file exists but its text differs from the render.
    Stale,
    /// The render has the file, the disk does not.
    Missing,
    /// The disk has a file the render does not produce.
    Extra,
}

impl DriftKind {
    /// `stale`, `missing` or `extra`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DriftKind::Stale => "stale",
            DriftKind::Missing => "missing",
            DriftKind::Extra => "extra",
        }
    }
}

/// One file that differs, see [`drift`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// The path relative to the output folder.
    pub path: String,
    /// How it differs.
    pub kind: DriftKind,
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.path)
    }
}

/// Compares a fresh render with the files found on disk (`path -> text`, paths relative
/// to the output folder and `/`-separated). Returns every difference, in path order;
/// empty when the committed output is up to date.
pub fn drift(expected: &[Artifact], found: &BTreeMap<String, String>) -> Vec<Drift> {
    let mut out = Vec::new();
    for a in expected {
        match found.get(&a.path) {
            None => out.push(Drift {
                path: a.path.clone(),
                kind: DriftKind::Missing,
            }),
            Some(text) if *text != a.contents => out.push(Drift {
                path: a.path.clone(),
                kind: DriftKind::Stale,
            }),
            Some(_) => {}
        }
    }
    for path in found.keys() {
        if !expected.iter().any(|a| a.path == *path) {
            out.push(Drift {
                path: path.clone(),
                kind: DriftKind::Extra,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{artifacts, fixture};

    #[test]
    fn drift_names_stale_missing_and_extra_files() {
        let expected = artifacts(&fixture::all());
        let mut found: BTreeMap<String, String> = expected
            .iter()
            .map(|a| (a.path.clone(), a.contents.clone()))
            .collect();
        assert!(drift(&expected, &found).is_empty());
        found.get_mut("server.env.example").unwrap().push('x');
        found.remove("ENVIRONMENT.md");
        found.insert("wrangler/old.toml".into(), String::new());
        let report: Vec<String> = drift(&expected, &found)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            report,
            [
                "missing: ENVIRONMENT.md",
                "stale: server.env.example",
                "extra: wrangler/old.toml"
            ]
        );
    }

    #[test]
    fn a_changed_description_makes_every_file_that_shows_it_stale() {
        let before = artifacts(&fixture::all());
        let found = before
            .iter()
            .map(|a| (a.path.clone(), a.contents.clone()))
            .collect();
        let mut contracts = fixture::all();
        contracts[0].vars.to_mut()[1].description = "Another host".into();
        let stale: Vec<String> = drift(&artifacts(&contracts), &found)
            .into_iter()
            .map(|d| {
                assert_eq!(d.kind, DriftKind::Stale);
                d.path
            })
            .collect();
        assert_eq!(
            stale,
            [
                "ENVIRONMENT.md",
                "docker-compose.env.yml",
                "hivesync-env.schema.json",
                "server.env.example"
            ]
        );
    }
}
