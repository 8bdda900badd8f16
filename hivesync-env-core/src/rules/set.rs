//! The rules across contracts: one contract per component, a secret is a secret in
//! every contract, a relation names what exists.

use std::collections::BTreeSet;

use crate::parse::ContractError;
use crate::{CLIENT_COMPONENTS, Contract, Template};

/// Every rule across `contracts`.
pub(super) fn rules(contracts: &[Contract]) -> Vec<ContractError> {
    let mut out = Vec::new();
    one_contract_per_component(contracts, &mut out);
    relations_name_what_exists(contracts, &mut out);
    secret_everywhere(contracts, &mut out);
    out
}

fn error(c: &Contract, line: u32, message: String) -> ContractError {
    ContractError {
        file: c.file.to_string(),
        line,
        message,
    }
}

/// A component has one contract. Rejects `component = "backend"` in two files.
fn one_contract_per_component(contracts: &[Contract], out: &mut Vec<ContractError>) {
    let mut seen = BTreeSet::new();
    for c in contracts {
        if !seen.insert(&c.component) {
            let message = format!("a second contract for component `{}`", c.component);
            out.push(error(c, 1, message));
        }
    }
}

/// An `equals` template names components and variables that exist. Rejects
/// `equals = "{backend.BASE_UR}/callback"`.
fn relations_name_what_exists(contracts: &[Contract], out: &mut Vec<ContractError>) {
    for c in contracts {
        for var in c.vars.iter() {
            let Some(template) = &var.equals else {
                continue;
            };
            for problem in check_template(template, contracts) {
                let message = format!("`equals` of {}: {problem}", var.name);
                out.push(error(c, var.line, message));
            }
        }
    }
}

fn check_template(template: &Template, contracts: &[Contract]) -> Vec<String> {
    let mut problems = Vec::new();
    for (component, name) in template.references() {
        match contracts.iter().find(|c| c.component == component) {
            None => problems.push(format!("no component `{component}`")),
            Some(c) if c.var(name).is_none() => {
                problems.push(format!("component `{component}` declares no {name}"))
            }
            Some(_) => {}
        }
    }
    problems
}

/// A name that is a secret in one contract is a secret in every contract that
/// declares it, whatever its audience: the backend's JWT_SECRET cannot be a plain
/// `wrangler.toml` var of the workers, nor a public value of a client.
///
/// Rejects `JWT_SECRET` with `secret = true` in `backend.toml` and without it in
/// `workers.toml`.
fn secret_everywhere(contracts: &[Contract], out: &mut Vec<ContractError>) {
    for c in contracts {
        for var in c.vars.iter().filter(|v| !v.secret) {
            let others = contracts.iter().filter(|o| o.component != c.component);
            for other in others.filter(|o| o.var(&var.name).is_some_and(|v| v.secret)) {
                let message = if c.is_client() {
                    format!(
                        "client variable {} is a secret in the {} contract ({}): secrets must never reach {CLIENT_COMPONENTS}",
                        var.name, other.component, other.file
                    )
                } else {
                    format!(
                        "variable {} is public here but a secret in the {} contract ({}): mark it `secret = true` here too",
                        var.name, other.component, other.file
                    )
                };
                out.push(ContractError {
                    file: c.file.to_string(),
                    line: var.line,
                    message,
                });
            }
        }
    }
}
