// `BakedEnv` has no field for HIVESYNC_PUBLIC_UI_TEST_LEVEL, so its derive fails;
// `bake!` on it adds no error of its own (the derive emits a stub of the macro it
// forwards to), so the build shows exactly one error.
use hivesync_env::EnvContract;

#[derive(Debug, EnvContract)]
#[env(contract = "contracts/baked.toml")]
pub struct BakedEnv {
    pub hivesync_public_ui_test_never_set: String,
}

fn main() {
    let env = hivesync_env::bake!(BakedEnv);
    println!("{env:?}");
}
