//! The near-miss search: names one or two edits from a contract name ("did you
//! mean"), and names a contract does not declare (`unknown`).
//!
//! It runs only on an error path or in `check`, never while a typed load succeeds:
//! it needs every name of the source, and listing the process environment copies
//! every name and value in it. A failed load from the process environment alone
//! reads the names in place instead ([`process_scan`]), and rules out nearly all of
//! them before any distance ([`NearFilter`]): a container holds hundreds.

use hivesync_env_core::{Contract, PROFILE_VAR, name_is_hidden};

use super::near_filter::{
    NearFilter, SLOTS, byte_set, closest_among, edits_apart, near_by_bytes, sets_near,
};
use crate::report::HIDDEN_NAME;
use crate::source::secret_file::{FILE_SUFFIX, file_var_stem};
use crate::source::{Origin, for_each_process_name};

/// A name the contract does not declare, and what the report says of it.
pub(super) struct Unknown {
    /// The name as the source has it, or [`HIDDEN_NAME`].
    pub name: String,
    pub message: String,
}

/// The names among `names` that `contract` does not declare, each with its message:
/// every one from a file or a map, and those of the process environment one or two
/// edits from a contract name. A secret's `NAME_FILE`, a client's forbidden names
/// (reported as leaks) and [`PROFILE_VAR`] are not unknown.
pub(super) fn unknown(contract: &Contract, names: &[(String, Origin)]) -> Vec<Unknown> {
    if names.is_empty() {
        return Vec::new();
    }
    // The work per name is kept to a few comparisons (see `closest`).
    let sets: Vec<Option<u64>> = contract
        .vars
        .iter()
        .map(|v| v.name.is_ascii().then(|| byte_set(v.name.as_bytes())))
        .collect();
    let mut found = Vec::new();
    for (name, origin) in names {
        if is_known(contract, name) {
            continue;
        }
        if name_is_hidden(name) {
            // A secret pasted on a line of its own (`c2VjcmV0...==` reads as a name),
            // or bytes that are no variable name: never printed.
            if *origin != Origin::Process {
                let message = format!(
                    "({origin}) assigns a name that is not shown: it is not a valid variable name or has the shape of a credential (a secret on a line of its own?)"
                );
                found.push(Unknown {
                    name: HIDDEN_NAME.to_owned(),
                    message,
                });
            }
            continue;
        }
        let guess = closest(contract, &sets, name);
        if let Some(message) = unknown_message(contract, origin, guess) {
            found.push(Unknown {
                name: name.clone(),
                message,
            });
        }
    }
    found
}

/// What one pass over the names of the process environment finds (see
/// [`process_scan`]).
pub(super) struct ProcessScan {
    /// The names one or two edits from a contract name that the contract does not
    /// declare, with their messages, sorted by name: what [`unknown`] finds among
    /// the names of `std::env::vars_os` (a name that is not UTF-8 is not one).
    pub near_misses: Vec<Unknown>,
    /// Bit `i`: the environment sets `NAME_FILE` for the secret variable `i`.
    pub secret_files: u64,
}

/// Lists the process environment's names in place (see
/// [`for_each_process_name`](crate::source::for_each_process_name)) for its near
/// misses and the secrets' `NAME_FILE`; `None` for a contract of more than 64 names
/// ([`NearFilter`]'s limit). Only for a source that is the process environment and
/// nothing else.
///
/// A name is copied only when it is reported. The filter rules out nearly every other
/// one on its length and a few bytes at each end; a name with no guess is never
/// reported, so the other tests run only for a name with one.
pub(super) fn process_scan(contract: &Contract) -> Option<ProcessScan> {
    let (mut front, mut back) = ([0; SLOTS], [0; SLOTS]);
    let filter = NearFilter::new(contract, &mut front, &mut back)?;
    let mut sets = [0; 64];
    let mut scan = ProcessScan {
        near_misses: Vec::new(),
        secret_files: 0,
    };
    for_each_process_name(|bytes| {
        if bytes.ends_with(FILE_SUFFIX.as_bytes()) {
            scan.secret_files |= secret_file_bit(contract, bytes);
        }
        let candidates = filter.candidates(bytes);
        if candidates == 0 || is_declared(contract, bytes, candidates) {
            return;
        }
        let candidates = near_by_bytes(contract, bytes, candidates, &mut sets);
        if candidates == 0 {
            return;
        }
        let Ok(name) = std::str::from_utf8(bytes) else {
            return;
        };
        let Some(guess) = closest_among(contract, name, candidates) else {
            return;
        };
        if is_known(contract, name) || name_is_hidden(name) {
            return;
        }
        if let Some(message) = unknown_message(contract, &Origin::Process, Some(guess)) {
            scan.near_misses.push(Unknown {
                name: name.to_owned(),
                message,
            });
        }
    });
    sort_by_name(&mut scan.near_misses);
    Some(scan)
}

