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
//! Every file a check looks at (by its name: a source file, an env, YAML, TOML or
//! JSON file) is read with a size limit and without blocking
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

mod assignment;
mod committed;
mod component;
mod finding;
mod git_index;
mod gitignore;
mod paths;
mod python;
mod reads;
mod rust;
mod script;
mod structured;
mod syntax;
mod text;
mod walk;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use component::CONFIG_FILE;
pub use finding::{AuditError, Finding, FindingKind};
pub use hivesync_env_core::ContractSet;
pub use reads::{CREDENTIAL, is_toolchain_var};
pub use walk::SKIPPED_DIRS;

use committed::Format;
use component::Components;
use paths::{dir_of, file_name, is_wrangler_config, read_text};

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
        // A file no check looks at (an image, a dataset, an archive) is not read: its
        // size is no reason to stop the audit.
        if !reads::scanned(rel) && Format::of(&file_name(rel)).is_none() {
            continue;
        }
        let text = read_text(root, rel)?;
        let (component, mut allow) = components.of(rel);
        allow.extend(config.allow.iter().map(String::as_str));
        let allowed = |name: &str| allow.contains(name);
        findings.extend(reads::findings(set, rel, &text, component, allowed));
        findings.extend(committed_secrets(rel, &text, component, &secrets));
    }
    let edge_dirs: Vec<PathBuf> = tree
        .files
        .iter()
        .filter(|rel| is_wrangler_config(&file_name(rel)))
        .map(|rel| dir_of(rel))
        .collect();
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

/// The `committed_secret` findings of the file `rel` if it is one that assigns
/// variables (or its `invalid_file` finding if it does not parse).
fn committed_secrets(
    rel: &Path,
    text: &str,
    component: Option<&str>,
    secrets: &BTreeSet<String>,
) -> Vec<Finding> {
    let Some(format) = Format::of(&file_name(rel)) else {
        return Vec::new();
    };
    match committed::secrets(text, format, secrets) {
        Err(e) => vec![e.finding(rel, format.as_str())],
        Ok(found) => found.into_iter().map(|(var, line)| Finding {
            file: rel.to_path_buf(),
            line,
            kind: FindingKind::CommittedSecret,
            message: format!("{var} is a secret: replace the value with a placeholder or a `${{{var}}}` reference, and rotate it"),
            name: var,
            component: component.map(str::to_owned),
        }).collect(),
    }
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
    for rel in tree.files.iter().filter(|rel| reads::scanned(rel)) {
        let text = read_text(dir, rel)?;
        let allowed = |name: &str| config.allow.iter().any(|a| a == name);
        findings.extend(reads::findings(set, rel, &text, Some(component), allowed));
    }
    findings.sort();
    Ok(findings)
}
