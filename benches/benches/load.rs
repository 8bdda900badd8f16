//! Loading the 25-variable backend contract from the process environment, next to
//! what a user would pick instead: `cargo bench -p hivesync-env-benches` (the exact
//! command and the results are in `BENCHMARKS.md`; the instruction counts of
//! `benches/callgrind.sh` are the numbers to compare on a busy machine).
//!
//! # How the environment is set up
//!
//! Every loader reads the real process environment, and nothing here calls
//! `std::env::set_var` (it is unsafe in edition 2024 for a reason: other threads,
//! criterion's among them, may read the environment at the same time). Instead this
//! binary runs in two roles:
//!
//! - started by `cargo bench`, the marker variable `HIVESYNC_BENCH_ENV` is absent: it
//!   re-executes itself four times with `Command::env_clear().envs(..)`, the success
//!   and the error environment of each [`Workload`] (34 and 234 variables), passing
//!   its arguments through, then prints the table of medians and ratios;
//! - started with the marker (`success-34`, `error-234`, ...), it runs that criterion
//!   group.
//!
//! The children's environment is exactly those variables, the marker, and
//! `CRITERION_HOME` (so all four write under the same `criterion/` folder).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::SystemTime;

use criterion::Criterion;
use hivesync_env_benches::{self as peers, LOADERS, Workload};

const MARKER: &str = "HIVESYNC_BENCH_ENV";

fn main() -> ExitCode {
    let group = std::env::var(MARKER).ok();
    match group.as_deref().and_then(|g| g.split_once('-')) {
        Some((path, vars)) => match Workload::from_vars(vars) {
            Some(_) => run(path == "success", group.as_deref().unwrap_or_default()),
            None => ExitCode::FAILURE,
        },
        None => orchestrate(),
    }
}

/// The criterion group of one path of one workload: `success-34`, `error-234`.
fn group_name(success: bool, workload: Workload) -> String {
    let path = if success { "success" } else { "error" };
    format!("{path}-{}", workload.vars())
}

fn run(success: bool, group_name: &str) -> ExitCode {
    // Every loader must succeed on the success environment and fail on the error one,
    // or the numbers compare different work.
    for name in LOADERS {
        let load = peers::loader(name).expect("a known loader");
        assert_eq!(load(), success, "{name} on {group_name}");
    }
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group(group_name);
    // Each iteration builds and drops the loader's natural result (the struct, or its
    // error; for hivesync-env the full `Report`), as the callgrind counts do.
    for name in LOADERS {
        let load = peers::loader(name).expect("a known loader");
        group.bench_function(name, |b| b.iter(load));
    }
    group.finish();
    c.final_summary();
    ExitCode::SUCCESS
}

/// Where criterion writes: `criterion/` in the target directory that holds this
/// binary (`<target>/release/deps/load-<hash>`), `CARGO_TARGET_DIR` or not. The
/// children are told so through `CRITERION_HOME`, so both groups land together.
fn criterion_home(exe: &Path) -> PathBuf {
    match exe.ancestors().nth(3) {
        Some(target) => target.join("criterion"),
        None => PathBuf::from("target/criterion"),
    }
}

fn orchestrate() -> ExitCode {
    let exe = std::env::current_exe().expect("the bench binary's path");
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let home = std::path::absolute(criterion_home(&exe)).expect("an absolute criterion home");
    let started = SystemTime::now();
    for workload in Workload::ALL {
        for success in [true, false] {
            let env = if success {
                workload.success_env()
            } else {
                workload.error_env()
            };
            let group = group_name(success, workload);
            let status = Command::new(&exe)
                .args(&args)
                .env_clear()
                .envs(env)
                .env(MARKER, &group)
                .env("CRITERION_HOME", &home)
                .status()
                .expect("re-executing the bench binary");
            if !status.success() {
                eprintln!("the {group} benchmarks failed: {status}");
                return ExitCode::FAILURE;
            }
        }
    }
    for workload in Workload::ALL {
        print_table(&home, started, workload);
    }
    ExitCode::SUCCESS
}

/// The median of one benchmark of this run, in nanoseconds.
fn median(home: &Path, group: &str, loader: &str, since: SystemTime) -> Option<f64> {
    let file = home.join(group).join(loader).join("new/estimates.json");
    let fresh = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= since);
    if !fresh {
        return None;
    }
    let text = std::fs::read_to_string(&file).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn print_table(home: &Path, since: SystemTime, workload: Workload) {
    let (ok_group, err_group) = (group_name(true, workload), group_name(false, workload));
    let base = median(home, &ok_group, LOADERS[0], since);
    let cell = |ns: Option<f64>| match ns {
        Some(ns) => format!("{:.2} µs", ns / 1000.0),
        None => "-".to_owned(),
    };
    let ratio = |ns: Option<f64>| match (ns, base) {
        (Some(ns), Some(base)) => format!("{:.2}x", ns / base),
        _ => "-".to_owned(),
    };
    println!();
    println!("{} variables:", workload.vars());
    println!();
    println!(
        "| loader | success median | success / baseline | error median | error / baseline success |"
    );
    println!("|---|---:|---:|---:|---:|");
    for loader in LOADERS {
        let ok = median(home, &ok_group, loader, since);
        let err = median(home, &err_group, loader, since);
        println!(
            "| {loader} | {} | {} | {} | {} |",
            cell(ok),
            ratio(ok),
            cell(err),
            ratio(err)
        );
    }
}
