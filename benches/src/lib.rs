//! What the benchmarks in `benches/load.rs` compare: the environment they run in, and
//! the same 25-variable backend configuration loaded by hand and by each library a
//! HiveSync user would otherwise pick. Results and how to reproduce them:
//! `BENCHMARKS.md` at the repository root.
//!
//! Every loader here reads the process environment of the benchmark process, which the
//! benchmark sets up by re-executing itself with [`Workload::success_env`] or
//! [`Workload::error_env`] (nothing calls `std::env::set_var`).
#![deny(missing_docs)]

use std::path::PathBuf;

use envconfig::Envconfig;
use hivesync_env::Secret;

/// How many unrelated variables the crowded workload adds (see [`Workload::Crowded`]).
pub const UNRELATED: usize = 200;

/// The three required secrets (no default in `production`) the error path lacks.
pub const MISSING: [&str; 3] = [
    "POSTGRES_PASSWORD",
    "OPENAI_API_KEY",
    "WORKER_CALLBACK_SECRET",
];

/// The contract's one optional variable, left unset: the workloads set the other 24.
pub const UNSET: &str = "R2_PUBLIC_URL";

/// The backend's 25 variables, every one valid in `production`. The workloads set all
/// but [`UNSET`].
pub const BACKEND: [(&str, &str); 25] = [
    ("PORT", "4000"),
    ("BASE_URL", "https://api.hivesync.dev"),
    ("JWT_SECRET", "f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4"),
    ("POSTGRES_HOST", "postgres"),
    ("POSTGRES_PORT", "5432"),
    ("POSTGRES_DB", "hivesync"),
    ("POSTGRES_USER", "hivesync"),
    ("POSTGRES_PASSWORD", "pg-9d8c7b6a5f4e3d2c1b0a"),
    ("REDIS_HOST", "redis"),
    ("REDIS_PORT", "6379"),
    ("EMAIL_PROVIDER", "resend"),
    ("RESEND_API_KEY", "re_4f3e2d1c0b9a8f7e6d5c4b3a"),
    ("AI_PRIMARY", "openai"),
    ("AI_MODEL", "gpt-4.1"),
    ("OPENAI_API_KEY", "sk-proj-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d"),
    ("LOCAL_AI_ENABLED", "false"),
    ("LOCAL_AI_MODEL_PATH", "/models/llama"),
    ("PREVIEW_MAX_TIMEOUT_MS", "8000"),
    ("LOG_LEVEL", "info"),
    ("R2_ACCOUNT_ID", "c0ffee00c0ffee00c0ffee00c0ffee00"),
    ("R2_ACCESS_KEY_ID", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"),
    (
        "R2_SECRET_ACCESS_KEY",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978",
    ),
    ("R2_BUCKET", "hivesync-r2"),
    ("R2_PUBLIC_URL", "https://assets.hivesync.dev"),
    (
        "WORKER_CALLBACK_SECRET",
        "5e4d3c2b1a09f8e7d6c5b4a3928170f5e4d3c2b1",
    ),
];

/// What a container's process finds besides its configuration: `PATH`, `HOME` and
/// eight variables a container runtime or orchestrator sets.
pub const CONTAINER: [(&str, &str); 10] = [
    (
        "PATH",
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    ),
    ("HOME", "/home/hivesync"),
    ("HOSTNAME", "backend-7f9c6d5b8-x2k4q"),
    ("TERM", "xterm"),
    ("LANG", "C.UTF-8"),
    ("TZ", "UTC"),
    ("PWD", "/app"),
    ("SHLVL", "1"),
    ("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
    ("KUBERNETES_SERVICE_PORT", "443"),
];

/// The environments a loader is measured in. Besides these variables the profile and
/// benchmark processes hold one more, their marker `HIVESYNC_BENCH_ENV`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// Issue 15's workload, 34 variables: the contract's 24 set ones and [`CONTAINER`].
    Container,
    /// 234 variables: [`Workload::Container`] and [`UNRELATED`] more.
    Crowded,
}

impl Workload {
    /// Both, smaller first.
    pub const ALL: [Workload; 2] = [Workload::Container, Workload::Crowded];

    /// How many variables its success environment holds, also its name on a command
    /// line (`34`, `234`).
    pub fn vars(self) -> usize {
        match self {
            Workload::Container => BACKEND.len() - 1 + CONTAINER.len(),
            Workload::Crowded => BACKEND.len() - 1 + CONTAINER.len() + UNRELATED,
        }
    }

    /// The workload named by its number of variables.
    pub fn from_vars(vars: &str) -> Option<Workload> {
        Workload::ALL
            .into_iter()
            .find(|w| w.vars().to_string() == vars)
    }

    /// The success path's environment: every variable valid.
    pub fn success_env(self) -> Vec<(String, String)> {
        let owned = |(k, v): &(&str, &str)| ((*k).to_owned(), (*v).to_owned());
        let mut env: Vec<(String, String)> = BACKEND
            .iter()
            .filter(|(k, _)| *k != UNSET)
            .chain(CONTAINER.iter())
            .map(owned)
            .collect();
        if self == Workload::Crowded {
            env.extend(unrelated());
        }
        env
    }

    /// The error path's environment: [`Workload::success_env`] without [`MISSING`].
    pub fn error_env(self) -> Vec<(String, String)> {
        self.success_env()
            .into_iter()
            .filter(|(k, _)| !MISSING.contains(&k.as_str()))
            .collect()
    }
}

/// The unrelated variables: names and values shaped like a real container's
/// environment (`XDG_...`, `KUBERNETES_...`, paths), none a near miss of a contract
/// name.
pub fn unrelated() -> Vec<(String, String)> {
    const PREFIXES: [&str; 8] = [
        "KUBERNETES_SERVICE",
        "XDG_RUNTIME",
        "NODE_EXTRA",
        "CARGO_PKG_META",
        "SYSTEMD_UNIT_PROP",
        "OTEL_EXPORTER_SETTING",
        "LC_VARIANT",
        "TERM_PROGRAM_OPT",
    ];
    (0..UNRELATED)
        .map(|i| {
            let name = format!("{}_{i:03}", PREFIXES[i % PREFIXES.len()]);
            let value = format!("/opt/vendor/tool-{i}/lib:/usr/local/share/item-{}", i * 7);
            (name, value)
        })
        .collect()
}

/// The hand-written floor: `std::env::var` and `parse` per field, the same field
/// types as `hivesync_contracts::BackendEnv`, stopping at the first error. Secrets are
/// `S`: plain `String` as users write it ([`HandWritten::from_env`]), or
/// `hivesync_env::Secret<String>` ([`HandWrittenSecret`]).
#[derive(Debug)]
#[allow(missing_docs)]
pub struct HandWritten<S = String> {
    pub port: u16,
    pub base_url: String,
    pub jwt_secret: S,
    pub postgres_host: String,
    pub postgres_port: u16,
    pub postgres_db: String,
    pub postgres_user: String,
    pub postgres_password: S,
    pub redis_host: String,
    pub redis_port: u16,
    pub email_provider: String,
    pub resend_api_key: S,
    pub ai_primary: String,
    pub ai_model: String,
    pub openai_api_key: S,
    pub local_ai_enabled: bool,
    pub local_ai_model_path: PathBuf,
    pub preview_max_timeout_ms: u64,
    pub log_level: String,
    pub r2_account_id: String,
    pub r2_access_key_id: S,
    pub r2_secret_access_key: S,
    pub r2_bucket: String,
    pub r2_public_url: Option<String>,
    pub worker_callback_secret: S,
}

/// The hand-written floor with its secrets in `hivesync_env::Secret`.
pub type HandWrittenSecret = HandWritten<Secret<String>>;

/// Why [`HandWritten::from_env`] failed: the first variable at fault.
#[derive(Debug)]
pub struct HandWrittenError(pub &'static str);

fn var(name: &'static str) -> Result<String, HandWrittenError> {
    std::env::var(name).map_err(|_| HandWrittenError(name))
}

fn parsed<T: std::str::FromStr>(name: &'static str) -> Result<T, HandWrittenError> {
    var(name)?.parse().map_err(|_| HandWrittenError(name))
}

impl<S: From<String>> HandWritten<S> {
    /// Reads every field, in contract order.
    pub fn from_env() -> Result<HandWritten<S>, HandWrittenError> {
        let secret = |name| var(name).map(S::from);
        Ok(HandWritten {
            port: parsed("PORT")?,
            base_url: var("BASE_URL")?,
            jwt_secret: secret("JWT_SECRET")?,
            postgres_host: var("POSTGRES_HOST")?,
            postgres_port: parsed("POSTGRES_PORT")?,
            postgres_db: var("POSTGRES_DB")?,
            postgres_user: var("POSTGRES_USER")?,
            postgres_password: secret("POSTGRES_PASSWORD")?,
            redis_host: var("REDIS_HOST")?,
            redis_port: parsed("REDIS_PORT")?,
            email_provider: var("EMAIL_PROVIDER")?,
            resend_api_key: secret("RESEND_API_KEY")?,
            ai_primary: var("AI_PRIMARY")?,
            ai_model: var("AI_MODEL")?,
            openai_api_key: secret("OPENAI_API_KEY")?,
            local_ai_enabled: parsed("LOCAL_AI_ENABLED")?,
            local_ai_model_path: var("LOCAL_AI_MODEL_PATH")?.into(),
            preview_max_timeout_ms: parsed("PREVIEW_MAX_TIMEOUT_MS")?,
            log_level: var("LOG_LEVEL")?,
            r2_account_id: var("R2_ACCOUNT_ID")?,
            r2_access_key_id: secret("R2_ACCESS_KEY_ID")?,
            r2_secret_access_key: secret("R2_SECRET_ACCESS_KEY")?,
            r2_bucket: var("R2_BUCKET")?,
            r2_public_url: std::env::var("R2_PUBLIC_URL").ok(),
            worker_callback_secret: secret("WORKER_CALLBACK_SECRET")?,
        })
    }
}

/// The loaders, in the order of the tables; the first is the baseline.
pub const LOADERS: [&str; 8] = [
    "hand-written",
    "hand-written-secret",
    "hivesync-env",
    "envconfig",
    "confique",
    "envy",
    "config",
    "figment",
];

/// The loader named in [`LOADERS`], as a function that runs it once on the process
/// environment and drops its natural result (the struct, or its error; for
/// hivesync-env the full `Report`), returning whether it built the struct.
pub fn loader(name: &str) -> Option<fn() -> bool> {
    use std::hint::black_box;
    fn ok<T, E>(result: Result<T, E>) -> bool {
        black_box(result).is_ok()
    }
    fn hivesync() -> bool {
        use hivesync_env::EnvContract;
        let profile = black_box(hivesync_env::Profile::Production);
        ok(hivesync_contracts::BackendEnv::from_env(profile))
    }
    Some(match name {
        "hand-written" => || ok(HandWritten::<String>::from_env()),
        "hand-written-secret" => || ok(HandWrittenSecret::from_env()),
        "hivesync-env" => hivesync,
        "envconfig" => || ok(envconfig()),
        "confique" => || ok(confique()),
        "envy" => || ok(envy()),
        "config" => || ok(config_rs()),
        "figment" => || ok(figment()),
        _ => return None,
    })
}

/// The struct the serde-based peers (`envy`, `figment`, `config`) deserialize: the
/// same fields, secrets as plain `String` (none of them has a secret type).
#[derive(Debug, serde::Deserialize)]
#[allow(missing_docs)]
pub struct SerdeEnv {
    pub port: u16,
    pub base_url: String,
    pub jwt_secret: String,
    pub postgres_host: String,
    pub postgres_port: u16,
    pub postgres_db: String,
    pub postgres_user: String,
    pub postgres_password: String,
    pub redis_host: String,
    pub redis_port: u16,
    pub email_provider: String,
    pub resend_api_key: String,
    pub ai_primary: String,
    pub ai_model: String,
    pub openai_api_key: String,
    pub local_ai_enabled: bool,
    pub local_ai_model_path: PathBuf,
    pub preview_max_timeout_ms: u64,
    pub log_level: String,
    pub r2_account_id: String,
    pub r2_access_key_id: String,
    pub r2_secret_access_key: String,
    pub r2_bucket: String,
    pub r2_public_url: Option<String>,
    pub worker_callback_secret: String,
}

/// `envy::from_env`.
pub fn envy() -> Result<SerdeEnv, envy::Error> {
    envy::from_env()
}

/// `figment` with its `Env` provider (every variable, names lowercased). Its error is
/// returned as the library gives it, large as it is.
#[allow(clippy::result_large_err)]
pub fn figment() -> Result<SerdeEnv, figment::Error> {
    figment::Figment::from(figment::providers::Env::raw()).extract()
}

/// `config` (config-rs) with its `Environment` source.
pub fn config_rs() -> Result<SerdeEnv, config::ConfigError> {
    config::Config::builder()
        .add_source(config::Environment::default())
        .build()?
        .try_deserialize()
}

/// The `envconfig` derive, one attribute per field.
#[derive(Debug, Envconfig)]
#[allow(missing_docs)]
pub struct EnvconfigEnv {
    #[envconfig(from = "PORT", default = "4000")]
    pub port: u16,
    #[envconfig(from = "BASE_URL")]
    pub base_url: String,
    #[envconfig(from = "JWT_SECRET")]
    pub jwt_secret: String,
    #[envconfig(from = "POSTGRES_HOST", default = "postgres")]
    pub postgres_host: String,
    #[envconfig(from = "POSTGRES_PORT", default = "5432")]
    pub postgres_port: u16,
    #[envconfig(from = "POSTGRES_DB", default = "hivesync")]
    pub postgres_db: String,
    #[envconfig(from = "POSTGRES_USER", default = "hivesync")]
    pub postgres_user: String,
    #[envconfig(from = "POSTGRES_PASSWORD")]
    pub postgres_password: String,
    #[envconfig(from = "REDIS_HOST", default = "redis")]
    pub redis_host: String,
    #[envconfig(from = "REDIS_PORT", default = "6379")]
    pub redis_port: u16,
    #[envconfig(from = "EMAIL_PROVIDER", default = "resend")]
    pub email_provider: String,
    #[envconfig(from = "RESEND_API_KEY")]
    pub resend_api_key: String,
    #[envconfig(from = "AI_PRIMARY", default = "openai")]
    pub ai_primary: String,
    #[envconfig(from = "AI_MODEL", default = "gpt-4.1")]
    pub ai_model: String,
    #[envconfig(from = "OPENAI_API_KEY")]
    pub openai_api_key: String,
    #[envconfig(from = "LOCAL_AI_ENABLED", default = "false")]
    pub local_ai_enabled: bool,
    #[envconfig(from = "LOCAL_AI_MODEL_PATH", default = "/models/llama")]
    pub local_ai_model_path: PathBuf,
    #[envconfig(from = "PREVIEW_MAX_TIMEOUT_MS", default = "8000")]
    pub preview_max_timeout_ms: u64,
    #[envconfig(from = "LOG_LEVEL", default = "info")]
    pub log_level: String,
    #[envconfig(from = "R2_ACCOUNT_ID")]
    pub r2_account_id: String,
    #[envconfig(from = "R2_ACCESS_KEY_ID")]
    pub r2_access_key_id: String,
    #[envconfig(from = "R2_SECRET_ACCESS_KEY")]
    pub r2_secret_access_key: String,
    #[envconfig(from = "R2_BUCKET", default = "hivesync-r2")]
    pub r2_bucket: String,
    #[envconfig(from = "R2_PUBLIC_URL")]
    pub r2_public_url: Option<String>,
    #[envconfig(from = "WORKER_CALLBACK_SECRET")]
    pub worker_callback_secret: String,
}

/// `envconfig`'s `init_from_env`.
pub fn envconfig() -> Result<EnvconfigEnv, envconfig::Error> {
    EnvconfigEnv::init_from_env()
}

/// The `confique` derive, one `env` attribute per field.
#[derive(Debug, confique::Config)]
#[allow(missing_docs)]
pub struct ConfiqueEnv {
    #[config(env = "PORT", default = 4000)]
    pub port: u16,
    #[config(env = "BASE_URL")]
    pub base_url: String,
    #[config(env = "JWT_SECRET")]
    pub jwt_secret: String,
    #[config(env = "POSTGRES_HOST", default = "postgres")]
    pub postgres_host: String,
    #[config(env = "POSTGRES_PORT", default = 5432)]
    pub postgres_port: u16,
    #[config(env = "POSTGRES_DB", default = "hivesync")]
    pub postgres_db: String,
    #[config(env = "POSTGRES_USER", default = "hivesync")]
    pub postgres_user: String,
    #[config(env = "POSTGRES_PASSWORD")]
    pub postgres_password: String,
    #[config(env = "REDIS_HOST", default = "redis")]
    pub redis_host: String,
    #[config(env = "REDIS_PORT", default = 6379)]
    pub redis_port: u16,
    #[config(env = "EMAIL_PROVIDER", default = "resend")]
    pub email_provider: String,
    #[config(env = "RESEND_API_KEY")]
    pub resend_api_key: String,
    #[config(env = "AI_PRIMARY", default = "openai")]
    pub ai_primary: String,
    #[config(env = "AI_MODEL", default = "gpt-4.1")]
    pub ai_model: String,
    #[config(env = "OPENAI_API_KEY")]
    pub openai_api_key: String,
    #[config(env = "LOCAL_AI_ENABLED", default = false)]
    pub local_ai_enabled: bool,
    #[config(env = "LOCAL_AI_MODEL_PATH", default = "/models/llama")]
    pub local_ai_model_path: PathBuf,
    #[config(env = "PREVIEW_MAX_TIMEOUT_MS", default = 8000)]
    pub preview_max_timeout_ms: u64,
    #[config(env = "LOG_LEVEL", default = "info")]
    pub log_level: String,
    #[config(env = "R2_ACCOUNT_ID")]
    pub r2_account_id: String,
    #[config(env = "R2_ACCESS_KEY_ID")]
    pub r2_access_key_id: String,
    #[config(env = "R2_SECRET_ACCESS_KEY")]
    pub r2_secret_access_key: String,
    #[config(env = "R2_BUCKET", default = "hivesync-r2")]
    pub r2_bucket: String,
    #[config(env = "R2_PUBLIC_URL")]
    pub r2_public_url: Option<String>,
    #[config(env = "WORKER_CALLBACK_SECRET")]
    pub worker_callback_secret: String,
}

/// `confique`'s builder with only the environment as a source.
pub fn confique() -> Result<ConfiqueEnv, confique::Error> {
    <ConfiqueEnv as confique::Config>::builder().env().load()
}

#[cfg(test)]
mod tests {
    use hivesync_contracts::BackendEnv;
    use hivesync_env::source::MapSource;
    use hivesync_env::{EnvContract, ProblemKind, Profile};

    use super::{BACKEND, MISSING, Workload};

    /// The fixture names every variable of the contract, so the benchmark measures a
    /// full load: a contract edit that the fixture misses fails here, not in `cargo bench`.
    #[test]
    fn the_fixture_is_the_backend_contract() {
        let mut names: Vec<&str> = BACKEND.iter().map(|(k, _)| *k).collect();
        let mut declared: Vec<&str> = BackendEnv::CONTRACT
            .vars
            .iter()
            .map(|v| v.name.as_ref())
            .collect();
        names.sort_unstable();
        declared.sort_unstable();
        assert_eq!(names, declared);
    }

    #[test]
    fn the_success_environment_loads_and_the_error_one_misses_three() {
        for workload in Workload::ALL {
            let success: MapSource = workload.success_env().into_iter().collect();
            let report = BackendEnv::load_with_warnings(&success, Profile::Production)
                .map(|(_, warnings)| warnings)
                .unwrap_or_else(|report| panic!("{report}"));
            assert!(report.problems().is_empty(), "{report}");

            let error: MapSource = workload.error_env().into_iter().collect();
            let report = BackendEnv::load(&error, Profile::Production).unwrap_err();
            let missing: Vec<&str> = report
                .of_kind(ProblemKind::Missing)
                .map(|p| p.var.as_str())
                .collect();
            assert_eq!(missing, MISSING);
            assert_eq!(report.errors().count(), 3, "{report}");
        }
    }

    #[test]
    fn the_workloads_are_the_issues_34_and_234_variables() {
        for (workload, vars) in [(Workload::Container, 34), (Workload::Crowded, 234)] {
            assert_eq!(workload.success_env().len(), vars);
            assert_eq!(workload.vars(), vars);
            assert_eq!(Workload::from_vars(&vars.to_string()), Some(workload));
            assert_eq!(workload.error_env().len(), vars - MISSING.len());
        }
    }
}
