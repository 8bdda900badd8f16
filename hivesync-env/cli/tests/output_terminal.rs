//! Text output never carries a control character to the terminal (issue 9, item 6):
//! values, names, paths and messages of `check` and `consistency` are escaped
//! visibly, and so are the arguments clap quotes in its errors. JSON is escaped by
//! serde_json and stays as it is.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .current_dir(dir)
        .args(args)
        .env_clear()
        .output()
        .expect("the CLI runs")
}

/// Characters that must never reach the terminal raw.
const UNSAFE: &[char] = &[
    '\u{1b}', '\r', '\u{7}', '\u{8}', '\u{2028}', '\u{202e}', '\u{9b}',
];

fn assert_clean(what: &str, text: &str) {
    for c in UNSAFE {
        assert!(!text.contains(*c), "{what}: {c:?} in {text:?}");
    }
}

/// The public values of the backend that reach the listing, each with one hostile
/// character, written with the escapes the env-file syntax has (raw bytes otherwise).
const HOSTILE_VALUES: &[(&str, &str, &str)] = &[
    ("AI_MODEL", "\"gpt\u{1b}[31m4\"", "gpt\\u{1b}[31m4"),
    ("R2_BUCKET", "\"a\rb\"", "a\\u{d}b"),
    (
        "POSTGRES_DB",
        "\"line\\nforged: ok\"",
        "line\\u{a}forged: ok",
    ),
    ("POSTGRES_USER", "u\u{2028}x", "u\\u{2028}x"),
    ("REDIS_HOST", "\u{202e}txt.exe", "\\u{202e}txt.exe"),
    ("POSTGRES_HOST", "bell\u{7}", "bell\\u{7}"),
];

#[test]
fn check_escapes_values_in_the_listing_and_the_problems() {
    let dir = tempfile::tempdir().unwrap();
    let mut text: String = HOSTILE_VALUES
        .iter()
        .map(|(n, v, _)| format!("{n}={v}\n"))
        .collect();
    // A value the type rejects: its problem message quotes it.
    text.push_str("LOG_LEVEL=\"x\u{1b}]0;title\u{7}\"\n");
    std::fs::write(dir.path().join("b.env"), text).unwrap();
    let out = run(dir.path(), &["check", "backend", "--env-file", "b.env"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_clean("stdout", &stdout);
    for (name, _, shown) in HOSTILE_VALUES {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(&format!("  {name} ")) && l.ends_with(shown)),
            "{name}: {stdout}"
        );
    }
    assert!(stdout.contains("x\\u{1b}]0;title\\u{7}"), "{stdout}");
    // One line per variable: no value adds a line.
    let listing = stdout.split("\n\n").nth(1).unwrap();
    assert_eq!(listing.lines().count(), 25, "{listing}");
}

