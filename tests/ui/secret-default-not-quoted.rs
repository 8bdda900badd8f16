// A secret has no default, and the error says so without quoting it: a type error of
// the default (a port that is not a number) would otherwise print the value.
use hivesync_env::{EnvContract, Secret};

#[derive(EnvContract)]
#[env(component = "relay", audience = "server")]
pub struct RelayEnv {
    /// Port of the relay's admin API
    #[env(default = "hunter2-admin-password")]
    pub admin_port: Secret<u16>,
    /// Token of the relay
    #[env(default = "sk_live_0123456789abcdef")]
    pub relay_token: Secret<String>,
}

fn main() {}
