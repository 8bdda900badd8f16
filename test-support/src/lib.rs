//! Fixtures shared by the workspace's tests, in one home instead of a copy per test
//! file: the repository's contracts, a complete valid backend environment, everything
//! a check's result can print, and a temporary folder holding given files.
//!
//! ```
//! use hivesync_env::{Profile, check};
//! use hivesync_env_test_support::{backend_valid_map, contract};
//!
//! let checked = check(contract("backend"), &backend_valid_map(), Profile::Production);
//! assert!(checked.report.is_ok(), "{}", checked.report);
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hivesync_env::source::{EnvFile, MapSource};
use hivesync_env::{Checked, Contract};
use hivesync_env_core::ContractSet;

/// The root of this repository.
pub fn repo() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("test-support/ is a folder of the repository")
            .to_path_buf()
    })
}

/// The repository's contracts (`contracts/*.toml`), read from disk and parsed once.
pub fn contracts() -> &'static ContractSet {
    static SET: OnceLock<ContractSet> = OnceLock::new();
    SET.get_or_init(|| {
        ContractSet::from_dir(&repo().join("contracts"))
            .unwrap_or_else(|e| panic!("the repository's contracts: {e}"))
    })
}

/// One of the repository's contracts, by component name.
#[track_caller]
pub fn contract(component: &str) -> &'static Contract {
    contracts()
        .get(component)
        .unwrap_or_else(|| panic!("no {component} contract"))
}

/// A complete backend environment, valid in every profile (production included):
/// every required variable, no placeholder, secrets long enough and unlike each other.
pub const BACKEND_VALID: &[(&str, &str)] = &[
    ("BASE_URL", "https://api.hivesync.dev"),
    ("JWT_SECRET", "0123456789abcdef0123456789abcdef-jwt"),
    ("POSTGRES_PASSWORD", "pg-password-for-the-tests-0123"),
    ("RESEND_API_KEY", "re_tests_0123456789"),
    ("OPENAI_API_KEY", "openai-tests-0123456789"),
    ("PREVIEW_MAX_TIMEOUT_MS", "30000"),
    ("R2_ACCOUNT_ID", "account-0123"),
    ("R2_ACCESS_KEY_ID", "r2-access-0123"),
    ("R2_SECRET_ACCESS_KEY", "r2-secret-0123456789"),
    (
        "WORKER_CALLBACK_SECRET",
        "0123456789abcdef0123456789abcdef-cb",
    ),
];

/// [`BACKEND_VALID`] as env-file lines, one `NAME=value` a line.
pub fn backend_valid_text() -> String {
    BACKEND_VALID
        .iter()
        .map(|(name, value)| format!("{name}={value}\n"))
        .collect()
}

/// [`BACKEND_VALID`] as a map, named `test` (reports say `(test)`).
pub fn backend_valid_map() -> MapSource {
    BACKEND_VALID
        .iter()
        .fold(MapSource::new("test"), |map, (name, value)| {
            map.with(*name, *value)
        })
}

/// [`BACKEND_VALID`] followed by `extra` (env-file lines), parsed as the file `name`.
#[track_caller]
pub fn backend_file(name: &str, extra: &str) -> EnvFile {
    let text = format!("{}{extra}", backend_valid_text());
    EnvFile::parse(name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

/// Everything a user can print of a check's result: the report's `Display` and
/// `Debug`, every problem, the JSON of the report and of the variables, and the
/// variables' `Debug`.
pub fn outputs(checked: &Checked) -> String {
    let mut out = format!("{}\n{:?}\n", checked.report, checked.report);
    for p in checked.report.problems() {
        out.push_str(&format!("{p}\n{p:?}\n"));
    }
    out.push_str(&serde_json::to_string(&checked.report).unwrap());
    out.push_str(&serde_json::to_string(&checked.vars).unwrap());
    out.push_str(&format!("{:?}", checked.vars));
    out
}

/// A temporary folder holding `files` (`(path, text)`, folders created as needed);
/// removed when dropped.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}
