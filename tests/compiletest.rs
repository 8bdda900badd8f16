//! trybuild UI tests of `#[derive(EnvContract)]` and `bake!`: one file per compile
//! error in `ui/`, named after the mistake, and passing cases in `ui/pass/`.
//!
//! The `.stderr` files are rustc's output for the toolchain CI uses (rustc 1.95).
//! rustc's wording and layout change between versions, so on another toolchain these
//! may fail with differences that are not bugs; regenerate them with
//! `TRYBUILD=overwrite cargo test -p hivesync-env-tests --test compiletest`, then read
//! every changed file: the caret must still land on the field, type, attribute or
//! literal at fault, and the message must name the variable and the contract file.
//!
//! `#[env(contract = "...")]` is relative to `CARGO_MANIFEST_DIR`, and trybuild
//! compiles each UI test as a package of its own in
//! `<target dir>/tests/trybuild/hivesync-env-tests/`, which is what Cargo sets
//! `CARGO_MANIFEST_DIR` to (not this package's folder). So the test copies
//! `ui/contracts/` there first, and the UI tests name `contracts/<file>.toml`. The
//! derive reads every contract beside a struct's as one set, so the broken contracts
//! live in a folder of their own, `ui/contracts/broken/`.

use std::path::{Path, PathBuf};

/// The wrong values `ui/bake-invalid-values.rs` bakes (`ui/contracts/kiosk.toml`),
/// set in the environment trybuild's builds inherit. No other UI test reads them.
const KIOSK_ENV: [(&str, &str); 5] = [
    (
        "HIVESYNC_PUBLIC_UI_TEST_KIOSK_URL",
        "http://kiosk.hivesync.dev",
    ),
    (
        "HIVESYNC_PUBLIC_UI_TEST_KIOSK_HELP_URL",
        "https://yourdomain.com/help",
    ),
    (
        "HIVESYNC_PUBLIC_UI_TEST_KIOSK_MIRROR_URL",
        "mirror.hivesync.dev",
    ),
    ("HIVESYNC_PUBLIC_UI_TEST_KIOSK_LEVEL", "shouting"),
    (
        "HIVESYNC_PUBLIC_UI_TEST_KIOSK_NOTE",
        "sk-proj-0123456789abcdef",
    ),
];

#[test]
fn ui() {
    for (name, value) in KIOSK_ENV {
        // SAFETY: this binary's only test sets these before starting any thread.
        unsafe { std::env::set_var(name, value) };
    }
    copy_contracts();
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    t.pass("ui/pass/*.rs");
}

/// The folder trybuild builds its package in: `<target dir>/tests/trybuild/<crate>`.
/// `CARGO_TARGET_TMPDIR` is `<target dir>/tmp`.
fn trybuild_package_dir() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is <target dir>/tmp");
    target
        .join("tests")
        .join("trybuild")
        .join(env!("CARGO_PKG_NAME"))
}

fn copy_contracts() {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/contracts");
    let to = trybuild_package_dir().join("contracts");
    // A contract deleted from ui/contracts must not linger as a sibling of the others.
    if to.exists() {
        std::fs::remove_dir_all(&to).unwrap();
    }
    copy_dir(&from, &to);
}

/// `from` into `to`, with its subfolders (`ui/contracts/broken/`: a folder of its own,
/// because every contract beside a struct's is read with it).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
}
