// A component name becomes a file name (`<component>.env.example`), so it must be a
// safe one; every text that reaches a rendered file holds no line break.
use hivesync_env::EnvContract;

#[derive(EnvContract)]
#[env(component = "../../etc/cron.d/x", audience = "server")]
pub struct OutsideEnv {
    /// Port
    #[env(default = "80")]
    pub port: u16,
}

#[derive(EnvContract)]
#[env(component = "store", audience = "server")]
pub struct StoreEnv {
    #[doc = "Port\r      privileged: true"]
    #[env(default = "80")]
    pub port: u16,
}

fn main() {}
