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
//!   our own parser, which never reads the process environment), in-memory maps, and
//!   layers of those.
//! - [`startup`] is what a process runs first, in one call
//!   ([`EnvContract::startup_or_exit`]): the profile from [`PROFILE_VAR`]
//!   (`HIVESYNC_PROFILE`), `.env` from the working directory, Docker secret files and
//!   the process environment on top; on failure every problem and exit code 78.
//!
//! ```
//! use hivesync_env::{Profile, check, source::MapSource};
//! # let contract = hivesync_env::__private::demo_contract();
//! let env = MapSource::new("test").with("PORT", "4000");
//! let checked = check(&contract, &env, Profile::Production);
//! assert!(checked.report.is_ok(), "{}", checked.report);
//! ```
#![deny(missing_docs)]

mod client_safe;
mod env_contract;
mod env_enum;
mod levenshtein;
mod load;
mod profile_var;
mod report;
mod secret;

pub mod bounded_read;
pub mod consistency;
pub mod source;
pub mod startup;

#[cfg(feature = "audit")]
pub mod audit;
#[cfg(feature = "testing")]
pub mod testing;
#[cfg(feature = "worker")]
pub mod worker;

#[cfg(any(feature = "worker", test))]
mod named_profile;

#[doc(hidden)]
pub mod __private;

/// Derives [`EnvContract`]: a typed configuration struct checked against a
/// component's contract **at compile time**.
///
/// ```
/// use hivesync_env::{EnvContract, Profile, Secret, source::MapSource};
///
/// /// A service without a contract file: its fields declare the variables.
/// #[derive(Debug, EnvContract)]
/// #[env(component = "mailer", audience = "server")]
/// struct MailerEnv {
///     /// Port to listen on
///     #[env(default = "8025")]
///     port: u16,
///     /// API key of the mail provider
///     #[env(name = "MAIL_API_KEY", min_len = 16)]
///     api_key: Secret<String>,
///     /// Where to send copies, if anywhere
///     bcc: Option<String>,
/// }
///
/// let env = MapSource::new("test").with("MAIL_API_KEY", "re_0123456789abcdef");
/// let mailer = MailerEnv::load(&env, Profile::Production).unwrap();
/// assert_eq!(mailer.port, 8025);
/// assert_eq!(format!("{:?}", mailer.api_key), "Secret([redacted])");
///
/// // Every problem at once, never a secret's value.
/// let bad = MapSource::new("test").with("PORT", "http").with("MAIL_API_KEY", "short");
/// let report = MailerEnv::load(&bad, Profile::Production).unwrap_err();
/// assert_eq!(report.to_string(), "\
/// mailer (production): 2 errors, 0 warnings
///   error[invalid] PORT: expected an integer, found `http`
///   error[weak] MAIL_API_KEY: is 5 characters long; at least 16 are required");
/// ```
///
/// # The contract
///
/// `#[env(contract = "path/to/component.toml")]` names the contract file, relative to
/// the crate's `Cargo.toml`; HiveSync's own are in `contracts/` (crate
/// `hivesync-contracts`, which has a struct per component). Without a file,
/// `#[env(component = "...", audience = "server|edge|client")]` and the field
/// attributes declare the variables: the doc comment is the description, `Option<_>`
/// makes a variable optional, a `Secret<_>` field a secret, the Rust type its type
/// (`bool`, integers, `PathBuf`, anything else a string).
///
/// | field attribute | meaning |
/// |---|---|
/// | `name = "VAR"` | the variable, when it is not the field name in capitals |
/// | `serde` | parse through `serde::Deserialize` from the string (feature `serde`), for enums with `rename_all` |
/// | `default = "..."` | without a contract file: the default in every profile |
/// | `secret` | without a contract file: a secret, stated explicitly (the field must still be `Secret<_>`, so the value is never printed) |
/// | `min_len = N` | without a contract file: a secret's minimum length |
///
/// # Compile-time checks
///
/// Each is an error spanned at the struct, field or attribute at fault, all reported
/// in one build, naming the contract file and line:
///
/// - a contract variable with no field, and a field that is not in the contract;
/// - a secret whose field is not `Secret<_>`, and `Secret<_>` for a public variable;
/// - an optional variable whose field is not `Option<_>`, and a required one that is;
/// - a field type that cannot hold the contract type (`bool` for a `port`);
/// - any secret in a `client` struct; a field type of a client struct that does not
///   implement [`ClientSafe`];
/// - a field of an [`EnvEnum`] type whose variants and the contract's `values` differ
///   (each value with no variant, each variant the contract does not allow); a field
///   of a contract `enum` in a type of its own that is not an [`EnvEnum`];
/// - a `std::time::Duration` field for an `integer` without `unit = "ms"` or `"s"`,
///   or that may be negative;
/// - a contract file that is missing or malformed, or a malformed contract beside it
///   (every `*.toml` file of its folder but `Cargo.toml` is read with it, for the
///   rules that span components); an unknown attribute key.
///
/// Cargo rebuilds the struct when its contract file (or a sibling contract) changes.
///
/// # What the macro generates
///
/// An `impl EnvContract` whose `CONTRACT` is the parsed contract as `'static` data (no
/// TOML is parsed at run time) and whose `load_with_warnings` resolves each variable
/// once, parses each field with `FromStr` (or serde), and returns the
/// [`Report`] of every problem. For a client struct, also a static assertion that
/// each field type is [`ClientSafe`], and what [`bake!`] needs. Generated code names
/// this crate by absolute path and adds no names to your scope.
#[cfg(feature = "derive")]
pub use hivesync_env_derive::EnvContract;

