//! Auditing a repository against the contracts (feature `audit`): every variable read is
//! declared, and by the right component; `.env` files are ignored; no secret is
//! committed.
//!
//! [`audit`] walks a folder (honouring `.gitignore` files, and skipping `.git/`,
//! `target/`, `node_modules/`, `vendor/` and `third_party/`), adds every file git
//! tracks there even when an ignore rule matches it now (read from git's index), and
//! returns every [`Finding`]:
//!
//! - `undeclared`: a read of a variable no contract declares, in Rust (see
//!   [`rust`](self#rust)), TypeScript/JavaScript or Python. Only reads whose name is
//!   written as a literal are found; `std::env::var(name)` is out of scope.
//! - `leak`: a read of a variable another component declares, from a file of a
//!   component that does not (a desktop crate reading `OPENAI_API_KEY`). How folders
//!   map to components is below.
//! - `gitignore`: `.env` or `.env.production` is not ignored, at the root, in every
//!   mapped component folder and beside any other env file; `.dev.vars` beside every
//!   `wrangler.toml`; and any `.dev.vars*` or `.envrc` of the tree. A negation that
//!   re-includes one is reported at its own line.
//! - `committed_secret`: an env file (`.env*`, `*.env`, `.dev.vars`, `.envrc`), YAML,
//!   TOML or JSON file the audit reads assigns a secret variable (secret in any
//!   contract) a value that is not a placeholder or `${NAME}` reference; or a source
//!   file uses a credential (`sk-...`, `AKIA...`) as a variable name. Neither the value
//!   nor the credential is ever part of the finding.
//! - `invalid_file`: a TOML, JSON, YAML or env file that does not parse, told by line
//!   and column (never by its text); the audit goes on with the other files.
//!
//! Every file is read with a size limit and without blocking
//! ([`bounded_read`](crate::bounded_read)); text that is not UTF-8 is scanned with its
//! invalid bytes replaced. Text output escapes control characters visibly.
//!
//! # Components
//!
//! A folder belongs to a component when one of its files says so:
//! `[package.metadata.hivesync] component = "desktop"` in `Cargo.toml`,
//! `"hivesync": {"component": "admin-ui"}` in `package.json`,
//! `[tool.hivesync] component = "backend"` in `pyproject.toml`, a `wrangler.toml` (the
//! `edge` component), or `[components]` in the root's `hivesync-audit.toml`. A file
//! belongs to its nearest mapped folder; a file under none may read any declared name.
//!
//! # Allowed names
//!
//! In Rust files, the names Cargo and rustc set ([`is_toolchain_var`]) are never
//! findings; in any language, neither is [`PROFILE_VAR`](crate::PROFILE_VAR), the
//! profile every HiveSync process reads. Other names are allowed with
//! `allow = ["NAME"]` beside `component` in any of the tables above, or at the top of
//! `hivesync-audit.toml`, which also takes `exclude = ["pattern", ...]` (gitignore
//! syntax): paths that no check looks at, for fixtures with deliberate findings.
//!
//! # Example
//!
//! ```
//! use hivesync_env::audit::{audit, ContractSet, FindingKind};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let set = ContractSet::parse([
//!     ("backend.toml", "component = \"backend\"\naudience = \"server\"\ndescription = \"api\"\n\n[[var]]\nname = \"PORT\"\ntype = \"port\"\ndescription = \"port\"\n"),
//! ])?;
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join(".gitignore"), ".env\n.env.production\n")?;
//! std::fs::write(dir.path().join("main.py"), "import os\nport = os.environ[\"PORT\"]\nhost = os.getenv(\"HOST\")\n")?;
//! let findings = audit(dir.path(), &set)?;
//! assert_eq!(findings.len(), 1);
//! assert_eq!((findings[0].kind, findings[0].line, findings[0].name.as_str()), (FindingKind::Undeclared, 3, "HOST"));
//! # Ok(()) }
//! ```
//!
//! # Rust
//!
//! `env!`, `option_env!`, `std::env::var`, `std::env::var_os` and `dotenvy::var`, also
//! through `use std::env;`, `use std::env as e;` and `use std::env::var as get;`. A
//! small lexer drops comments and keeps string literals whole, so code inside a
//! fixture string is not a read.

mod committed;
mod component;
mod finding;
mod git_index;
mod gitignore;
mod python;
mod rust;
mod script;
mod structured;
mod syntax;
mod text;
mod walk;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hivesync_env_core::looks_like_credential;

pub use component::CONFIG_FILE;
pub use finding::{AuditError, Finding, FindingKind};
pub use hivesync_env_core::ContractSet;

use committed::Format;
use component::Components;

/// The `name` of a finding about a credential used as a variable name: the name
/// itself is never shown.
pub const CREDENTIAL: &str = "(credential)";

/// Folders no check enters, wherever they are.
pub const SKIPPED_DIRS: &[&str] = &[".git", "target", "node_modules", "vendor", "third_party"];

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

/// A literal read found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Read {
    pub(crate) name: String,
    pub(crate) line: u32,
}

/// The source language of a file, by extension.
fn reads_of(rel: &Path, text: &str) -> Option<(Vec<Read>, bool)> {
    match rel.extension()?.to_str()? {
        "rs" => Some((rust::reads(text), true)),
        "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" => {
            Some((script::reads(text), false))
        }
        "py" => Some((python::reads(text), false)),
        _ => None,
    }
}

