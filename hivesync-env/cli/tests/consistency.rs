//! `hivesync-env consistency` reads an environment as `check` does (issue 9, item 8):
//! `NAME_FILE` secrets, `not_unicode` values, near misses of unset names; and it shows
//! no value that holds a secret's or has a credential's shape (item 2).

use std::path::Path;
use std::process::{Command, Output};

const SECRET: &str = "k9Zq2vLr8Tn4Wb6Yc1Xd3Fh5Gj7Mp0Sa";
const BACKEND: &str = "BASE_URL=https://api.hivesync.dev\nR2_BUCKET=hivesync-r2\n";
const CALLBACK: &str = "WORKER_CALLBACK_URL=https://api.hivesync.dev/api/v1/workers/callback\n";

fn consistency(dir: &Path, backend: &[u8], workers: &[u8]) -> (Option<i32>, String) {
    std::fs::write(dir.join("backend.env"), backend).unwrap();
    std::fs::write(dir.join("workers.env"), workers).unwrap();
    let out: Output = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .current_dir(dir)
        .args([
            "consistency",
            "--backend",
            "backend.env",
            "--workers",
            "workers.env",
        ])
        .env_clear()
        .output()
        .expect("the CLI runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

#[test]
fn docker_secret_files_are_read_on_either_side() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret"), format!("{SECRET}\n")).unwrap();
    std::fs::write(dir.path().join("other"), "another-secret-value-0123456789").unwrap();
    let secret = dir.path().join("secret").display().to_string();
    let other = dir.path().join("other").display().to_string();
    // Same secret: one side a file, the other a value, or both files.
    for (b, w) in [
        (
            format!("WORKER_CALLBACK_SECRET_FILE={secret}\n"),
            format!("WORKER_CALLBACK_SECRET={SECRET}\n"),
        ),
        (
            format!("WORKER_CALLBACK_SECRET={SECRET}\n"),
            format!("WORKER_CALLBACK_SECRET_FILE={secret}\n"),
        ),
        (
            format!("WORKER_CALLBACK_SECRET_FILE={secret}\n"),
            format!("WORKER_CALLBACK_SECRET_FILE={secret}\n"),
        ),
    ] {
        let (code, text) = consistency(
            dir.path(),
            format!("{BACKEND}{b}").as_bytes(),
            format!("{CALLBACK}{w}").as_bytes(),
        );
        assert_eq!(code, Some(0), "{b} {w}: {text}");
    }
    // Different secrets: a mismatch, not shown.
    let (code, text) = consistency(
        dir.path(),
        format!("{BACKEND}WORKER_CALLBACK_SECRET_FILE={other}\n").as_bytes(),
        format!("{CALLBACK}WORKER_CALLBACK_SECRET_FILE={secret}\n").as_bytes(),
    );
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("mismatch: workers WORKER_CALLBACK_SECRET"),
        "{text}"
    );
    assert!(
        !text.contains(SECRET) && !text.contains("another-secret"),
        "{text}"
    );
    // A secret file that cannot be read is named, exit 2.
    for path in ["/nonexistent/secret", "/dev/zero"] {
        let (code, text) = consistency(
            dir.path(),
            format!("{BACKEND}WORKER_CALLBACK_SECRET={SECRET}\n").as_bytes(),
            format!("{CALLBACK}WORKER_CALLBACK_SECRET_FILE={path}\n").as_bytes(),
        );
        assert_eq!(code, Some(2), "{text}");
        assert!(
            text.contains(&format!("unreadable: workers WORKER_CALLBACK_SECRET must equal {{backend.WORKER_CALLBACK_SECRET}}, but workers WORKER_CALLBACK_SECRET_FILE names {path}, which cannot be read")),
            "{text}"
        );
    }
}

#[test]
fn values_that_are_not_utf8_are_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    for (backend, workers, name) in [
        (
            format!("{BACKEND}WORKER_CALLBACK_SECRET={SECRET}\n").into_bytes(),
            [
                CALLBACK.as_bytes(),
                b"WORKER_CALLBACK_SECRET=k9Zq\xff\xfe\n",
            ]
            .concat(),
            "workers WORKER_CALLBACK_SECRET",
        ),
        (
            [
                BACKEND.as_bytes(),
                b"AI_MODEL=gpt-\xff\nWORKER_CALLBACK_SECRET=",
                SECRET.as_bytes(),
                b"\n",
            ]
            .concat(),
            format!("{CALLBACK}WORKER_CALLBACK_SECRET={SECRET}\n").into_bytes(),
            "backend AI_MODEL",
        ),
    ] {
        let (code, text) = consistency(dir.path(), &backend, &workers);
        assert_eq!(code, Some(1), "{text}");
        assert!(
            text.contains("not_unicode: ")
                && text.contains(&format!("but {name} is not valid UTF-8")),
            "{text}"
        );
        assert!(!text.contains("is not set"), "{text}");
    }
}

#[test]
fn unset_names_suggest_near_misses_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (typo, name) in [
        ("WORKER_CALLBACK_SECRE", "WORKER_CALLBACK_SECRET"),
        ("WORKER_CALBACK_SECRET", "WORKER_CALLBACK_SECRET"),
        ("WORKER_CALLBACK_URI", "WORKER_CALLBACK_URL"),
    ] {
        let workers = format!("{CALLBACK}WORKER_CALLBACK_SECRET={SECRET}\n")
            .replace(&format!("{name}="), &format!("{typo}="));
        let (code, text) = consistency(
            dir.path(),
            format!("{BACKEND}WORKER_CALLBACK_SECRET={SECRET}\n").as_bytes(),
            workers.as_bytes(),
        );
        assert_eq!(code, Some(1), "{text}");
        assert!(
            text.contains(&format!("workers {name} is not set and has no default in profile local; did you mean {typo}?")),
            "{text}"
        );
    }
}

#[test]
fn values_holding_a_secret_or_shaped_like_one_are_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    for (bucket, hidden) in [
        (format!("R2_BUCKET={SECRET}\n"), SECRET),
        (format!("R2_BUCKET=bucket-{SECRET}\n"), SECRET),
        ("R2_BUCKET=sk-proj-abcdefghijklmnop\n".to_owned(), "sk-proj"),
        ("R2_BUCKET=ghp_abcdefghijklmnopqrstu\n".to_owned(), "ghp_"),
    ] {
        let (code, text) = consistency(
            dir.path(),
            format!("BASE_URL=https://api.hivesync.dev\n{bucket}WORKER_CALLBACK_SECRET={SECRET}\n")
                .as_bytes(),
            format!("{CALLBACK}WORKER_CALLBACK_SECRET={SECRET}\nR2_BUCKET=other-bucket\n")
                .as_bytes(),
        );
        assert_eq!(code, Some(1), "{text}");
        assert!(
            text.contains("mismatch: workers R2_BUCKET must equal {backend.R2_BUCKET}: the values differ (not shown"),
            "{text}"
        );
        assert!(!text.contains(hidden), "{text}");
    }
}
