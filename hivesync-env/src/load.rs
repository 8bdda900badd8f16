//! Resolving a contract's variables from a source, and every check on the values.
//!
//! For each declared variable, in contract order, the loader ([`resolve`]):
//!
//! 1. looks the name up in the source, once. Only when a secret `NAME` is absent does
//!    it look up `NAME_FILE`, the Docker secrets convention
//!    ([`secret_file`](crate::source::secret_file)):
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
//! Then the values are compared with each other ([`cross`]): a public value that
//! equals or contains a secret's value is a `leak`, a secret equal to a public value is
//! `weak`. A client component's environment is also searched for every name that is a
//! secret in another contract (`leak`). The derive's generated code then takes typed
//! fields from the loader ([`fields`]); `hivesync-env check` lists every variable
//! instead ([`listing`]).
//!
//! # What needs every name of the source
//!
//! Unknown names and near misses (`unknown`, "did you mean", [`near_miss`]), and a
//! secret set both as `NAME` and as `NAME_FILE` (`conflict`), are found by
//! [`Loader::scan_unknown`] from the list of every name in the source, not by extra
//! lookups. [`check`](crate::check) (what `hivesync-env check` runs) always scans. A
//! typed load ([`EnvContract::load`](crate::EnvContract::load)) scans only when it has
//! already failed, to help fix the report, and before it returns the report: a
//! report is a value, which reading never changes. From a source that is the process
//! environment alone ([`EnvContract::from_env`](crate::EnvContract::from_env),
//! [`ProcessEnv`](crate::source::ProcessEnv)) it reads the names in place, once, for
//! both ([`near_miss::process_scan`]) instead of listing them, which copies every
//! name and value of the environment. A successful load reads each
//! declared variable once and never lists the environment, so it does not see a
//! `NAME_FILE` left beside a set `NAME` (it uses `NAME`); run `hivesync-env check`
//! before a deploy for that.

mod cross;
pub(crate) mod fields;
pub(crate) mod listing;
mod near_filter;
pub(crate) mod near_miss;
pub(crate) mod resolve;

use hivesync_env_core::{Contract, Profile};
use zeroize::Zeroize;

use crate::report::{Problem, ProblemKind, Report, Severity};
use crate::source::secret_file::{file_var, is_set};
use crate::source::{Origin, Source};
use near_miss::{Unknown, process_scan, sort_by_name, unknown};
use resolve::Resolver;

/// One variable after resolution.
struct Slot {
    value: Option<String>,
    /// Whether a typed field may be built from the value: it is present and passed
    /// every check that makes it unusable.
    usable: bool,
    /// Whether the value is a secret's, wiped when the slot is dropped.
    secret: bool,
    /// Whether the value is the contract's default for the profile: public, written
    /// in the contract and its documents.
    default: bool,
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
/// it; [`check`](crate::check) uses it for the CLI. Not part of the stable API.
#[doc(hidden)]
pub struct Loader<'a> {
    contract: &'a Contract,
    source: &'a dyn Source,
    profile: Profile,
    slots: Vec<Slot>,
    /// Where each value came from; kept only for [`check`](crate::check), which
    /// shows it.
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
        loader.resolve_all();
        loader.check_across_values();
        if contract.is_client() {
            loader.check_forbidden();
        }
        loader
    }

    /// Resolves every variable in contract order (see [`resolve`]).
    fn resolve_all(&mut self) {
        let resolver = Resolver {
            contract: self.contract,
            source: self.source,
            profile: self.profile,
        };
        // `NAME_FILE` of each secret is written here: one allocation per load.
        let mut file_name = String::new();
        for var in self.contract.vars.iter() {
            let resolved = resolver.resolve(var, &mut self.report, &mut file_name);
            self.slots.push(Slot {
                value: resolved.value,
                usable: resolved.usable,
                secret: var.secret,
                default: resolved.origin == Origin::Default,
            });
            if let Some(origins) = &mut self.origins {
                origins.push(resolved.origin);
            }
        }
    }

    /// A client's environment sets a name that is a secret of a server component.
    fn check_forbidden(&mut self) {
        for name in self.contract.forbidden.iter() {
            if is_set(self.source, name) {
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
        self.find_conflicts(None);
        let names = self.source.names();
        self.report_unknown(&names);
    }

    /// Reports every secret set both as `NAME` and as `NAME_FILE`. The loader reads
    /// `NAME_FILE` only when `NAME` is absent, so this reads it again for each secret
    /// that was found (a missing one cannot conflict), and `NAME` only when
    /// `NAME_FILE` is set. It runs only in [`check`](crate::check) and after a load has
    /// failed. When `secret_files` is known (bit `i`: the source sets `NAME_FILE` for
    /// the secret `i`; see [`near_miss::ProcessScan`]), `NAME_FILE` is not asked.
    fn find_conflicts(&mut self, secret_files: Option<u64>) {
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
            let file_set = match secret_files {
                Some(bits) => bits >> index & 1 == 1,
                None => is_set(self.source, file_var(&var.name, &mut file_name)),
            };
            if file_set && is_set(self.source, &var.name) {
                self.conflict(index);
            }
        }
    }

    /// Reports each of `names` the contract does not declare (see [`unknown`]).
    fn report_unknown(&mut self, names: &[(String, Origin)]) {
        let mut found = unknown(self.contract, names);
        sort_by_name(&mut found);
        self.push_unknown(found);
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
        let after = |p: &Problem| {
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

    /// The report: `Err` when any problem is an error (after scanning for unknown
    /// names and near misses, to help fix it), `Ok` with the warnings otherwise. The
    /// success path never lists the source's names.
    pub fn finish(mut self) -> Result<Report, Report> {
        if self.report.is_ok() {
            self.report.sort();
            return Ok(self.report);
        }
        if self.typed && self.source.includes_process() {
            // A source that is the process environment alone: its names are read in
            // place, once, for the near misses and the secrets' `NAME_FILE`.
            let scan = self
                .source
                .only_process()
                .and_then(|_| process_scan(self.contract));
            self.find_conflicts(scan.as_ref().map(|s| s.secret_files));
            let names = self.source.dedicated_names();
            self.report_unknown(&names);
            self.report_process_near_misses(scan.map(|s| s.near_misses));
        } else {
            self.scan_unknown();
        }
        self.report.sort();
        Err(self.report)
    }

    /// Reports the process variables one or two edits from a contract name, sorted by
    /// name, leaving out names reported already (a name a file sets too): `found`
    /// when the scan has found them, else from [`Source::names`].
    fn report_process_near_misses(&mut self, found: Option<Vec<Unknown>>) {
        let mut found = found.unwrap_or_else(|| {
            let mut names = self.source.names();
            names.retain(|(_, origin)| *origin == Origin::Process);
            let mut found = unknown(self.contract, &names);
            sort_by_name(&mut found);
            found
        });
        let problems = self.report.problems();
        found.retain(|u| !problems.iter().any(|p| p.var == u.name));
        self.push_unknown(found);
    }

    fn push_unknown(&mut self, found: Vec<Unknown>) {
        for Unknown { name, message } in found {
            self.report
                .push(&name, ProblemKind::Unknown, Severity::Warning, message);
        }
    }
}
