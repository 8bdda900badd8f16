//! One loader in a loop, for a profiler: `valgrind --tool=callgrind` counts
//! instructions repeatably where wall time is noisy (see BENCHMARKS.md).
//!
//! `profile <success|error> <loader> [iterations]`, loader one of `hand-written`,
//! `hivesync-env`. Like the benchmark, it re-executes itself with the benchmark's
//! environment (`env_clear` + `envs`) rather than writing its own.

use std::hint::black_box;
use std::process::{Command, ExitCode};

use hivesync_contracts::BackendEnv;
use hivesync_env::{EnvContract, Profile};
use hivesync_env_benches as peers;

const MARKER: &str = "HIVESYNC_BENCH_ENV";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, loader, rest @ ..] = args.as_slice() else {
        eprintln!("usage: profile <success|error> <hand-written|hivesync-env> [iterations]");
        return ExitCode::from(2);
    };
    if std::env::var_os(MARKER).is_none() {
        let env = if path == "error" {
            peers::error_env()
        } else {
            peers::success_env()
        };
        let exe = std::env::current_exe().expect("own path");
        let status = Command::new(exe)
            .args(&args)
            .env_clear()
            .envs(env)
            .env(MARKER, path)
            .status()
            .expect("re-exec");
        return if status.success() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    let n: u32 = rest.first().map_or(1000, |s| s.parse().expect("a count"));
    for _ in 0..n {
        match loader.as_str() {
            "hand-written" => drop(black_box(peers::HandWritten::from_env())),
            "hivesync-env" => drop(black_box(BackendEnv::from_env(Profile::Production))),
            other => panic!("unknown loader {other}"),
        }
    }
    ExitCode::SUCCESS
}
