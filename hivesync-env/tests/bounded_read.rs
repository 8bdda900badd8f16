//! Files an attacker may choose (a FIFO, a device, a `/proc` file, a link to one, a
//! huge file) are refused at once with a reason, through every reader: the bare
//! `bounded_read::read`, `.env` files and Docker secret files (`NAME_FILE`).
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use hivesync_env::source::{EnvFile, EnvFileError, MapSource};
use hivesync_env::{ProblemKind, Profile, bounded_read, check};
use hivesync_env_core::Contract;

/// Runs `f` on another thread and fails the test if it has not returned in 10 s: a
/// reader that blocks on a FIFO must fail, not hang the test run.
fn within_deadline<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .unwrap_or_else(|_| panic!("{what}: still blocked after 10 s"))
}

fn mkfifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    path
}

fn symlink(dir: &Path, name: &str, target: &Path) -> PathBuf {
    let path = dir.join(name);
    std::os::unix::fs::symlink(target, &path).unwrap();
    path
}

/// Every hostile path with the reason `bounded_read::read` must give for it.
fn hostile(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let fifo = mkfifo(dir, "fifo");
    let mut cases = vec![
        (fifo.clone(), "it is a FIFO, not a regular file"),
        (
            symlink(dir, "to-fifo", &fifo),
            "it is a FIFO, not a regular file",
        ),
        (
            "/dev/zero".into(),
            "it is a character device, not a regular file",
        ),
        (
            symlink(dir, "to-zero", Path::new("/dev/zero")),
            "it is a character device, not a regular file",
        ),
        (
            "/dev/urandom".into(),
            "it is a character device, not a regular file",
        ),
        (dir.to_owned(), "it is a folder, not a regular file"),
    ];
    if cfg!(target_os = "linux") {
        cases.extend([
            // Regular by type, size 0, and the process environment as content.
            (
                "/proc/self/environ".into(),
                "it is a /proc file, not a regular file",
            ),
            (
                symlink(dir, "to-environ", Path::new("/proc/self/environ")),
                "it is a /proc file, not a regular file",
            ),
            (
                "/proc/self/status".into(),
                "it is a /proc file, not a regular file",
            ),
            (
                "/sys/kernel/mm/transparent_hugepage/enabled".into(),
                "it is a /sys file, not a regular file",
            ),
        ]);
        cases.retain(|(p, _)| p.exists());
    }
    cases
}

#[test]
fn the_bare_reader_refuses_every_hostile_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    for (path, why) in hostile(dir.path()) {
        let p = path.clone();
        let err = within_deadline(&path.display().to_string(), move || {
            bounded_read::read(&p, 1024).map(|b| b.len())
        })
        .unwrap_err();
        assert_eq!(err.to_string(), why, "{}", path.display());
    }
}

#[test]
fn sizes_up_to_the_limit_are_read_and_larger_ones_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    for (len, limit, ok) in [
        (0, 0, true),
        (10, 10, true),
        (11, 10, false),
        (5000, 4096, false),
    ] {
        std::fs::write(&path, vec![b'a'; len]).unwrap();
        match bounded_read::read(&path, limit) {
            Ok(bytes) => assert!(ok && bytes.len() == len, "{len} {limit}"),
            Err(e) => assert!(!ok && e.to_string().starts_with("it is larger than"), "{e}"),
        }
    }
}

#[test]
fn env_files_that_are_not_small_regular_files_are_io_errors_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.env");
    let line = b"PORT=4000\n".repeat(110_000);
    std::fs::write(&huge, line).unwrap();
    let mut cases = hostile(dir.path());
    cases.push((huge, "it is larger than 1 MiB"));
    for (path, why) in cases {
        let p = path.clone();
        let err = within_deadline(&path.display().to_string(), move || {
            EnvFile::read(&p).map(|_| ())
        })
        .unwrap_err();
        assert!(matches!(err, EnvFileError::Io { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!("cannot read {}: {why}", path.display())
        );
    }
}

#[test]
fn secret_files_that_are_not_small_regular_files_are_unreadable_naming_the_path() {
    let contract = Contract::parse(
        "svc.toml",
        "component = \"svc\"\naudience = \"server\"\ndescription = \"d\"\n\n\
         [[var]]\nname = \"API_KEY\"\ntype = \"string\"\nsecret = true\ndescription = \"k\"\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (path, why) in hostile(dir.path()) {
        let env = MapSource::new("test").with("API_KEY_FILE", path.as_os_str());
        let c = contract.clone();
        let report = within_deadline(&path.display().to_string(), move || {
            check(&c, &env, Profile::Production).report
        });
        let problems = report.problems();
        assert_eq!(problems.len(), 1, "{report}");
        assert_eq!(problems[0].kind, ProblemKind::Unreadable);
        assert_eq!(
            problems[0].message,
            format!(
                "API_KEY_FILE names {}, which cannot be read: {why}",
                path.display()
            )
        );
    }
}
