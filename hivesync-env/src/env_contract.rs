//! The trait `#[derive(EnvContract)]` implements.

use crate::source::{ProcessEnv, Source};
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

    /// Loads from the process environment (read only).
    fn from_env(profile: Profile) -> Result<Self, Report> {
        Self::load(&ProcessEnv, profile)
    }
}
