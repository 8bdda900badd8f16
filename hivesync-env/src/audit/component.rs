//! Which component a file belongs to, and which extra names it may read.
//!
//! A folder is mapped to a component by the first of these found in it:
//!
//! - `Cargo.toml`: `[package.metadata.hivesync] component = "desktop"`
//! - `package.json`: `"hivesync": { "component": "admin-ui" }`
//! - `pyproject.toml`: `[tool.hivesync] component = "backend"`
//! - `hivesync-audit.toml` at the audited root: `[components] "apps/mobile" = "mobile"`
//! - `wrangler.toml`: the folder holds a Worker, so the set's `edge` component
//!
//! A file belongs to the component of its nearest mapped folder; a file under no mapped
//! folder belongs to none, and may read any declared variable. The same tables take
//! `allow = ["NAME", ...]`: names that files below may read although no contract
//! declares them (a tool's own variable, say).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use hivesync_env_core::{Audience, ContractSet};
use toml::de::{DeTable, DeValue};

use super::finding::{AuditError, Finding};
use super::paths::{dir_of, file_name, is_wrangler_config, read_text};
use super::syntax::{self, SyntaxError};

/// The name of the optional audit configuration at the audited root.
pub const CONFIG_FILE: &str = "hivesync-audit.toml";

/// The root configuration: names any file may read, paths every check skips, and
/// folder mappings.
#[derive(Debug, Default)]
pub(crate) struct Config {
    pub(crate) allow: Vec<String>,
    pub(crate) exclude: Vec<String>,
    pub(crate) components: Vec<(PathBuf, String)>,
}

/// A folder's mapping.
#[derive(Debug, Default, Clone)]
struct Mark {
    component: Option<String>,
    allow: Vec<String>,
}

/// Folder mappings of a tree, by folder relative to the root.
#[derive(Debug, Default)]
pub(crate) struct Components {
    marks: BTreeMap<PathBuf, Mark>,
}

impl Components {
    /// Reads the markers among `files` (paths relative to `root`).
    ///
    /// A marker file that does not parse maps nothing: it is returned as an
    /// `invalid_file` finding and the audit goes on.
    pub(crate) fn new(
        root: &Path,
        files: &[PathBuf],
        config: &Config,
        set: &ContractSet,
        invalid: &mut Vec<Finding>,
    ) -> Result<Components, AuditError> {
        let mut marks = Components::default();
        let mut wrangler = BTreeSet::new();
        for rel in files {
            let name = file_name(rel);
            if is_wrangler_config(&name) {
                wrangler.insert(dir_of(rel));
            } else if let Some(mark) = marker(root, rel, &name, invalid)? {
                marks.add(dir_of(rel), mark, set, rel)?;
            }
        }
        for (dir, c) in &config.components {
            let c = known(set, Path::new(CONFIG_FILE), c.clone())?;
            marks.fill(dir.clone(), || c);
        }
        if let Some(edge) = the_edge_component(set) {
            for dir in wrangler {
                marks.fill(dir, || edge.to_owned());
            }
        }
        Ok(marks)
    }

    /// Adds the mapping `mark` of the file `rel` to its folder `dir`: the first
    /// component found for a folder stays, allowed names add up.
    fn add(
        &mut self,
        dir: PathBuf,
        mark: Mark,
        set: &ContractSet,
        rel: &Path,
    ) -> Result<(), AuditError> {
        let component = mark.component.map(|c| known(set, rel, c)).transpose()?;
        let entry = self.marks.entry(dir).or_default();
        entry.component = entry.component.take().or(component);
        entry.allow.extend(mark.allow);
        Ok(())
    }

    /// Maps `dir` to the component `c()` unless a marker already did.
    fn fill(&mut self, dir: PathBuf, c: impl FnOnce() -> String) {
        self.marks
            .entry(dir)
            .or_default()
            .component
            .get_or_insert_with(c);
    }

    /// The folders mapped to a component.
    pub(crate) fn dirs(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.marks
            .iter()
            .filter(|(_, m)| m.component.is_some())
            .map(|(d, _)| d.clone())
    }

    /// The component of `rel` (a file relative to the root) and the names it may read
    /// beyond its contract.
    pub(crate) fn of(&self, rel: &Path) -> (Option<&str>, BTreeSet<&str>) {
        let mut component = None;
        let mut allow = BTreeSet::new();
        for dir in rel.ancestors().skip(1) {
            if let Some(mark) = self.marks.get(dir) {
                if component.is_none() {
                    component = mark.component.as_deref();
                }
                allow.extend(mark.allow.iter().map(String::as_str));
            }
        }
        (component, allow)
    }
}

/// `c` if the set has such a component, else an error of `file` listing those it has.
fn known(set: &ContractSet, file: &Path, c: String) -> Result<String, AuditError> {
    if set.get(&c).is_some() {
        return Ok(c);
    }
    let names: Vec<&str> = set
        .contracts()
        .iter()
        .map(|c| c.component.as_ref())
        .collect();
    Err(AuditError {
        file: file.to_path_buf(),
        message: format!(
            "unknown component `{c}`: expected one of {}",
            names.join(", ")
        ),
    })
}

