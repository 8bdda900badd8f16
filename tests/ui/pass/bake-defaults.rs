// `bake!` fills a client struct at compile time; a variable nobody sets takes the
// default of the chosen profile.
use hivesync_env::EnvContract;

#[derive(Debug, EnvContract)]
#[env(component = "widget", audience = "client")]
pub struct WidgetEnv {
    /// Public URL of the backend
    #[env(
        name = "HIVESYNC_PUBLIC_UI_TEST_WIDGET_URL",
        default = "https://widget.example"
    )]
    pub url: String,
    /// Refresh period in seconds
    #[env(name = "HIVESYNC_PUBLIC_UI_TEST_WIDGET_REFRESH", default = "30")]
    pub refresh: u32,
    /// Where to send reports, if anywhere
    #[env(name = "HIVESYNC_PUBLIC_UI_TEST_WIDGET_REPORTS")]
    pub reports: Option<String>,
}

fn main() {
    let env = hivesync_env::bake!(WidgetEnv);
    assert_eq!(env.url, "https://widget.example");
    assert_eq!(env.refresh, 30);
    assert_eq!(env.reports, None);

    let local = hivesync_env::bake!(WidgetEnv, profile = local);
    assert_eq!(local.refresh, 30);
}
