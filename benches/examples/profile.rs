//! One loader in a loop, for a profiler: `valgrind --tool=callgrind` counts
//! instructions repeatably where wall time is noisy (see BENCHMARKS.md and
//! `benches/callgrind.sh`, which runs every loader this way).
//!
//! `profile <success|error> <loader> [iterations] [34|234]`: loader one of
//! `hivesync_env_benches::LOADERS`, 1000 iterations and the 34-variable workload by
//! default. Like the benchmark, it re-executes itself with the workload's environment
//! (`env_clear` + `envs`) rather than writing its own. Before the loop it checks that
//! the loader succeeds on the success path and fails on the error path (so both
//! counts of a `0` and an `N` run include that one call, and it cancels out).

use std::process::{Command, ExitCode};

use hivesync_env_benches::{self as peers, Workload};

const MARKER: &str = "HIVESYNC_BENCH_ENV";
const USAGE: &str = "usage: profile <success|error> <loader> [iterations] [34|234]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, loader, rest @ ..] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let n: u32 = rest.first().map_or(1000, |s| s.parse().expect("a count"));
    let workload = match rest.get(1) {
        None => Workload::Container,
        Some(vars) => match Workload::from_vars(vars) {
            Some(w) => w,
            None => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
    };
    if std::env::var_os(MARKER).is_none() {
        let env = match path.as_str() {
            "success" => workload.success_env(),
            "error" => workload.error_env(),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
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
    let Some(load) = peers::loader(loader) else {
        eprintln!("unknown loader {loader}; one of {:?}", peers::LOADERS);
        return ExitCode::from(2);
    };
    let built = load();
    if built != (path == "success") {
        eprintln!("{loader} did not do what the {path} path expects (built: {built})");
        return ExitCode::FAILURE;
    }
    for _ in 0..n {
        load();
    }
    ExitCode::SUCCESS
}
