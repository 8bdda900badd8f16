// An `EnvEnum` that agrees with its contract variable loads, parses, prints and
// bakes; a `Duration` holds an integer with a time unit.
use std::time::Duration;

use hivesync_env::source::MapSource;
use hivesync_env::{EnvContract, EnvEnum, ParseEnumError, Profile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, EnvEnum)]
pub enum Level {
    Low,
    Mid,
    High,
    Extreme,
}

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/levels.toml")]
pub struct LevelsEnv {
    pub level: Level,
    pub timeout_ms: Duration,
    pub retries: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, EnvEnum)]
pub enum TillMode {
    Sale,
    Refund,
    #[env(value = "training-mode")]
    Training,
}

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/till.toml")]
pub struct TillEnv {
    pub hivesync_public_ui_test_till_mode: TillMode,
    pub hivesync_public_ui_test_till_poll_ms: Duration,
    pub hivesync_public_ui_test_till_idle_s: Duration,
    pub hivesync_public_ui_test_till_receipts: bool,
}

fn main() {
    let env = MapSource::new("test")
        .with("LEVEL", "high")
        .with("TIMEOUT_MS", "2500");
    let levels = LevelsEnv::load(&env, Profile::Production).unwrap();
    assert_eq!(levels.level, Level::High);
    assert_eq!(levels.timeout_ms, Duration::from_millis(2500));
    assert_eq!(levels.retries, 3);

    assert_eq!("mid".parse::<Level>(), Ok(Level::Mid));
    assert_eq!(
        "Mid".parse::<Level>(),
        Err(ParseEnumError {
            expected: &["low", "mid", "high", "extreme"]
        })
    );
    assert_eq!(Level::Extreme.to_string(), "extreme");
    assert_eq!(TillMode::Training.as_str(), "training-mode");

    let bad = MapSource::new("test").with("LEVEL", "loud");
    let report = LevelsEnv::load(&bad, Profile::Local).unwrap_err();
    assert_eq!(
        report.problems()[0].to_string(),
        "error[invalid] LEVEL: expected one of low, mid, high, extreme, found `loud`"
    );

    let till = hivesync_env::bake!(TillEnv);
    assert_eq!(till.hivesync_public_ui_test_till_mode, TillMode::Training);
    assert_eq!(till.hivesync_public_ui_test_till_poll_ms, Duration::from_millis(250));
    assert_eq!(till.hivesync_public_ui_test_till_idle_s, Duration::from_secs(90));
    assert!(till.hivesync_public_ui_test_till_receipts);
}
