//! `hivesync-env example` (not implemented yet).

use std::process::ExitCode;

use hivesync_env_core::ContractSet;

use crate::exit;

/// Arguments of `hivesync-env example`.
#[derive(Debug, clap::Args)]
pub struct ExampleArgs {}

/// Runs `hivesync-env example`.
pub fn run(_set: &ContractSet, _args: &ExampleArgs) -> ExitCode {
    eprintln!("error: `example` is not implemented yet");
    exit::usage()
}
