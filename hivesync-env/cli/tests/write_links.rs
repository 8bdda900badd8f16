//! Every command that writes (`init`, `render`, `docs`) writes through one writer: inside
//! the folder named, never through a symbolic link (a folder or the file itself),
//! nothing written when one target is refused, secrets 0600 and documents 0644.
#![cfg(unix)]

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .current_dir(dir)
        .args(args)
        .env_clear()
        .output()
        .expect("the CLI runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `dir/outside/precious`, a file a link points at, and what it must still hold.
fn precious(dir: &Path) -> std::path::PathBuf {
    std::fs::create_dir_all(dir.join("outside")).unwrap();
    let p = dir.join("outside/precious");
    std::fs::write(&p, "precious\n").unwrap();
    p
}

#[test]
fn init_never_writes_through_a_link_even_with_force() {
    for (link, extra) in [
        ("out/workers.env", &[][..]),
        ("out/.dev.vars", &["--force"][..]),
        ("secrets/jwt_secret", &["--force"][..]),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let target = precious(dir);
        std::fs::create_dir_all(dir.join("out")).unwrap();
        std::fs::create_dir_all(dir.join("secrets")).unwrap();
        symlink(&target, dir.join(link)).unwrap();
        let args = [
            "init",
            "backend",
            "workers",
            "--profile",
            "local",
            "--dir",
            "out",
        ];
        let (code, err) = run(
            dir,
            &[&args[..], &["--secrets-dir", "secrets"], extra].concat(),
        );
        assert_eq!(code, Some(2), "{link}: {err}");
        assert!(
            err.contains(&format!("{link} is a symbolic link")),
            "{link}: {err}"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious\n");
        assert!(!dir.join("out/backend.env").exists(), "{link}: half a run");
    }
}

#[test]
fn render_never_writes_through_a_link_to_any_file() {
    for link in [
        "deploy/workers.secrets.json",
        "deploy/wrangler/preview_builder.toml",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let (code, err) = run(dir, &["init", "workers", "--profile", "local"]);
        assert_eq!(code, Some(0), "{err}");
        let target = precious(dir);
        std::fs::create_dir_all(dir.join("deploy/wrangler")).unwrap();
        symlink(&target, dir.join(link)).unwrap();
        let render = [
            "render",
            "workers",
            "--profile",
            "local",
            "--env-file",
            "workers.env",
        ];
        let (code, err) = run(dir, &[&render[..], &["--out", "deploy"]].concat());
        assert_eq!(code, Some(2), "{link}: {err}");
        assert!(err.contains("is a symbolic link"), "{link}: {err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious\n");
        let others = std::fs::read_dir(dir.join("deploy/wrangler"))
            .unwrap()
            .count();
        assert!(others <= 1, "{link}: written beside the refused link");
        // Without the link, the same run writes every file, private.
        std::fs::remove_file(dir.join(link)).unwrap();
        let (code, err) = run(dir, &[&render[..], &["--out", "deploy"]].concat());
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(mode(&dir.join(link)), 0o600);
        let (code, err) = run(dir, &[&render[..], &["--out", "fresh"]].concat());
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(mode(&dir.join("fresh")), 0o700);
        assert_eq!(mode(&dir.join("fresh/wrangler")), 0o700);
    }
}

#[test]
fn docs_writes_public_files_and_replaces_them_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    let (code, err) = run(tmp.path(), &["docs", "--out", "gen"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(mode(&out.join("ENVIRONMENT.md")), 0o644);
    assert_eq!(mode(&out.join("wrangler/preview_builder.toml")), 0o644);
    // A hard link to a generated file is not written through: the file is replaced.
    std::fs::hard_link(out.join("ENVIRONMENT.md"), tmp.path().join("twin")).unwrap();
    std::fs::write(out.join("ENVIRONMENT.md"), "stale\n").unwrap();
    let (code, err) = run(tmp.path(), &["docs", "--out", "gen"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("twin")).unwrap(),
        "stale\n"
    );
    assert_ne!(
        std::fs::read_to_string(out.join("ENVIRONMENT.md")).unwrap(),
        "stale\n"
    );
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".hivesync-env-")),
        "{names:?}"
    );
}
