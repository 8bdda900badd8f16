// A variant of an `EnvEnum` stands for one value: it cannot hold data, and two
// variants cannot stand for the same value.
use hivesync_env::EnvEnum;

#[derive(Debug, Clone, Copy, EnvEnum)]
pub enum Level {
    Low(u8),
    Mid,
    #[env(value = "mid")]
    Middle,
}

fn main() {}
