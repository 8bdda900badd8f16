//! The CLI is its own package: depending on `hivesync-contracts` (which the CLI uses
//! for its built-in contracts) or on `hivesync-env` never builds clap or the CLI.

use std::path::Path;
use std::process::Command;

/// The packages `package` builds for a user (normal dependencies, every feature), one
/// name a line, from `cargo tree`.
fn tree(package: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO"))
        .current_dir(root)
        .args([
            "tree",
            "--locked",
            "--quiet",
            "--all-features",
            "-e",
            "normal",
        ])
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
