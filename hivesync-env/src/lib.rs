//! HiveSync's environment-variable contract, executable.
//!
//! One TOML contract per component (`contracts/<component>.toml`) lists its variables:
//! name, type, default per profile, whether it is a secret. This crate checks a real
//! environment against it and hands back typed configuration:
//!
//! - [`check`] resolves every variable of a [`Contract`] from a [`Source`] and reports
//!   **every** problem at once in a [`Report`]: `missing`, `invalid`, `placeholder`,
//!   `insecure`, `weak`, `leak`, `not_unicode`, `unknown` (see [`ProblemKind`]);
//! - [`Secret`] holds secret values: redacted in `Debug` and `Display`, not
//!   serializable, zeroized on drop; no output path of this crate prints one;
//! - [`source`] reads the process environment (never writes it), `.env` files (with
//!   dotenvy's parser), in-memory maps, and layers of those.
//!
//! ```
//! use hivesync_env::{Profile, check, source::MapSource};
//! # let contract = hivesync_env::__private::demo_contract();
//! let env = MapSource::new("test").with("PORT", "4000");
//! let checked = check(&contract, &env, Profile::Production);
//! assert!(checked.report.is_ok(), "{}", checked.report);
//! ```
#![deny(missing_docs)]

mod env_contract;
mod load;
mod report;
mod secret;

pub mod consistency;
pub mod source;

#[cfg(feature = "audit")]
pub mod audit;
#[cfg(feature = "testing")]
pub mod testing;

#[doc(hidden)]
pub mod __private;

pub use hivesync_env_core::{
    Audience, Contract, ParseProfileError, Profile, Var, VarType, looks_like_credential,
    looks_like_placeholder,
};

pub use env_contract::EnvContract;
pub use load::{Checked, VarStatus, check};
pub use report::{Problem, ProblemKind, Report, Severity};
pub use secret::Secret;
pub use source::Source;
