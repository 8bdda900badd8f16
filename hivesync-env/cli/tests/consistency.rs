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
            "--env",
            "backend=backend.env",
            "--env",
            "workers=workers.env",
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

/// `consistency` with `args` in `dir`: the exit code, standard output and error.
fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .current_dir(dir)
        .arg("consistency")
        .args(args)
        .env_clear()
        .output()
        .expect("the CLI runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The components come from the contracts: `--COMPONENT PATH` is `--env
/// COMPONENT=PATH` for any component, in any order, and a relation-less or missing
/// component is named.
#[test]
fn the_components_come_from_the_contracts() {
    let dir = tempfile::tempdir().unwrap();
    let secret = format!("WORKER_CALLBACK_SECRET={SECRET}\n");
    std::fs::write(dir.path().join("b.env"), format!("{BACKEND}{secret}")).unwrap();
    std::fs::write(dir.path().join("w.env"), format!("{CALLBACK}{secret}")).unwrap();
    let ok = "consistency: 4 relations between backend and workers hold (profile local)\n";
    for args in [
        &["--env", "backend=b.env", "--env", "workers=w.env"][..],
        &["--backend", "b.env", "--workers", "w.env"],
        &["--backend=b.env", "--profile", "local", "--workers=w.env"],
        &["--workers", "w.env", "--env", "backend=b.env"],
    ] {
        let (code, stdout, stderr) = run_in(dir.path(), args);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (Some(0), ok, ""),
            "{args:?}"
        );
    }
    for (args, message) in [
        (
            &[][..],
            "error: no env file given: pass --env COMPONENT=PATH for each of backend, workers\n",
        ),
        (
            &["--env", "backend=b.env"],
            "error: the contracts relate backend to workers: pass --env workers=PATH\n",
        ),
        (
            &["--workers", "w.env"],
            "error: the contracts relate workers to backend: pass --env backend=PATH\n",
        ),
        (
            &[
                "--env",
                "backend=b.env",
                "--env",
                "workers=w.env",
                "--desktop",
                "b.env",
            ],
            "error: `desktop` takes part in no relation (`equals`) of the contracts: pass --env COMPONENT=PATH for each of backend, workers\n",
        ),
        (
            &["--env", "backend=b.env", "--env", "backend=b.env"],
            "error: component `backend` is given twice\n",
        ),
        (
            &["--env", "api=b.env"],
            "error: unknown component `api`: expected one of backend, workers, desktop, mobile, plugins, admin-ui\n",
        ),
    ] {
        let (code, stdout, stderr) = run_in(dir.path(), args);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (Some(2), "", message),
            "{args:?}"
        );
    }
    // An unknown short flag, or a `--NAME` without a value, is clap's own error.
    let (code, _, stderr) = run_in(dir.path(), &["--env", "backend=b.env", "--workers"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("unexpected argument '--workers'"),
        "{stderr}"
    );
}

/// Components no code of the CLI names: `api` and `edge` of another contracts folder.
#[test]
fn any_components_related_by_equals_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let contracts = dir.path().join("contracts");
    std::fs::create_dir(&contracts).unwrap();
    std::fs::write(
        contracts.join("api.toml"),
        "component = \"api\"\naudience = \"server\"\ndescription = \"API\"\n\n[[var]]\nname = \"ORIGIN\"\ntype = \"url\"\ndescription = \"Origin\"\n",
    )
    .unwrap();
    std::fs::write(
        contracts.join("edge.toml"),
        "component = \"edge\"\naudience = \"server\"\ndescription = \"Edge\"\n\n[[var]]\nname = \"API_URL\"\ntype = \"url\"\ndescription = \"The API\"\nequals = \"{api.ORIGIN}/v1\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("api.env"), "ORIGIN=https://api.example\n").unwrap();
    std::fs::write(
        dir.path().join("edge.env"),
        "API_URL=https://api.example/v1\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("old.env"),
        "API_URL=https://old.example/v1\n",
    )
    .unwrap();
    let args = ["--contracts", "contracts", "--api", "api.env", "--env"];
    let (code, stdout, stderr) = run_in(dir.path(), &[&args[..], &["edge=edge.env"]].concat());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "consistency: 1 relations between api and edge hold (profile local)\n"
    );
    let (code, stdout, stderr) = run_in(dir.path(), &[&args[..], &["edge=old.env"]].concat());
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stdout,
        "mismatch: edge API_URL must equal {api.ORIGIN}/v1: expected `https://api.example/v1`, found `https://old.example/v1`\n"
    );
    assert_eq!(stderr, "consistency: 1 of 1 relations do not hold\n");
}
