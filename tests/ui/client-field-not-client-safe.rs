// `Theme` is not marked `ClientSafe`, so it cannot be a field of a client struct:
// nothing proves it holds no secret.
use hivesync_env::EnvContract;

pub enum Theme {
    Light,
    Dark,
}

impl std::str::FromStr for Theme {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            _ => Err(format!("unknown theme `{s}`")),
        }
    }
}

#[derive(EnvContract)]
#[env(contract = "contracts/app.toml")]
pub struct AppEnv {
    pub hivesync_public_app_url: String,
    pub hivesync_public_app_theme: Theme,
}

fn main() {}
