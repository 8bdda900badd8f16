//! A smoke run of the committed fuzz corpus (`hivesync-env/fuzz/corpus/`) in `cargo
//! test`: every seed goes through the very functions the fuzz targets call (their
//! harness is included below), so a crash the fuzzer found and a fix made stays fixed.

use std::path::{Path, PathBuf};

#[path = "../fuzz/src/lib.rs"]
mod harness;

/// Most bytes of seeds per target that `cargo test` runs (about 25 KiB today).
const CORPUS_BYTES: usize = 256 * 1024;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable corpus folder").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, bytes)
        })
        .collect();
    files.sort();
    // At least a few seeds, so an emptied folder fails; no cap on their number (each
    // new crash the fuzzer finds is a new seed), but a cap on their size, as `cargo
    // test` runs every byte of them (`cargo fuzz cmin` shrinks a grown corpus).
    assert!(
        files.len() >= 5,
        "{} seeds in {}: keep at least 5",
        files.len(),
        dir.display()
    );
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    assert!(
        bytes <= CORPUS_BYTES,
        "{bytes} bytes of seeds in {}: keep at most {CORPUS_BYTES} (minimize with `cargo fuzz cmin`)",
        dir.display()
    );
    files
}

#[test]
fn the_contract_corpus_parses_without_panicking() {
    for (path, bytes) in corpus("contract_parse") {
        let result = std::panic::catch_unwind(|| harness::contract_toml(&bytes));
        assert!(result.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn the_env_file_corpus_loads_without_panicking_or_showing_a_secret() {
    let mut runs = Vec::new();
    for (path, bytes) in corpus("env_file_check") {
        let run = std::panic::catch_unwind(|| harness::env_file(&bytes));
        runs.push(run.unwrap_or_else(|_| panic!("{} panicked", path.display())));
    }
    // The corpus exercises both outcomes, and the secret check is not vacuous.
    assert!(runs.iter().any(|r| !r.parsed), "no seed is a syntax error");
    let checked = runs.iter().filter(|r| r.marker_checked).count();
    assert!(
        checked >= 5,
        "only {checked} seeds carry a secret marker to look for"
    );
}

#[test]
fn the_marker_check_runs_only_where_a_secret_alone_holds_the_marker() {
    // A non-secret that holds the marker is shown, so the harness does not look for it:
    // the marker check must not fire on legitimate output.
    let marker = harness::SECRET_MARKER;
    let run = harness::env_file(format!("AI_MODEL={marker}\n").as_bytes());
    assert!(run.parsed && !run.marker_checked);
    let run = harness::env_file(format!("JWT_SECRET={marker}-0123456789-0123456789\n").as_bytes());
    assert!(run.parsed && run.marker_checked);
}
