//! Cargo rebuilds a struct when its contract file changes, and the derive's errors
//! reach a crate outside this workspace.
//!
//! The test copies `hivesync-contracts` (the six contract files and `src/lib.rs`)
//! into a temporary crate with a `[workspace]` of its own, depending on
//! `hivesync-env` by absolute path, as a HiveSync crate in another repository would,
//! and adds a module whose contract (`env/outside.toml`) nothing but the derive reads:
//! `hivesync-contracts` also names its TOML files in `include_str!`, which would make
//! Cargo rebuild it on a TOML edit even if the derive tracked nothing. It then edits
//! the copy (never the real `contracts/`) and runs `cargo build` after each edit:
//!
//! 1. as copied: the build passes;
//! 2. a required variable added to `env/outside.toml`, no Rust touched: the build
//!    fails naming it, which it can only do if the derive told Cargo about the file;
//! 3. `env/outside.toml` restored, still no Rust touched: the build passes;
//! 4. a required variable added to `desktop.toml`: the build fails naming it;
//! 5. `desktop.toml` restored, and a client struct with a `Secret<String>` field that
//!    also omits a variable of its contract: the build fails naming both variables
//!    (in one build);
//! 6. that struct removed: the build passes.
//!
//! Last, it adds a binary that bakes `DesktopEnv` (`bake!`) and runs it with an
//! optional variable unset, set, changed and unset again: each run must print the
//! value of its own build's environment, which needs Cargo to track every variable
//! of the contract, set or not.
//!
//! The builds share `<target dir>/rebuild-test`, so `hivesync-env` and its
//! dependencies are compiled once and reused by later runs; `--offline`, since every
//! dependency is in the workspace's lock file and already downloaded.

mod support;

use std::path::Path;

use support::{Outside, repo};

impl Outside {
    /// A copy of `hivesync-contracts` with the `outside` module, depending on
    /// `hivesync-env` by absolute path.
    fn new() -> Outside {
        let krate = Outside::empty();
        let contracts = repo().join("contracts");
        for entry in std::fs::read_dir(&contracts).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap();
            if path.is_file() && name != "Cargo.toml" {
                std::fs::copy(&path, krate.dir.path().join(name)).unwrap();
            }
        }
        copy_dir(&contracts.join("src"), &krate.path("src"));
        krate.write("env/outside.toml", OUTSIDE_CONTRACT);
        krate.write("src/outside.rs", OUTSIDE_MODULE);
        let lib = krate.read("src/lib.rs");
        krate.write(
            "src/lib.rs",
            &format!(
                "{lib}\n/// A struct whose contract only the derive reads.\npub mod outside;\n"
            ),
        );
        let runtime = repo().join("hivesync-env");
        krate.write(
            "Cargo.toml",
            &format!(
                r#"[package]
name = "outside-contracts"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
doctest = false

[dependencies]
hivesync-env = {{ path = {runtime:?} }}

# Not a member of the hivesync-env workspace around the temporary folder, if any.
[workspace]
"#
            ),
        );
        krate
    }

    fn assert_passes(&self, step: &str) {
        let (ok, stderr) = self.build();
        assert!(ok, "{step}: the build should pass:\n{stderr}");
    }

    /// Asserts the build fails, and returns its stderr.
    fn assert_fails(&self, step: &str) -> String {
        let (ok, stderr) = self.build();
        assert!(!ok, "{step}: the build should fail:\n{stderr}");
        stderr
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, dest).unwrap();
        }
    }
}

const OUTSIDE_CONTRACT: &str = r#"component = "outside"
audience = "server"
description = "A service outside the hivesync-env workspace"

[[var]]
name = "OUTSIDE_PORT"
type = "port"
default = "9000"
description = "Port the service listens on"
"#;

const OUTSIDE_MODULE: &str = r#"//! A struct whose contract only the derive reads.

use hivesync_env::EnvContract;

/// The outside service's configuration.
#[derive(Debug, EnvContract)]
#[env(contract = "env/outside.toml")]
pub struct OutsideEnv {
    /// Port the service listens on
    pub outside_port: u16,
}
"#;

/// A required variable `name`, to append to a contract.
fn new_variable(name: &str) -> String {
    format!(
        r#"
[[var]]
name = "{name}"
type = "string"
description = "A variable the rebuild test adds to the contract"
"#
    )
}

