// The contract path is relative to the crate's Cargo.toml; there is no such file.
use hivesync_env::EnvContract;

#[derive(EnvContract)]
#[env(contract = "contracts/no-such-component.toml")]
pub struct GhostEnv {
    pub ghost_port: u16,
}

fn main() {}
