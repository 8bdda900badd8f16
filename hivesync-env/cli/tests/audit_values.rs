//! `hivesync-env audit` never prints a value: a file that does not parse is told by
//! file, line and column (and the audit goes on), a credential pasted as a variable
//! name is a `committed_secret` finding that does not repeat it, and no control
//! character of a file name or name reaches the terminal.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;

use support::write;

const SECRET: &str = "k9Zq2vLr8Tn4Wb6Yc1Xd3Fh5Gj7Mp0Sa";

fn audit(dir: &Path, json: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hivesync-env"));
    cmd.arg("audit").arg(dir);
    if json {
        cmd.args(["--format", "json"]);
    }
    cmd.output().unwrap()
}

/// Both outputs of an audit of `files`, after `.gitignore` ignores the env files.
fn outputs(files: &[(&str, &str)]) -> Vec<(Option<i32>, String)> {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[(".gitignore", ".env\n.env.production\n")]);
    write(dir.path(), files);
    [false, true]
        .map(|json| {
            let o = audit(dir.path(), json);
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            (o.status.code(), all)
        })
        .to_vec()
}

#[test]
fn broken_structured_files_are_findings_by_line_and_column_without_their_text() {
    let cases: [(&str, String, &str); 7] = [
        (
            // An unclosed quote would swallow the lines after it into its value.
            "prod.env",
            format!("LOG_LEVEL=\"debug\nJWT_SECRET={SECRET}\n"),
            "not valid env at line 1, column 11: the quote",
        ),
        (
            "Cargo.toml",
            format!(
                "[package]\nname = \"x\"\n[package.metadata]\nJWT_SECRET = \"{SECRET}\"\nJWT_SECRET = \"{SECRET}\"\n"
            ),
            "not valid TOML at line 5, column 1: duplicate key",
        ),
        (
            "config/app.toml",
            format!("JWT_SECRET = \"{SECRET}\n"),
            "not valid TOML at line 1, column 47: invalid basic string",
        ),
        (
            "package.json",
            format!("{{\n  \"JWT_SECRET\": \"{SECRET}\",\n}}\n"),
            "not valid JSON at line 3, column 1: trailing comma",
        ),
        (
            "settings.json",
            format!("{{\"a\": \"{SECRET}\" \"b\"}}"),
            "not valid JSON at line 1, column ",
        ),
        (
            "docker-compose.yml",
            format!("services:\n  a:\n    JWT_SECRET: \"{SECRET}\n  b: [\n"),
            "not valid YAML at line ",
        ),
        (
            "pyproject.toml",
            format!("[tool.hivesync]\ncomponent = \"{SECRET}\n"),
            "not valid TOML at line 2, column 46: invalid basic string",
        ),
    ];
    for (file, text, expected) in cases {
        // Another file with a real finding: the audit goes on past the broken one.
        let outs = outputs(&[
            (file, &text),
            (
                "other/main.py",
                "import os\nos.getenv(\"NOT_DECLARED_ANYWHERE\")\n",
            ),
        ]);
        for (code, out) in outs {
            assert_eq!(code, Some(1), "{file}: {out}");
            assert!(!out.contains(SECRET), "{file}: {out}");
            assert!(out.contains(expected), "{file}: {out}");
            assert!(out.contains("invalid_file"), "{file}: {out}");
            assert!(out.contains("NOT_DECLARED_ANYWHERE"), "{file}: {out}");
        }
    }
}

#[test]
fn a_credential_read_as_a_variable_is_a_committed_secret_not_shown() {
    let keys = [
        "sk-proj-abcdefghijklmnop0123456789",
        "sk_live_51HabcdefghijklmnopQRSTuv",
        "AKIAIOSFODNN7EXAMPLE",
        "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
    ];
    for key in keys {
        let sources = [
            (
                "app/main.py",
                format!("import os\nx = os.getenv(\"{key}\")\n"),
            ),
            ("web/app.ts", format!("const x = process.env[\"{key}\"];\n")),
            (
                "src/main.rs",
                format!("fn main() {{ let _ = std::env::var(\"{key}\"); }}\n"),
            ),
        ];
        for (file, text) in sources {
            for (code, out) in outputs(&[(file, &text)]) {
                assert_eq!(code, Some(1), "{file}: {out}");
                assert!(!out.contains(key), "{file}: {out}");
                assert!(out.contains("committed_secret"), "{file}: {out}");
                assert!(
                    out.contains("a credential is used as a variable name"),
                    "{out}"
                );
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn control_characters_of_file_names_and_names_are_escaped_in_text() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[(".gitignore", ".env\n.env.production\n")]);
    for (i, bad) in ["\u{1b}[2J", "\r", "\n", "\u{7}"].into_iter().enumerate() {
        let file = format!("x{i}{bad}y.py");
        write(
            dir.path(),
            &[(
                &file,
                &format!("import os\nos.getenv(\"UNDECLARED_{i}\")\n"),
            )],
        );
    }
    let out = audit(dir.path(), false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout.lines().count(), 4, "{stdout:?}");
    for c in stdout.chars() {
        assert!(c == '\n' || !c.is_control(), "{stdout:?}");
    }
    assert!(
        stdout.contains("x0\\u{1b}[2Jy.py:2: undeclared"),
        "{stdout:?}"
    );
    assert!(stdout.contains("x1\\u{d}y.py"), "{stdout:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn no_broken_marker_or_config_file_prints_the_secret(cut in 20usize..70, json in any::<bool>()) {
        // Cargo.toml and package.json are read for component markers too: once by the
        // marker reader, once by the secret scan.
        let text = if json {
            format!("{{\"hivesync\": {{\"JWT_SECRET\": \"{SECRET}\", \"b\": [1, 2]}}}}")
        } else {
            format!("[package.metadata]\nJWT_SECRET = \"{SECRET}\"\nb = [1, 2]\n")
        };
        let cut = cut.min(text.len() - 1);
        let file = if json { "package.json" } else { "Cargo.toml" };
        for (_, out) in outputs(&[(file, &text[..cut])]) {
            prop_assert!(!out.contains(&SECRET[..8]), "{}", out);
        }
    }
}
