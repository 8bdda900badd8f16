// `api_host` reads API_HOST, which the contract does not declare.
use hivesync_env::{EnvContract, Secret};

#[derive(EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: u16,
    pub api_host: String,
    pub api_database: String,
    pub api_token: Secret<String>,
    pub api_mirror_url: Option<String>,
}

fn main() {}