/// Audits the folder `root` against the contracts of `set`: every finding, sorted by
/// file, line and kind. An empty list means the tree is clean.
///
/// Errors are for what stops the audit: an unreadable folder, an invalid
/// `hivesync-audit.toml`, a marker that names an unknown component, or a file that
/// cannot be read within the limits (a FIFO, a device, a file over 16 MiB: list it in
/// `exclude`). A file that does not parse is an `invalid_file` finding, not an error.
pub fn audit(root: &Path, set: &ContractSet) -> Result<Vec<Finding>, AuditError> {
    let config = component::config(root)?;
    let tree = walk::walk(root, &config)?;
    let mut findings = Vec::new();
    let components = Components::new(root, &tree.files, &config, set, &mut findings)?;
    let secrets: BTreeSet<String> = set
        .contracts()
        .iter()
        .flat_map(|c| c.secrets().map(|v| v.name.to_string()))
        .collect();
    for rel in &tree.files {
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let text = read_text(root, rel)?;
        let (component, allow) = components.of(rel);
        let mut allow = allow;
        allow.extend(config.allow.iter().map(String::as_str));
        if let Some((reads, is_rust)) = reads_of(rel, &text) {
            for read in reads {
                if is_rust && is_toolchain_var(&read.name) || allow.contains(read.name.as_str()) {
                    continue;
                }
                findings.extend(classify(set, rel, component, read));
            }
        }
        let Some(format) = Format::of(name) else {
            continue;
        };
        match committed::secrets(&text, format, &secrets) {
            Err(e) => findings.push(e.finding(rel, format.as_str())),
            Ok(found) => findings.extend(found.into_iter().map(|(var, line)| Finding {
                file: rel.clone(),
                line,
                kind: FindingKind::CommittedSecret,
                message: format!("{var} is a secret: replace the value with a placeholder or a `${{{var}}}` reference, and rotate it"),
                name: var,
                component: component.map(str::to_owned),
            })),
        }
    }
    let edge_dirs = tree.files.iter().filter_map(|rel| {
        let name = rel.file_name()?;
        (name == "wrangler.toml" || name == "wrangler.json" || name == "wrangler.jsonc")
            .then(|| rel.parent().unwrap_or(Path::new("")).to_path_buf())
    });
    let edge_dirs: Vec<PathBuf> = edge_dirs.collect();
    findings.extend(gitignore::env_files_ignored(
        root,
        &tree.rules,
        &tree.files,
        components.dirs().collect(),
        &edge_dirs,
    ));
    findings.sort();
    findings.dedup();
    Ok(findings)
}

/// The largest file an audit reads.
const MAX_SOURCE: u64 = 16 * 1024 * 1024;

/// The text of `root/rel`, read with [`MAX_SOURCE`] and without blocking; bytes that
/// are not UTF-8 become U+FFFD, so such a file is scanned, not skipped.
pub(crate) fn read_text(root: &Path, rel: &Path) -> Result<String, AuditError> {
    let bytes = crate::bounded_read::read(root.join(rel), MAX_SOURCE).map_err(|e| AuditError {
        file: rel.to_path_buf(),
        message: format!("cannot read: {e}"),
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// The `undeclared` and `leak` findings of the sources in `dir`, every file taken as
/// belonging to `component` (markers are not read). Rust toolchain names are allowed;
/// `hivesync-audit.toml` at `dir` applies. This is what
/// `testing::assert_reads_only_declared` (feature `testing`) checks.
pub fn audit_reads(
    dir: &Path,
    set: &ContractSet,
    component: &str,
) -> Result<Vec<Finding>, AuditError> {
    if set.get(component).is_none() {
        return Err(AuditError {
            file: dir.to_path_buf(),
            message: format!("unknown component `{component}`"),
        });
    }
    let config = component::config(dir)?;
    let tree = walk::walk(dir, &config)?;
    let mut findings = Vec::new();
    for rel in &tree.files {
        let text = read_text(dir, rel)?;
        if let Some((reads, is_rust)) = reads_of(rel, &text) {
            for read in reads {
                if is_rust && is_toolchain_var(&read.name) || config.allow.contains(&read.name) {
                    continue;
                }
                findings.extend(classify(set, rel, Some(component), read));
            }
        }
    }
    findings.sort();
    Ok(findings)
}

fn classify(set: &ContractSet, rel: &Path, component: Option<&str>, read: Read) -> Option<Finding> {
    if looks_like_credential(&read.name) {
        // A key pasted where a name belongs: committed, so it is a secret to rotate,
        // and the finding must not repeat it.
        return Some(Finding {
            file: PathBuf::from(slashed(rel)),
            line: read.line,
            kind: FindingKind::CommittedSecret,
            name: CREDENTIAL.to_owned(),
            component: component.map(str::to_owned),
            message:
                "a credential is used as a variable name: remove it from the source and rotate it"
                    .to_owned(),
        });
    }
    // Every HiveSync process may read its profile: the variable belongs to hivesync-env.
    if read.name == crate::PROFILE_VAR {
        return None;
    }
    let declares = |c: &hivesync_env_core::Contract| {
        c.var(&read.name).is_some()
            || c.wrangler
                .as_ref()
                .is_some_and(|w| w.r2_binding.as_deref() == Some(read.name.as_str()))
    };
    let owners: Vec<&str> = set
        .contracts()
        .iter()
        .filter(|c| declares(c))
        .map(|c| c.component.as_ref())
        .collect();
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

fn slashed(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
