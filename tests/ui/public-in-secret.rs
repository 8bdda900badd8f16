// API_DATABASE is public: `Secret<_>` would hide it from every report.
use hivesync_env::{EnvContract, Secret};

#[derive(EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: u16,
    pub api_database: Secret<String>,
    pub api_token: Secret<String>,
    pub api_mirror_url: Option<String>,
}

fn main() {}
