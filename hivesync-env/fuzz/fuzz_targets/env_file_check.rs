//! `EnvFile::parse` on arbitrary bytes, then `check` against the backend (and a client)
//! contract in every profile; a secret's marker never reaches an output.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    hivesync_env_fuzz::env_file(data);
});
