//! Resolving a contract's variables from a source, and every check on the values.
//!
//! For each declared variable, in contract order, the loader:
//!
//! 1. looks the name up in the source, once. Only when a secret `NAME` is absent does
//!    it look up `NAME_FILE`, the Docker secrets convention:
//!    `JWT_SECRET_FILE=/run/secrets/jwt` supplies JWT_SECRET from that file, trailing
//!    newlines trimmed; a file that cannot be read, or is not a regular file of at
//!    most 64 KiB, is `unreadable` (the message names the path, never the content);
//! 2. falls back to the contract's default for the profile, or reports `missing`;
//! 3. checks the value: `not_unicode`, `placeholder`, `invalid` (type, allowed values,
//!    bounds), `insecure` (an http URL that must be https, in `production`), `weak` (a
//!    secret shorter than its `min_len`), and `leak` for a value that is not a
//!    secret's and has a credential's shape (an error in a `client` component, a
//!    warning elsewhere; hidden in both).
//!
//! Then the values are compared with each other (`load/cross.rs`): a public value that
//! equals or contains a secret's value is a `leak`, a secret equal to a public value is
//! `weak`. A client component's environment is also searched for every name that is a
//! secret in another contract (`leak`).
//!
//! # What needs every name of the source
//!
//! Unknown names and near misses (`unknown`, "did you mean"), and a secret set both as
//! `NAME` and as `NAME_FILE` (`conflict`), are found by [`Loader::scan_unknown`] from
//! the list of every name in the source, not by extra lookups. [`check`] (what
//! `hivesync-env check` runs) always scans. A typed load
//! ([`EnvContract::load`](crate::EnvContract::load)) scans only when it has already
//! failed, to help fix the report: a successful load reads each declared variable
//! once and never lists the environment, so it does not see a `NAME_FILE` left beside
//! a set `NAME` (it uses `NAME`); run `hivesync-env check` before a deploy for that.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

mod cross;

use hivesync_env_core::{
    Contract, Var, check_value_with, found, looks_like_credential, name_is_hidden,
};
use zeroize::Zeroize;

use crate::Profile;
use crate::report::{ProblemKind, Report, Severity};
use crate::source::{Lookup, NotUnicode, Origin, Source};

/// One variable after resolution.
struct Slot {
    value: Option<String>,
    /// Whether a typed field may be built from the value: it is present and passed
    /// every check that makes it unusable.
    usable: bool,
    /// Whether the value is a secret's, wiped when the slot is dropped.
    secret: bool,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if self.secret {
            if let Some(value) = &mut self.value {
                value.zeroize();
            }
        }
    }
}

/// Resolves and checks a contract's variables. The derive's generated `load` drives
/// it; [`check`] uses it for the CLI. Not part of the stable API.
#[doc(hidden)]
pub struct Loader<'a> {
    contract: &'a Contract,
    source: &'a dyn Source,
    profile: Profile,
    slots: Vec<Slot>,
    /// Where each value came from; kept only for [`check`], which shows it.
    origins: Option<Vec<Origin>>,
    /// Whether this is a typed load: when it fails from a source that includes the
    /// process environment, that environment is searched for near misses only.
    typed: bool,
    report: Report,
}