#[test]
fn check_escapes_paths_of_env_files_and_secret_files() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\u{1b}[2J\rname.env";
    std::fs::write(
        dir.path().join(name),
        "JWT_SECRET_FILE=/nonexistent/\u{1b}[31mred\rsecret\nPORT=4000\n",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "backend", "--env-file", name]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_clean("stdout", &stdout);
    assert!(
        stdout.contains("evil\\u{1b}[2J\\u{d}name.env:2"),
        "{stdout}"
    );
    assert!(
        stdout.contains("secret file /nonexistent/\\u{1b}[31mred\\u{d}secret"),
        "{stdout}"
    );
    // A file that cannot be read is named escaped on standard error.
    let out = run(
        dir.path(),
        &["check", "backend", "--env-file", "missing\u{1b}[2J.env"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_clean("stderr", &stderr);
    assert!(stderr.contains("missing\\u{1b}[2J.env"), "{stderr}");
}

#[test]
fn consistency_escapes_the_values_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    for (bucket, shown) in [
        ("\"b\u{1b}[31m\"", "b\\u{1b}[31m"),
        ("\"b\rforged\"", "b\\rforged"),
        ("\"b\\nmismatch: forged\"", "b\\nmismatch: forged"),
        ("b\u{2028}", "b\\u{2028}"),
    ] {
        std::fs::write(
            dir.path().join("backend.env"),
            format!("BASE_URL=https://api.hivesync.dev\nR2_BUCKET={bucket}\n"),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("workers.env"),
            "WORKER_CALLBACK_URL=https://api.hivesync.dev/api/v1/workers/callback\nR2_BUCKET=plain\n",
        )
        .unwrap();
        let out = run(
            dir.path(),
            &[
                "consistency",
                "--backend",
                "backend.env",
                "--workers",
                "workers.env",
            ],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_clean("stdout", &stdout);
        assert!(
            stdout.contains(&format!("expected `{shown}`, found `plain`")),
            "{stdout}"
        );
        assert_eq!(
            stdout
                .lines()
                .filter(|l| l.starts_with("mismatch: "))
                .count(),
            1,
            "{stdout}"
        );
    }
}

#[test]
fn an_argument_clap_rejects_is_quoted_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "a\rforged\u{202e}Z\u{7}\u{1b}]0;title\u{7}";
    for color in ["always", "never"] {
        let env = format!("{hostile}=x");
        let cases: [&[&str]; 3] = [
            &["check", "backend", "--profile", hostile],
            &["consistency", "--env", hostile],
            &["consistency", "--env", &env, "--bogus", hostile],
        ];
        for args in cases {
            let out = run(dir.path(), &[&["--color", color], args].concat());
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            if color == "never" {
                assert_clean(&format!("{args:?}"), &stderr);
            }
            // Coloured, the only escapes are the colours': none of the argument's.
            for raw in ["\r", "\u{202e}", "\u{7}", "\u{1b}]"] {
                assert!(!stderr.contains(raw), "{color} {args:?}: {stderr:?}");
            }
            assert!(stderr.contains("\\u{d}forged\\u{202e}Z"), "{stderr}");
        }
    }
}

#[test]
fn a_contracts_folder_with_control_characters_is_named_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = "c\rforged\u{1b}]0;title\u{7}";
    std::fs::create_dir(dir.path().join(folder)).unwrap();
    std::fs::write(dir.path().join(folder).join("app.toml"), "component = 1\n").unwrap();
    for color in ["always", "never"] {
        for contracts in [folder.to_owned(), format!("{folder}/missing")] {
            let args = ["--color", color, "--contracts", &contracts, "contracts"];
            let out = run(dir.path(), &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(
                stderr.contains("c\\u{d}forged\\u{1b}]0;title\\u{7}"),
                "{stderr}"
            );
            for raw in ["\r", "\u{7}", "\u{1b}]"] {
                assert!(!stderr.contains(raw), "{color}: {stderr:?}");
            }
        }
    }
}

#[test]
fn every_error_line_is_escaped_even_where_a_caller_did_not() {
    // Paths that reach errors through the library's messages (an env file `render`
    // cannot read, another component's env file `init` cannot read).
    let dir = tempfile::tempdir().unwrap();
    let odd = "d\rforged\u{202e}Z\u{1b}]0;title\u{7}";
    std::fs::create_dir_all(dir.path().join(odd).join("backend.env")).unwrap();
    let cases: [&[&str]; 2] = [
        &[
            "render",
            "workers",
            "--profile",
            "local",
            "--env-file",
            odd,
            "--out",
            "o",
        ],
        &["init", "workers", "--profile", "local", "--dir", odd],
    ];
    for color in ["always", "never"] {
        for args in cases {
            let out = run(dir.path(), &[&["--color", color], args].concat());
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(stderr.contains("d\\u{d}forged\\u{202e}Z"), "{stderr}");
            for raw in ["\r", "\u{202e}", "\u{7}", "\u{1b}]"] {
                assert!(!stderr.contains(raw), "{color} {args:?}: {stderr:?}");
            }
        }
    }
}
