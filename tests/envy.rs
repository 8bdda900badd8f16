//! A struct deriving both `EnvContract` and `serde::Deserialize` loads through envy and
//! through `EnvContract::load` with equal values, so a crate can move from envy to the
//! contract (or keep both) without a field changing meaning. Secrets are left out:
//! `Secret<_>` does not implement `Deserialize` on purpose.

use std::path::PathBuf;

use hivesync_env::source::MapSource;
use hivesync_env::{EnvContract, Profile};
use serde::Deserialize;

/// Against a real contract: desktop's variables, all given (its API URL has no
/// production default).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, EnvContract)]
#[env(contract = "../contracts/desktop.toml")]
struct DesktopEnv {
    hivesync_public_api_url: String,
    hivesync_public_log_level: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    ReadOnly,
    ReadWrite,
}

/// Without a contract file: one field of each kind the derive parses, a default
/// (which serde states again) and an optional variable.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, EnvContract)]
#[env(component = "relay", audience = "server")]
struct RelayEnv {
    /// Port to listen on
    #[env(default = "2525")]
    #[serde(default = "default_port")]
    relay_port: u16,
    /// Host to relay to
    relay_host: String,
    /// Whether to log every message
    relay_debug: bool,
    /// Most connections at once
    relay_max_connections: u32,
    /// Where to keep the queue
    relay_queue: PathBuf,
    /// How to open the queue
    #[env(serde)]
    relay_mode: Mode,
    /// A mirror, if any
    relay_mirror: Option<String>,
}

fn default_port() -> u16 {
    2525
}

/// Both loaders over the same variables.
fn both<T>(vars: &[(&str, &str)]) -> (Result<T, envy::Error>, Result<T, hivesync_env::Report>)
where
    T: EnvContract + serde::de::DeserializeOwned,
{
    let by_envy = envy::from_iter(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let source: MapSource = vars.iter().copied().collect();
    (by_envy, T::load(&source, Profile::Production))
}

#[test]
fn a_contract_struct_loads_the_same_through_envy() {
    let (by_envy, by_contract) = both::<DesktopEnv>(&[
        ("HIVESYNC_PUBLIC_API_URL", "https://hivesync.dev"),
        ("HIVESYNC_PUBLIC_LOG_LEVEL", "debug"),
    ]);
    let by_envy = by_envy.unwrap();
    assert_eq!(by_envy, by_contract.unwrap());
    assert_eq!(by_envy.hivesync_public_api_url, "https://hivesync.dev");
    assert_eq!(by_envy.hivesync_public_log_level, "debug");
}

#[test]
fn every_value_given_loads_the_same() {
    let (by_envy, by_contract) = both::<RelayEnv>(&[
        ("RELAY_PORT", "2626"),
        ("RELAY_HOST", "mail.example"),
        ("RELAY_DEBUG", "true"),
        ("RELAY_MAX_CONNECTIONS", "64"),
        ("RELAY_QUEUE", "/var/spool/relay"),
        ("RELAY_MODE", "read-write"),
        ("RELAY_MIRROR", "backup.example"),
    ]);
    let by_envy = by_envy.unwrap();
    assert_eq!(by_envy, by_contract.unwrap());
    assert_eq!(
        by_envy,
        RelayEnv {
            relay_port: 2626,
            relay_host: "mail.example".into(),
            relay_debug: true,
            relay_max_connections: 64,
            relay_queue: "/var/spool/relay".into(),
            relay_mode: Mode::ReadWrite,
            relay_mirror: Some("backup.example".into()),
        }
    );
}

#[test]
fn defaults_and_absent_optionals_load_the_same() {
    let (by_envy, by_contract) = both::<RelayEnv>(&[
        ("RELAY_HOST", "mail.example"),
        ("RELAY_DEBUG", "false"),
        ("RELAY_MAX_CONNECTIONS", "1"),
        ("RELAY_QUEUE", "queue"),
        ("RELAY_MODE", "read-only"),
    ]);
    let by_envy = by_envy.unwrap();
    assert_eq!(by_envy, by_contract.unwrap());
    assert_eq!(by_envy.relay_port, 2525);
    assert_eq!(by_envy.relay_mirror, None);
}

#[test]
fn both_reject_the_same_mistakes() {
    let (by_envy, by_contract) = both::<RelayEnv>(&[
        ("RELAY_PORT", "smtp"),
        ("RELAY_HOST", "mail.example"),
        ("RELAY_DEBUG", "false"),
        ("RELAY_MAX_CONNECTIONS", "1"),
        ("RELAY_QUEUE", "queue"),
        ("RELAY_MODE", "ReadOnly"),
    ]);
    assert!(by_envy.is_err());
    // envy stops at the first; the contract reports both.
    let report = by_contract.unwrap_err().to_string();
    assert!(report.contains("RELAY_PORT"), "{report}");
    assert!(report.contains("RELAY_MODE"), "{report}");
}