/// Sorts `found` by name; stable, so one name from several layers keeps the layers'
/// order. One function for every list of unknown names: each `sort_by` closure would
/// be a copy of the standard library's stable sort in this crate's build.
pub(super) fn sort_by_name(found: &mut [Unknown]) {
    found.sort_by(|a, b| a.name.cmp(&b.name));
}

/// The bits of the secrets whose `NAME_FILE` is `name`: where `is_set(&ProcessEnv,
/// NAME_FILE)` is true. Never for a name with `=`, which `ProcessEnv` never looks up
/// (an environment's name holds one only as its first byte).
fn secret_file_bit(contract: &Contract, name: &[u8]) -> u64 {
    let stem = &name[..name.len() - FILE_SUFFIX.len()];
    if stem.is_empty() || name[0] == b'=' {
        return 0;
    }
    let mut bits = 0;
    for (i, v) in contract.vars.iter().enumerate() {
        if v.secret && v.name.as_bytes() == stem {
            bits |= 1 << i;
        }
    }
    bits
}

/// Whether `name` is the name of a variable among `candidates` (bits of
/// `contract.vars`; the filter's candidates hold every name equal to it): a name the
/// contract declares is never reported, and it is the most common name with
/// candidates, which this rules out before any distance.
fn is_declared(contract: &Contract, name: &[u8], mut candidates: u64) -> bool {
    while candidates != 0 {
        if contract.vars[candidates.trailing_zeros() as usize]
            .name
            .as_bytes()
            == name
        {
            return true;
        }
        candidates &= candidates - 1;
    }
    false
}

/// Whether `name` is declared, or otherwise expected beside the contract's names.
fn is_known(contract: &Contract, name: &str) -> bool {
    let is_secret_file = file_var_stem(name)
        .and_then(|base| contract.var(base))
        .is_some_and(|v| v.secret);
    is_secret_file
        || name == PROFILE_VAR
        || contract.var(name).is_some()
        || contract.forbidden.iter().any(|f| f == name)
}

/// What the report says of an undeclared name found at `origin`, one or two edits
/// from `guess`; `None` for an ambient process variable that is no near miss.
fn unknown_message(contract: &Contract, origin: &Origin, guess: Option<&str>) -> Option<String> {
    let component = &contract.component;
    Some(match (origin, guess) {
        (Origin::Process, None) => return None,
        (Origin::Process, Some(g)) => format!(
            "is set in the process environment but is not a {component} variable; did you mean {g}?"
        ),
        (_, Some(g)) => {
            format!("({origin}) is not declared by the {component} contract; did you mean {g}?")
        }
        (_, None) => format!(
            "({origin}) is not declared by the {component} contract: remove it, or declare it in {}",
            contract.file
        ),
    })
}

/// The name of `names` one or two edits from `name` (the fewest edits, then the
/// first in byte order), leaving out names that are not shown: what `consistency`
/// suggests for a name that is not set.
pub(crate) fn nearest_set_name(name: &str, names: Vec<String>) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for n in names {
        if name_is_hidden(&n) {
            continue;
        }
        let Some(d) = edits_apart(&n, name) else {
            continue;
        };
        if best.as_ref().is_none_or(|(bd, bn)| (d, &n) < (*bd, bn)) {
            best = Some((d, n));
        }
    }
    best.map(|(_, n)| n)
}

/// The contract name one or two edits from `name`, if any: the fewest edits, then the
/// first in contract order. `sets` holds the [`byte_set`] of each contract name
/// (`None` for a non-ASCII one), which rule most ASCII names out before the distance
/// (see [`closest_among`], which does the same among the names a filter lets
/// through).
fn closest<'c>(contract: &'c Contract, sets: &[Option<u64>], name: &str) -> Option<&'c str> {
    let set = name.is_ascii().then(|| byte_set(name.as_bytes()));
    let mut best: Option<(usize, &str)> = None;
    for (v, other) in contract.vars.iter().zip(sets) {
        if let (Some(set), Some(other)) = (set, other) {
            if !sets_near(set, *other) {
                continue;
            }
        }
        let Some(d) = edits_apart(&v.name, name) else {
            continue;
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, v.name.as_ref()));
        }
    }
    best.map(|(_, n)| n)
}

#[cfg(all(test, target_os = "linux"))]
mod tests;
