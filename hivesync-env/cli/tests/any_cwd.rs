//! The CLI works from any folder: the contracts are the ones compiled into
//! `hivesync-contracts` (labelled `contracts/<component>.toml` wherever they are
//! named), unless `--contracts DIR` names others; `docs` finds the repository's
//! `contracts/generated` from any folder inside it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The CLI run in `dir` with `args`: the exit code, standard output and error.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .current_dir(dir)
        .args(args)
        .env_clear()
        .output()
        .expect("the CLI runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// The file column of `contracts`.
fn files(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().last().map(str::to_owned))
        .collect()
}

#[test]
fn every_command_works_outside_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(!dir.join("contracts").exists());
    let (code, stdout, _) = run(dir, &["contracts"]);
    assert_eq!(code, Some(0));
    let expected: Vec<String> = [
        "backend", "workers", "desktop", "mobile", "plugins", "admin-ui",
    ]
    .map(|c| format!("contracts/{c}.toml"))
    .into();
    assert_eq!(files(&stdout), expected);
    // A name the contract does not declare points at the contract by the same label.
    std::fs::write(dir.join("extra.env"), "BACKEND_PORTT=1\n").unwrap();
    let (_, stdout, _) = run(dir, &["check", "backend", "--env-file", "extra.env"]);
    assert!(stdout.contains("contracts/backend.toml"), "{stdout}");
    assert!(!stdout.contains(" backend.toml"), "{stdout}");

    let (code, _, stderr) = run(dir, &["init", "backend", "workers", "--profile", "local"]);
    assert_eq!(code, Some(0), "{stderr}");
    let check = ["check", "backend", "--env-file", "backend.env"];
    let (code, stdout, _) = run(dir, &check);
    assert_eq!(code, Some(0), "{stdout}");
    let pair = [
        "--env",
        "backend=backend.env",
        "--env",
        "workers=workers.env",
    ];
    let (code, _, stderr) = run(dir, &[&["consistency"][..], &pair].concat());
    assert_eq!(code, Some(0), "{stderr}");
    let render = [
        "render",
        "workers",
        "--profile",
        "local",
        "--env-file",
        "workers.env",
    ];
    let (code, _, stderr) = run(dir, &[&render[..], &["--out", "deploy"]].concat());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(dir.join("deploy/workers.secrets.json").is_file());
    let (code, stdout, stderr) = run(dir, &["audit", repo().to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
}

#[test]
fn docs_check_finds_the_repository_from_a_folder_inside_it() {
    let sub = repo().join("hivesync-env/cli/src");
    let (code, stdout, stderr) = run(&sub, &["docs", "--check"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.starts_with("../../../contracts/generated is up to date ("),
        "{stdout}"
    );
    let (code, stdout, stderr) = run(&repo(), &["docs", "--check"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.starts_with("contracts/generated is up to date ("),
        "{stdout}"
    );
    // Outside a repository there is nothing to check against.
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(tmp.path(), &["docs", "--check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("missing: contracts/generated/ENVIRONMENT.md"),
        "{stderr}"
    );
}

#[test]
fn contracts_dir_overrides_the_built_in_contracts() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("mine");
    std::fs::create_dir(&copy).unwrap();
    for c in ["backend", "workers", "desktop", "plugins", "admin-ui"] {
        let from = repo().join(format!("contracts/{c}.toml"));
        std::fs::copy(from, copy.join(format!("{c}.toml"))).unwrap();
    }
    let (code, stdout, _) = run(tmp.path(), &["--contracts", "mine", "contracts"]);
    assert_eq!(code, Some(0));
    let mut expected: Vec<String> = ["admin-ui", "backend", "desktop", "plugins", "workers"]
        .map(|c| format!("mine/{c}.toml"))
        .into();
    expected.sort();
    assert_eq!(files(&stdout), expected);
    let (code, _, stderr) = run(tmp.path(), &["--contracts", "mine", "example", "mobile"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown component `mobile`"), "{stderr}");
    let (code, _, _) = run(tmp.path(), &["example", "mobile"]);
    assert_eq!(code, Some(0));
}
