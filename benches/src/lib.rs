//! What the benchmarks in `benches/load.rs` compare: the environment they run in, and
//! the same 25-variable backend configuration loaded by hand and by each library a
//! HiveSync user would otherwise pick. Results and how to reproduce them:
//! `BENCHMARKS.md` at the repository root.
//!
//! Every loader here reads the process environment of the benchmark process, which the
//! benchmark sets up by re-executing itself with [`Workload::success_env`] or
//! [`Workload::error_env`] (nothing calls `std::env::set_var`).
#![deny(missing_docs)]

mod hand_written;
mod peers;
mod workload;

pub use hand_written::{HandWritten, HandWrittenError, HandWrittenSecret};
pub use peers::{
    ConfiqueEnv, EnvconfigEnv, SerdeEnv, config_rs, confique, envconfig, envy, figment,
};
pub use workload::{BACKEND, CONTAINER, MISSING, UNRELATED, UNSET, Workload, unrelated};

/// The loaders, in the order of the tables; the first is the baseline.
pub const LOADERS: [&str; 8] = [
    "hand-written",
    "hand-written-secret",
    "hivesync-env",
    "envconfig",
    "confique",
    "envy",
    "config",
    "figment",
];

/// The loader named in [`LOADERS`], as a function that runs it once on the process
/// environment and drops its natural result (the struct, or its error; for
/// hivesync-env the full `Report`), returning whether it built the struct.
pub fn loader(name: &str) -> Option<fn() -> bool> {
    use std::hint::black_box;
    fn ok<T, E>(result: Result<T, E>) -> bool {
        black_box(result).is_ok()
    }
    fn hivesync() -> bool {
        use hivesync_env::EnvContract;
        let profile = black_box(hivesync_env::Profile::Production);
        ok(hivesync_contracts::BackendEnv::from_env(profile))
    }
    Some(match name {
        "hand-written" => || ok(HandWritten::<String>::from_env()),
        "hand-written-secret" => || ok(HandWrittenSecret::from_env()),
        "hivesync-env" => hivesync,
        "envconfig" => || ok(envconfig()),
        "confique" => || ok(confique()),
        "envy" => || ok(envy()),
        "config" => || ok(config_rs()),
        "figment" => || ok(figment()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use hivesync_contracts::BackendEnv;
    use hivesync_env::source::MapSource;
    use hivesync_env::{EnvContract, ProblemKind, Profile};

    use super::{BACKEND, MISSING, Workload};

    /// The fixture names every variable of the contract, so the benchmark measures a
    /// full load: a contract edit that the fixture misses fails here, not in `cargo bench`.
    #[test]
    fn the_fixture_is_the_backend_contract() {
        let mut names: Vec<&str> = BACKEND.iter().map(|(k, _)| *k).collect();
        let mut declared: Vec<&str> = BackendEnv::CONTRACT
            .vars
            .iter()
            .map(|v| v.name.as_ref())
            .collect();
        names.sort_unstable();
        declared.sort_unstable();
        assert_eq!(names, declared);
    }

    #[test]
    fn the_success_environment_loads_and_the_error_one_misses_three() {
        for workload in Workload::ALL {
            let success: MapSource = workload.success_env().into_iter().collect();
            let report = BackendEnv::load_with_warnings(&success, Profile::Production)
                .map(|(_, warnings)| warnings)
                .unwrap_or_else(|report| panic!("{report}"));
            assert!(report.problems().is_empty(), "{report}");

            let error: MapSource = workload.error_env().into_iter().collect();
            let report = BackendEnv::load(&error, Profile::Production).unwrap_err();
            let missing: Vec<&str> = report
                .of_kind(ProblemKind::Missing)
                .map(|p| p.var.as_str())
                .collect();
            assert_eq!(missing, MISSING);
            assert_eq!(report.errors().count(), 3, "{report}");
        }
    }

    #[test]
    fn the_workloads_are_the_issues_34_and_234_variables() {
        for (workload, vars) in [(Workload::Container, 34), (Workload::Crowded, 234)] {
            assert_eq!(workload.success_env().len(), vars);
            assert_eq!(workload.vars(), vars);
            assert_eq!(Workload::from_vars(&vars.to_string()), Some(workload));
            assert_eq!(workload.error_env().len(), vars - MISSING.len());
        }
    }
}
