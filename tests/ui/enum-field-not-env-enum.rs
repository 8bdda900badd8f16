// LEVEL is a contract enum: a field of a type of its own must derive `EnvEnum`, so
// that its variants can be checked against the contract.
use hivesync_env::EnvContract;
use std::time::Duration;

#[derive(Debug)]
pub struct Level;

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(_: &str) -> Result<Self, String> {
        Ok(Level)
    }
}

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/levels.toml")]
pub struct LevelsEnv {
    pub level: Level,
    pub timeout_ms: Duration,
    pub retries: u32,
}

fn main() {}
