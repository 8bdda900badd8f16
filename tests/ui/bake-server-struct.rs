// Only client structs can be baked: a server's values (and secrets) would be
// embedded in the binary.
use hivesync_env::{EnvContract, Secret};

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: u16,
    pub api_database: String,
    pub api_token: Secret<String>,
    pub api_mirror_url: Option<String>,
}

fn main() {
    let env = hivesync_env::bake!(ApiEnv);
    println!("{env:?}");
}
