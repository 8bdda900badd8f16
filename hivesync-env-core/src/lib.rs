//! The contract model of `hivesync-env`.
//!
//! One [`Contract`] per HiveSync component lists its environment variables. The same
//! model is built two ways and used everywhere:
//!
//! - at compile time, `#[derive(EnvContract)]` parses `contracts/<component>.toml`
//!   (feature `parse`) and emits the model as `'static` data;
//! - at run time, the CLI parses the same files (feature `parse`) or uses that static
//!   data, and the loader, the checks and every renderer read it.
//!
//! Users do not depend on this crate directly: `hivesync_env` re-exports what they need.
#![deny(missing_docs)]

mod check;
mod cross;
mod model;
mod placeholder;
mod profile;
mod template;
mod value;
mod visible;

#[cfg(feature = "parse")]
mod parse;
#[cfg(feature = "table")]
pub mod render;
#[cfg(feature = "parse")]
pub mod rules;
#[cfg(feature = "parse")]
mod set;

pub use check::{ValueCheck, ValueProblem, check_value, check_value_with, found};
pub use cross::{CONTAINED_SECRET_MIN_LEN, public_holds_secret};
pub use model::{
    Audience, CLIENT_COMPONENTS, Contract, List, PUBLIC_PREFIX, RustWorker, Str, Var, VarType,
    Wrangler,
};
pub use placeholder::{looks_like_credential, looks_like_placeholder, name_is_hidden};
pub use profile::{DEFAULT_PROFILE, PROFILE_VAR, ParseProfileError, Profile};
pub use template::{Segment, Template};
pub use value::TypeMismatch;
pub use visible::{escape_visible, is_line_hazard};

#[cfg(feature = "parse")]
pub use parse::{ContractError, ContractErrors};
#[cfg(feature = "parse")]
pub use set::ContractSet;
