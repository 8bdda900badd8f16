//! A backend that loads `BackendEnv` at start-up and prints its redacted summary.
//!
//! ```text
//! cargo run --example backend -- examples/env/backend.local.env
//! cargo run --example backend -- --profile production examples/env/backend.local.env
//! ```
//!
//! The `.env` files named on the command line are read in order (later ones win), then
//! the process environment on top. Every problem is printed at once; secrets never are.

use std::process::ExitCode;

use hivesync_contracts::BackendEnv;
use hivesync_env::source::Layered;
use hivesync_env::{EnvContract, Profile};

fn main() -> ExitCode {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let mut profile = Profile::Local;
    if files.first().is_some_and(|a| a == "--profile") {
        let name = files.get(1).cloned().unwrap_or_default();
        profile = match name.parse() {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        files.drain(..2);
    }
    let source = match Layered::standard(&files, true) {
        Ok(source) => source,
        Err(errors) => {
            errors.iter().for_each(|e| eprintln!("error: {e}"));
            return ExitCode::from(2);
        }
    };
    match BackendEnv::load_with_warnings(&source, profile) {
        Ok((env, warnings)) => {
            for w in warnings.problems() {
                eprintln!("{w}");
            }
            // Debug prints every field; secrets show as `Secret([redacted])`.
            println!("{env:#?}");
            println!(
                "listening on port {} for {}, database {}@{}:{}",
                env.port, env.base_url, env.postgres_user, env.postgres_host, env.postgres_port
            );
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprintln!("{report}");
            ExitCode::FAILURE
        }
    }
}
