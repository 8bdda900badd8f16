//! `hivesync-env audit` and `hivesync-env consistency` as a user runs them: exit codes,
//! text and JSON output, no secret value printed.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::write;

const SECRET: &str = "k9Zq2vLr8Tn4Wb6Yc1Xd3Fh5Gj7Mp0Sa";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

#[test]
fn this_repository_audits_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = run(&["audit", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn findings_exit_1_in_text_and_json_without_values() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".gitignore", ".env\n"),
            (
                "desktop/Cargo.toml",
                "[package.metadata.hivesync]\ncomponent = \"desktop\"\n",
            ),
            (
                "desktop/src/main.rs",
                "fn main() {\n    let _ = std::env::var(\"OPENAI_API_KEY\");\n}\n",
            ),
            ("deploy.env", &format!("JWT_SECRET={SECRET}\n")),
        ],
    );
    let path = dir.path().to_str().unwrap();
    let out = run(&["audit", path]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout,
        "\
.gitignore: gitignore: .env.production: .env.production is not ignored: add `.env.production` to .gitignore
.gitignore: gitignore: desktop/.env.production: desktop/.env.production is not ignored: add `.env.production` to .gitignore
deploy.env:1: committed_secret: JWT_SECRET: JWT_SECRET is a secret: replace the value with a placeholder or a `${JWT_SECRET}` reference, and rotate it
desktop/src/main.rs:2: leak: OPENAI_API_KEY: OPENAI_API_KEY is declared by backend, not by desktop: this component must not read it
"
    );

    let out = run(&["audit", path, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(!stdout.contains(SECRET));
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let rows: Vec<(String, String, u64, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("gitignore", ".gitignore", 0, ".env.production"),
        ("gitignore", ".gitignore", 0, "desktop/.env.production"),
        ("committed_secret", "deploy.env", 1, "JWT_SECRET"),
        ("leak", "desktop/src/main.rs", 2, "OPENAI_API_KEY"),
    ];
    assert_eq!(
        rows,
        expected.map(|(k, f, l, n)| (k.to_owned(), f.to_owned(), l, n.to_owned()))
    );
    assert_eq!(json[3]["component"], "desktop");
}

#[test]
fn a_clean_tree_exits_0_and_a_missing_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[(".gitignore", ".env\n.env.production\n")]);
    let out = run(&["audit", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).trim(), "[]");

    let missing = dir.path().join("nope");
    let out = run(&["audit", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a folder"));
    assert_eq!(run(&["audit", "--format", "yaml"]).status.code(), Some(2));
}

#[test]
fn consistency_exit_codes_and_no_secret_value() {
    let dir = tempfile::tempdir().unwrap();
    let backend = format!("BASE_URL=https://api.hivesync.dev\nWORKER_CALLBACK_SECRET={SECRET}\n");
    let good = format!(
        "WORKER_CALLBACK_URL=https://api.hivesync.dev/api/v1/workers/callback\nWORKER_CALLBACK_SECRET={SECRET}\n"
    );
    let bad = "WORKER_CALLBACK_URL=https://api.hivesync.dev/callback\nWORKER_CALLBACK_SECRET=Qw7Er5Ty3Ui1Op9As8Df6Gh4Jk2Lz0Xc\nAI_MODEL=gpt-5\n";
    write(
        dir.path(),
        &[
            ("backend.env", &backend),
            ("good.env", &good),
            ("bad.env", bad),
        ],
    );
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();

    let out = run(&[
        "consistency",
        "--backend",
        &p("backend.env"),
        "--workers",
        &p("good.env"),
        "--profile",
        "production",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("4 relations between backend and workers hold"));

    let out = run(&[
        "consistency",
        "--backend",
        &p("backend.env"),
        "--workers",
        &p("bad.env"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[0].starts_with("mismatch: workers WORKER_CALLBACK_URL must equal {backend.BASE_URL}/api/v1/workers/callback"));
    assert!(lines[1].starts_with("mismatch: workers WORKER_CALLBACK_SECRET"));
    assert!(lines[2].contains(
        "workers AI_MODEL must equal {backend.AI_MODEL}: expected `gpt-4.1`, found `gpt-5`"
    ));
    let all = format!("{stdout}{}", text(&out.stderr));
    assert!(
        !all.contains(SECRET) && !all.contains("Qw7Er5Ty3Ui1Op9As8Df6Gh4Jk2Lz0Xc"),
        "{all}"
    );

    let out = run(&[
        "consistency",
        "--backend",
        &p("missing.env"),
        "--workers",
        &p("good.env"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[
        "consistency",
        "--backend",
        &p("backend.env"),
        "--workers",
        &p("good.env"),
        "--profile",
        "staging",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
