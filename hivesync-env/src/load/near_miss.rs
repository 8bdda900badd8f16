//! The near-miss search: names one or two edits from a contract name ("did you
//! mean"), and names a contract does not declare (`unknown`).
//!
//! It runs only on an error path or in `check`, never while a typed load succeeds:
//! it needs every name of the source, and listing the process environment copies
//! every name and value in it.

use hivesync_env_core::{Contract, PROFILE_VAR, name_is_hidden};

use crate::report::HIDDEN_NAME;
use crate::source::Origin;
use crate::source::secret_file::file_var_stem;

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
        .map(|v| v.name.is_ascii().then(|| byte_set(&v.name)))
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
    names
        .into_iter()
        .filter(|n| !name_is_hidden(n))
        .filter_map(|n| edits_apart(&n, name).map(|d| (d, n)))
        .min()
        .map(|(_, n)| n)
}

/// The number of edits between `a` and `b` when it is one or two.
fn edits_apart(a: &str, b: &str) -> Option<usize> {
    if a.len().abs_diff(b.len()) > 2 {
        return None;
    }
    Some(crate::levenshtein::levenshtein(a, b)).filter(|d| (1..=2).contains(d))
}

/// The contract name one or two edits from `name`, if any. `sets` holds the
/// [`byte_set`] of each contract name (`None` for a non-ASCII one).
///
/// It runs for every name of the source, hundreds in a container, so most names are
/// ruled out without computing a distance: by length, and for ASCII names by the
/// bytes they hold (an edit adds at most one byte value the other name lacks, so two
/// names more than two such values apart are more than two edits apart).
fn closest<'c>(contract: &'c Contract, sets: &[Option<u64>], name: &str) -> Option<&'c str> {
    let set = name.is_ascii().then(|| byte_set(name));
    contract
        .vars
        .iter()
        .zip(sets)
        .filter(|(_, other)| match (set, other) {
            (Some(set), Some(other)) => {
                (set & !other).count_ones() <= 2 && (other & !set).count_ones() <= 2
            }
            _ => true,
        })
        .filter_map(|(v, _)| edits_apart(&v.name, name).map(|d| (d, v.name.as_ref())))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// The byte values of `s`, folded into 64 bits: one bit may stand for several
/// values, which only lets more pairs through to the exact distance.
fn byte_set(s: &str) -> u64 {
    s.bytes().fold(0, |set, b| set | 1 << (b & 63))
}
