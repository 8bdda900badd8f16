//! `hivesync-env init` as an operator runs it: the files it writes (modes, no
//! overwrite), the secrets (new each run, shared where the contracts relate them,
//! never printed), and that `check` and `consistency` pass on its output.

mod support;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use support::cli;

use hivesync_env::source::{EnvFile, Source};

fn ok(out: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{:?}\n{text}", out.status);
    text
}

/// Every assignment of an env file, read back by the project's own parser.
fn read(path: &Path) -> BTreeMap<String, String> {
    let file = EnvFile::read(path).unwrap();
    file.names()
        .into_iter()
        .map(|(n, _)| {
            let v = file.get(&n).unwrap().value.unwrap();
            (n, v)
        })
        .collect()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

const SECRETS: [&str; 6] = [
    "JWT_SECRET",
    "POSTGRES_PASSWORD",
    "RESEND_API_KEY",
    "OPENAI_API_KEY",
    "R2_ACCESS_KEY_ID",
    "R2_SECRET_ACCESS_KEY",
];

fn init(dir: &Path, profile: &str, extra: &[&str]) -> String {
    let mut args = vec!["init", "backend", "workers", "--profile", profile];
    args.extend(extra);
    ok(&cli(&args, dir))
}

#[test]
fn files_are_private_and_secrets_strong_distinct_shared_and_not_printed() {
    let dir = tempfile::tempdir().unwrap();
    let printed = init(dir.path(), "local", &[]);
    for file in ["backend.env", "workers.env", ".dev.vars"] {
        assert_eq!(mode(&dir.path().join(file)), 0o600, "{file}");
    }
    let backend = read(&dir.path().join("backend.env"));
    let workers = read(&dir.path().join("workers.env"));
    let dev_vars = read(&dir.path().join(".dev.vars"));
    let mut secrets: Vec<&str> = SECRETS.iter().map(|n| backend[*n].as_str()).collect();
    secrets.push(&backend["WORKER_CALLBACK_SECRET"]);
    for s in &secrets {
        assert!(s.len() >= 32, "a secret of {} characters", s.len());
        assert!(
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "not URL-safe"
        );
        assert!(!printed.contains(*s), "a secret was printed:\n{printed}");
    }
    let mut distinct = secrets.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), secrets.len(), "two secrets are equal");
    // The relations of contracts/workers.toml, satisfied in one run.
    assert_eq!(
        workers["WORKER_CALLBACK_SECRET"],
        backend["WORKER_CALLBACK_SECRET"]
    );
    assert_eq!(backend["BASE_URL"], "http://localhost:4000");
    assert_eq!(
        workers["WORKER_CALLBACK_URL"],
        "http://localhost:4000/api/v1/workers/callback"
    );
    assert_eq!(dev_vars, workers);
    assert_eq!(backend["POSTGRES_HOST"], "localhost");
}

#[test]
fn two_runs_give_different_secrets() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    init(a.path(), "docker", &[]);
    init(b.path(), "docker", &[]);
    let (a, b) = (
        read(&a.path().join("backend.env")),
        read(&b.path().join("backend.env")),
    );
    for name in SECRETS.iter().chain(&["WORKER_CALLBACK_SECRET"]) {
        assert_ne!(a[*name], b[*name], "{name}");
    }
    assert_eq!(a["POSTGRES_HOST"], "postgres");
}

#[test]
fn an_existing_file_stops_the_run_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("workers.env"), "mine\n").unwrap();
    let out = cli(
        &["init", "backend", "workers", "--profile", "local"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("workers.env exists: pass --force to overwrite it"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("workers.env")).unwrap(),
        "mine\n"
    );
    // backend.env comes first and does not exist: it was not written either.
    assert!(!dir.path().join("backend.env").exists());
    assert!(!dir.path().join(".dev.vars").exists());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "temporary files left behind");

    // With --force the file is replaced, private.
    ok(&cli(
        &[
            "init",
            "backend",
            "workers",
            "--profile",
            "local",
            "--force",
        ],
        dir.path(),
    ));
    assert_eq!(mode(&dir.path().join("workers.env")), 0o600);
    assert!(read(&dir.path().join("workers.env")).contains_key("WORKER_CALLBACK_SECRET"));
}

#[test]
fn check_and_consistency_pass_on_the_output_in_local_and_docker() {
    for profile in ["local", "docker"] {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), profile, &[]);
        for component in ["backend", "workers"] {
            let file = format!("{component}.env");
            let out = ok(&cli(
                &[
                    "check",
                    component,
                    "--profile",
                    profile,
                    "--no-process-env",
                    "--env-file",
                    &file,
                ],
                dir.path(),
            ));
            assert!(out.contains("ok: 0 errors"), "{profile} {component}\n{out}");
        }
        let out = ok(&cli(
            &[
                "consistency",
                "--backend",
                "backend.env",
                "--workers",
                "workers.env",
                "--profile",
                profile,
            ],
            dir.path(),
        ));
        assert!(
            out.contains("relations between backend and workers hold"),
            "{out}"
        );
    }
}

