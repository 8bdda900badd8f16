// LEVEL allows `high` and `extreme` (contracts/levels.toml), and `Level` has no
// variant for either: one error for each, at the field, naming the value and the line.
use hivesync_env::{EnvContract, EnvEnum};
use std::time::Duration;

#[derive(Debug, Clone, Copy, EnvEnum)]
pub enum Level {
    Low,
    Mid,
}

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/levels.toml")]
pub struct LevelsEnv {
    pub level: Level,
    pub timeout_ms: Duration,
    pub retries: u32,
}

fn main() {}
