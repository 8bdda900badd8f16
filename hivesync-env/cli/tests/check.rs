//! `hivesync-env check`, run as an operator runs it before a deploy.

use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .current_dir(dir)
        .arg("check")
        .args(args)
        .env_clear()
        .output()
        .expect("the CLI runs")
}

/// `check backend --profile production --format json` on `files` (and `extra`
/// arguments), with `env` as the whole process environment: the exit code and the
/// JSON it printed.
fn production_json(
    dir: &Path,
    files: &[&str],
    env: &[(&str, &str)],
    extra: &[&str],
) -> (Option<i32>, serde_json::Value) {
    let mut args = vec!["backend", "--profile", "production", "--format", "json"];
    for file in files {
        args.extend(["--env-file", file]);
    }
    args.extend_from_slice(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .current_dir(dir)
        .arg("check")
        .args(&args)
        .env_clear()
        .envs(env.iter().copied())
        .output()
        .expect("the CLI runs");
    let json = serde_json::from_slice(&out.stdout).expect("one JSON object");
    (out.status.code(), json)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A production environment for the backend with every value set properly.
const VALID_PRODUCTION: &str = "\
BASE_URL=https://hivesync.dev
JWT_SECRET=f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2
POSTGRES_PASSWORD=pg-9f8e7d6c5b4a
RESEND_API_KEY=re_8Jk2mN4pQ6rS
OPENAI_API_KEY=sk-proj-7Yt5Rw3Ep1Qa
R2_ACCOUNT_ID=4f1e2d3c
R2_ACCESS_KEY_ID=r2key-5a6b7c8d
R2_SECRET_ACCESS_KEY=r2secret-1a2b3c4d5e6f
WORKER_CALLBACK_SECRET=cb-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e
";

fn write(dir: &TempDir, name: &str, text: &str) -> String {
    std::fs::write(dir.path().join(name), text).unwrap();
    name.to_owned()
}

#[test]
fn a_complete_production_file_passes() {
    let dir = TempDir::new().unwrap();
    let file = write(&dir, "prod.env", VALID_PRODUCTION);
    let out = check(
        dir.path(),
        &["backend", "--profile", "production", "--env-file", &file],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).ends_with("ok: 0 errors, 0 warnings\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn placeholders_http_and_a_short_secret_fail_production_naming_each_problem() {
    let dir = TempDir::new().unwrap();
    let text = VALID_PRODUCTION
        .replace("https://hivesync.dev", "http://hivesync.dev")
        .replace("f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2", "0123456789")
        .replace("pg-9f8e7d6c5b4a", "REPLACE_ME")
        .replace("sk-proj-7Yt5Rw3Ep1Qa", "REPLACE_ME");
    let file = write(&dir, "prod.env", &text);
    let out = check(
        dir.path(),
        &["backend", "--profile", "production", "--env-file", &file],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let problems: Vec<&str> = text.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(
        problems,
        [
            "error[insecure] BASE_URL: must use https in production, found `http://hivesync.dev`",
            "error[weak] JWT_SECRET: is 10 characters long; at least 32 are required",
            "error[placeholder] POSTGRES_PASSWORD: still holds a placeholder (not shown: secret): set the real value (Password of the database role)",
            "error[placeholder] OPENAI_API_KEY: still holds a placeholder (not shown: secret): set the real value (API key of the OpenAI account)",
        ]
    );
    assert!(
        !text.contains("0123456789"),
        "a secret's value was printed:\n{text}"
    );
    assert!(text.ends_with("FAILED: 4 errors, 0 warnings\n"), "{text}");
}

#[test]
fn three_missing_variables_are_three_problems_in_one_report() {
    let dir = TempDir::new().unwrap();
    let text: String = VALID_PRODUCTION
        .lines()
        .filter(|l| {
            !l.starts_with("JWT_SECRET=")
                && !l.starts_with("R2_ACCOUNT_ID=")
                && !l.starts_with("BASE_URL=")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let file = write(&dir, "prod.env", &text);
    let (code, json) = production_json(dir.path(), &[&file], &[], &[]);
    assert_eq!(code, Some(1));
    let missing: Vec<&str> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "missing")
        .map(|p| p["var"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["BASE_URL", "JWT_SECRET", "R2_ACCOUNT_ID"]);
}

#[test]
fn json_has_the_documented_shape_and_no_secret_values() {
    let dir = TempDir::new().unwrap();
    let file = write(
        &dir,
        "prod.env",
        &format!("{VALID_PRODUCTION}PORT=not-a-port\n"),
    );
    let (code, json) = production_json(dir.path(), &[&file], &[], &[]);
    assert_eq!(code, Some(1));
    assert_eq!(json["component"], "backend");
    assert_eq!(json["profile"], "production");
    assert_eq!(json["ok"], false);
    assert_eq!(
        json["problems"][0],
        serde_json::json!({
            "var": "PORT",
            "kind": "invalid",
            "severity": "error",
            "message": "expected a port number (1-65535), found `not-a-port`",
        })
    );
    let vars = json["vars"].as_array().unwrap();
    assert_eq!(vars.len(), 25);
    let port = vars.iter().find(|v| v["name"] == "PORT").unwrap();
    assert_eq!(port["source"], "file");
    assert_eq!(port["value"], "not-a-port");
    let jwt = vars.iter().find(|v| v["name"] == "JWT_SECRET").unwrap();
    assert_eq!(jwt["secret"], true);
    assert!(jwt.get("value").is_none(), "{jwt}");
    let pg_host = vars.iter().find(|v| v["name"] == "POSTGRES_HOST").unwrap();
    assert_eq!(
        (pg_host["source"].as_str(), pg_host["value"].as_str()),
        (Some("default"), Some("postgres"))
    );
    let text = json.to_string();
    for secret in [
        "f3b1c2d4e5f6",
        "pg-9f8e7d6c5b4a",
        "sk-proj-7Yt5Rw3Ep1Qa",
        "cb-0a1b2c3d",
    ] {
        assert!(!text.contains(secret), "{secret} leaked into:\n{text}");
    }
}

#[test]
fn process_environment_overrides_files_and_can_be_ignored() {
    let dir = TempDir::new().unwrap();
    let file = write(&dir, "prod.env", VALID_PRODUCTION);
    let env = [("PORT", "8080"), ("REDIS_PROT", "6380")];
    let run = |extra: &[&str]| production_json(dir.path(), &[&file], &env, extra).1;
    let with_process = run(&[]);
    let port = &with_process["vars"][0];
    assert_eq!(
        (port["value"].as_str(), port["source"].as_str()),
        (Some("8080"), Some("process"))
    );
    // A near miss in the process environment is a warning with a suggestion.
    let unknown = with_process["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "unknown")
        .unwrap();
    assert_eq!(unknown["var"], "REDIS_PROT");
    assert_eq!(unknown["severity"], "warning");
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .ends_with("did you mean REDIS_PORT?")
    );

    let without = run(&["--no-process-env"]);
    assert_eq!(without["vars"][0]["value"], "4000");
    assert_eq!(without["problems"].as_array().unwrap().len(), 0);
}

#[test]
fn later_env_files_override_earlier_ones() {
    let dir = TempDir::new().unwrap();
    let base = write(&dir, "base.env", VALID_PRODUCTION);
    let over = write(&dir, "over.env", "LOG_LEVEL=warn\n");
    let (code, json) = production_json(dir.path(), &[&base, &over], &[], &[]);
    assert_eq!(code, Some(0));
    let level = json["vars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "LOG_LEVEL")
        .unwrap();
    assert_eq!(level["value"], "warn");
}

#[test]
fn usage_errors_and_unreadable_or_malformed_files_exit_2() {
    let dir = TempDir::new().unwrap();
    let bad = write(
        &dir,
        "bad.env",
        "PORT=4000\nJWT_SECRET 'unterminated-secret\n",
    );
    let cases: [&[&str]; 4] = [
        &["nope"],
        &["backend", "--profile", "staging"],
        &["backend", "--env-file", "does-not-exist.env"],
        &["backend", "--env-file", &bad],
    ];
    for args in cases {
        let out = check(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("unterminated-secret"), "{err}");
    }
    let out = check(dir.path(), &["backend", "--env-file", &bad]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: bad.env: cannot parse line 2: expected `NAME=value` (the content is not shown, it may be a secret)\n"
    );
}

#[test]
fn contracts_of_another_folder_are_used_with_contracts_dir() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("svc.toml"),
        "component = \"svc\"\naudience = \"server\"\ndescription = \"A service\"\n\n[[var]]\nname = \"PORT\"\ntype = \"port\"\ndescription = \"Port\"\n",
    )
    .unwrap();
    let out = check(dir.path(), &["svc", "--contracts", ".", "--no-process-env"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("error[missing] PORT: not set, and required in profile local: Port"),
        "{}",
        stdout(&out)
    );
    std::fs::write(
        dir.path().join("svc.toml"),
        "component = \"svc\"\naudience = \"sever\"\n",
    )
    .unwrap();
    let out = check(dir.path(), &["svc", "--contracts", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown audience `sever`"));
}

#[test]
fn the_shipped_sample_passes_in_the_local_profile() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = check(
        &root,
        &[
            "backend",
            "--profile",
            "local",
            "--env-file",
            "examples/env/backend.local.env",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "  BASE_URL                examples/env/backend.local.env:3   http://localhost:4000\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "  JWT_SECRET              examples/env/backend.local.env:4   ******** (secret)\n"
        ),
        "{text}"
    );
    assert!(text.contains("  R2_PUBLIC_URL           unset\n"), "{text}");
}

#[test]
fn contracts_lists_every_component() {
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .arg("contracts")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows[0],
        ["backend", "server", "25", "7", "contracts/backend.toml"]
    );
    assert_eq!(
        rows[1],
        ["workers", "edge", "4", "1", "contracts/workers.toml"]
    );
    assert_eq!(rows.len(), 6);
}
