//! A crate outside this workspace, built with Cargo from a test: what `rebuild.rs` and
//! `outside.rs` share.
//!
//! The crate lives in a temporary folder with a `[workspace]` of its own and the
//! workspace's `Cargo.lock`, so every dependency resolves to a version already in
//! Cargo's cache (`--offline`). Builds share `<target dir>/rebuild-test`, so
//! `hivesync-env` and its dependencies are compiled once and reused; give each test
//! crate its own package name.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The temporary crate and the target folder its builds share.
pub struct Outside {
    /// The crate's folder.
    pub dir: tempfile::TempDir,
    /// `CARGO_TARGET_DIR` of its builds.
    pub target: PathBuf,
}

impl Outside {
    /// An empty folder holding the workspace's `Cargo.lock`.
    pub fn empty() -> Outside {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(repo().join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
        let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .parent()
            .expect("CARGO_TARGET_TMPDIR is <target dir>/tmp")
            .join("rebuild-test");
        Outside { dir, target }
    }

    /// A file of the crate.
    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.path().join(file)
    }

    /// The text of a file of the crate.
    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).unwrap()
    }

    /// Writes a file of the crate, creating its folder.
    pub fn write(&self, file: &str, text: &str) {
        let path = self.path(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// `cargo <args> --offline --quiet` in the crate's folder, without colours and
    /// without the `RUSTFLAGS` of the outer build; `cargo` may be changed further.
    pub fn cargo(&self, args: &[&str]) -> Command {
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(args)
            .args(["--offline", "--quiet"])
            .current_dir(self.dir.path())
            .env("CARGO_TARGET_DIR", &self.target)
            .env("CARGO_TERM_COLOR", "never")
            .env_remove("RUSTFLAGS");
        cargo
    }

    /// `cargo build`: whether it passed, and its stderr.
    pub fn build(&self) -> (bool, String) {
        let output = self.cargo(&["build"]).output().unwrap();
        (output.status.success(), stderr(&output))
    }
}

/// The root of this repository.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// A process's stderr, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
