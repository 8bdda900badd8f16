//! `hivesync-env consistency`: the relations between backend and workers, as declared in
//! the contracts (`equals`), checked on two env files.

use std::path::PathBuf;
use std::process::ExitCode;

use hivesync_env::Profile;
use hivesync_env::consistency::{Environments, check_relations, relations};
use hivesync_env::source::EnvFile;
use hivesync_env_core::ContractSet;

use crate::{exit, output};

/// Arguments of `hivesync-env consistency`.
#[derive(Debug, clap::Args)]
pub struct ConsistencyArgs {
    /// The backend's env file.
    #[arg(long, value_name = "FILE")]
    pub backend: PathBuf,
    /// The workers' env file (their vars and secrets, as `.dev.vars` holds them).
    #[arg(long, value_name = "FILE")]
    pub workers: PathBuf,
    /// The profile (`local`, `docker`, `production`) whose contract defaults apply to
    /// unset variables.
    #[arg(long, default_value = "local", value_parser = crate::args::profile())]
    pub profile: Profile,
}

/// Runs `hivesync-env consistency`: exit 0 when every relation holds, 1 when one does
/// not, 2 when a file cannot be read.
pub fn run(set: &ContractSet, args: &ConsistencyArgs) -> ExitCode {
    let read = |path: &PathBuf| {
        EnvFile::read(path).map_err(|e| {
            output::error(e);
            exit::usage()
        })
    };
    let backend = match read(&args.backend) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let workers = match read(&args.workers) {
        Ok(f) => f,
        Err(code) => return code,
    };
    for component in ["backend", "workers"] {
        if set.get(component).is_none() {
            output::error(format_args!(
                "the contracts have no `{component}` component"
            ));
            return exit::usage();
        }
    }
    let envs = Environments::new()
        .with_source("backend", &backend)
        .with_source("workers", &workers);
    let problems = check_relations(set.contracts(), &envs, args.profile);
    let checked = relations(set.contracts())
        .into_iter()
        .filter(|r| r.component == "backend" || r.component == "workers")
        .count();
    for p in &problems {
        output::problem(&format!("{}: {p}", p.kind.as_str()), p.kind.as_str());
    }
    if problems.is_empty() {
        output::status(format_args!(
            "consistency: {checked} relations between backend and workers hold (profile {})",
            args.profile
        ));
        exit::OK
    } else {
        output::status_err(format_args!(
            "consistency: {} of {checked} relations do not hold",
            problems.len()
        ));
        exit::FAILED
    }
}