impl<'a> Loader<'a> {
    /// Resolves every variable of `contract` from `source` and checks the values.
    pub fn new(
        contract: &'static Contract,
        source: &'a dyn Source,
        profile: Profile,
    ) -> Loader<'a> {
        let mut loader = Loader::build(contract, source, profile, false);
        loader.typed = true;
        loader
    }

    fn build(
        contract: &'a Contract,
        source: &'a dyn Source,
        profile: Profile,
        keep_origins: bool,
    ) -> Loader<'a> {
        let mut loader = Loader {
            contract,
            source,
            profile,
            slots: Vec::with_capacity(contract.vars.len()),
            origins: keep_origins.then(|| Vec::with_capacity(contract.vars.len())),
            typed: false,
            report: Report::new(contract.component.clone(), profile),
        };
        let mut file_name = String::new();
        for var in contract.vars.iter() {
            let (value, usable, origin) = loader.resolve(var, &mut file_name);
            loader.slots.push(Slot {
                value,
                usable,
                secret: var.secret,
            });
            if let Some(origins) = &mut loader.origins {
                origins.push(origin);
            }
        }
        loader.check_across_values();
        if contract.is_client() {
            loader.check_forbidden();
        }
        loader
    }

    fn problem(&mut self, var: &Var, kind: ProblemKind, severity: Severity, message: String) {
        self.report.push(&var.name, kind, severity, message);
    }

    /// The value of `var`, whether a field may be built from it, and its origin.
    fn resolve(&mut self, var: &Var, file_name: &mut String) -> (Option<String>, bool, Origin) {
        let unusable = |origin| (None, false, origin);
        let lookup = match self.source.get(&var.name) {
            Some(direct) => direct,
            // One read per declared variable: `NAME_FILE` only when `NAME` is absent.
            // Both set is a conflict that `scan_unknown` finds from the source's names.
            None if var.secret => {
                file_name.clear();
                file_name.push_str(&var.name);
                file_name.push_str("_FILE");
                let Some(file) = self.source.get(file_name) else {
                    return self.fallback(var);
                };
                match self.read_secret_file(var, file) {
                    Ok(lookup) => lookup,
                    Err(origin) => return unusable(origin),
                }
            }
            None => return self.fallback(var),
        };
        let value = match lookup.value {
            Ok(v) => v,
            Err(NotUnicode) => {
                self.problem(
                    var,
                    ProblemKind::NotUnicode,
                    Severity::Error,
                    "is not valid UTF-8".to_owned(),
                );
                return unusable(lookup.origin);
            }
        };
        let usable = self.check_value(var, &value);
        (Some(value), usable, lookup.origin)
    }

    fn fallback(&mut self, var: &Var) -> (Option<String>, bool, Origin) {
        if let Some(default) = var.default_for(self.profile) {
            return (Some(default.to_owned()), true, Origin::Default);
        }
        if !var.optional {
            let message = format!(
                "not set, and required in profile {}: {}",
                self.profile, var.description
            );
            self.problem(var, ProblemKind::Missing, Severity::Error, message);
        }
        (None, var.optional, Origin::Unset)
    }

    /// Reads the Docker secret file `NAME_FILE` names. On failure the problem is
    /// reported and the origin returned.
    fn read_secret_file(&mut self, var: &Var, file: Lookup) -> Result<Lookup, Origin> {
        let Ok(path) = file.value else {
            let message = format!("{}_FILE is not valid UTF-8", var.name);
            self.problem(var, ProblemKind::NotUnicode, Severity::Error, message);
            return Err(file.origin);
        };
        let origin = Origin::SecretFile(Arc::from(Path::new(&path)));
        match secret_file_value(Path::new(&path)) {
            Ok(value) => Ok(Lookup { value, origin }),
            Err(e) => {
                let message = format!("{}_FILE names {path}, which cannot be read: {e}", var.name);
                self.problem(var, ProblemKind::Unreadable, Severity::Error, message);
                Err(origin)
            }
        }
    }

    /// Runs every value check ([`check_value_with`]) and reports what it finds; false
    /// when the value cannot be used for a field.
    fn check_value(&mut self, var: &Var, value: &str) -> bool {
        let (contract, profile) = (self.contract, self.profile);
        let report = &mut self.report;
        check_value_with(value, var, profile, contract.audience, |problem| {
            let severity = if problem.is_error(profile) {
                Severity::Error
            } else {
                Severity::Warning
            };
            let message = problem.message(var, value, profile, &contract.component);
            report.push(&var.name, ProblemKind::from(problem), severity, message);
        })
    }

    fn check_forbidden(&mut self) {
        for name in self.contract.forbidden.iter() {
            if self.source.get(name).is_some() {
                let message = format!(
                    "is a secret of a server component and is set in the {} environment, which ships to users: remove it",
                    self.contract.component
                );
                self.report
                    .push(name, ProblemKind::Leak, Severity::Error, message);
            }
        }
    }

    /// Reports names the contract does not declare: every one from an env file or a
    /// map, and process variables one or two edits from a contract name. Reports a
    /// secret set both as `NAME` and as `NAME_FILE` as a `conflict`, in place of any
    /// other problem of that variable.
    pub fn scan_unknown(&mut self) {
        self.find_conflicts();
        let names = self.source.names();
        self.report_unknown(&names);
    }

    /// Reports every secret set both as `NAME` and as `NAME_FILE`. The loader reads
    /// `NAME_FILE` only when `NAME` is absent, so this reads it again for each secret
    /// that was found (a missing one cannot conflict), and `NAME` only when
    /// `NAME_FILE` is set. It runs only in [`check`] and after a load has failed.
    fn find_conflicts(&mut self) {
        let contract = self.contract;
        let mut file_name = String::new();
        for (index, var) in contract.vars.iter().enumerate().filter(|(_, v)| v.secret) {
            let slot = &self.slots[index];
            if slot.value.is_none()
                && !slot.usable
                && self
                    .report
                    .of_kind(ProblemKind::Missing)
                    .any(|p| p.var == var.name.as_ref())
            {
                continue;
            }
            file_name.clear();
            file_name.push_str(&var.name);
            file_name.push_str("_FILE");
            if self.source.get(&file_name).is_some() && self.source.get(&var.name).is_some() {
                self.conflict(index);
            }
        }
    }

    /// Reports each of `names` the contract does not declare (see [`unknown`]).
    fn report_unknown(&mut self, names: &[(String, Origin)]) {
        let mut found = unknown(self.contract, names);
        // By name; stable, so one name from several layers keeps the layers' order.
        found.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, message) in found {
            self.report
                .push(&name, ProblemKind::Unknown, Severity::Warning, message);
        }
    }

    /// Both `NAME` and `NAME_FILE` are set for the secret `index`: the value is not
    /// used, and the conflict replaces whatever was reported about it, in contract
    /// order.
    fn conflict(&mut self, index: usize) {
        let var = &self.contract.vars[index];
        self.slots[index].usable = false;
        let message = format!("both {0} and {0}_FILE are set: keep one of them", var.name);
        self.replace_problems(index, ProblemKind::Conflict, message);
    }

    /// An error that replaces whatever was reported about the variable `index`, at its
    /// place in contract order (before later variables and the unknown names).
    fn replace_problems(&mut self, index: usize, kind: ProblemKind, message: String) {
        let contract = self.contract;
        let after = |p: &crate::Problem| {
            contract
                .position(&p.var)
                .is_none_or(|i| i > index || p.kind == ProblemKind::Unknown)
        };
        // The value is not used: a field never parses it, so no parse error can quote it.
        self.slots[index].usable = false;
        let name = &contract.vars[index].name;
        self.report
            .replace(name, kind, Severity::Error, message, after);
    }

    /// The typed value of variable `index`, parsed with `FromStr`. `None` when it is
    /// missing, unusable or does not parse (the problem is then in the report).
    pub fn field<T: FromStr>(&mut self, index: usize) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        self.parse_with(index, |s| s.parse::<T>().map_err(|e| e.to_string()))
    }

    /// The value of variable `index` moved into a field that holds the string as is
    /// (`String`, `PathBuf`, `Secret<String>`): no copy, nothing to parse. `None`
    /// when it is missing or unusable (the problem is then in the report).
    pub fn owned_field<T: FromOwned>(&mut self, index: usize) -> Option<T> {
        let slot = &mut self.slots[index];
        if !slot.usable {
            return None;
        }
        slot.value.take().map(T::from_owned)
    }

    /// Like [`Loader::owned_field`] for an optional variable.
    pub fn optional_owned_field<T: FromOwned>(&mut self, index: usize) -> Option<Option<T>> {
        if self.slots[index].value.is_none() && self.slots[index].usable {
            return Some(None);
        }
        self.owned_field(index).map(Some)
    }

    /// Like [`Loader::field`] for an optional variable: `Some(None)` when it is unset.
    pub fn optional_field<T: FromStr>(&mut self, index: usize) -> Option<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        if self.slots[index].value.is_none() && self.slots[index].usable {
            return Some(None);
        }
        self.field(index).map(Some)
    }

    /// Like [`Loader::parse_with`] for an optional variable.
    pub fn optional_parse_with<T>(
        &mut self,
        index: usize,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        if self.slots[index].value.is_none() && self.slots[index].usable {
            return Some(None);
        }
        self.parse_with(index, parse).map(Some)
    }

    /// Parses variable `index` with `parse`; a parse error becomes an `invalid`
    /// problem that quotes the value only when it is not a secret.
    pub fn parse_with<T>(
        &mut self,
        index: usize,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let slot = &self.slots[index];
        if !slot.usable {
            return None;
        }
        let value = slot.value.as_deref()?;
        match parse(value) {
            Ok(v) => Some(v),
            Err(e) => {
                let var = &self.contract.vars[index];
                // A field's own parse error may quote its input: neither is shown for a
                // secret, nor for a public value with a credential's shape (reported
                // as such already, and hidden everywhere else).
                let hidden = if var.secret {
                    Some("secret")
                } else if looks_like_credential(value) {
                    Some("it has the shape of a credential")
                } else {
                    None
                };
                let message = if let Some(why) = hidden {
                    format!(
                        "expected {}; the value did not parse (not shown: {why})",
                        var.expected()
                    )
                } else {
                    format!(
                        "expected {}, found {}: {e}",
                        var.expected(),
                        found(var, value)
                    )
                };
                self.report
                    .push(&var.name, ProblemKind::Invalid, Severity::Error, message);
                None
            }
        }
    }

    /// The report: `Err` when any problem is an error (after scanning for unknown
    /// names and near misses, to help fix it), `Ok` with the warnings otherwise. The
    /// success path never lists the source's names.
    pub fn finish(mut self) -> Result<Report, Report> {
        if self.report.is_ok() {
            self.report.sort();
            return Ok(self.report);
        }
        if self.typed && self.source.includes_process() {
            self.find_conflicts();
            let names = self.source.dedicated_names();
            self.report_unknown(&names);
            self.report_process_near_misses();
        } else {
            self.scan_unknown();
        }
        self.report.sort();
        Err(self.report)
    }

    /// Reports the process variables one or two edits from a contract name, sorted by
    /// name, leaving out names reported already (a name a file sets too).
    fn report_process_near_misses(&mut self) {
        let mut names = self.source.names();
        names.retain(|(_, origin)| *origin == Origin::Process);
        let mut found = unknown(self.contract, &names);
        found.retain(|(name, _)| !self.report.problems().iter().any(|p| p.var == *name));
        found.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, message) in found {
            self.report
                .push(&name, ProblemKind::Unknown, Severity::Warning, message);
        }
    }
}

