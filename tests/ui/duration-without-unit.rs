// RETRIES is an integer with no time unit (contracts/levels.toml): a `Duration` field
// cannot say what its number counts.
use hivesync_env::EnvContract;
use std::time::Duration;

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/levels.toml")]
pub struct LevelsEnv {
    pub level: String,
    pub timeout_ms: Duration,
    pub retries: Duration,
}

fn main() {}
