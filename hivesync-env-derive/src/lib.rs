//! The derive macro of `hivesync-env`. Use it through `hivesync_env::EnvContract`;
//! the documentation lives there.
