// `#[env(serde)]` parses a field through `serde::Deserialize`, so an enum's
// `rename_all` decides the accepted spellings.
use hivesync_env::source::MapSource;
use hivesync_env::{EnvContract, Profile};

#[derive(Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    ReadOnly,
    ReadWrite,
}

#[derive(Debug, EnvContract)]
#[env(component = "store", audience = "server")]
pub struct StoreEnv {
    /// How the store opens its files
    #[env(serde, default = "read-only")]
    pub store_mode: Mode,
    /// A second mode, if any
    #[env(serde)]
    pub store_fallback_mode: Option<Mode>,
}

fn main() {
    let empty = MapSource::new("test");
    let store = StoreEnv::load(&empty, Profile::Production).unwrap();
    assert_eq!(store.store_mode, Mode::ReadOnly);
    assert_eq!(store.store_fallback_mode, None);

    let env = MapSource::new("test")
        .with("STORE_MODE", "read-write")
        .with("STORE_FALLBACK_MODE", "read-only");
    let store = StoreEnv::load(&env, Profile::Production).unwrap();
    assert_eq!(store.store_mode, Mode::ReadWrite);
    assert_eq!(store.store_fallback_mode, Some(Mode::ReadOnly));

    // The Rust spelling is not the serde one.
    let bad = MapSource::new("test").with("STORE_MODE", "ReadWrite");
    let report = StoreEnv::load(&bad, Profile::Production).unwrap_err();
    assert!(report.to_string().contains("STORE_MODE"), "{report}");
}
