// `bake!` builds every field at compile time; a `Url` type of its own would need a
// parse when the program runs, so baking this struct is an error naming the field.
use hivesync_env::{ClientSafe, EnvContract};

#[derive(Debug)]
pub struct Url(String);

impl ClientSafe for Url {}

impl std::str::FromStr for Url {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(Url(s.to_owned()))
    }
}

#[derive(Debug, EnvContract)]
#[env(component = "gauge", audience = "client")]
pub struct GaugeEnv {
    /// Where the gauge reports to
    #[env(name = "HIVESYNC_PUBLIC_UI_TEST_GAUGE_URL", default = "https://gauge.example")]
    pub url: Url,
}

fn main() {
    let env = hivesync_env::bake!(GaugeEnv);
    println!("{env:?}");
}