/// The largest Docker secret file the loader reads. A secret is far smaller; a
/// device such as `/dev/zero` must not be read forever.
const SECRET_FILE_LIMIT: u64 = 64 * 1024;

/// The bytes of a Docker secret file: a regular file (not a FIFO, which would block,
/// a device or a `/proc` file) of at most [`SECRET_FILE_LIMIT`] bytes.
pub(crate) fn read_secret_file(path: &Path) -> std::io::Result<Vec<u8>> {
    crate::bounded_read::read(path, SECRET_FILE_LIMIT)
}

/// The value of the Docker secret file at `path`, trailing newlines trimmed; `Err`
/// inside when it is not UTF-8 (its bytes are wiped).
pub(crate) fn secret_file_value(path: &Path) -> std::io::Result<Result<String, NotUnicode>> {
    let bytes = read_secret_file(path)?;
    Ok(match String::from_utf8(bytes) {
        Ok(mut s) => {
            let keep = s.trim_end_matches(['\n', '\r']).len();
            s.truncate(keep);
            Ok(s)
        }
        Err(e) => {
            zeroize::Zeroize::zeroize(&mut e.into_bytes());
            Err(NotUnicode)
        }
    })
}

/// What a report shows in place of a name that [`name_is_hidden`].
pub(crate) const HIDDEN_NAME: &str = "(a name not shown)";

