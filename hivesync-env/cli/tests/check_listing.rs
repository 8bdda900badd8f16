//! What the `check` listing shows of each value (issue 9, items 2 and 8): an empty,
//! unreadable or non-UTF-8 secret as such (never as `********`), a public value that
//! holds a secret's value masked, and the `contracts` table in aligned columns.

use std::path::Path;
use std::process::Command;

fn check(dir: &Path, env: &[u8]) -> String {
    std::fs::write(dir.join("b.env"), env).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .current_dir(dir)
        .args([
            "check",
            "backend",
            "--no-process-env",
            "--env-file",
            "b.env",
        ])
        .env_clear()
        .output()
        .expect("the CLI runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The listing's line of `name`, its columns split on runs of spaces.
fn row(listing: &str, name: &str) -> String {
    let line = listing
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("no {name} in {listing}"));
    line.split_whitespace()
        .skip(1)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn secrets_that_are_empty_unreadable_or_not_utf8_are_shown_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let env = [
        b"JWT_SECRET=\nPOSTGRES_PASSWORD_FILE=/nonexistent/pw\nRESEND_API_KEY=re_\xff\xfe\nR2_SECRET_ACCESS_KEY_FILE=/dev/zero\n".as_slice(),
        b"OPENAI_API_KEY=a-real-looking-value-0123456789\n",
    ]
    .concat();
    let listing = check(dir.path(), &env);
    assert_eq!(row(&listing, "JWT_SECRET"), "b.env:1 (empty, secret)");
    assert_eq!(
        row(&listing, "POSTGRES_PASSWORD"),
        "secret file /nonexistent/pw (unreadable)"
    );
    assert_eq!(row(&listing, "RESEND_API_KEY"), "b.env:3 (not valid UTF-8)");
    assert_eq!(
        row(&listing, "R2_SECRET_ACCESS_KEY"),
        "secret file /dev/zero (unreadable)"
    );
    assert_eq!(row(&listing, "OPENAI_API_KEY"), "b.env:5 ******** (secret)");
    assert_eq!(row(&listing, "WORKER_CALLBACK_SECRET"), "unset");
}

#[test]
fn a_public_value_holding_a_secret_is_masked_in_the_listing() {
    let dir = tempfile::tempdir().unwrap();
    for env in [
        "JWT_SECRET=jwt-0123456789abcdef\nAI_MODEL=${JWT_SECRET}\n",
        "JWT_SECRET=jwt-0123456789abcdef\nAI_MODEL=jwt-0123456789abcdef\n",
        "JWT_SECRET=jwt-0123456789abcdef\nAI_MODEL=\"model jwt-0123456789abcdef\"\n",
        "AI_MODEL=sk-proj-0123456789abcdef\n",
    ] {
        let listing = check(dir.path(), env.as_bytes());
        assert_eq!(
            row(&listing, "AI_MODEL"),
            format!(
                "b.env:{} ******** (not shown: see the leak below)",
                env.lines().count()
            ),
            "{listing}"
        );
        assert!(!listing.contains("0123456789abcdef"), "{listing}");
    }
}

#[test]
fn the_contracts_table_is_in_aligned_columns() {
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .arg("contracts")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    // Every column starts at the same offset on every line: where the header's word
    // starts for left-aligned columns, and ends for right-aligned ones.
    let header = lines[0];
    for word in ["audience", "file"] {
        let at = header.find(word).unwrap();
        for line in &lines[1..] {
            assert!(
                line[..at].ends_with(' ') && !line[at..].starts_with(' '),
                "{word} in {line:?}\n{text}"
            );
        }
    }
    for word in ["vars", "secrets"] {
        let end = header.find(word).unwrap() + word.len();
        for line in &lines[1..] {
            assert!(
                line[..end].ends_with(|c: char| c.is_ascii_digit()) && line[end..].starts_with(' '),
                "{word} in {line:?}\n{text}"
            );
        }
    }
}

/// The process environment overrides the file's secret: the public value built from
/// the file's secret by substitution is still a leak, masked in text and JSON.
#[test]
fn a_value_built_from_a_file_secret_stays_hidden_when_the_process_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("b.env"),
        "JWT_SECRET=file-secret-0123456789abcdef\nAI_MODEL=\"m-${JWT_SECRET}\"\n",
    )
    .unwrap();
    for format in ["text", "json"] {
        let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
            .current_dir(dir.path())
            .args([
                "check",
                "backend",
                "--env-file",
                "b.env",
                "--format",
                format,
            ])
            .env_clear()
            .env("JWT_SECRET", "process-secret-0123456789abcdef")
            .output()
            .expect("the CLI runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains("file-secret"), "{stdout}");
        assert!(
            stdout.contains("is built from the secret JWT_SECRET by substitution"),
            "{stdout}"
        );
    }
}
