// A client struct ships to users: no field may be a secret, whether the type says
// so (`Secret<_>`) or the attribute does (`#[env(secret)]`).
use hivesync_env::{EnvContract, Secret};

#[derive(EnvContract)]
#[env(contract = "contracts/app.toml")]
pub struct AppEnv {
    pub hivesync_public_app_url: Secret<String>,
    pub hivesync_public_app_theme: String,
}

#[derive(EnvContract)]
#[env(component = "widget", audience = "client")]
pub struct WidgetEnv {
    /// Key of the widget's analytics account
    #[env(secret)]
    pub hivesync_public_widget_key: String,
    /// Token of the widget's API
    pub hivesync_public_widget_token: Option<Secret<String>>,
}

fn main() {}
