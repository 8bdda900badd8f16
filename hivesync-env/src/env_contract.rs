//! The trait `#[derive(EnvContract)]` implements.

use std::path::Path;

use crate::source::{ContractEnv, ProcessEnv, Source};
use crate::startup::StartupError;
use crate::{Contract, Profile, Report};

/// A typed configuration struct checked against a component's contract.
///
/// Derive it with `#[derive(EnvContract)]`; see [the derive](derive@crate::EnvContract)
/// for the attributes and what is checked at compile time.
pub trait EnvContract: Sized {
    /// The component's contract, compiled into the binary as static data.
    const CONTRACT: &'static Contract;

    /// Loads and checks every variable from `source` in `profile`.
    ///
    /// Returns every problem at once when any is an error; warnings alone do not
    /// fail (use [`EnvContract::load_with_warnings`] to see them).
    fn load(source: &dyn Source, profile: Profile) -> Result<Self, Report> {
        Self::load_with_warnings(source, profile).map(|(value, _)| value)
    }

    /// Like [`EnvContract::load`], also returning the warnings of a successful load.
    fn load_with_warnings(source: &dyn Source, profile: Profile) -> Result<(Self, Report), Report>;

    /// Loads from the process environment (read only). On Linux the environment is
    /// read in one pass for the contract's names, not once per name (the answers are
    /// [`ProcessEnv`]'s; see `source/contract_env.rs`).
    fn from_env(profile: Profile) -> Result<Self, Report> {
        match ContractEnv::new(Self::CONTRACT) {
            Some(env) => Self::load(&env, profile),
            None => Self::load(&ProcessEnv, profile),
        }
    }

    /// Loads as a process starts: the profile from
    /// [`PROFILE_VAR`](crate::PROFILE_VAR) (`production` when unset), `.env` from the
    /// working directory when present, then Docker secret files (`NAME_FILE`) and the
    /// process environment on top. Returns the value and the warnings of the load.
    /// The precedence is in [`startup`](crate::startup#precedence).
    fn startup() -> Result<(Self, Report), StartupError> {
        crate::startup::startup_in(Path::new("."), ProcessEnv)
    }

    /// [`EnvContract::startup`] for `main`: the warnings, if any, go to stderr; on
    /// failure every problem goes to stderr and the process exits with
    /// [`EX_CONFIG`](crate::startup::EX_CONFIG) (78). No secret's value is printed.
    fn startup_or_exit() -> Self {
        match Self::startup() {
            Ok((value, warnings)) => {
                if !warnings.problems().is_empty() {
                    eprintln!("{warnings}");
                }
                value
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(crate::startup::EX_CONFIG.into())
            }
        }
    }
}
