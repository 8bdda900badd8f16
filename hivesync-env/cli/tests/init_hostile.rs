//! `hivesync-env init` against what a careless user or an attacker leaves in its way:
//! a folder where a file is to go, control characters in a folder's name, a secret
//! whose type a random string cannot satisfy, a value to copy that no env file can
//! hold as written.

mod support;

use support::{cli, text};

#[test]
fn force_over_a_folder_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".dev.vars")).unwrap();
    std::fs::write(dir.path().join("backend.env"), "OLD=1\n").unwrap();
    let out = cli(
        &[
            "init",
            "backend",
            "workers",
            "--profile",
            "local",
            "--force",
        ],
        dir.path(),
    );
    let text = text(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains(
            "error: cannot write ./.dev.vars: it exists and is not a file (nothing was written)"
        ),
        "{text}"
    );
    // The run stopped before any file was replaced: no half-written set of secrets.
    let backend = std::fs::read_to_string(dir.path().join("backend.env")).unwrap();
    assert_eq!(backend, "OLD=1\n");
    assert!(!dir.path().join("workers.env").exists());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "temporary files left: {left:?}");
}

#[test]
fn control_characters_in_folder_names_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let odd = "o\nforged: ok\u{7}\u{1b}]0;title";
    let args = [
        "--color",
        "always",
        "init",
        "backend",
        "--profile",
        "local",
        "--dir",
        odd,
        "--secrets-dir",
        odd,
    ];
    let out = cli(&args, dir.path());
    let first = text(&out);
    assert!(out.status.success(), "{first}");
    assert!(dir.path().join(odd).join("backend.env").exists());
    // A second run meets the files: its errors name them, escaped too.
    let out = cli(&args, dir.path());
    let second = text(&out);
    assert_eq!(out.status.code(), Some(2), "{second}");
    for text in [first, second] {
        assert!(!text.contains("\nforged"), "{text}");
        assert!(!text.contains('\u{7}'), "{text}");
        assert!(!text.contains("\u{1b}]"), "{text}");
        assert!(
            text.contains("o\\u{a}forged: ok\\u{7}\\u{1b}]0;title"),
            "{text}"
        );
    }
}

#[test]
fn a_secret_a_random_string_cannot_be_is_left_to_the_operator() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("contracts")).unwrap();
    std::fs::write(
        dir.path().join("contracts/svc.toml"),
        "component = \"svc\"\naudience = \"server\"\ndescription = \"a service\"\n\n\
         [[var]]\nname = \"DB_URL\"\ntype = \"url\"\nsecret = true\ndescription = \"database URL with its password\"\n\n\
         [[var]]\nname = \"TOKEN\"\ntype = \"string\"\nsecret = true\ndescription = \"signing key\"\n",
    )
    .unwrap();
    let out = cli(
        &[
            "--contracts",
            "contracts",
            "init",
            "svc",
            "--profile",
            "local",
        ],
        dir.path(),
    );
    let text = text(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("warning: DB_URL is a secret of type url: init cannot make one up"),
        "{text}"
    );
    assert!(!text.contains("TOKEN"), "{text}");
    let written = std::fs::read_to_string(dir.path().join("svc.env")).unwrap();
    assert!(written.contains("\nDB_URL=REPLACE_ME\n"), "{written}");
    let token = written
        .lines()
        .find_map(|l| l.strip_prefix("TOKEN="))
        .expect("TOKEN is written");
    assert_eq!(token.len(), 32);
    // `check` asks for the URL as a placeholder, not as a random string that is no URL.
    let out = cli(
        &[
            "--contracts",
            "contracts",
            "check",
            "svc",
            "--profile",
            "local",
            "--env-file",
            "svc.env",
        ],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("error[placeholder] DB_URL"), "{text}");
    assert!(!text.contains("error[invalid]"), "{text}");
}

#[test]
fn a_value_to_copy_that_an_env_file_cannot_hold_stops_the_run() {
    // backend.env, written on Windows, holds a two-line secret with CRLF breaks; it
    // parses and passes check. `init workers` copies it into workers.env and
    // .dev.vars, which would then not parse: refused, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let out = cli(&["init", "backend", "--profile", "local"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let path = dir.path().join("backend.env");
    let backend = std::fs::read_to_string(&path).unwrap();
    let mut edited: String = backend
        .lines()
        .filter(|l| !l.starts_with("WORKER_CALLBACK_SECRET="))
        .map(|l| format!("{l}\n"))
        .collect();
    edited.push_str("WORKER_CALLBACK_SECRET=\"line-one-k9Zq2vLr8Tn4Wb6Yc1Xd3\r\nline-two\"\r\n");
    std::fs::write(&path, edited).unwrap();
    let check = ["check", "backend", "--profile", "local", "--no-process-env"];
    let out = cli(
        &[&check[..], &["--env-file", "backend.env"]].concat(),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = cli(&["init", "workers", "--profile", "local"], dir.path());
    let text = text(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("error: WORKER_CALLBACK_SECRET: the value for workers"),
        "{text}"
    );
    assert!(!text.contains("line-one"), "{text}");
    assert!(!dir.path().join("workers.env").exists());
    assert!(!dir.path().join(".dev.vars").exists());
}