/// A client struct of the desktop contract that holds a secret and has no field for
/// HIVESYNC_PUBLIC_LOG_LEVEL.
const LEAKY_STRUCT: &str = r#"
/// A client struct with a secret in it.
#[derive(EnvContract)]
#[env(contract = "desktop.toml")]
pub struct LeakyDesktopEnv {
    /// The backend's URL, wrongly secret
    pub hivesync_public_api_url: Secret<String>,
}
"#;

#[test]
fn contract_edits_rebuild_and_errors_reach_an_outside_crate() {
    let krate = Outside::new();
    krate.assert_passes("hivesync-contracts as copied");

    // Only the TOML changes: the struct must be checked again.
    let outside = krate.read("env/outside.toml");
    let added = new_variable("OUTSIDE_REBUILD_PROBE");
    krate.write("env/outside.toml", &format!("{outside}{added}"));
    let stderr = krate.assert_fails("a required variable added to env/outside.toml");
    assert!(
        stderr.contains(
            "struct `OutsideEnv` has no field for OUTSIDE_REBUILD_PROBE (env/outside.toml:11)"
        ),
        "{stderr}"
    );
    krate.write("env/outside.toml", &outside);
    krate.assert_passes("env/outside.toml restored");

    // The same for a contract of hivesync-contracts.
    let desktop = krate.read("desktop.toml");
    let added = new_variable("HIVESYNC_PUBLIC_REBUILD_PROBE");
    krate.write("desktop.toml", &format!("{desktop}{added}"));
    let stderr = krate.assert_fails("a required variable added to desktop.toml");
    assert!(
        stderr.contains("struct `DesktopEnv` has no field for HIVESYNC_PUBLIC_REBUILD_PROBE"),
        "{stderr}"
    );
    assert!(
        stderr.contains("desktop.toml:"),
        "the error names the file:\n{stderr}"
    );
    krate.write("desktop.toml", &desktop);

    let lib = krate.read("src/lib.rs");
    krate.write("src/lib.rs", &format!("{lib}{LEAKY_STRUCT}"));
    let stderr = krate.assert_fails("a client struct with a secret");
    assert!(
        stderr.contains(
            "HIVESYNC_PUBLIC_API_URL is a secret in a client struct: secrets must never reach desktop, mobile, plugins or admin-ui"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("struct `LeakyDesktopEnv` has no field for HIVESYNC_PUBLIC_LOG_LEVEL"),
        "{stderr}"
    );
    // Those two and nothing else: no follow-on errors from the rest of the crate.
    let errors = stderr
        .lines()
        .filter(|l| l.starts_with("error") && !l.starts_with("error: could not compile"))
        .count();
    assert_eq!(errors, 2, "{stderr}");

    krate.write("src/lib.rs", &lib);
    krate.assert_passes("the client struct removed");

    baking_rebuilds_when_a_variable_is_set_changed_or_unset(&krate);
}

/// A binary of the outside crate that bakes `DesktopEnv` in the `local` profile.
const BAKED_BIN: &str = r#"fn main() {
    let env = hivesync_env::bake!(outside_contracts::DesktopEnv, profile = local);
    println!("{}", env.hivesync_public_log_level);
}
"#;

impl Outside {
    /// `cargo run --bin baked` with HIVESYNC_PUBLIC_LOG_LEVEL set to `level`, or unset:
    /// what the program printed.
    fn run_baked(&self, level: Option<&str>) -> String {
        let mut cargo = self.cargo(&["run", "--bin", "baked"]);
        cargo.env_remove("HIVESYNC_PUBLIC_API_URL");
        match level {
            Some(level) => cargo.env("HIVESYNC_PUBLIC_LOG_LEVEL", level),
            None => cargo.env_remove("HIVESYNC_PUBLIC_LOG_LEVEL"),
        };
        let output = cargo.output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }
}

/// Run last on the same crate: two tests sharing `rebuild-test` at once could see
/// each other's builds.
fn baking_rebuilds_when_a_variable_is_set_changed_or_unset(krate: &Outside) {
    std::fs::create_dir_all(krate.path("src/bin")).unwrap();
    krate.write("src/bin/baked.rs", BAKED_BIN);
    // HIVESYNC_PUBLIC_LOG_LEVEL is optional with a default: nothing forces a rebuild
    // but the macro's tracking of every variable of the contract.
    assert_eq!(krate.run_baked(None), "info");
    assert_eq!(krate.run_baked(Some("debug")), "debug");
    assert_eq!(krate.run_baked(Some("warn")), "warn");
    assert_eq!(krate.run_baked(None), "info");
}
