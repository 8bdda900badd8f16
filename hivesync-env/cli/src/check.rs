//! `hivesync-env check` (not implemented yet).

use std::process::ExitCode;

use hivesync_env_core::ContractSet;

use crate::exit;

/// Arguments of `hivesync-env check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

/// Runs `hivesync-env check`.
pub fn run(_set: &ContractSet, _args: &CheckArgs) -> ExitCode {
    eprintln!("error: `check` is not implemented yet");
    exit::usage()
}
