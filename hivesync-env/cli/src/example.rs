//! `hivesync-env example <component>`: print a component's `.env.example`.

use std::process::ExitCode;

use hivesync_env_core::ContractSet;
use hivesync_env_core::render::env_example;

use crate::{contracts, exit};

/// Arguments of `hivesync-env example`.
#[derive(Debug, clap::Args)]
pub struct ExampleArgs {
    /// The component, e.g. `backend` (see `hivesync-env contracts`).
    pub component: String,
}

/// Runs `hivesync-env example`.
pub fn run(set: &ContractSet, args: &ExampleArgs) -> ExitCode {
    match contracts::find(set, &args.component) {
        Ok(contract) => {
            out!("{}", env_example::render(contract));
            exit::OK
        }
        Err(code) => code,
    }
}
