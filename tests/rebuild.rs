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
//! Then it adds `fatal` to LOG_LEVEL's values in `backend.toml`, and removes `console`
//! from EMAIL_PROVIDER's: each build fails naming the value (`LogLevel` and
//! `EmailProvider` no longer match the contract).
//!
//! Last, it adds a binary that bakes `DesktopEnv` (`bake!`) and runs it with an
//! optional variable unset, set, changed and unset again: each run must print the
//! value of its own build's environment, which needs Cargo to track every variable
//! of the contract, set or not. And one that bakes it in `production`: the build
//! fails naming HIVESYNC_PUBLIC_API_URL when it is unset, no URL, `http://` or a
//! placeholder, naming HIVESYNC_PUBLIC_LOG_LEVEL when it is `loud`, with both errors in
//! one build when both are wrong; with valid values the binary prints them with its
//! own environment empty.
//!
//! The builds share `<target dir>/rebuild-test`, so `hivesync-env` and its
//! dependencies are compiled once and reused by later runs; `--offline`, since every
//! dependency is in the workspace's lock file and already downloaded.

mod support;

use std::path::Path;
use std::process::Command;

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
            "client variable HIVESYNC_PUBLIC_API_URL is a secret: secrets must never reach desktop, mobile, plugins or admin-ui"
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

    contract_enum_edits_fail_the_build_naming_the_value(&krate);
    baking_rebuilds_when_a_variable_is_set_changed_or_unset(&krate);
    baking_in_production_checks_every_value(&krate);
}

/// A value added to LOG_LEVEL, or removed from EMAIL_PROVIDER, in `backend.toml`, with
/// no Rust touched: `LogLevel` and `EmailProvider` no longer match, and the build of
/// the contracts crate fails naming the value.
fn contract_enum_edits_fail_the_build_naming_the_value(krate: &Outside) {
    let backend = krate.read("backend.toml");
    let levels = r#"values = ["trace", "debug", "info", "warn", "error"]"#;
    assert_eq!(
        backend.matches(levels).count(),
        1,
        "LOG_LEVEL's values moved"
    );
    krate.write(
        "backend.toml",
        &backend.replace(
            levels,
            r#"values = ["trace", "debug", "info", "warn", "error", "fatal"]"#,
        ),
    );
    let stderr = krate.assert_fails("`fatal` added to LOG_LEVEL");
    assert!(
        stderr.contains("LOG_LEVEL allows `fatal` (backend.toml:")
            && stderr.contains("`LogLevel` has no variant for it"),
        "{stderr}"
    );

    let providers = r#"values = ["resend", "smtp", "console"]"#;
    assert_eq!(
        backend.matches(providers).count(),
        1,
        "EMAIL_PROVIDER's values moved"
    );
    krate.write(
        "backend.toml",
        &backend.replace(providers, r#"values = ["resend", "smtp"]"#),
    );
    let stderr = krate.assert_fails("`console` removed from EMAIL_PROVIDER");
    assert!(
        stderr.contains(
            "variant `Console` of `EmailProvider` stands for `console`, which EMAIL_PROVIDER does not allow (backend.toml:"
        ),
        "{stderr}"
    );
    krate.write("backend.toml", &backend);
    krate.assert_passes("backend.toml restored");
}

/// A binary of the outside crate that bakes `DesktopEnv` in `production`.
const PRODUCTION_BIN: &str = r#"fn main() {
    let env = hivesync_env::bake!(outside_contracts::DesktopEnv);
    println!("{} {}", env.hivesync_public_api_url, env.hivesync_public_log_level);
}
"#;

/// The errors of a failed build's stderr, `could not compile` left out.
fn errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error") && !l.starts_with("error: could not compile"))
        .collect()
}

/// A production bake of `DesktopEnv` fails, naming the variable, for every wrong API
/// URL and log level, both problems in one build; with valid values the binary
/// holds them, whatever its own environment.
fn baking_in_production_checks_every_value(krate: &Outside) {
    const URL: &str = "HIVESYNC_PUBLIC_API_URL";
    const LEVEL: &str = "HIVESYNC_PUBLIC_LOG_LEVEL";
    krate.write("src/bin/production.rs", PRODUCTION_BIN);
    let build = |url: Option<&str>, level: Option<&str>| {
        let mut cargo = krate.cargo(&["build", "--bin", "production"]);
        for (name, value) in [(URL, url), (LEVEL, level)] {
            match value {
                Some(value) => cargo.env(name, value),
                None => cargo.env_remove(name),
            };
        }
        let output = cargo.output().unwrap();
        (output.status.success(), support::stderr(&output))
    };
    let cases = [
        (
            None,
            "HIVESYNC_PUBLIC_API_URL is not set in the environment of this build, and `DesktopEnv` needs it in profile production (desktop.toml:",
        ),
        (
            Some("api.hivesync.dev"),
            "HIVESYNC_PUBLIC_API_URL: expected an absolute https URL, found `api.hivesync.dev` (desktop.toml:",
        ),
        (
            Some("http://api.hivesync.dev"),
            "HIVESYNC_PUBLIC_API_URL: must use https in production, found `http://api.hivesync.dev` (desktop.toml:",
        ),
        (
            Some("https://yourdomain.com"),
            "HIVESYNC_PUBLIC_API_URL: still holds the placeholder `https://yourdomain.com`",
        ),
    ];
    for (url, expected) in cases {
        let (ok, stderr) = build(url, Some("info"));
        assert!(!ok, "{url:?} should fail the build");
        assert!(stderr.contains(expected), "{url:?}: {stderr}");
        assert_eq!(errors(&stderr).len(), 1, "{url:?}: {stderr}");
    }
    let loud = "HIVESYNC_PUBLIC_LOG_LEVEL: expected one of trace, debug, info, warn, error, found `loud` (desktop.toml:";
    let (ok, stderr) = build(Some("https://api.hivesync.dev"), Some("loud"));
    assert!(!ok && stderr.contains(loud), "{stderr}");
    assert_eq!(errors(&stderr).len(), 1, "{stderr}");

    let (ok, stderr) = build(Some("http://api.hivesync.dev"), Some("loud"));
    assert!(!ok, "both wrong should fail the build");
    assert!(stderr.contains(loud), "{stderr}");
    assert!(
        stderr.contains("HIVESYNC_PUBLIC_API_URL: must use https in production"),
        "{stderr}"
    );
    assert_eq!(errors(&stderr).len(), 2, "{stderr}");

    let (ok, stderr) = build(Some("https://api.hivesync.dev"), Some("debug"));
    assert!(ok, "valid values should build:\n{stderr}");
    // The values are in the binary: it prints them with neither variable set.
    let output = Command::new(krate.target.join("debug/production"))
        .env_clear()
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "https://api.hivesync.dev debug"
    );
    std::fs::remove_file(krate.path("src/bin/production.rs")).unwrap();
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
