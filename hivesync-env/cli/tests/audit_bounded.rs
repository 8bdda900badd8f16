//! `hivesync-env audit` reads every file with a size limit and without blocking: an
//! ignore file or config that is a FIFO or a link to `/dev/zero` is an error naming it
//! (exit 2) at once, and no input nests deep enough to overflow a stack. It reads
//! nothing outside the folder named, whatever links the tree or git's index hold. (How the
//! scan grows with the number of reads is measured in BENCHMARKS.md, not timed here.)
#![cfg(unix)]

mod support;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::mkfifo;

/// Runs `hivesync-env audit DIR`, killed after 30 s (a blocked read fails the test).
fn audit(dir: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .arg("audit")
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("hivesync-env audit blocked for 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

#[test]
fn ignore_and_config_files_that_are_fifos_or_devices_are_errors_naming_them() {
    let cases: [(&str, bool); 6] = [
        (".gitignore", true),
        (".gitignore", false),
        ("app/.gitignore", true),
        ("app/.gitignore", false),
        ("hivesync-audit.toml", true),
        (".git/info/exclude", false),
    ];
    for (file, fifo) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("app")).unwrap();
        std::fs::create_dir_all(dir.path().join(".git/info")).unwrap();
        let path = dir.path().join(file);
        if fifo {
            mkfifo(&path);
        } else {
            symlink("/dev/zero", &path).unwrap();
        }
        let (code, out) = audit(dir.path());
        assert_eq!(code, Some(2), "{file}: {out}");
        let name = Path::new(file).file_name().unwrap().to_str().unwrap();
        assert!(out.contains(name), "{file}: {out}");
        assert!(out.contains("not a regular file"), "{file}: {out}");
    }
}

#[test]
fn a_source_over_the_limit_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), ".env\n.env.production\n").unwrap();
    let big = "// padding\n".repeat(17 * 1024 * 1024 / 11);
    std::fs::write(dir.path().join("big.rs"), big).unwrap();
    let (code, out) = audit(dir.path());
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("big.rs: cannot read: it is larger than 16 MiB"),
        "{out}"
    );
}

#[test]
fn a_large_file_no_check_looks_at_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), ".env\n.env.production\n").unwrap();
    let big = vec![0u8; 17 * 1024 * 1024];
    std::fs::write(dir.path().join("model.bin"), &big).unwrap();
    std::fs::write(dir.path().join("data.csv"), &big).unwrap();
    let (code, out) = audit(dir.path());
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn deep_nesting_in_any_scanned_format_cannot_overflow_the_stack() {
    const DEPTH: usize = 200_000;
    let rust = format!(
        "use std::{}env{};\nfn main() {{ let _ = env::var(\"NOT_DECLARED_DEEP\"); }}\n",
        "a::{".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    let cases = [
        ("main.rs", rust),
        (
            "deep.json",
            format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        ),
        (
            "deep.toml",
            format!("a = {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        ),
        (
            "deep.yml",
            format!("{}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        ),
        ("deep.py", "os.getenv(".repeat(DEPTH)),
    ];
    for (file, text) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), ".env\n.env.production\n").unwrap();
        std::fs::write(dir.path().join(file), text).unwrap();
        let (code, out) = audit(dir.path());
        assert!(
            matches!(code, Some(0 | 1)),
            "{file}: exit {code:?}: {}",
            &out[..out.len().min(500)]
        );
    }
}

/// `git <args>` in `dir`, with an identity, for a repository of a test.
fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git is installed");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_tracked_path_through_a_folder_now_a_link_is_not_read() {
    // `l/prod.env` was committed; the folder `l` is now a link to a folder outside
    // the tree, holding a file of that name. The index still lists `l/prod.env`.
    let outside = tempfile::tempdir().unwrap();
    let secret = "JWT_SECRET=k9Zq2vLr8Tn4Wb6Yc1Xd3Fh5Gj7Mp0Sa\n";
    std::fs::write(outside.path().join("prod.env"), secret).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".gitignore"), ".env\n.env.production\n").unwrap();
    std::fs::create_dir(root.join("l")).unwrap();
    std::fs::write(root.join("l/prod.env"), "JWT_SECRET=${JWT_SECRET}\n").unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "x"]);
    std::fs::remove_dir_all(root.join("l")).unwrap();
    symlink(outside.path(), root.join("l")).unwrap();
    let (code, out) = audit(root);
    assert!(!out.contains("prod.env"), "{out}");
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn an_ignore_file_that_links_outside_the_tree_is_refused_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let rules = outside.path().join("rules");
    std::fs::write(&rules, ".env\n.env.production\n").unwrap();
    for file in [".gitignore", "app/.gitignore", ".git/info/exclude"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("app")).unwrap();
        std::fs::create_dir_all(dir.path().join(".git/info")).unwrap();
        symlink(&rules, dir.path().join(file)).unwrap();
        let (code, out) = audit(dir.path());
        assert_eq!(code, Some(2), "{file}: {out}");
        assert!(
            out.contains("it is a symbolic link, not a regular file"),
            "{file}: {out}"
        );
    }
}
