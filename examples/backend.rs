//! A backend that loads `BackendEnv` at start-up and prints its redacted summary.
//!
//! ```text
//! cp examples/env/backend.local.env .env
//! HIVESYNC_PROFILE=local cargo run --example backend
//! ```
//!
//! One call reads the profile from `HIVESYNC_PROFILE` (`production` when unset),
//! `.env` from the working directory, then Docker secret files (`NAME_FILE`) and the
//! process environment on top. On failure it prints every problem (never a secret)
//! and exits with 78, `EX_CONFIG`.

use hivesync_contracts::BackendEnv;
use hivesync_env::EnvContract;

fn main() {
    let env = BackendEnv::startup_or_exit();
    // Debug prints every field; secrets show as `Secret([redacted])`.
    println!("{env:#?}");
    println!(
        "listening on port {} for {}, database {}@{}:{}",
        env.port, env.base_url, env.postgres_user, env.postgres_host, env.postgres_port
    );
}
