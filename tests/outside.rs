//! A HiveSync crate outside this workspace, set up as the README's "In a HiveSync
//! crate" says: `hivesync-contracts` and `hivesync-env` as dependencies, one call in
//! `main`, one line in a test.
//!
//! The test builds it, runs its binary (environment cleared, in a folder of its own)
//! with the profile variable unset, set to each profile and to an unknown value, with
//! and without `.env`, and with values in several places (precedence); then runs its
//! `cargo test`, which must pass, and fail naming the variable once `main` reads one
//! the backend contract does not declare.

mod support;

use std::path::Path;
use std::process::Output;

use support::{Outside, repo, stderr};

const MAIN: &str = r#"use hivesync_contracts::BackendEnv;
use hivesync_env::EnvContract;

fn main() {
    let env = BackendEnv::startup_or_exit();
    // The secret's length only, to see which source won; never its value.
    let jwt = env.jwt_secret.expose_secret().len();
    println!("port={} postgres_host={} jwt_len={jwt} {:?}", env.port, env.postgres_host, env.jwt_secret);
}
"#;

const TEST: &str = r#"#[test]
fn reads_only_declared_variables() {
    hivesync_contracts::assert_reads_only_declared!("backend");
}

#[test]
fn the_example_loads() {
    hivesync_contracts::assert_example_loads!("backend");
}
"#;

/// The sample's JWT_SECRET, 36 characters long.
const SAMPLE_JWT: &str = "local-dev-only-jwt-secret-0123456789";

fn backend_crate() -> Outside {
    let krate = Outside::empty();
    let contracts = repo().join("contracts");
    let runtime = repo().join("hivesync-env");
    krate.write(
        "Cargo.toml",
        &format!(
            r#"[package]
name = "outside-backend"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
hivesync-contracts = {{ path = {contracts:?} }}
hivesync-env = {{ path = {runtime:?} }}

[dev-dependencies]
hivesync-contracts = {{ path = {contracts:?}, features = ["testing"] }}

[workspace]
"#
        ),
    );
    krate.write("src/main.rs", MAIN);
    krate.write("tests/env.rs", TEST);
    let example = std::fs::read_to_string(contracts.join("generated/backend.env.example"));
    krate.write(".env.example", &example.unwrap());
    krate
}