/// The set's `edge` component, when it has exactly one: the component of a folder
/// holding a Worker's configuration.
fn the_edge_component(set: &ContractSet) -> Option<&str> {
    let mut edge = set
        .contracts()
        .iter()
        .filter(|c| c.audience == Audience::Edge)
        .map(|c| c.component.as_ref());
    match (edge.next(), edge.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// The mapping the file `rel` (called `name`) declares, if it is a marker file that
/// has one. One that does not parse is pushed to `invalid` and maps nothing; one
/// whose table has the wrong shape stops the audit.
fn marker(
    root: &Path,
    rel: &Path,
    name: &str,
    invalid: &mut Vec<Finding>,
) -> Result<Option<Mark>, AuditError> {
    let keys: &[&str] = match name {
        "Cargo.toml" => &["package", "metadata", "hivesync"],
        "pyproject.toml" => &["tool", "hivesync"],
        "package.json" => &["hivesync"],
        _ => return Ok(None),
    };
    let text = read_text(root, rel)?;
    let mark = if name == "package.json" {
        json_mark(&text)
    } else {
        toml_mark(&text, keys)
    };
    match mark {
        Ok(mark) => Ok(mark),
        Err(MarkError::Syntax(e, format)) => {
            invalid.push(e.finding(rel, format));
            Ok(None)
        }
        Err(MarkError::Shape(message)) => Err(AuditError {
            file: rel.to_path_buf(),
            message,
        }),
    }
}

/// Reads `hivesync-audit.toml` at `root`, if there is one.
pub(crate) fn config(root: &Path) -> Result<Config, AuditError> {
    let path = root.join(CONFIG_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(Config::default());
    }
    let err = |message: String| AuditError {
        file: PathBuf::from(CONFIG_FILE),
        message,
    };
    let text = read_text(root, Path::new(CONFIG_FILE))?;
    let table = DeTable::parse(&text).map_err(|e| {
        let e = syntax::toml(&text, &e);
        err(format!(
            "not valid TOML at line {}, column {}: {}",
            e.line, e.column, e.what
        ))
    })?;
    let mut config = Config::default();
    for (key, value) in table.get_ref().iter() {
        match key.get_ref().as_ref() {
            "allow" => {
                config.allow = strings(value.get_ref()).map_err(|m| err(format!("`allow`: {m}")))?
            }
            "exclude" => {
                config.exclude =
                    strings(value.get_ref()).map_err(|m| err(format!("`exclude`: {m}")))?
            }
            "components" => {
                let t = value.get_ref().as_table().ok_or_else(|| {
                    err("`components` must be a table of folder = component".into())
                })?;
                for (dir, c) in t.iter() {
                    let c = c.get_ref().as_str().ok_or_else(|| {
                        err(format!("`components.{}` must be a string", dir.get_ref()))
                    })?;
                    config.components.push((
                        PathBuf::from(dir.get_ref().as_ref().trim_end_matches('/')),
                        c.to_owned(),
                    ));
                }
            }
            other => {
                return Err(err(format!(
                    "unknown key `{other}`: expected allow, exclude or components"
                )));
            }
        }
    }
    Ok(config)
}

fn strings(value: &DeValue<'_>) -> Result<Vec<String>, String> {
    let array = value.as_array().ok_or("must be an array of strings")?;
    array
        .iter()
        .map(|v| {
            v.get_ref()
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| "must be an array of strings".to_owned())
        })
        .collect()
}

/// Why a marker file maps nothing: it does not parse, or its table has the wrong
/// shape.
enum MarkError {
    Syntax(SyntaxError, &'static str),
    Shape(String),
}

impl From<String> for MarkError {
    fn from(message: String) -> MarkError {
        MarkError::Shape(message)
    }
}

impl From<&str> for MarkError {
    fn from(message: &str) -> MarkError {
        MarkError::Shape(message.to_owned())
    }
}

fn toml_mark(text: &str, keys: &[&str]) -> Result<Option<Mark>, MarkError> {
    let table =
        DeTable::parse(text).map_err(|e| MarkError::Syntax(syntax::toml(text, &e), "TOML"))?;
    let mut value: Option<&DeValue<'_>> = None;
    let mut current = table.get_ref();
    for (i, key) in keys.iter().enumerate() {
        let Some(v) = current.get(*key) else {
            return Ok(None);
        };
        if i + 1 == keys.len() {
            value = Some(v.get_ref());
        } else {
            match v.get_ref().as_table() {
                Some(t) => current = t,
                None => return Ok(None),
            }
        }
    }
    let Some(t) = value.and_then(DeValue::as_table) else {
        return Ok(None);
    };
    let path = keys.join(".");
    let component = match t.get("component") {
        Some(v) => Some(
            v.get_ref()
                .as_str()
                .ok_or(format!("`{path}.component` must be a string"))?
                .to_owned(),
        ),
        None => None,
    };
    let allow = match t.get("allow") {
        Some(v) => strings(v.get_ref()).map_err(|m| format!("`{path}.allow` {m}"))?,
        None => Vec::new(),
    };
    Ok(Some(Mark { component, allow }))
}

fn json_mark(text: &str) -> Result<Option<Mark>, MarkError> {
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|e| MarkError::Syntax(syntax::json(&e), "JSON"))?;
    let Some(h) = json.get("hivesync") else {
        return Ok(None);
    };
    let component = match h.get("component") {
        Some(v) => Some(
            v.as_str()
                .ok_or("`hivesync.component` must be a string")?
                .to_owned(),
        ),
        None => None,
    };
    let allow = match h.get("allow") {
        Some(v) => v
            .as_array()
            .and_then(|a| {
                a.iter()
                    .map(|s| s.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
            })
            .ok_or("`hivesync.allow` must be an array of strings")?,
        None => Vec::new(),
    };
    Ok(Some(Mark { component, allow }))
}
