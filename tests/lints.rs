//! The derive's generated code is warning-free and hygienic.
//!
//! `#![deny(warnings)]` turns any rustc lint the expansion triggers into a build
//! failure of this test. The generated impls allow only `unused_qualifications`, not
//! clippy's groups, so `#![deny(clippy::all, clippy::pedantic)]` here fails CI's
//! `cargo clippy --workspace --all-targets -- -D warnings` (`.ci/run`) on any clippy
//! lint the expansion triggers in a user's crate that denies them. The
//! `#![no_implicit_prelude]` module proves the generated code names everything by
//! absolute path (`::core::...`, `::hivesync_env::...`) and needs nothing in scope.
#![deny(warnings)]
#![deny(unused_qualifications, unused_results, missing_debug_implementations)]
#![deny(clippy::all, clippy::pedantic)]

use hivesync_env::source::MapSource;
use hivesync_env::{EnvContract, Profile, Secret};

/// A server struct against a real contract, a contract-less client struct and one
/// with every field attribute: each path through the expansion.
#[derive(Debug, EnvContract)]
#[env(contract = "../contracts/workers.toml")]
pub struct WorkersEnv {
    pub r2_bucket: String,
    pub worker_callback_url: String,
    pub worker_callback_secret: Secret<String>,
    pub ai_model: String,
}

/// A client struct: its expansion adds the `ClientSafe` assertions and `Bakeable`.
#[derive(Debug, EnvContract)]
#[env(component = "lint-client", audience = "client")]
pub struct LintClientEnv {
    /// Public URL of the backend
    #[env(
        name = "HIVESYNC_PUBLIC_LINT_TEST_URL",
        default = "https://lint.example"
    )]
    pub url: String,
    /// How many retries
    #[env(name = "HIVESYNC_PUBLIC_LINT_TEST_RETRIES")]
    pub retries: Option<u8>,
}

/// Fields whose names start with `_` (kept, not read): the expansion's locals must
/// not turn them into names that trip `non_snake_case`.
#[derive(Debug, EnvContract)]
#[env(component = "lint-underscore", audience = "server")]
#[allow(clippy::pub_underscore_fields)] // (the user's fields, not the expansion: the case under test)
pub struct UnderscoreEnv {
    /// A value the program keeps but does not read
    #[env(name = "LINT_UNDERSCORE_KEPT", default = "kept")]
    pub _kept: String,
    /// Another
    #[env(name = "LINT_UNDERSCORE_OTHER", default = "1")]
    pub __other: u8,
}

/// Every field attribute of a contract-less struct.
#[derive(Debug, EnvContract)]
#[env(component = "lint-server", audience = "server")]
pub struct LintServerEnv {
    /// Port to listen on
    #[env(default = "8080")]
    pub port: u16,
    /// Key of the provider
    #[env(name = "LINT_KEY", secret, min_len = 8)]
    pub key: Secret<String>,
    /// How to open files
    #[env(serde, default = "read-only")]
    pub mode: Mode,
}

/// An enum read through serde.
#[derive(Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Read only
    ReadOnly,
    /// Read and write
    ReadWrite,
}

#[test]
fn lint_clean_structs_load() {
    let env = MapSource::new("test")
        .with(
            "WORKER_CALLBACK_URL",
            "https://hivesync.dev/api/v1/workers/callback",
        )
        .with("WORKER_CALLBACK_SECRET", "0123456789abcdef0123456789abcdef")
        .with("LINT_KEY", "0123456789")
        .with("MODE", "read-write");
    let workers = WorkersEnv::load(&env, Profile::Production).unwrap();
    assert_eq!(workers.r2_bucket, "hivesync-r2");
    let server = LintServerEnv::load(&env, Profile::Production).unwrap();
    assert_eq!((server.port, server.mode), (8080, Mode::ReadWrite));
    let client = hivesync_env::bake!(LintClientEnv);
    assert_eq!(client.url, "https://lint.example");
    assert_eq!(client.retries, None);
}

/// No prelude: not even `Option`, `Result`, `String` or `derive` are in scope, so
/// the expansion must name each by absolute path.
#[no_implicit_prelude]
mod no_prelude {
    use ::hivesync_env::{EnvContract, Secret};
    use ::std::{option::Option, string::String};

    #[derive(::core::fmt::Debug, EnvContract)]
    #[env(contract = "../contracts/desktop.toml")]
    pub struct DesktopEnv {
        pub hivesync_public_api_url: String,
        pub hivesync_public_log_level: String,
    }

    #[derive(::core::fmt::Debug, EnvContract)]
    #[env(component = "bare", audience = "server")]
    #[allow(clippy::struct_field_names)] // (the user's names, not the expansion)
    pub struct BareEnv {
        /// Port to listen on
        #[env(default = "9000")]
        pub bare_port: u16,
        /// Key of the service
        pub bare_key: Secret<String>,
        /// A mirror, if any
        pub bare_mirror: Option<String>,
    }

    #[derive(::core::fmt::Debug, EnvContract)]
    #[env(component = "bare-client", audience = "client")]
    pub struct BareClientEnv {
        /// Colour theme
        #[env(name = "HIVESYNC_PUBLIC_LINT_TEST_THEME", default = "light")]
        pub theme: String,
    }

    // Shadow the names generated code might reach for unqualified; any such use now
    // fails to compile instead of silently picking these up.
    #[allow(dead_code)]
    struct Result;
    #[allow(dead_code)]
    struct Ok;
    #[allow(dead_code)]
    struct Err;
    #[allow(dead_code)]
    struct Some;
    #[allow(dead_code)]
    struct None;
    #[allow(dead_code)]
    struct Vec;

    #[test]
    fn derives_without_prelude() {
        let env = ::hivesync_env::source::MapSource::new("test").with("BARE_KEY", "k");
        let bare =
            <BareEnv as EnvContract>::load(&env, ::hivesync_env::Profile::Production).unwrap();
        ::core::assert_eq!(bare.bare_port, 9000);
        ::core::assert_eq!(bare.bare_key.expose_secret(), "k");
        ::core::assert!(bare.bare_mirror.is_none());
        let env = ::hivesync_env::source::MapSource::new("test");
        let desktop =
            <DesktopEnv as EnvContract>::load(&env, ::hivesync_env::Profile::Local).unwrap();
        ::core::assert_eq!(desktop.hivesync_public_api_url, "http://localhost:4000");
        ::core::assert_eq!(desktop.hivesync_public_log_level, "info");
        // A name no build sets, so the default is baked.
        let baked = ::hivesync_env::bake!(BareClientEnv, profile = local);
        ::core::assert_eq!(baked.theme, "light");
    }
}
