//! Reads of variables in source files, and the `undeclared`, `leak` and credential
//! findings they give: which scanner reads a file (by extension), which names need no
//! contract, and who declares a name.

use std::path::{Path, PathBuf};

use hivesync_env_core::{Contract, ContractSet, looks_like_credential};

use super::finding::{Finding, FindingKind};
use super::paths::slashed;
use super::text::Read;
use super::{python, rust, script};

/// The `name` of a finding about a credential used as a variable name: the name
/// itself is never shown.
pub const CREDENTIAL: &str = "(credential)";

/// Names the Rust toolchain sets for a crate's build (`env!`), its build script and its
/// tests: exact names, then prefixes ending in `_`.
const TOOLCHAIN_NAMES: &[&str] = &[
    "CARGO",
    "CARGO_MANIFEST_DIR",
    "CARGO_MANIFEST_PATH",
    "CARGO_CRATE_NAME",
    "CARGO_BIN_NAME",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_TARGET_TMPDIR",
    "CARGO_RUSTC_CURRENT_DIR",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_MAKEFLAGS",
    "OUT_DIR",
    "TARGET",
    "HOST",
    "PROFILE",
    "OPT_LEVEL",
    "DEBUG",
    "NUM_JOBS",
    "RUSTC",
    "RUSTDOC",
    "RUSTC_LINKER",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
];
const TOOLCHAIN_PREFIXES: &[&str] = &[
    "CARGO_PKG_",
    "CARGO_BIN_EXE_",
    "CARGO_CFG_",
    "CARGO_FEATURE_",
    "DEP_",
];

/// Whether Cargo or rustc sets `name` (`CARGO_MANIFEST_DIR`, `CARGO_PKG_VERSION`,
/// `OUT_DIR`, `CARGO_BIN_EXE_<name>`, ...): a Rust file may read it without a contract.
///
/// ```
/// assert!(hivesync_env::audit::is_toolchain_var("CARGO_PKG_VERSION"));
/// assert!(!hivesync_env::audit::is_toolchain_var("DATABASE_URL"));
/// ```
pub fn is_toolchain_var(name: &str) -> bool {
    TOOLCHAIN_NAMES.contains(&name) || TOOLCHAIN_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// The languages whose reads are found.
enum Language {
    Rust,
    Script,
    Python,
}

/// The language of `rel`, by its extension.
fn language(rel: &Path) -> Option<Language> {
    match rel.extension()?.to_str()? {
        "rs" => Some(Language::Rust),
        "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" => Some(Language::Script),
        "py" => Some(Language::Python),
        _ => None,
    }
}

/// Whether a file like `rel` is scanned for reads (by its extension).
pub(crate) fn scanned(rel: &Path) -> bool {
    language(rel).is_some()
}

/// The reads of `text` by the scanner of its language (by the extension of `rel`),
/// and whether it is Rust.
fn reads_of(rel: &Path, text: &str) -> Option<(Vec<Read>, bool)> {
    Some(match language(rel)? {
        Language::Rust => (rust::reads(text), true),
        Language::Script => (script::reads(text), false),
        Language::Python => (python::reads(text), false),
    })
}

/// The findings of the reads in `text` (the file `rel`, of `component` if mapped):
/// every read that `allowed` does not allow and that is not a toolchain name in Rust.
pub(crate) fn findings(
    set: &ContractSet,
    rel: &Path,
    text: &str,
    component: Option<&str>,
    allowed: impl Fn(&str) -> bool,
) -> Vec<Finding> {
    let Some((reads, is_rust)) = reads_of(rel, text) else {
        return Vec::new();
    };
    reads
        .into_iter()
        .filter(|read| !(is_rust && is_toolchain_var(&read.name) || allowed(&read.name)))
        .filter_map(|read| classify(set, rel, component, read))
        .collect()
}

/// The finding of one read, if it is one: a credential used as a name, a name another
/// component declares (`leak`), or a name no contract declares (`undeclared`).
fn classify(set: &ContractSet, rel: &Path, component: Option<&str>, read: Read) -> Option<Finding> {
    if looks_like_credential(&read.name) {
        return Some(credential_read(rel, component, read.line));
    }
    // Every HiveSync process may read its profile: the variable belongs to hivesync-env.
    if read.name == crate::PROFILE_VAR {
        return None;
    }
    let owners = owners(set, &read.name);
    let (kind, message) = match component {
        Some(c) if owners.contains(&c) => return None,
        None if !owners.is_empty() => return None,
        Some(c) if !owners.is_empty() => (
            FindingKind::Leak,
            format!(
                "{} is declared by {}, not by {c}: this component must not read it",
                read.name,
                owners.join(", ")
            ),
        ),
        Some(c) => (
            FindingKind::Undeclared,
            format!(
                "no contract declares {}: add it to the {c} contract or stop reading it",
                read.name
            ),
        ),
        None => (
            FindingKind::Undeclared,
            format!(
                "no contract declares {}: add it to a contract or stop reading it",
                read.name
            ),
        ),
    };
    Some(Finding {
        file: PathBuf::from(slashed(rel)),
        line: read.line,
        kind,
        name: read.name,
        component: component.map(str::to_owned),
        message,
    })
}

/// A key pasted where a name belongs: committed, so it is a secret to rotate, and the
/// finding must not repeat it.
fn credential_read(rel: &Path, component: Option<&str>, line: u32) -> Finding {
    Finding {
        file: PathBuf::from(slashed(rel)),
        line,
        kind: FindingKind::CommittedSecret,
        name: CREDENTIAL.to_owned(),
        component: component.map(str::to_owned),
        message: "a credential is used as a variable name: remove it from the source and rotate it"
            .to_owned(),
    }
}

/// The components whose contract declares `name` (a variable, or a Worker's R2
/// binding).
fn owners<'a>(set: &'a ContractSet, name: &str) -> Vec<&'a str> {
    let declares = |c: &Contract| {
        c.var(name).is_some()
            || c.wrangler
                .as_ref()
                .is_some_and(|w| w.r2_binding.as_deref() == Some(name))
    };
    set.contracts()
        .iter()
        .filter(|c| declares(c))
        .map(|c| c.component.as_ref())
        .collect()
}
