//! `hivesync-env docs` (not implemented yet).

use std::process::ExitCode;

use hivesync_env_core::ContractSet;

use crate::exit;

/// Arguments of `hivesync-env docs`.
#[derive(Debug, clap::Args)]
pub struct DocsArgs {}

/// Runs `hivesync-env docs`.
pub fn run(_set: &ContractSet, _args: &DocsArgs) -> ExitCode {
    eprintln!("error: `docs` is not implemented yet");
    exit::usage()
}
