//! The hand-written baseline: what a user writes without a library.

use std::path::PathBuf;

use hivesync_env::Secret;

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
