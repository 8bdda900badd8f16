//! A desktop app whose public configuration is baked in when it is compiled.
//!
//! ```text
//! cargo run --example desktop
//! HIVESYNC_PUBLIC_API_URL=https://hivesync.dev cargo run --example desktop
//! ```
//!
//! `bake!` reads the contract's variables from the build's environment and embeds
//! them; Cargo rebuilds when one of them is set, changed or unset. This example bakes the `local`
//! profile, where the API URL defaults to `http://localhost:4000`. A release build
//! would bake `production` (`bake!(DesktopEnv)`), where HIVESYNC_PUBLIC_API_URL has no
//! default: building without it fails, naming the variable. `DesktopEnv` holds no
//! secret, and cannot: its contract is a client contract.

use hivesync_contracts::DesktopEnv;

fn main() {
    let env: DesktopEnv = hivesync_env::bake!(DesktopEnv, profile = local);
    println!("{env:#?}");
    println!("the desktop app talks to {}", env.hivesync_public_api_url);
}
