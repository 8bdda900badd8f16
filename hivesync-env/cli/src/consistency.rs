//! `hivesync-env consistency` (not implemented yet).

use std::process::ExitCode;

use hivesync_env_core::ContractSet;

use crate::exit;

/// Arguments of `hivesync-env consistency`.
#[derive(Debug, clap::Args)]
pub struct ConsistencyArgs {}

/// Runs `hivesync-env consistency`.
pub fn run(_set: &ContractSet, _args: &ConsistencyArgs) -> ExitCode {
    eprintln!("error: `consistency` is not implemented yet");
    exit::usage()
}