/// The names among `names` that `contract` does not declare, each with its message:
/// every one from a file or a map, and those of the process environment one or two
/// edits from a contract name. A secret's `NAME_FILE`, a client's forbidden names
/// (reported as leaks) and [`PROFILE_VAR`](crate::PROFILE_VAR) are not unknown.
fn unknown(contract: &Contract, names: &[(String, Origin)]) -> Vec<(String, String)> {
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
        let is_secret_file = name
            .strip_suffix("_FILE")
            .and_then(|base| contract.var(base))
            .is_some_and(|v| v.secret);
        if is_secret_file
            || name == crate::PROFILE_VAR
            || contract.var(name).is_some()
            || contract.forbidden.iter().any(|f| f == name)
        {
            continue;
        }
        if name_is_hidden(name) {
            // A secret pasted on a line of its own (`c2VjcmV0...==` reads as a name),
            // or bytes that are no variable name: never printed.
            if *origin != Origin::Process {
                let message = format!(
                    "({origin}) assigns a name that is not shown: it is not a valid variable name or has the shape of a credential (a secret on a line of its own?)"
                );
                found.push((HIDDEN_NAME.to_owned(), message));
            }
            continue;
        }
        let guess = closest(contract, &sets, name);
        let message = match (origin, guess) {
            (Origin::Process, None) => continue,
            (Origin::Process, Some(g)) => format!(
                "is set in the process environment but is not a {} variable; did you mean {g}?",
                contract.component
            ),
            (_, Some(g)) => format!(
                "({origin}) is not declared by the {} contract; did you mean {g}?",
                contract.component
            ),
            (_, None) => format!(
                "({origin}) is not declared by the {} contract: remove it, or declare it in {}",
                contract.component, contract.file
            ),
        };
        found.push((name.clone(), message));
    }
    found
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
        .filter(|(v, other)| {
            v.name.len().abs_diff(name.len()) <= 2
                && match (set, other) {
                    (Some(set), Some(other)) => {
                        (set & !other).count_ones() <= 2 && (other & !set).count_ones() <= 2
                    }
                    _ => true,
                }
        })
        .map(|(v, _)| (strsim::levenshtein(&v.name, name), v.name.as_ref()))
        .filter(|(d, _)| (1..=2).contains(d))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// The byte values of `s`, folded into 64 bits: one bit may stand for several
