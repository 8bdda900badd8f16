//! Which contracts the CLI works with: the built-in ones, or `--contracts DIR`.

use std::path::Path;
use std::process::ExitCode;

use hivesync_env_core::{Contract, ContractErrors, ContractSet};

use crate::{exit, output};

/// The contracts built into this binary, or those of `dir`.
pub fn load(dir: Option<&Path>) -> Result<ContractSet, ContractErrors> {
    match dir {
        Some(dir) => ContractSet::from_dir(dir),
        None => ContractSet::parse(hivesync_contracts::SOURCES.iter().copied()),
    }
}

/// The contract of `component`, or a usage error that lists the known components.
pub fn find<'a>(set: &'a ContractSet, component: &str) -> Result<&'a Contract, ExitCode> {
    set.get(component).ok_or_else(|| {
        let known: Vec<&str> = set
            .contracts()
            .iter()
            .map(|c| c.component.as_ref())
            .collect();
        output::error(format_args!(
            "unknown component `{component}`: expected one of {}",
            known.join(", ")
        ));
        exit::usage()
    })
}

/// `hivesync-env contracts`: one line per component.
pub fn list(set: &ContractSet) -> ExitCode {
    println!(
        "{:<10} {:<8} {:>4} {:>7}  file",
        "component", "audience", "vars", "secrets"
    );
    for c in set.contracts() {
        println!(
            "{:<10} {:<8} {:>4} {:>7}  {}",
            c.component,
            c.audience,
            c.vars.len(),
            c.secrets().count(),
            c.file
        );
    }
    exit::OK
}
