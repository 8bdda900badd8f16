//! Helpers the CLI's test files share (`mod support;`): running the binary, reading
//! what it printed, writing the files it reads. The shared fixtures (contracts, a
//! valid backend environment) are in the `hivesync-env-test-support` crate.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `hivesync-env` binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_hivesync-env");

/// The root of this repository.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `hivesync-env <args>` in `dir`, with an empty process environment.
pub fn cli(args: &[&str], dir: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_clear()
        .output()
        .expect("the binary runs")
}

/// What a run printed: its standard output, then its standard error.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Writes `files` (`(path, content)`) under `dir`, creating their folders.
pub fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, body) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

/// A named pipe at `path` (its folder created): a file whose reading blocks.
pub fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}
