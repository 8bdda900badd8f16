//! The CLI is its own package: depending on `hivesync-contracts` (which the CLI uses
//! for its built-in contracts) or on `hivesync-env` never builds clap or the CLI.

use std::path::Path;
use std::process::Command;

/// The packages `package` builds for a user (normal dependencies, every feature), one
/// name a line, from `cargo tree`.
fn tree(package: &str) -> Vec<String> {
    tree_with(package, &["--all-features"])
}

/// [`tree`] with `features` (cargo's flags) instead of every feature.
fn tree_with(package: &str, features: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["tree", "--locked", "--quiet", "-e", "normal"])
        .args(features)
        .args(["--prefix", "none", "--format", "{p}", "-p", package])
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn library_users_never_build_clap() {
    let cli = tree("hivesync-env-cli");
    // The control: the tree lists what the CLI does build.
    assert!(cli.iter().any(|p| p == "clap"), "{cli:?}");
    assert!(cli.iter().any(|p| p == "hivesync-contracts"), "{cli:?}");
    for library in ["hivesync-contracts", "hivesync-env", "hivesync-env-core"] {
        let deps = tree(library);
        assert!(deps.iter().any(|p| p == library), "{library}: {deps:?}");
        for cli_only in ["clap", "clap_builder", "hivesync-env-cli", "anstream"] {
            assert!(
                !deps.iter().any(|p| p == cli_only),
                "{library} builds {cli_only}"
            );
        }
    }
}

/// Issue 15: a HiveSync crate's clean build. Each of these was removed because its
/// cost showed in `cargo build --timings` and the replacement is small and tested
/// (see the commits): thiserror (hand-written `Display`/`Error`), strsim (a
/// `levenshtein` of 20 lines), rustix (`fstatfs` through libc). With the default
/// features a user does not build them again by accident. (`--all-features` does:
/// workers-rs, behind `worker`, depends on thiserror.)
#[test]
fn a_default_library_build_leaves_out_what_was_removed_for_build_time() {
    let deps = tree_with("hivesync-contracts", &[]);
    // The control: the tree lists what a user does build.
    for built in ["hivesync-env", "hivesync-env-derive", "syn", "toml"] {
        assert!(deps.iter().any(|p| p == built), "{built}: {deps:?}");
    }
    for removed in [
        "thiserror",
        "thiserror-impl",
        "strsim",
        "rustix",
        "linux-raw-sys",
    ] {
        assert!(
            !deps.iter().any(|p| p == removed),
            "hivesync-contracts builds {removed} again: {deps:?}"
        );
    }
}
