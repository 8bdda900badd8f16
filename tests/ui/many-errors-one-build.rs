// Every mistake of the struct is reported by one build, each at its own field.
use hivesync_env::{EnvContract, Secret};

#[derive(EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: bool,
    pub api_host: String,
    pub api_database: Option<Secret<String>>,
    #[env(rename = "API_TOKEN")]
    pub token: String,
}

fn main() {}
