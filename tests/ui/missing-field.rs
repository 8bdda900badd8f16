// API_TOKEN is in the contract, but the struct has no field for it.
use hivesync_env::EnvContract;

#[derive(EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: u16,
    pub api_database: String,
    pub api_mirror_url: Option<String>,
}

fn main() {}
