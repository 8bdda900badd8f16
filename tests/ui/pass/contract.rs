// Structs that match their contract files compile and load; a client struct may hold
// a type of its own once it is marked `ClientSafe`.
use hivesync_env::source::MapSource;
use hivesync_env::{ClientSafe, EnvContract, EnvEnum, Profile, Secret};

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: u16,
    pub api_database: String,
    pub api_token: Secret<String>,
    pub api_mirror_url: Option<String>,
}

// A contract enum held in an enum of its own: `EnvEnum` (which is `ClientSafe`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnvEnum)]
pub enum Theme {
    Light,
    Dark,
}

// A type of its own for a `string` variable: `ClientSafe` by hand.
#[derive(Debug, PartialEq, Eq)]
pub struct Host(String);

impl ClientSafe for Host {}

impl std::str::FromStr for Host {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(Host(s.to_owned()))
    }
}

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/app.toml")]
pub struct AppEnv {
    #[env(name = "HIVESYNC_PUBLIC_APP_URL")]
    pub url: Host,
    pub hivesync_public_app_theme: Theme,
}

fn main() {
    let env = MapSource::new("test")
        .with("API_DATABASE", "hivesync")
        .with("API_TOKEN", "0123456789abcdef0123");
    let api = ApiEnv::load(&env, Profile::Production).unwrap();
    assert_eq!(api.api_port, 8080);
    assert_eq!(api.api_database, "hivesync");
    assert_eq!(api.api_token.expose_secret(), "0123456789abcdef0123");
    assert_eq!(api.api_mirror_url, None);
    assert_eq!(ApiEnv::CONTRACT.component, "api");
    assert_eq!(ApiEnv::CONTRACT.vars.len(), 4);

    let env = MapSource::new("test").with("HIVESYNC_PUBLIC_APP_THEME", "dark");
    let app = AppEnv::load(&env, Profile::Production).unwrap();
    assert_eq!(app.url, Host("https://app.example".to_owned()));
    assert_eq!(app.hivesync_public_app_theme, Theme::Dark);
}
