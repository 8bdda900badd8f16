// `contarct` and `rename` are not keys of `#[env(...)]`; the errors list those that are.
use hivesync_env::{EnvContract, Secret};

#[derive(EnvContract)]
#[env(contarct = "contracts/api.toml")]
pub struct TypoEnv {
    pub api_port: u16,
}

#[derive(EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: u16,
    #[env(rename = "API_DATABASE")]
    pub database: String,
    pub api_token: Secret<String>,
    pub api_mirror_url: Option<String>,
}

fn main() {}
