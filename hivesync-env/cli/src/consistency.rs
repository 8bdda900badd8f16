//! `hivesync-env consistency`: the relations between backend and workers, as declared in
//! the contracts (`equals`), checked on two env files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hivesync_env::Profile;
use hivesync_env::consistency::{Environments, RelationProblemKind, check_relations, relations};
use hivesync_env::source::{EnvFile, Layered, MapSource, SecretsDir, Source};
use hivesync_env_core::ContractSet;

use crate::terminal::escape_message;
use crate::{exit, output};

/// Arguments of `hivesync-env consistency`.
#[derive(Debug, clap::Args)]
pub struct ConsistencyArgs {
    /// The backend's env file.
    #[arg(long, value_name = "FILE")]
    pub backend: PathBuf,
    /// The workers' env file (their vars and secrets, as `.dev.vars` holds them).
    #[arg(long, value_name = "FILE")]
    pub workers: PathBuf,
    /// The profile (`local`, `docker`, `production`) whose contract defaults apply to
    /// unset variables.
    #[arg(long, default_value = "local", value_parser = crate::args::profile())]
    pub profile: Profile,
    /// A folder of secret files, `DIR/<name in lowercase>` (what `init --secrets-dir`
    /// writes): supplies each secret not set in the env files.
    #[arg(long, value_name = "DIR")]
    pub secrets_dir: Option<PathBuf>,
}

/// Runs `hivesync-env consistency`: exit 0 when every relation holds, 1 when one does
/// not, 2 when a file cannot be read.
pub fn run(set: &ContractSet, args: &ConsistencyArgs) -> ExitCode {
    let read = |path: &PathBuf| {
        EnvFile::read(path).map_err(|e| {
            output::error(escape_message(&e.to_string()));
            exit::usage()
        })
    };
    let backend = match read(&args.backend) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let workers = match read(&args.workers) {
        Ok(f) => f,
        Err(code) => return code,
    };
    for component in ["backend", "workers"] {
        if set.get(component).is_none() {
            output::error(format_args!(
                "the contracts have no `{component}` component"
            ));
            return exit::usage();
        }
    }
    let backend = with_secrets(set, "backend", backend, args.secrets_dir.as_deref());
    let workers = with_secrets(set, "workers", workers, args.secrets_dir.as_deref());
    let (backend, workers) = match (backend, workers) {
        (Ok(backend), Ok(workers)) => (backend, workers),
        (backend, workers) => {
            for e in [backend.err(), workers.err()].into_iter().flatten() {
                output::error(escape_message(&e));
            }
            return exit::usage();
        }
    };
    // Read as `check` reads them: `NAME_FILE`, `not_unicode`, near misses.
    let envs = Environments::new()
        .with_source("backend", &backend)
        .with_source("workers", &workers);
    let problems = check_relations(set.contracts(), &envs, args.profile);
    let checked = relations(set.contracts())
        .into_iter()
        .filter(|r| r.component == "backend" || r.component == "workers")
        .count();
    for p in &problems {
        let line = format!("{}: {}", p.kind.as_str(), escape_message(&p.to_string()));
        output::problem(&line, p.kind.as_str());
    }
    let unreadable = problems
        .iter()
        .any(|p| p.kind == RelationProblemKind::Unreadable);
    if problems.is_empty() {
        output::status(format_args!(
            "consistency: {checked} relations between backend and workers hold (profile {})",
            args.profile
        ));
        exit::OK
    } else {
        output::status_err(format_args!(
            "consistency: {} of {checked} relations do not hold",
            problems.len()
        ));
        // A secret file that cannot be read is a file error, as in `check`.
        if unreadable {
            exit::usage()
        } else {
            exit::FAILED
        }
    }
}

/// `component`'s environment: `file`, over the files in `secrets_dir` of the secrets
/// of the component it does not set (read now, so an unreadable file is an error
/// before any relation is checked).
fn with_secrets(
    set: &ContractSet,
    component: &str,
    file: EnvFile,
    secrets_dir: Option<&Path>,
) -> Result<Layered, String> {
    let mut secrets = MapSource::new("secrets dir");
    if let (Some(dir), Some(contract)) = (secrets_dir, set.get(component)) {
        let folder = SecretsDir::new(MapSource::new("none"), dir);
        for var in contract.secrets() {
            if file.get(&var.name).is_none() {
                if let Some(value) = folder.read(&var.name)? {
                    secrets.insert(var.name.to_string(), value.as_str());
                }
            }
        }
    }
    // Later layers win: the file over the folder.
    Ok(Layered::new().with(secrets).with(file))
}
