// contracts/broken/sound.toml is valid, but malformed.toml beside it gives BROKEN_PORT
// the type `prot`: every contract of the folder is read as one set, so the broken
// one is reported, not skipped.
use hivesync_env::EnvContract;

#[derive(EnvContract)]
#[env(contract = "contracts/broken/sound.toml")]
pub struct SoundEnv {
    pub sound_port: u16,
}

fn main() {}
