// `Level::Turbo` stands for `turbo`, and `Level::Idle` (renamed) for `idle`, which
// LEVEL does not allow (contracts/levels.toml): one error at each variant.
use hivesync_env::{EnvContract, EnvEnum};
use std::time::Duration;

#[derive(Debug, Clone, Copy, EnvEnum)]
pub enum Level {
    Low,
    Mid,
    High,
    Extreme,
    Turbo,
    #[env(value = "idle")]
    Resting,
}

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/levels.toml")]
pub struct LevelsEnv {
    pub level: Level,
    pub timeout_ms: Duration,
    pub retries: u32,
}

fn main() {}
