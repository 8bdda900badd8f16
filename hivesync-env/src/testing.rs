//! Helpers for other crates' `cargo test` (feature `testing`): the guardrails of
//! [`audit`](crate::audit) as assertions.
//!
//! ```
//! use hivesync_env::audit::ContractSet;
//! use hivesync_env::testing::{assert_example_loads, assert_reads_only_declared};
//! use hivesync_env::Profile;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let set = ContractSet::parse([(
//!     "desktop.toml",
//!     "component = \"desktop\"\naudience = \"client\"\ndescription = \"app\"\n\n[[var]]\nname = \"HIVESYNC_PUBLIC_API_URL\"\ntype = \"url\"\ndescription = \"api\"\n",
//! )])?;
//! let krate = tempfile::tempdir()?;
//! std::fs::create_dir(krate.path().join("src"))?;
//! std::fs::write(
//!     krate.path().join("src/main.rs"),
//!     "fn main() { let _ = std::env::var(\"HIVESYNC_PUBLIC_API_URL\"); let _ = env!(\"CARGO_PKG_NAME\"); }",
//! )?;
//! assert_reads_only_declared(&set, "desktop", krate.path());
//!
//! std::fs::write(krate.path().join(".env.example"), "HIVESYNC_PUBLIC_API_URL=https://api.hivesync.dev\n")?;
//! assert_example_loads(set.get("desktop").unwrap(), krate.path().join(".env.example"), Profile::Production);
//! # Ok(()) }
//! ```

use std::path::Path;

use crate::audit::{ContractSet, audit_reads};
use crate::source::EnvFile;
use crate::{Contract, Profile, check};

/// Panics, listing every finding, unless the sources under `dir` (a crate's folder,
/// usually `env!("CARGO_MANIFEST_DIR")`) read only variables that `component`'s
/// contract declares. Reads of names another component declares are `leak`s, of names
/// no contract declares `undeclared`; names Cargo sets are allowed, and so are those in
/// `allow` of a `hivesync-audit.toml` in `dir`.
#[track_caller]
pub fn assert_reads_only_declared(set: &ContractSet, component: &str, dir: impl AsRef<Path>) {
    let dir = dir.as_ref();
    match audit_reads(dir, set, component) {
        Err(e) => panic!("cannot audit {}: {e}", dir.display()),
        Ok(findings) if findings.is_empty() => {}
        Ok(findings) => {
            let list: Vec<String> = findings.iter().map(|f| format!("  {f}")).collect();
            panic!(
                "{} reads variables the {component} contract does not declare ({} findings):\n{}",
                dir.display(),
                findings.len(),
                list.join("\n")
            );
        }
    }
}

/// Panics with the whole report unless the `.env`-style file at `example` (a
/// component's committed `.env.example`) loads without errors against `contract` in
/// `profile`. Warnings are allowed. The report never shows a secret's value.
#[track_caller]
pub fn assert_example_loads(contract: &Contract, example: impl AsRef<Path>, profile: Profile) {
    let example = example.as_ref();
    let file = match EnvFile::read(example) {
        Ok(file) => file,
        Err(e) => panic!("cannot read {}: {e}", example.display()),
    };
    let checked = check(contract, &file, profile);
    assert!(
        checked.report.is_ok(),
        "{} does not load as {} in profile {profile}:\n{}",
        example.display(),
        contract.component,
        checked.report
    );
}
