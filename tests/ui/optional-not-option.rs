// API_MIRROR_URL is optional: its field must be able to hold "not set".
use hivesync_env::{EnvContract, Secret};

#[derive(EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: u16,
    pub api_database: String,
    pub api_token: Secret<String>,
    pub api_mirror_url: String,
}

fn main() {}
