//! HiveSync's environment contracts: the TOML files beside this crate's `Cargo.toml`
//! are the single source of truth for every environment variable of every HiveSync
//! component (schema: `README.md` there), and each struct here is checked against its
//! file at compile time by `#[derive(EnvContract)]`.
//!
//! Every HiveSync crate depends on this one and loads its own struct:
//!
//! ```
//! use hivesync_contracts::WorkersEnv;
//! use hivesync_env::{EnvContract, Profile, source::MapSource};
//!
//! let bindings = MapSource::new("cloudflare bindings")
//!     .with("WORKER_CALLBACK_URL", "https://hivesync.dev/api/v1/workers/callback")
//!     .with("WORKER_CALLBACK_SECRET", "0123456789abcdef0123456789abcdef");
//! let env = WorkersEnv::load(&bindings, Profile::Production).unwrap();
//! assert_eq!(env.r2_bucket, "hivesync-r2");
//! ```
//!
//! In `main`, [`EnvContract::startup_or_exit`] loads a struct in one call. Feature
//! `testing` adds the one-line guards of a crate's `cargo test`,
//! `assert_reads_only_declared!("backend")` and `assert_example_loads!("backend")`,
//! and feature `set` the contracts parsed once, `contracts()`.
//!
//! Editing a contract file rebuilds this crate; a struct that no longer matches its
//! contract is a build error naming the variable.
#![deny(missing_docs)]

#[cfg(feature = "set")]
mod testing;

use std::path::PathBuf;
use std::time::Duration;

use hivesync_env::{EnvContract, EnvEnum, Secret, contract_docs};

#[cfg(feature = "set")]
pub use testing::contracts;
#[cfg(feature = "testing")]
#[doc(hidden)]
pub use testing::{__contract, __hivesync_env, __testing};

/// The contract files as `(file name, TOML text)`, in component order, embedded at
/// build time. The CLI parses them when it is not pointed at another folder.
pub const SOURCES: &[(&str, &str)] = &[
    ("contracts/backend.toml", include_str!("../backend.toml")),
    ("contracts/workers.toml", include_str!("../workers.toml")),
    ("contracts/desktop.toml", include_str!("../desktop.toml")),
    ("contracts/mobile.toml", include_str!("../mobile.toml")),
    ("contracts/plugins.toml", include_str!("../plugins.toml")),
    ("contracts/admin-ui.toml", include_str!("../admin-ui.toml")),
];

/// How much is logged: LOG_LEVEL of the backend, HIVESYNC_PUBLIC_LOG_LEVEL of the
/// desktop app. Each variant is a value of those contract variables; the build fails
/// when the contracts and this enum disagree.
///
/// ```
/// use hivesync_contracts::LogLevel;
/// assert_eq!("warn".parse::<LogLevel>(), Ok(LogLevel::Warn));
/// assert_eq!(LogLevel::Debug.as_str(), "debug");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnvEnum)]
pub enum LogLevel {
    /// Everything, step by step.
    Trace,
    /// Details for developers.
    Debug,
    /// What happens, in short.
    Info,
    /// Something went wrong and was handled.
    Warn,
    /// Something failed.
    Error,
}

/// The service that sends transactional email: EMAIL_PROVIDER of the backend.
///
/// ```
/// use hivesync_contracts::EmailProvider;
/// assert_eq!(EmailProvider::Console.to_string(), "console");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnvEnum)]
pub enum EmailProvider {
    /// The Resend API (RESEND_API_KEY).
    Resend,
    /// An SMTP server.
    Smtp,
    /// Printed to the log, for development.
    Console,
}

/// The AI provider tried first for docs and previews: AI_PRIMARY of the backend.
///
/// ```
/// use hivesync_contracts::AiPrimary;
/// assert_eq!("local".parse::<AiPrimary>(), Ok(AiPrimary::Local));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnvEnum)]
pub enum AiPrimary {
    /// OpenAI's API (OPENAI_API_KEY).
    Openai,
    /// The self-hosted model (LOCAL_AI_MODEL_PATH).
    Local,
}

/// The backend's configuration (N.3 "Backend required variables").
#[contract_docs]
#[derive(Debug, Clone, EnvContract)]
#[env(contract = "backend.toml")]
pub struct BackendEnv {
    pub port: u16,
    pub base_url: String,
    pub jwt_secret: Secret<String>,
    pub postgres_host: String,
    pub postgres_port: u16,
    pub postgres_db: String,
    pub postgres_user: String,
    pub postgres_password: Secret<String>,
    pub redis_host: String,
    pub redis_port: u16,
    pub email_provider: EmailProvider,
    pub resend_api_key: Secret<String>,
    pub ai_primary: AiPrimary,
    pub ai_model: String,
    pub openai_api_key: Secret<String>,
    pub local_ai_enabled: bool,
    pub local_ai_model_path: PathBuf,
    pub preview_max_timeout_ms: Duration,
    pub log_level: LogLevel,
    pub r2_account_id: String,
    pub r2_access_key_id: Secret<String>,
    pub r2_secret_access_key: Secret<String>,
    pub r2_bucket: String,
    pub r2_public_url: Option<String>,
    pub worker_callback_secret: Secret<String>,
}

/// The Cloudflare Workers' configuration (N.3 "Workers required variables"), shared
/// by the four workers of N.6.1.
#[contract_docs]
#[derive(Debug, Clone, EnvContract)]
#[env(contract = "workers.toml")]
pub struct WorkersEnv {
    pub r2_bucket: String,
    pub worker_callback_url: String,
    pub worker_callback_secret: Secret<String>,
    pub ai_model: String,
}

/// The desktop app's configuration: public values only.
#[contract_docs]
#[derive(Debug, Clone, EnvContract)]
#[env(contract = "desktop.toml")]
pub struct DesktopEnv {
    pub hivesync_public_api_url: String,
    pub hivesync_public_log_level: LogLevel,
}

/// The mobile app's configuration: public values only.
#[contract_docs]
#[derive(Debug, Clone, EnvContract)]
#[env(contract = "mobile.toml")]
pub struct MobileEnv {
    pub hivesync_public_api_url: String,
}

/// The editor plugins' configuration: public values only.
#[contract_docs]
#[derive(Debug, Clone, EnvContract)]
#[env(contract = "plugins.toml")]
pub struct PluginsEnv {
    pub hivesync_public_api_url: String,
}

/// The Admin UI's configuration: public values only.
#[contract_docs]
#[derive(Debug, Clone, EnvContract)]
#[env(contract = "admin-ui.toml")]
pub struct AdminUiEnv {
    pub hivesync_public_api_url: String,
}
