// HIVESYNC_PUBLIC_UI_TEST_NEVER_SET is required and has no default; no build sets it,
// so baking the struct fails this crate's build with the variable's name.
use hivesync_env::EnvContract;

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/baked.toml")]
pub struct BakedEnv {
    pub hivesync_public_ui_test_never_set: String,
    pub hivesync_public_ui_test_level: String,
}

fn main() {
    let env = hivesync_env::bake!(BakedEnv);
    println!("{env:?}");
}
