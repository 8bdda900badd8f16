// API_PORT is a `port`: a `bool` cannot hold 8080, nor a `u8`.
use hivesync_env::{EnvContract, Secret};

#[derive(EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: bool,
    pub api_database: String,
    pub api_token: Secret<String>,
    pub api_mirror_url: Option<String>,
}

#[derive(EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct SmallPortEnv {
    pub api_port: u8,
    pub api_database: String,
    pub api_token: Secret<String>,
    pub api_mirror_url: Option<String>,
}

fn main() {}
