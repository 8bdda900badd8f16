// contracts/broken/malformed.toml gives BROKEN_PORT the type `prot`.
use hivesync_env::EnvContract;

#[derive(EnvContract)]
#[env(contract = "contracts/broken/malformed.toml")]
pub struct BrokenEnv {
    pub broken_port: u16,
}

fn main() {}
