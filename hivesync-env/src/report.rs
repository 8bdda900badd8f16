//! The one error report: every problem of an environment, found in one pass.

use std::borrow::Cow;
use std::fmt;

use hivesync_env_core::Profile;

/// What a report shows in place of a name that
/// [`name_is_hidden`](hivesync_env_core::name_is_hidden): a secret pasted on a line of
/// its own reads as a name, and is never printed.
pub(crate) const HIDDEN_NAME: &str = "(a name not shown)";

/// What is wrong with a variable. [`ProblemKind::as_str`] gives the JSON `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ProblemKind {
    /// A required variable is not set.
    Missing,
    /// The value does not parse as the variable's type.
    Invalid,
    /// The value is a placeholder such as `REPLACE_ME` or empty; an error in
    /// `production`, a warning elsewhere.
    Placeholder,
    /// A public URL that must be https is not, in `production`.
    Insecure,
    /// A secret is shorter than its minimum length; an error in `production`, a
    /// warning elsewhere.
    Weak,
    /// A secret in a client component's environment, or a client value shaped like a
    /// credential.
    Leak,
    /// The value is not valid Unicode.
    NotUnicode,
    /// A name the contract does not declare: any name in an env file, or a process
    /// variable one or two edits from a contract name ("did you mean").
    Unknown,
    /// Both `NAME` and `NAME_FILE` (a Docker secret) are set.
    Conflict,
    /// The file a `NAME_FILE` names cannot be read.
    Unreadable,
}

impl ProblemKind {
    /// The `kind` string of the JSON report.
    pub const fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Missing => "missing",
            ProblemKind::Invalid => "invalid",
            ProblemKind::Placeholder => "placeholder",
            ProblemKind::Insecure => "insecure",
            ProblemKind::Weak => "weak",
            ProblemKind::Leak => "leak",
            ProblemKind::NotUnicode => "not_unicode",
            ProblemKind::Unknown => "unknown",
            ProblemKind::Conflict => "conflict",
            ProblemKind::Unreadable => "unreadable",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<hivesync_env_core::ValueProblem> for ProblemKind {
    fn from(problem: hivesync_env_core::ValueProblem) -> ProblemKind {
        use hivesync_env_core::ValueProblem as V;
        match problem {
            V::Credential | V::CredentialShaped { .. } => ProblemKind::Leak,
            V::Placeholder { .. } => ProblemKind::Placeholder,
            V::Invalid => ProblemKind::Invalid,
            V::Insecure => ProblemKind::Insecure,
            V::Weak { .. } => ProblemKind::Weak,
            // A check added to the core later is a value that does not fit.
            _ => ProblemKind::Invalid,
        }
    }
}

/// Whether a problem fails the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Severity {
    /// Fails loading and `hivesync-env check`.
    Error,
    /// Reported, but the environment is still usable.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem with one variable. The message never holds a secret's value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Problem {
    /// The variable, as the user types it.
    pub var: String,
    /// What kind of problem it is.
    pub kind: ProblemKind,
    /// Whether it fails the check.
    pub severity: Severity,
    /// What was expected and, for non-secrets, what was found.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.kind, self.var, self.message
        )
    }
}

/// Every problem found in one environment of one component.
///
/// Loading returns it as the error when at least one problem is an
/// [`Severity::Error`]; `Display` prints one line per problem, errors first.
///
/// A report is a value: reading it (its methods, `Display`, `Debug`, comparison,
/// serialization) never looks at a source or the process environment. Whatever a
/// failed load has to say about near misses ("did you mean") is found while the
/// report is built, so every reader sees the same problems.
///
/// ```
/// use hivesync_env::{Profile, Report};
/// let report = Report::new("backend", Profile::Local);
/// assert!(report.is_ok());
/// assert_eq!(report.to_string(), "backend (local): no problems");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The component whose contract was checked.
    pub component: Cow<'static, str>,
    /// The profile it was checked in.
    pub profile: Profile,
    problems: Vec<Problem>,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("Report", 3)?;
        out.serialize_field("component", &self.component)?;
        out.serialize_field("profile", self.profile.as_str())?;
        out.serialize_field("problems", self.problems())?;
        out.end()
    }
}

impl Report {
    /// An empty report.
    pub fn new(component: impl Into<Cow<'static, str>>, profile: Profile) -> Report {
        Report {
            component: component.into(),
            profile,
            problems: Vec::new(),
        }
    }

    /// Removes every problem of `var` and puts one problem in their place: where the
    /// first of them was, or else before the first problem for which `after` holds.
    pub(crate) fn replace(
        &mut self,
        var: &str,
        kind: ProblemKind,
        severity: Severity,
        message: String,
        after: impl Fn(&Problem) -> bool,
    ) {
        let at = self
            .problems
            .iter()
            .position(|p| p.var == var || after(p))
            .unwrap_or(self.problems.len());
        self.problems.retain(|p| p.var != var);
        self.problems.insert(
            at,
            Problem {
                var: var.to_owned(),
                kind,
                severity,
                message,
            },
        );
    }

    /// Adds a problem.
    pub fn push(&mut self, var: &str, kind: ProblemKind, severity: Severity, message: String) {
        self.problems.push(Problem {
            var: var.to_owned(),
            kind,
            severity,
            message,
        });
    }

    /// Every problem, errors first, each group in contract order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems that fail the check.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems()
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// The problems that do not.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems()
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }

    /// Whether no problem is an error.
    pub fn is_ok(&self) -> bool {
        !self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// The problems of `kind`.
    pub fn of_kind(&self, kind: ProblemKind) -> impl Iterator<Item = &Problem> {
        self.problems().iter().filter(move |p| p.kind == kind)
    }

    /// Sorts errors before warnings, keeping contract order within each: a stable
    /// partition, which is what a stable sort by [`Severity`] (two variants) does,
    /// without a copy of the standard library's sort in this crate's build.
    pub(crate) fn sort(&mut self) {
        let len = self.problems.len();
        let all = std::mem::replace(&mut self.problems, Vec::with_capacity(len));
        let mut warnings = Vec::new();
        for p in all {
            match p.severity {
                Severity::Error => self.problems.push(p),
                Severity::Warning => warnings.push(p),
            }
        }
        self.problems.append(&mut warnings);
    }
}

impl std::error::Error for Report {}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problems = self.problems();
        let errors = self.errors().count();
        let warnings = problems.len() - errors;
        write!(f, "{} ({}): ", self.component, self.profile)?;
        if problems.is_empty() {
            return f.write_str("no problems");
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )?;
        for p in problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}
