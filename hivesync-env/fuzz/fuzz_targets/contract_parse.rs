//! `Contract::parse` and `ContractSet::parse` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hivesync_env_fuzz::contract_toml(data));
