//! The contract set parsed once (feature `set`), and one-line guards for a HiveSync
//! crate's `cargo test` (feature `testing`).

use std::sync::OnceLock;

use hivesync_env_core::ContractSet;

use crate::SOURCES;

/// Every contract of [`SOURCES`], parsed on the first call and shared afterwards.
///
/// ```
/// let set = hivesync_contracts::contracts();
/// assert_eq!(set.get("backend").unwrap().vars.len(), 25);
/// assert!(std::ptr::eq(set, hivesync_contracts::contracts()));
/// ```
pub fn contracts() -> &'static ContractSet {
    static SET: OnceLock<ContractSet> = OnceLock::new();
    SET.get_or_init(|| {
        ContractSet::parse(SOURCES.iter().copied())
            .unwrap_or_else(|e| panic!("the built-in contracts are checked at build time: {e}"))
    })
}

/// What the macros call; not a stable API.
#[cfg(feature = "testing")]
#[doc(hidden)]
pub use hivesync_env::{self as __hivesync_env, testing as __testing};

/// Panics, listing every finding, unless the calling crate's sources (every file under
/// its `CARGO_MANIFEST_DIR`, `target/` aside) read only variables that the named
/// component's contract declares: the one line a HiveSync crate's `cargo test` needs.
/// Feature `testing`.
///
/// A read of a name another component declares is a `leak`, of a name no contract
/// declares `undeclared`. Names Cargo sets, `HIVESYNC_PROFILE`, and the `allow` list of
/// a `hivesync-audit.toml` in the crate's folder are allowed.
///
/// ```
/// // In a test of the backend crate (here: of this crate, which reads nothing).
/// hivesync_contracts::assert_reads_only_declared!("backend");
/// ```
#[cfg(feature = "testing")]
#[macro_export]
macro_rules! assert_reads_only_declared {
    ($component:expr $(,)?) => {
        $crate::__testing::assert_reads_only_declared(
            $crate::contracts(),
            $component,
            ::core::env!("CARGO_MANIFEST_DIR"),
        )
    };
}

/// Panics with the whole report unless the calling crate's `.env.example` (beside its
/// `Cargo.toml`) loads without errors against the named component's contract, in the
/// `local` profile or the one given. Warnings (placeholders outside `production`) are
/// allowed. Feature `testing`.
///
/// ```no_run
/// // In a test of the backend crate, whose folder holds `.env.example`.
/// hivesync_contracts::assert_example_loads!("backend");
/// hivesync_contracts::assert_example_loads!("backend", hivesync_env::Profile::Docker);
/// ```
#[cfg(feature = "testing")]
#[macro_export]
macro_rules! assert_example_loads {
    ($component:expr $(,)?) => {
        $crate::assert_example_loads!($component, $crate::__hivesync_env::Profile::Local)
    };
    ($component:expr, $profile:expr $(,)?) => {
        $crate::__testing::assert_example_loads(
            $crate::__contract($component),
            ::std::path::Path::new(::core::env!("CARGO_MANIFEST_DIR")).join(".env.example"),
            $profile,
        )
    };
}

/// The contract of `component`, or a panic naming the components there are.
#[cfg(feature = "testing")]
#[doc(hidden)]
#[track_caller]
pub fn __contract(component: &str) -> &'static hivesync_env::Contract {
    let set = contracts();
    set.get(component).unwrap_or_else(|| {
        let known: Vec<&str> = set
            .contracts()
            .iter()
            .map(|c| c.component.as_ref())
            .collect();
        panic!(
            "unknown component `{component}`: expected one of {}",
            known.join(", ")
        )
    })
}
