//! A closed or full standard output (`| head`, `> /dev/full`) ends every subcommand
//! quietly: exit 141 for a closed pipe, as a shell reports a command a pipe stopped,
//! and exit 2 with one line on standard error for a full disk; never a panic.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Command, Output, Stdio};

const ENV: &str = "BASE_URL=https://api.hivesync.dev\nR2_BUCKET=a\nAI_MODEL=m\nWORKER_CALLBACK_SECRET=0123456789abcdef0123456789abcdef\n";

/// Every subcommand, with arguments that make it print something.
fn subcommands(dir: &Path) -> Vec<Vec<String>> {
    let env = dir.join("b.env");
    std::fs::write(&env, ENV).unwrap();
    let env = env.to_str().unwrap().to_owned();
    let out = dir.join("out").to_str().unwrap().to_owned();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // A folder with a finding for `audit` to print.
    let audited = dir.join("audited");
    std::fs::create_dir_all(&audited).unwrap();
    std::fs::write(
        audited.join("deploy.env"),
        "JWT_SECRET=k9Zq2vLr8Tn4Wb6Yc1Xd3Fh5Gj7Mp0Sa\n",
    )
    .unwrap();
    let s = |v: &[&str]| v.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    // `render` needs a workers environment that passes `check`: `init` writes one.
    let workers = dir.join("workers-env");
    let init = run(
        &s(&[
            "init",
            "workers",
            "--profile",
            "local",
            "--dir",
            workers.to_str().unwrap(),
        ]),
        Stdio::null(),
    );
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let workers_env = workers.join("workers.env").to_str().unwrap().to_owned();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    vec![
        s(&[
            "init",
            "backend",
            "--profile",
            "local",
            "--dir",
            &path("init"),
        ]),
        s(&[
            "render",
            "workers",
            "--profile",
            "local",
            "--env-file",
            &workers_env,
            "--out",
            &path("rendered"),
        ]),
        s(&["completions", "bash"]),
        s(&["man"]),
        s(&["contracts"]),
        s(&["example", "backend"]),
        s(&["check", "backend", "--no-process-env", "--env-file", &env]),
        s(&["check", "backend", "--no-process-env", "--format", "json"]),
        s(&["consistency", "--backend", &env, "--workers", &env]),
        s(&["docs", "--out", &out]),
        s(&[
            "docs",
            "--check",
            "--out",
            repo.join("contracts/generated").to_str().unwrap(),
        ]),
        s(&["audit", audited.to_str().unwrap()]),
    ]
}

fn run(args: &[String], stdout: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .args(args)
        .env_clear()
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("the CLI runs")
}

#[test]
fn a_full_standard_output_is_one_error_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in subcommands(dir.path()) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = run(&args, Stdio::from(full));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.ends_with(
                "error: cannot write the output: No space left on device (os error 28)\n"
            ),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_141() {
    let dir = tempfile::tempdir().unwrap();
    for args in subcommands(dir.path()) {
        // The reading end is closed before the CLI starts: its first write fails.
        let (reader, writer) = rustix::pipe::pipe().unwrap();
        drop(reader);
        let out = run(&args, Stdio::from(writer));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(141), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("cannot write"), "{args:?}: {err}");
    }
}
