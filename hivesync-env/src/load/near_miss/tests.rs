//! The scan of the process environment in place answers as the listing through
//! `Source::names` did, in a process whose environment is set up for it: this test
//! binary run again with `env_clear().envs(...)` (the library never writes its own
//! environment); the child runs only [`scan_child`].

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::Command;

use super::*;
use crate::Profile;
use crate::load::Loader;
use crate::load::near_filter::tests::contract_of;
use crate::source::secret_file::{file_var, is_set};
use crate::source::{ContractEnv, Lookup, ProcessEnv, Source};

const MARKER: &str = "HIVESYNC_NEAR_MISS_CHILD";

/// A contract name longer than the filter's length table (66 bytes, in parts short
/// enough to be shown).
fn long_name(last: char) -> String {
    format!("LONG{}_{last}", "_ABCDEFGHIJKLMN".repeat(4))
}

fn contract() -> &'static Contract {
    let long = long_name('X');
    let names = [
        "PORT",
        "POSTGRES_PASSWORD",
        "JWT_SECRET",
        "REDIS_HOST",
        "REDIS_PORT",
        "DATABASE_URL",
        // One part of 16 characters or more: a name of this shape is never shown.
        "SERVICEACCOUNTTOKENAB",
        &long,
        "A",
    ];
    let secrets = ["POSTGRES_PASSWORD", "JWT_SECRET", "REDIS_HOST"];
    let mut contract = contract_of(&names, &secrets);
    contract.vars.to_mut()[5].optional = false;
    Box::leak(Box::new(contract))
}

/// The environment of the child: near misses by one and two edits (transposed,
/// put in, removed, changed; at the start, the middle and the end), names that are
/// not ASCII or not UTF-8, longer than 64 bytes, equal to a contract name, a
/// secret's `NAME_FILE` (one beside its `NAME`: a conflict), the profile variable,
/// a name of a credential's shape one edit from a contract name, and unrelated ones.
fn environment() -> Vec<(OsString, OsString)> {
    let mut env: Vec<(Vec<u8>, Vec<u8>)> = [
        "PORT",
        "PROT",
        "PORTT",
        "PRT",
        "XORT",
        "PORt",
        "PÖRT",
        "日ORT",
        "B",
        "AB",
        "POSTGRES_PASWORD",
        "POSTGRE_PASSWORD",
        "POSTGRES_PASSWORDS",
        "OPSTGRES_PASSWORD",
        "XOSTGRES_PASSWORX",
        "PXSXGRES_PASSWORD",
        "REDIS_HOTS",
        "REDIS_PROT",
        "REDIS_HOST",
        "REDIS_HOST_FILE",
        "REDIS_HÖST",
        "JWT_SECRET_FILE",
        "JWT_SECRETS",
        "PORT_FILE",
        "HIVESYNC_PROFILE",
        "HIVESYNC_PROFILES",
        "DATABSE_URL",
        "DATABASE_URI",
        "SERVICEACCOUNTTOKENAC",
        "KUBERNETES_SERVICE_HOST",
        "PATH",
        "HOME",
    ]
    .into_iter()
    .map(|name| (name.as_bytes().to_vec(), b"/nonexistent/value".to_vec()))
    .collect();
    env.push((long_name('Y').into_bytes(), b"v".to_vec()));
    env.push((format!("{}Z", long_name('X')).into_bytes(), b"v".to_vec()));
    // A name may start with `=` (`vars_os` splits after the first byte).
    env.push((b"=PORT".to_vec(), b"v".to_vec()));
    env.push((b"=JWT_SECRET_FILE".to_vec(), b"v".to_vec()));
    env.push((b"PORT\xff".to_vec(), b"v".to_vec()));
    env.push((b"POR\xffT".to_vec(), b"v".to_vec()));
    env.push((b"REDIS_PORT".to_vec(), b"v\xff".to_vec()));
    for i in 0..60 {
        env.push((format!("CARGO_PKG_META_{i:03}").into_bytes(), b"v".to_vec()));
    }
    env.into_iter()
        .map(|(k, v)| (OsString::from_vec(k), OsString::from_vec(v)))
        .collect()
}

#[test]
fn the_scan_finds_what_the_listing_finds() {
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "load::near_miss::tests::scan_child"])
        .env_clear()
        .envs(environment())
        .env(MARKER, "1")
        .status()
        .unwrap();
    assert!(status.success(), "the child's comparisons failed: {status}");
}

/// The process environment through [`Source::names`] only: the loader's path for
/// any source that is not the environment alone.
struct Listed;

impl Source for Listed {
    fn get(&self, name: &str) -> Option<Lookup> {
        ProcessEnv.get(name)
    }
    fn names(&self) -> Vec<(String, Origin)> {
        ProcessEnv.names()
    }
    fn includes_process(&self) -> bool {
        true
    }
    fn dedicated_names(&self) -> Vec<(String, Origin)> {
        Vec::new()
    }
}

fn shown(found: &[Unknown]) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|u| (u.name.as_str(), u.message.as_str()))
        .collect()
}

/// The child of [`the_scan_finds_what_the_listing_finds`]; without its marker it
/// has nothing to compare and returns.
#[test]
fn scan_child() {
    if std::env::var_os(MARKER).is_none() {
        return;
    }
    let contract = contract();
    let listing = ProcessEnv.names();
    assert!(
        listing.iter().any(|(name, _)| name == "=PORT"),
        "{listing:?}"
    );
    let scan = process_scan(contract).expect("at most 64 names");
    let mut listed = unknown(contract, &listing);
    listed.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(shown(&scan.near_misses), shown(&listed));
    let names: Vec<&str> = scan.near_misses.iter().map(|u| u.name.as_str()).collect();
    let (long_y, long_xz) = (long_name('Y'), format!("{}Z", long_name('X')));
    for near in [
        "PROT",
        "REDIS_PROT",
        "PXSXGRES_PASSWORD",
        "B",
        &long_y,
        &long_xz,
    ] {
        assert!(names.contains(&near), "{near} in {names:?}");
    }
    // Not a variable name, or a credential's shape: never shown.
    let hidden = ["PÖRT", "日ORT", "REDIS_HÖST", "SERVICEACCOUNTTOKENAC"];
    for never in hidden
        .into_iter()
        .chain(["PORT", "REDIS_HOST_FILE", "HIVESYNC_PROFILE"])
    {
        assert!(!names.contains(&never), "{never} in {names:?}");
    }

    let mut file_name = String::new();
    for (i, var) in contract.vars.iter().enumerate() {
        let set = var.secret && is_set(&ProcessEnv, file_var(&var.name, &mut file_name));
        assert_eq!(scan.secret_files >> i & 1 == 1, set, "{}", var.name);
    }
    assert_ne!(scan.secret_files, 0);

    for profile in [Profile::Local, Profile::Production] {
        let slow = Loader::new(contract, &Listed, profile).finish();
        let fast = Loader::new(contract, &ContractEnv::new(contract).unwrap(), profile).finish();
        let plain = Loader::new(contract, &ProcessEnv, profile).finish();
        assert!(slow.is_err());
        assert_eq!(fast, slow);
        assert_eq!(plain, slow);
    }
}
