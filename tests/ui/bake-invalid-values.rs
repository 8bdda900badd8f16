// `compiletest.rs` sets the kiosk's variables wrongly in the environment of the UI
// tests' builds: an http URL where https is required in production, a placeholder, a
// value that is no URL, an enum value the contract does not allow, a credential in a
// client, and one required variable stays unset. Baking in production reports every
// problem in one build, naming each variable, what was expected and what was found
// (the credential is not shown).
use hivesync_env::{EnvContract, EnvEnum};

#[derive(Debug, Clone, Copy, EnvEnum)]
pub enum KioskLevel {
    Quiet,
    Loud,
}

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/kiosk.toml")]
pub struct KioskEnv {
    pub hivesync_public_ui_test_kiosk_url: String,
    pub hivesync_public_ui_test_kiosk_help_url: String,
    pub hivesync_public_ui_test_kiosk_mirror_url: String,
    pub hivesync_public_ui_test_kiosk_level: KioskLevel,
    pub hivesync_public_ui_test_kiosk_note: Option<String>,
    pub hivesync_public_ui_test_kiosk_never_set: String,
}

fn main() {
    let env = hivesync_env::bake!(KioskEnv);
    println!("{env:?}");
}
