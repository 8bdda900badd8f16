//! `hivesync-env audit` (not implemented yet).

use std::process::ExitCode;

use hivesync_env_core::ContractSet;

use crate::exit;

/// Arguments of `hivesync-env audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {}

/// Runs `hivesync-env audit`.
pub fn run(_set: &ContractSet, _args: &AuditArgs) -> ExitCode {
    eprintln!("error: `audit` is not implemented yet");
    exit::usage()
}
