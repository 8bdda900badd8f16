//! Resolving one declared variable: its value from the source, else from the Docker
//! secret file `NAME_FILE` names (a secret only), else the profile's default; then
//! every check on the value, reported as it is found.

use std::io;
use std::path::Path;
use std::sync::Arc;

use hivesync_env_core::{Contract, Profile, Var, check_value_with};

use crate::report::{ProblemKind, Report, Severity};
use crate::source::secret_file::{file_var, secret_file_value};
use crate::source::{Lookup, NotUnicode, Origin, Source};

/// Where a variable's value was found, before any check: what the loader and the
/// relations of `consistency` both read a declared name with ([`find`]).
pub(crate) enum Found<L> {
    /// `NAME` is set: the source's answer, as it gave it.
    Direct(L),
    /// `NAME` is not set and `NAME_FILE` names a file that could be read: its
    /// content (`Err` when it is not UTF-8), and the path.
    File {
        value: Result<String, NotUnicode>,
        path: String,
    },
    /// `NAME_FILE` is set, but is not UTF-8: the source's answer for it.
    FileNameNotUnicode(L),
    /// `NAME_FILE` names a file that cannot be read.
    Unreadable { path: String, error: io::Error },
    /// Neither is set (`NAME_FILE` is looked up only for a secret).
    Unset,
}

/// A source's answer for one name, whatever else it carries (an origin).
pub(crate) trait Answer: Sized {
    /// The value when it is UTF-8, else the answer back.
    fn into_text(self) -> Result<String, Self>;
}

impl Answer for Lookup {
    fn into_text(self) -> Result<String, Lookup> {
        match self {
            Lookup { value: Ok(s), .. } => Ok(s),
            other => Err(other),
        }
    }
}

impl Answer for Result<String, NotUnicode> {
    fn into_text(self) -> Result<String, Self> {
        self.map_err(Err)
    }
}

/// Looks `name` up with `get`, once; only when it is absent and the variable is a
/// `secret`, looks up `NAME_FILE` (written into `buf`, reused across calls) and reads
/// the file it names.
pub(crate) fn find<L: Answer>(
    get: impl Fn(&str) -> Option<L>,
    name: &str,
    secret: bool,
    buf: &mut String,
) -> Found<L> {
    if let Some(direct) = get(name) {
        return Found::Direct(direct);
    }
    if !secret {
        return Found::Unset;
    }
    // Both set is a conflict that the loader finds from the source's names.
    let Some(file) = get(file_var(name, buf)) else {
        return Found::Unset;
    };
    let path = match file.into_text() {
        Ok(path) => path,
        Err(file) => return Found::FileNameNotUnicode(file),
    };
    match secret_file_value(Path::new(&path)) {
        Ok(value) => Found::File { value, path },
        Err(error) => Found::Unreadable { path, error },
    }
}

/// One variable after resolution.
pub(super) struct Resolved {
    pub value: Option<String>,
    /// Whether a typed field may be built from the value: it is present, or unset
    /// and optional, and passed every check that makes it unusable.
    pub usable: bool,
    pub origin: Origin,
}

impl Resolved {
    fn unusable(origin: Origin) -> Resolved {
        Resolved {
            value: None,
            usable: false,
            origin,
        }
    }
}

/// What resolving reads: a contract's variables from a source, in a profile.
#[derive(Clone, Copy)]
pub(super) struct Resolver<'a> {
    pub contract: &'a Contract,
    pub source: &'a dyn Source,
    pub profile: Profile,
}

impl Resolver<'_> {
    /// The value of `var` and where it came from; its problems go to `report`.
    pub fn resolve(self, var: &Var, report: &mut Report, buf: &mut String) -> Resolved {
        let (value, origin) = match find(|n| self.source.get(n), &var.name, var.secret, buf) {
            Found::Direct(Lookup { value, origin }) => (value, origin),
            Found::File { value, path } => (value, secret_file_origin(path)),
            Found::FileNameNotUnicode(file) => {
                let message = format!("{}_FILE is not valid UTF-8", var.name);
                report.push(&var.name, ProblemKind::NotUnicode, Severity::Error, message);
                return Resolved::unusable(file.origin);
            }
            Found::Unreadable { path, error } => {
                let message = format!(
                    "{}_FILE names {path}, which cannot be read: {error}",
                    var.name
                );
                report.push(&var.name, ProblemKind::Unreadable, Severity::Error, message);
                return Resolved::unusable(secret_file_origin(path));
            }
            Found::Unset => return self.fallback(var, report),
        };
        let Ok(value) = value else {
            let message = "is not valid UTF-8".to_owned();
            report.push(&var.name, ProblemKind::NotUnicode, Severity::Error, message);
            return Resolved::unusable(origin);
        };
        let usable = self.check_value(var, &value, report);
        Resolved {
            value: Some(value),
            usable,
            origin,
        }
    }

    /// The profile's default for `var`, or `missing` when it is required.
    fn fallback(self, var: &Var, report: &mut Report) -> Resolved {
        if let Some(default) = var.default_for(self.profile) {
            return Resolved {
                value: Some(default.to_owned()),
                usable: true,
                origin: Origin::Default,
            };
        }
        if !var.optional {
            let message = format!(
                "not set, and required in profile {}: {}",
                self.profile, var.description
            );
            report.push(&var.name, ProblemKind::Missing, Severity::Error, message);
        }
        Resolved {
            value: None,
            usable: var.optional,
            origin: Origin::Unset,
        }
    }

    /// Runs every value check ([`check_value_with`]) and reports what it finds; false
    /// when the value cannot be used for a field.
    fn check_value(self, var: &Var, value: &str, report: &mut Report) -> bool {
        let (contract, profile) = (self.contract, self.profile);
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
}

fn secret_file_origin(path: String) -> Origin {
    Origin::SecretFile(Arc::from(Path::new(&path)))
}
