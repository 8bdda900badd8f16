//! `hivesync-env docs` never writes or reads outside `--out`: not through a component
//! or worker name, not through a symbolic link inside the folder, and `docs --check`
//! neither follows a link nor blocks on a FIFO or a device.
#![cfg(unix)]

mod support;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::mkfifo;

/// The repository's contracts copied to a temporary folder, `workers.toml` and
/// `backend.toml` edited by `edit`.
fn contracts(edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contracts");
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.ends_with(".toml") && name != "Cargo.toml" {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(dir.path().join(&name), edit(&name, text)).unwrap();
        }
    }
    dir
}

/// Runs `hivesync-env [--contracts DIR] docs ARGS` with a 20 s limit: a run that
/// blocks is killed and fails the test.
fn docs(contracts: Option<&Path>, args: &[&str]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hivesync-env"));
    if let Some(dir) = contracts {
        cmd.arg("--contracts").arg(dir);
    }
    let mut child = cmd
        .arg("docs")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("hivesync-env docs {args:?} blocked for 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every file under `dir`, relative, links not followed.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_worker_or_component_name_cannot_climb_out_of_out() {
    let edits: [(&str, &str, &str); 4] = [
        ("workers.toml", "\"preview_builder\"", "\"../../escaped\""),
        ("workers.toml", "\"preview_builder\"", "\"../escaped\""),
        ("workers.toml", "\"preview_builder\"", "\"/tmp/escaped\""),
        (
            "backend.toml",
            "component = \"backend\"",
            "component = \"../escaped\"",
        ),
    ];
    for (file, from, to) in edits {
        let c = contracts(|name, text| {
            if name == file {
                text.replace(from, to)
            } else {
                text
            }
        });
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("a/out");
        let (code, err) = docs(Some(c.path()), &["--out", out.to_str().unwrap()]);
        assert_eq!(code, 2, "{to}: {err}");
        assert!(err.contains("is not a safe file name"), "{to}: {err}");
        assert_eq!(files(root.path()), Vec::<PathBuf>::new(), "{to}");
    }
}

#[test]
fn a_link_inside_out_is_never_written_through() {
    for linked in [
        "wrangler",
        "ENVIRONMENT.md",
        "wrangler/preview_builder.toml",
    ] {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let outside = root.path().join("outside");
        std::fs::create_dir_all(out.join("wrangler")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        let target = outside.join("target");
        if linked == "wrangler" {
            std::fs::remove_dir(out.join("wrangler")).unwrap();
            std::fs::create_dir(&target).unwrap();
        } else {
            std::fs::write(&target, "precious\n").unwrap();
        }
        symlink(&target, out.join(linked)).unwrap();
        let (code, err) = docs(None, &["--out", out.to_str().unwrap()]);
        assert_eq!(code, 2, "{linked}: {err}");
        assert!(err.contains("symbolic link"), "{linked}: {err}");
        if linked == "wrangler" {
            assert_eq!(files(&target), Vec::<PathBuf>::new(), "{linked}");
        } else {
            assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious\n");
        }
    }
}

/// Makes a special file at a path.
type Make = dyn Fn(&Path);

#[test]
fn check_neither_follows_links_nor_blocks_on_special_files() {
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contracts/generated");
    let cases: [(&str, &Make); 4] = [
        ("fifo", &|p: &Path| mkfifo(p)),
        ("link to /dev/zero", &|p: &Path| {
            symlink("/dev/zero", p).unwrap()
        }),
        ("link to a folder", &|p: &Path| {
            symlink(p.parent().unwrap(), p).unwrap()
        }),
        ("link to a file", &|p: &Path| {
            symlink("/etc/hostname", p).unwrap()
        }),
    ];
    for (what, make) in cases {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        copy_dir(&generated, &out);
        let path = out.join("wrangler/preview_builder.toml");
        std::fs::remove_file(&path).unwrap();
        make(&path);
        let (code, err) = docs(None, &["--check", "--out", out.to_str().unwrap()]);
        assert_eq!(code, 2, "{what}: {err}");
        assert!(err.contains("preview_builder.toml"), "{what}: {err}");
    }
}

#[test]
fn a_fifo_in_out_blocks_no_write_either() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    mkfifo(&out.join("ENVIRONMENT.md"));
    // `docs` reads the folder first: the FIFO is refused there, before any write.
    let (code, err) = docs(None, &["--out", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("ENVIRONMENT.md: it is a FIFO, not a regular file"),
        "{err}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}
