//! Which contracts the CLI works with: the ones compiled into `hivesync-contracts`
//! ([`hivesync_contracts::contracts`], labelled `contracts/<component>.toml` as in the
//! repository), or those of `--contracts DIR` (labelled `DIR/<file>`, the path as
//! typed). Neither depends on the current directory.

use std::borrow::Cow;
use std::path::Path;
use std::process::ExitCode;

use hivesync_env_core::{Contract, ContractErrors, ContractSet};

use crate::terminal::escape;
use crate::{exit, output};

/// The contracts built into this binary, or those of `dir`.
pub fn load(dir: Option<&Path>) -> Result<Cow<'static, ContractSet>, ContractErrors> {
    match dir {
        Some(dir) => ContractSet::from_dir(dir).map(Cow::Owned),
        None => Ok(Cow::Borrowed(hivesync_contracts::contracts())),
    }
}

/// The contract of `component`, or a usage error that lists the known components.
pub fn find<'a>(set: &'a ContractSet, component: &str) -> Result<&'a Contract, ExitCode> {
    set.get(component).ok_or_else(|| {
        output::error(unknown(set, component));
        exit::usage()
    })
}

/// `Ok` when `component` has a contract, else the message [`find`] prints.
pub fn known(set: &ContractSet, component: &str) -> Result<(), String> {
    match set.get(component) {
        Some(_) => Ok(()),
        None => Err(unknown(set, component)),
    }
}

/// `unknown component `x`: expected one of backend, workers, ...`.
fn unknown(set: &ContractSet, component: &str) -> String {
    let known: Vec<&str> = set
        .contracts()
        .iter()
        .map(|c| c.component.as_ref())
        .collect();
    format!(
        "unknown component `{}`: expected one of {}",
        escape(component),
        known.join(", ")
    )
}

/// `hivesync-env contracts`: one line per component, in columns as wide as their
/// widest cell.
pub fn list(set: &ContractSet) -> ExitCode {
    let header = ["component", "audience", "vars", "secrets", "file"].map(str::to_owned);
    let mut rows = vec![header];
    for c in set.contracts() {
        rows.push([
            escape(&c.component).into_owned(),
            c.audience.to_string(),
            c.vars.len().to_string(),
            c.secrets().count().to_string(),
            escape(&c.file).into_owned(),
        ]);
    }
    let width = |col: usize| {
        rows.iter()
            .map(|r| r[col].chars().count())
            .max()
            .unwrap_or(0)
    };
    let w = [width(0), width(1), width(2), width(3)];
    for [component, audience, vars, secrets, file] in &rows {
        outln!(
            "{component:<w0$}  {audience:<w1$}  {vars:>w2$}  {secrets:>w3$}  {file}",
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3],
        );
    }
    exit::OK
}