/// values, which only lets more pairs through to the exact distance.
fn byte_set(s: &str) -> u64 {
    s.bytes().fold(0, |set, b| set | 1 << (b & 63))
}

/// A field type that takes the value's string as is, without parsing or copying it.
///
/// The derive moves values into fields of these types; any other type parses through
/// `FromStr`.
pub trait FromOwned {
    /// Wraps the value.
    fn from_owned(value: String) -> Self;
}

impl FromOwned for String {
    fn from_owned(value: String) -> Self {
        value
    }
}

impl FromOwned for std::path::PathBuf {
    fn from_owned(value: String) -> Self {
        value.into()
    }
}

impl FromOwned for std::ffi::OsString {
    fn from_owned(value: String) -> Self {
        value.into()
    }
}

impl FromOwned for crate::Secret<String> {
    fn from_owned(value: String) -> Self {
        crate::Secret::new(value)
    }
}

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
        .map(|((var, slot), origin)| {
            // A value reported as a leak (a copy of a secret, or a credential where
            // none belongs) is shown as nothing, like a secret: the report says why.
            let leak = report
                .of_kind(ProblemKind::Leak)
                .any(|p| p.var == var.name.as_ref());
            let state = value_state(slot.value.as_deref(), report, &var.name);
            VarStatus {
                name: var.name.to_string(),
                secret: var.secret,
                origin,
                value: if var.secret || leak {
                    // Wipe it now.
                    if let Some(v) = &mut slot.value {
                        v.zeroize();
                    }
                    None
                } else {
                    slot.value.take()
                },
                state,
                hidden: leak && !var.secret,
            }
        })
        .collect();
    Checked {
        report: loader.report,
        vars,
    }
}
