// `Host` is not marked `ClientSafe`, so it cannot be a field of a client struct:
// nothing proves it holds no secret.
use hivesync_env::EnvContract;

pub struct Host(String);

impl std::str::FromStr for Host {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(Host(s.to_owned()))
    }
}

#[derive(EnvContract)]
#[env(contract = "contracts/app.toml")]
pub struct AppEnv {
    pub hivesync_public_app_url: Host,
    pub hivesync_public_app_theme: String,
}

fn main() {}
