//! Loading the 25-variable backend contract from the process environment, next to
//! what a user would pick instead: `cargo bench -p hivesync-env-benches` (the exact
//! command and the results are in `BENCHMARKS.md`).
//!
//! # How the environment is set up
//!
//! Every loader reads the real process environment, and nothing here calls
//! `std::env::set_var` (it is unsafe in edition 2024 for a reason: other threads,
//! criterion's among them, may read the environment at the same time). Instead this
//! binary runs in two roles:
//!
//! - started by `cargo bench`, the marker variable `HIVESYNC_BENCH_ENV` is absent: it
//!   re-executes itself twice with `Command::env_clear().envs(..)`, once with the
//!   success environment (the contract's 25 variables and 200 unrelated ones) and
//!   once with the error environment (the same without three required variables),
//!   passing its arguments through, then prints the table of medians and ratios;
//! - started with the marker (`success` or `error`), it runs that criterion group.
//!
//! The children's environment is exactly those variables, the marker, and
//! `CRITERION_HOME` (so both write under the same `criterion/` folder).

// figment's error is large; each loader's result is measured as the library gives it.
#![allow(clippy::result_large_err)]

use std::ffi::OsString;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::SystemTime;

use criterion::Criterion;
use hivesync_contracts::BackendEnv;
use hivesync_env::{EnvContract, Profile};
use hivesync_env_benches as peers;

const MARKER: &str = "HIVESYNC_BENCH_ENV";

/// The loaders, in the order of the table; the first is the baseline.
const LOADERS: [&str; 7] = [
    "hand-written",
    "hivesync-env",
    "envconfig",
    "confique",
    "envy",
    "config",
    "figment",
];

fn main() -> ExitCode {
    match std::env::var(MARKER).as_deref() {
        Ok("success") => run(Run::Success),
        Ok("error") => run(Run::Error),
        _ => orchestrate(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Success,
    Error,
}

impl Run {
    fn group(self) -> &'static str {
        match self {
            Run::Success => "success",
            Run::Error => "error",
        }
    }
}

/// Runs one loader once; `Ok` when it built the struct. The error is rendered only
/// here, for the sanity check, never inside a measurement.
fn once(loader: &str) -> Result<(), String> {
    fn show<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<(), String> {
        r.map(drop).map_err(|e| e.to_string())
    }
    match loader {
        "hand-written" => peers::HandWritten::from_env()
            .map(drop)
            .map_err(|e| format!("{e:?}")),
        "hivesync-env" => show(BackendEnv::from_env(Profile::Production)),
        "envconfig" => show(peers::envconfig()),
        "confique" => show(peers::confique()),
        "envy" => show(peers::envy()),
        "config" => show(peers::config_rs()),
        "figment" => show(peers::figment()),
        other => unreachable!("{other}"),
    }
}

fn run(path: Run) -> ExitCode {
    // Every loader must succeed on the success environment and fail on the error one,
    // or the numbers compare different work.
    for loader in LOADERS {
        match (path, once(loader)) {
            (Run::Success, Err(e)) => panic!("{loader} failed on the success path: {e}"),
            (Run::Error, Ok(())) => panic!("{loader} succeeded on the error path"),
            _ => {}
        }
    }
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group(path.group());
    // Each closure returns the loader's natural result (the struct, or its error; for
    // hivesync-env the full `Report`), dropped outside the timing by criterion.
    group.bench_function("hand-written", |b| {
        b.iter(|| black_box(peers::HandWritten::from_env()))
    });
    group.bench_function("hivesync-env", |b| {
        b.iter(|| black_box(BackendEnv::from_env(black_box(Profile::Production))))
    });
    group.bench_function("envconfig", |b| b.iter(|| black_box(peers::envconfig())));
    group.bench_function("confique", |b| b.iter(|| black_box(peers::confique())));
    group.bench_function("envy", |b| b.iter(|| black_box(peers::envy())));
    group.bench_function("config", |b| b.iter(|| black_box(peers::config_rs())));
    group.bench_function("figment", |b| b.iter(|| black_box(peers::figment())));
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
    for (path, env) in [
        (Run::Success, peers::success_env()),
        (Run::Error, peers::error_env()),
    ] {
        let status = Command::new(&exe)
            .args(&args)
            .env_clear()
            .envs(env)
            .env(MARKER, path.group())
            .env("CRITERION_HOME", &home)
            .status()
            .expect("re-executing the bench binary");
        if !status.success() {
            eprintln!("the {} benchmarks failed: {status}", path.group());
            return ExitCode::FAILURE;
        }
    }
    print_table(&home, started);
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

fn print_table(home: &Path, since: SystemTime) {
    let base = median(home, "success", "hand-written", since);
    let cell = |ns: Option<f64>| match ns {
        Some(ns) => format!("{:.2} µs", ns / 1000.0),
        None => "-".to_owned(),
    };
    let ratio = |ns: Option<f64>| match (ns, base) {
        (Some(ns), Some(base)) => format!("{:.2}x", ns / base),
        _ => "-".to_owned(),
    };
    println!();
    println!(
        "| loader | success median | success / baseline | error median | error / baseline success |"
    );
    println!("|---|---:|---:|---:|---:|");
    for loader in LOADERS {
        let ok = median(home, "success", loader, since);
        let err = median(home, "error", loader, since);
        println!(
            "| {loader} | {} | {} | {} | {} |",
            cell(ok),
            ratio(ok),
            cell(err),
            ratio(err)
        );
    }
}