/// The built binary, run in `dir` with only `vars` in its environment.
fn run(krate: &Outside, dir: &Path, vars: &[(&str, &str)]) -> Output {
    let bin = krate.target.join("debug/outside-backend");
    let mut cmd = std::process::Command::new(bin);
    cmd.current_dir(dir).env_clear().envs(vars.iter().copied());
    cmd.output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts the run succeeded, and returns what it printed.
fn ok(output: Output) -> String {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

/// Asserts the run exited with 78 (EX_CONFIG) and printed nothing on stdout, and
/// returns its stderr.
fn ex_config(output: Output) -> String {
    assert_eq!(output.status.code(), Some(78), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(!err.contains(SAMPLE_JWT), "a secret reached stderr:\n{err}");
    err
}

#[test]
fn an_outside_crate_starts_in_one_call_and_guards_its_reads_in_one_line() {
    let krate = backend_crate();
    let (built, err) = krate.build();
    assert!(built, "{err}");

    let with_env = tempfile::tempdir().unwrap();
    let sample = repo().join("examples/env/backend.local.env");
    std::fs::copy(&sample, with_env.path().join(".env")).unwrap();
    let here = with_env.path();
    let empty = tempfile::tempdir().unwrap();

    // Each profile: its defaults apply (POSTGRES_HOST), the sample passes in local and
    // docker and fails in production (http BASE_URL).
    let local = ok(run(&krate, here, &[("HIVESYNC_PROFILE", "local")]));
    assert_eq!(
        local,
        "port=4000 postgres_host=localhost jwt_len=36 Secret([redacted])\n"
    );
    let docker = ok(run(&krate, here, &[("HIVESYNC_PROFILE", "docker")]));
    assert!(
        docker.starts_with("port=4000 postgres_host=postgres "),
        "{docker}"
    );
    let production = ex_config(run(&krate, here, &[("HIVESYNC_PROFILE", "production")]));
    assert!(
        production
            .starts_with("backend (production): 1 error, 0 warnings\n  error[insecure] BASE_URL"),
        "{production}"
    );
    assert!(!production.contains("note:"), "{production}");

    // Unset: production, with a note saying how to relax it.
    let unset = ex_config(run(&krate, here, &[]));
    assert!(
        unset.starts_with("backend (production): 1 error"),
        "{unset}"
    );
    assert!(
        unset.contains("note: HIVESYNC_PROFILE is not set, so the profile is production"),
        "{unset}"
    );

    // Unknown: nothing is loaded.
    let unknown = ex_config(run(&krate, here, &[("HIVESYNC_PROFILE", "prod")]));
    assert_eq!(
        unknown,
        "error: HIVESYNC_PROFILE (process) is `prod`: expected one of local, docker, production\n"
    );

    // Without .env in the working directory, the sample's values are missing.
    let missing = ex_config(run(&krate, empty.path(), &[("HIVESYNC_PROFILE", "local")]));
    assert!(
        missing.starts_with("backend (local): 9 errors"),
        "{missing}"
    );
    assert!(missing.contains("error[missing] JWT_SECRET"), "{missing}");

    precedence(&krate, here);
    guards_its_reads(&krate);
}

/// The process environment over `.env`, a secret file named in the process over
/// `.env`, the profile from `.env` when the process has none.
fn precedence(krate: &Outside, here: &Path) {
    let secrets = tempfile::tempdir().unwrap();
    let jwt_file = secrets.path().join("jwt");
    std::fs::write(&jwt_file, format!("{}\n", "j".repeat(48))).unwrap();
    let jwt_file = jwt_file.to_str().unwrap();

    let shell = ok(run(
        krate,
        here,
        &[
            ("HIVESYNC_PROFILE", "local"),
            ("PORT", "5000"),
            ("JWT_SECRET_FILE", jwt_file),
        ],
    ));
    assert!(
        shell.starts_with("port=5000 postgres_host=localhost jwt_len=48 "),
        "{shell}"
    );
    let both = ok(run(
        krate,
        here,
        &[
            ("HIVESYNC_PROFILE", "local"),
            ("JWT_SECRET", &"p".repeat(40)),
            ("JWT_SECRET_FILE", jwt_file),
        ],
    ));
    assert!(both.contains(" jwt_len=40 "), "{both}");

    let sample = std::fs::read_to_string(here.join(".env")).unwrap();
    std::fs::write(
        here.join(".env"),
        format!("{sample}HIVESYNC_PROFILE=docker\n"),
    )
    .unwrap();
    let from_file = ok(run(krate, here, &[]));
    assert!(
        from_file.contains(" postgres_host=postgres "),
        "{from_file}"
    );
    let shell_wins = ok(run(krate, here, &[("HIVESYNC_PROFILE", "local")]));
    assert!(
        shell_wins.contains(" postgres_host=localhost "),
        "{shell_wins}"
    );
}

/// The crate's one-line test passes, and fails naming a read the contract lacks.
fn guards_its_reads(krate: &Outside) {
    let test = krate.cargo(&["test"]).output().unwrap();
    assert!(test.status.success(), "{}{}", stdout(&test), stderr(&test));

    // A read the backend contract does not declare, as the last line of `main`.
    let probe = "    let _ = std::env::var(\"BACKEND_DEBUG_PROBE\");\n";
    let main = krate.read("src/main.rs");
    let (body, close) = main.rsplit_once('}').unwrap();
    krate.write("src/main.rs", &format!("{body}{probe}}}{close}"));
    let line = body.lines().count() + 1;
    let test = krate.cargo(&["test"]).output().unwrap();
    let out = stdout(&test);
    assert!(!test.status.success(), "{out}");
    assert!(
        out.contains("reads variables the backend contract does not declare (1 findings)"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "src/main.rs:{line}: undeclared: BACKEND_DEBUG_PROBE"
        )),
        "{out}"
    );
    krate.write("src/main.rs", &main);
}