/// Builds a client struct from the variables set when the client crate is compiled,
/// embedding the values in the binary.
///
/// `bake!(DesktopEnv)` bakes the `production` profile; `bake!(DesktopEnv, profile =
/// local)` another one. Only structs of a `client` contract can be baked: their values
/// are public by construction.
///
/// Every value is checked **while the client compiles**, with the loader's checks in
/// the baked profile: presence (or the profile's default), type, allowed values,
/// bounds, https in `production`, placeholders such as `https://yourdomain.com` (errors
/// in `production`), and credential shapes. Each problem is a build error naming the
/// variable, what was expected and what was found, all of them in one build. The
/// struct is then built from literals: a string is the value, a number a literal, a
/// `Duration` `Duration::from_millis(..)`, an [`EnvEnum`] field its variant. Nothing is
/// parsed when the program runs, so nothing baked can fail there; a field type that
/// would need a run-time parse (a `Url` type, say) is a build error.
///
/// `bake!(Path)` forwards to a hidden macro the derive emits beside the struct under
/// the struct's own name (so `use hivesync_contracts::DesktopEnv;` imports both). It
/// reads **every** variable of the contract through `option_env!`, so Cargo rebuilds
/// the crate when any of them is set, changed or unset.
///
/// ```
/// use hivesync_env::{EnvContract, EnvEnum};
///
/// #[derive(Debug, Clone, Copy, PartialEq, Eq, EnvEnum)]
/// enum Theme {
///     Light,
///     Dark,
/// }
///
/// #[derive(Debug, EnvContract)]
/// #[env(component = "widget", audience = "client")]
/// struct WidgetEnv {
///     /// Public URL of the backend
///     #[env(name = "HIVESYNC_PUBLIC_WIDGET_URL", default = "https://hivesync.dev")]
///     url: String,
///     /// Refresh period
///     #[env(name = "HIVESYNC_PUBLIC_WIDGET_REFRESH_MS", default = "1500")]
///     refresh: std::time::Duration,
///     /// Colour theme
///     #[env(name = "HIVESYNC_PUBLIC_WIDGET_THEME", default = "dark")]
///     theme: Theme,
/// }
///
/// // Unless those variables were set when this was compiled:
/// let env = hivesync_env::bake!(WidgetEnv);
/// assert_eq!(env.url, "https://hivesync.dev");
/// assert_eq!(env.refresh, std::time::Duration::from_millis(1500));
/// assert_eq!(env.theme, Theme::Dark);
/// ```
///
/// Built with `HIVESYNC_PUBLIC_WIDGET_THEME=sepia`, it fails to compile instead (`sepia`
/// is no variant of `Theme`); `tests/ui/bake-*.rs` show each error.
///
/// HiveSync's clients bake `hivesync_contracts::DesktopEnv` and its siblings; see
/// `examples/desktop.rs`.
#[cfg(feature = "derive")]
pub use hivesync_env_derive::bake;

/// Derives [`EnvEnum`] (see there) with `FromStr`, `Display`, `as_str` and
/// [`ClientSafe`].
#[cfg(feature = "derive")]
pub use hivesync_env_derive::EnvEnum;

/// Adds the contract's variables table to the struct's documentation, and each
/// variable's description to its field. Place it above `#[derive(EnvContract)]`; it
/// reads the same `#[env(contract = "...")]`.
#[cfg(feature = "derive")]
pub use hivesync_env_derive::contract_docs;

pub use hivesync_env_core::{
    Audience, Contract, DEFAULT_PROFILE, PROFILE_VAR, ParseProfileError, Profile, Template, Var,
    VarType, looks_like_credential, looks_like_placeholder, name_is_hidden, public_holds_secret,
};

pub use client_safe::ClientSafe;
pub use env_contract::EnvContract;
pub use env_enum::{EnvEnum, ParseEnumError};
pub use load::listing::{Checked, ValueState, VarStatus, check};
pub use report::{Problem, ProblemKind, Report, Severity};
pub use secret::Secret;
pub use source::Source;
