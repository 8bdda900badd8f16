// Without a contract file the struct's attributes declare the contract, and the
// same rules hold as for a file (`hivesync_env_core::rules`), each reported at the
// attribute or field at fault: a SCREAMING_SNAKE_CASE name, the client prefix, a
// default that parses and is no placeholder, optional or a default, one field per
// variable.
use hivesync_env::EnvContract;

#[derive(EnvContract)]
#[env(component = "names", audience = "server")]
pub struct NamesEnv {
    /// Port
    #[env(name = "redis-port", default = "6379")]
    pub port: u16,
}

#[derive(EnvContract)]
#[env(component = "panel", audience = "client")]
pub struct PanelEnv {
    /// Where the panel's API is
    #[env(default = "https://panel.hivesync.dev")]
    pub api_url: String,
}

#[derive(EnvContract)]
#[env(component = "defaults", audience = "server")]
pub struct DefaultsEnv {
    /// Port
    #[env(default = "eighty")]
    pub port: u16,
    /// Where the mirror is
    #[env(default = "REPLACE_ME")]
    pub mirror_url: std::path::PathBuf,
    /// How many retries
    #[env(default = "3")]
    pub retries: Option<u8>,
}

#[derive(EnvContract)]
#[env(component = "twice", audience = "server")]
pub struct TwiceEnv {
    /// Port
    #[env(default = "80")]
    pub port: u16,
    /// Port again
    #[env(name = "PORT", default = "81")]
    pub other_port: u16,
}

fn main() {}
