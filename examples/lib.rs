//! Runnable programs a new `hivesync-env` user starts from; see `backend.rs`,
//! `worker.rs` and `desktop.rs` beside this file. Run them from the repository root:
//! `cargo run --example backend`.