#[test]
fn production_leaves_replace_me_only_for_public_values_to_choose() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "production", &[]);
    let backend = read(&dir.path().join("backend.env"));
    let workers = read(&dir.path().join("workers.env"));
    assert_eq!(backend["BASE_URL"], "REPLACE_ME");
    // `.dev.vars` is for `wrangler dev`: not written with production secrets.
    assert!(!dir.path().join(".dev.vars").exists());
    assert_eq!(workers["WORKER_CALLBACK_URL"], "REPLACE_ME");
    for (name, value) in backend.iter().chain(&workers) {
        if value == "REPLACE_ME" {
            assert!(
                ["BASE_URL", "R2_ACCOUNT_ID", "WORKER_CALLBACK_URL"].contains(&name.as_str()),
                "{name}"
            );
        }
    }
    // Once the operator sets them, both checks and the relations pass.
    let set = |file: &str, pairs: &[(&str, &str)]| {
        let path = dir.path().join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (name, value) in pairs {
            text = text.replace(&format!("{name}=REPLACE_ME"), &format!("{name}={value}"));
        }
        std::fs::write(path, text).unwrap();
    };
    set(
        "backend.env",
        &[
            ("BASE_URL", "https://api.hivesync.dev"),
            ("R2_ACCOUNT_ID", "0123abcd"),
        ],
    );
    set(
        "workers.env",
        &[(
            "WORKER_CALLBACK_URL",
            "https://api.hivesync.dev/api/v1/workers/callback",
        )],
    );
    for component in ["backend", "workers"] {
        let file = format!("{component}.env");
        ok(&cli(
            &[
                "check",
                component,
                "--profile",
                "production",
                "--no-process-env",
                "--env-file",
                &file,
            ],
            dir.path(),
        ));
    }
}

#[test]
fn secrets_dir_holds_every_secret_and_check_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let printed = init(dir.path(), "docker", &["--secrets-dir", "secrets"]);
    let secrets = dir.path().join("secrets");
    let backend_text = std::fs::read_to_string(dir.path().join("backend.env")).unwrap();
    let workers_text = std::fs::read_to_string(dir.path().join("workers.env")).unwrap();
    let mut values = Vec::new();
    for name in SECRETS.iter().chain(&["WORKER_CALLBACK_SECRET"]) {
        let path = secrets.join(name.to_ascii_lowercase());
        assert_eq!(mode(&path), 0o600, "{name}");
        let value = std::fs::read_to_string(&path).unwrap();
        assert!(value.len() >= 32, "{name}");
        assert!(!backend_text.contains(&value), "{name} in backend.env");
        assert!(!workers_text.contains(&value), "{name} in workers.env");
        assert!(!printed.contains(&value), "{name} printed");
        values.push(value);
    }
    // Exactly one file per secret, the shared one once.
    assert_eq!(std::fs::read_dir(&secrets).unwrap().count(), values.len());
    let backend = read(&dir.path().join("backend.env"));
    assert!(!backend.contains_key("JWT_SECRET"));
    for component in ["backend", "workers"] {
        let file = format!("{component}.env");
        let args = [
            "check",
            component,
            "--profile",
            "docker",
            "--no-process-env",
            "--env-file",
            &file,
        ];
        // Without the folder the secrets are missing; with it, all is well.
        assert_eq!(cli(&args, dir.path()).status.code(), Some(1));
        let mut with = args.to_vec();
        with.extend(["--secrets-dir", "secrets"]);
        let out = ok(&cli(&with, dir.path()));
        assert!(out.contains("secret file secrets/"), "{out}");
        for v in &values {
            assert!(!out.contains(v.as_str()));
        }
    }
    let consistency = [
        "consistency",
        "--backend",
        "backend.env",
        "--workers",
        "workers.env",
        "--profile",
        "docker",
    ];
    assert_eq!(cli(&consistency, dir.path()).status.code(), Some(1));
    let mut with = consistency.to_vec();
    with.extend(["--secrets-dir", "secrets"]);
    ok(&cli(&with, dir.path()));
    // A secrets folder whose shared secret differs fails the relation, unshown.
    std::fs::write(secrets.join("worker_callback_secret"), "x".repeat(40)).unwrap();
    std::fs::write(
        dir.path().join("workers.env"),
        format!("{workers_text}WORKER_CALLBACK_SECRET={}\n", "y".repeat(40)),
    )
    .unwrap();
    let out = cli(&with, dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("yyyy"));
}

#[test]
fn env_file_values_round_trip_through_the_parser() {
    use hivesync_env_core::render::env_example::dotenv_value;
    for value in [
        "plain",
        "a b",
        "it's",
        "$HOME and ${PORT}",
        "'$quoted'",
        "a\"b\\c",
        "# not a comment",
        "x #y",
        "line\nbreak 'and' $x",
        "日本 🐝",
        "=",
        "",
    ] {
        let text = format!("NAME={}\n", dotenv_value(value));
        let file = EnvFile::parse("t.env", text.as_bytes())
            .unwrap_or_else(|e| panic!("{value:?}: {e}\n{text}"));
        assert_eq!(file.get("NAME").unwrap().value.unwrap(), value, "{text}");
    }
}

#[test]
fn init_workers_after_init_backend_takes_the_backend_values() {
    for secrets in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let extra: &[&str] = if secrets {
            &["--secrets-dir", "s"]
        } else {
            &[]
        };
        let run = |component: &str| {
            let mut args = vec!["init", component, "--profile", "docker"];
            args.extend(extra);
            ok(&cli(&args, dir.path()))
        };
        run("backend");
        run("workers");
        let mut consistency = vec![
            "consistency",
            "--backend",
            "backend.env",
            "--workers",
            "workers.env",
            "--profile",
            "docker",
        ];
        consistency.extend(extra);
        let out = ok(&cli(&consistency, dir.path()));
        assert!(
            out.contains("relations between backend and workers hold"),
            "{out}"
        );
        if !secrets {
            assert_eq!(
                read(&dir.path().join("workers.env"))["WORKER_CALLBACK_SECRET"],
                read(&dir.path().join("backend.env"))["WORKER_CALLBACK_SECRET"]
            );
        }
    }
}
