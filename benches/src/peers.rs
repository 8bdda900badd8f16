//! The libraries a HiveSync user would pick instead, each loading the same 25 fields.

use std::path::PathBuf;

use envconfig::Envconfig;

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
