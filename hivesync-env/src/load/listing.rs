//! The CLI's check listing: [`check`] resolves a contract's variables as a load does,
//! always scans for unknown names and near misses, and lists every variable with
//! where its value came from ([`VarStatus`]), showing no secret's value.

use hivesync_env_core::{Contract, Profile, Var};
use zeroize::Zeroize;

use super::Loader;
use crate::report::{ProblemKind, Report};
use crate::source::{Origin, Source};

/// One variable as `hivesync-env check` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VarStatus {
    /// The variable's name.
    pub name: String,
    /// Whether it is a secret; its value is then never shown.
    pub secret: bool,
    /// Where the value came from.
    #[cfg_attr(
        feature = "serde",
        serde(rename = "source", serialize_with = "serialize_origin")
    )]
    pub origin: Origin,
    /// The value, for non-secrets only, and not when it is hidden as a `leak`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub value: Option<String>,
    /// What can be said of the value without showing it: set, empty, not set, not
    /// UTF-8 or unreadable. A listing shows an empty or unreadable secret as such.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub state: ValueState,
    /// Whether a value that is not a secret's is hidden: it holds a secret's value or
    /// has the shape of a credential (a `leak` problem says which).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub hidden: bool,
}

/// What [`VarStatus::state`] says of a value, without showing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueState {
    /// A value that is not empty.
    Set,
    /// Set to the empty string.
    Empty,
    /// Neither set nor defaulted.
    NotSet,
    /// Set, but not valid UTF-8 (`not_unicode`).
    NotUnicode,
    /// Named by `NAME_FILE`, but the file cannot be read (`unreadable`).
    Unreadable,
}

#[cfg(feature = "serde")]
fn serialize_origin<S: serde::Serializer>(o: &Origin, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(o.kind())
}

fn value_state(value: Option<&str>, report: &Report, name: &str) -> ValueState {
    let has = |kind| report.of_kind(kind).any(|p| p.var == name);
    match value {
        Some("") => ValueState::Empty,
        Some(_) => ValueState::Set,
        None if has(ProblemKind::Unreadable) => ValueState::Unreadable,
        None if has(ProblemKind::NotUnicode) => ValueState::NotUnicode,
        None => ValueState::NotSet,
    }
}

/// The result of [`check`]: the report, and every variable with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Every problem.
    pub report: Report,
    /// Every variable of the contract, in contract order.
    pub vars: Vec<VarStatus>,
}

/// Checks `source` against `contract` in `profile` without building a typed struct:
/// what `hivesync-env check` runs. It always scans for unknown names and near misses.
///
/// ```
/// use hivesync_env::{Profile, check, source::MapSource};
/// # let contract = hivesync_env::__private::demo_contract();
/// let env = MapSource::new("test").with("PORT", "http");
/// let checked = check(&contract, &env, Profile::Local);
/// assert!(!checked.report.is_ok());
/// assert_eq!(
///     checked.report.problems()[0].to_string(),
///     "error[invalid] PORT: expected a port number (1-65535), found `http`"
/// );
/// ```
pub fn check(contract: &Contract, source: &dyn Source, profile: Profile) -> Checked {
    let mut loader = Loader::build(contract, source, profile, true);
    loader.scan_unknown();
    loader.report.sort();
    let report = &loader.report;
    let origins = loader.origins.take().unwrap_or_default();
    let vars = contract
        .vars
        .iter()
        .zip(loader.slots.iter_mut())
        .zip(origins)
        .map(|((var, slot), origin)| status(var, &mut slot.value, origin, report))
        .collect();
    Checked {
        report: loader.report,
        vars,
    }
}

/// How the listing shows `var`, whose resolved value is taken from `value` (or wiped
/// there when it is not shown).
fn status(var: &Var, value: &mut Option<String>, origin: Origin, report: &Report) -> VarStatus {
    // A value reported as a leak (a copy of a secret, or a credential where none
    // belongs) is shown as nothing, like a secret: the report says why.
    let leak = report
        .of_kind(ProblemKind::Leak)
        .any(|p| p.var == var.name.as_ref());
    let state = value_state(value.as_deref(), report, &var.name);
    let shown = if var.secret || leak {
        // Wipe it now.
        if let Some(v) = value {
            v.zeroize();
        }
        None
    } else {
        value.take()
    };
    VarStatus {
        name: var.name.to_string(),
        secret: var.secret,
        origin,
        value: shown,
        state,
        hidden: leak && !var.secret,
    }
}
