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
//!
//! Every value is checked while this example compiles, as the loader would check it:
//! `HIVESYNC_PUBLIC_LOG_LEVEL=loud cargo run --example desktop` fails to build, naming
//! the variable and the allowed values. The log level is baked as a
//! [`LogLevel`](hivesync_contracts::LogLevel) variant: nothing is parsed when the app
//! starts.

use hivesync_contracts::{DesktopEnv, LogLevel};

fn main() {
    let env: DesktopEnv = hivesync_env::bake!(DesktopEnv, profile = local);
    println!("{env:#?}");
    println!("the desktop app talks to {}", env.hivesync_public_api_url);
    let verbose = match env.hivesync_public_log_level {
        LogLevel::Trace | LogLevel::Debug => "verbose",
        LogLevel::Info | LogLevel::Warn | LogLevel::Error => "quiet",
    };
    println!(
        "it logs at level {} ({verbose})",
        env.hivesync_public_log_level
    );
}
