//! The examples of this package: `cargo run -p hivesync-env-examples --example NAME`.
