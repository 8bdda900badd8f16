//! `hivesync-env render workers` on a production environment, then the real
//! `wrangler deploy --dry-run --env production` (wrangler 4.85.0, pinned in
//! `examples/worker-rs/package-lock.json`, installed there by `npm ci` when absent) on
//! each rendered config: wrangler accepts it, binds the environment's real public
//! values and the profile, and nothing prints the secret.
//!
//! wrangler runs offline-friendly: metrics and error reports off, a temporary HOME
//! (it writes its config and logs there), its log folder in the temporary folder.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Short enough that wrangler's binding table shows it whole (it cuts values at 40
/// characters).
const CALLBACK: &str = "https://a.io/api/v1/workers/callback";

/// `examples/worker-rs/node_modules/.bin/wrangler`, installed by `npm ci` when absent,
/// once for the tests of this file (which run in parallel: two `npm ci` in one folder
/// would delete each other's `node_modules`).
fn wrangler() -> PathBuf {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _once = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/worker-rs");
    let bin = tools.join("node_modules/.bin/wrangler");
    if !bin.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&tools)
            .status()
            .expect("npm runs (it installs the pinned wrangler for this test)");
        assert!(status.success(), "npm ci in {} failed", tools.display());
    }
    bin
}

fn cli(args: &[&str], dir: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn dry_run(dir: &Path, config: &Path) -> (bool, String) {
    let mut cmd = Command::new(wrangler());
    cmd.args(["deploy", "--dry-run", "--env", "production", "--config"])
        .arg(config)
        .arg("--outdir")
        .arg(dir.join("bundle"))
        .current_dir(dir)
        .env_clear()
        .env("HOME", dir.join("home"))
        .env("XDG_CONFIG_HOME", dir.join("home/.config"))
        .env("WRANGLER_LOG_PATH", dir.join("logs"))
        .env("WRANGLER_SEND_METRICS", "false")
        .env("WRANGLER_SEND_ERROR_REPORTS", "false")
        .env("CI", "true")
        .env("NO_COLOR", "1");
    for keep in ["PATH", "RUSTUP_HOME", "CARGO_HOME"] {
        if let Some(v) = std::env::var_os(keep) {
            cmd.env(keep, v);
        }
    }
    let out = cmd.output().expect("wrangler runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// A production environment from `init`, with the operator's callback URL set.
fn production_env(dir: &Path) {
    cli(
        &["init", "backend", "workers", "--profile", "production"],
        dir,
    );
    let path = dir.join("workers.env");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "WORKER_CALLBACK_URL=REPLACE_ME",
        &format!("WORKER_CALLBACK_URL={CALLBACK}"),
    );
    std::fs::write(path, text).unwrap();
}

#[test]
fn wrangler_dry_run_accepts_the_rendered_production_configs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    production_env(dir);
    let printed = cli(
        &[
            "render",
            "workers",
            "--profile",
            "production",
            "--env-file",
            "workers.env",
            "--out",
            "deploy",
        ],
        dir,
    );
    let printed = String::from_utf8_lossy(&printed.stdout).into_owned();

    // The secrets file: 0600, the format `wrangler secret bulk` reads (one JSON
    // object of strings), holding the secret init wrote.
    let json_path = dir.join("deploy/workers.secrets.json");
    assert_eq!(
        std::fs::metadata(&json_path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let secrets: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    let env_file = hivesync_env::source::EnvFile::read(dir.join("workers.env")).unwrap();
    let shared = {
        use hivesync_env::source::Source;
        env_file
            .get("WORKER_CALLBACK_SECRET")
            .unwrap()
            .value
            .unwrap()
    };
    assert_eq!(
        secrets.keys().collect::<Vec<_>>(),
        ["WORKER_CALLBACK_SECRET"]
    );
    assert_eq!(secrets["WORKER_CALLBACK_SECRET"], shared);
    assert!(!printed.contains(&shared), "render printed the secret");

    // The worker's entry point, where every rendered config's `main` points.
    std::fs::create_dir_all(dir.join("deploy/wrangler/src")).unwrap();
    std::fs::write(
        dir.join("deploy/wrangler/src/index.ts"),
        "export default { async fetch(_req: Request, env: any) { return new Response(env.R2_BUCKET); } };\n",
    )
    .unwrap();
    let workers = [
        "preview_builder",
        "ai_docs_processor",
        "worker_callback_relayer",
        "healthcheck_worker",
    ];
    for worker in workers {
        let config = dir.join(format!("deploy/wrangler/{worker}.toml"));
        let toml = std::fs::read_to_string(&config).unwrap();
        assert!(
            !toml.contains(&shared),
            "{worker}: the secret is in the config"
        );
        assert!(!toml.contains("REPLACE_ME"), "{worker}");
        let table: toml::Table = toml.parse().unwrap();
        let vars = &table["env"]["production"]["vars"];
        assert_eq!(vars["WORKER_CALLBACK_URL"].as_str(), Some(CALLBACK));
        assert_eq!(vars["HIVESYNC_PROFILE"].as_str(), Some("production"));
        let (ok, out) = dry_run(dir, &config);
        assert!(ok, "{worker}: wrangler rejected the config:\n{out}");
        assert!(out.contains("--dry-run: exiting now."), "{worker}:\n{out}");
        for binding in [
            format!("env.WORKER_CALLBACK_URL (\"{CALLBACK}\")"),
            "env.HIVESYNC_PROFILE (\"production\")".to_owned(),
            "env.HIVESYNC_R2 (hivesync-r2)".to_owned(),
            "env.AI_MODEL (\"gpt-4.1\")".to_owned(),
        ] {
            assert!(out.contains(&binding), "{worker}: no {binding}:\n{out}");
        }
        assert!(
            !out.contains(&shared),
            "{worker}: wrangler printed the secret"
        );
    }
}

#[test]
fn wrangler_failures_reach_the_test_and_render_refuses_a_failing_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    production_env(dir);
    cli(
        &[
            "render",
            "workers",
            "--profile",
            "production",
            "--env-file",
            "workers.env",
            "--out",
            "deploy",
        ],
        dir,
    );
    // No entry point: wrangler fails, and the test sees it.
    let (ok, out) = dry_run(dir, &dir.join("deploy/wrangler/preview_builder.toml"));
    assert!(!ok, "wrangler passed without the worker's code:\n{out}");

    // The environment init leaves in production (REPLACE_ME for the callback URL)
    // does not pass check: exit 1 with the report, nothing written.
    cli(
        &[
            "init",
            "workers",
            "--profile",
            "production",
            "--dir",
            "fresh",
        ],
        dir,
    );
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .args([
            "render",
            "workers",
            "--profile",
            "production",
            "--env-file",
            "fresh/workers.env",
            "--out",
            "fresh/deploy",
        ])
        .current_dir(dir)
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("error[placeholder] WORKER_CALLBACK_URL"),
        "{stdout}"
    );
    assert!(!dir.join("fresh/deploy").exists());
}

/// A `wrangler` link inside `--out` would send the configs outside the folder the user
/// named: exit 2, nothing written there or through it.
#[test]
fn render_never_writes_through_a_link_in_the_out_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    production_env(dir);
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(dir.join("deploy")).unwrap();
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("deploy/wrangler")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .args([
            "render",
            "workers",
            "--profile",
            "production",
            "--env-file",
            "workers.env",
            "--out",
            "deploy",
        ])
        .current_dir(dir)
        .env_clear()
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a symbolic link"), "{stderr}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(!dir.join("deploy/workers.secrets.json").exists());
}
