//! What an audit reports: one [`Finding`] per problem, and the errors that stop an audit.

use std::fmt;
use std::path::PathBuf;

/// The kind of a [`Finding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// A read of an environment variable that no contract declares.
    Undeclared,
    /// A read of a variable that another component's contract declares, from a component
    /// that does not declare it (a desktop crate reading `OPENAI_API_KEY`).
    Leak,
    /// `.env` or `.env.production` is not ignored by the repository's ignore rules.
    Gitignore,
    /// A tracked file assigns a secret variable a value that is not a placeholder.
    CommittedSecret,
}

impl FindingKind {
    /// The name used in text and JSON output: `undeclared`, `leak`, `gitignore`,
    /// `committed_secret`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FindingKind::Undeclared => "undeclared",
            FindingKind::Leak => "leak",
            FindingKind::Gitignore => "gitignore",
            FindingKind::CommittedSecret => "committed_secret",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found by [`audit`](super::audit). It never holds a secret's value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// The file, relative to the audited folder, with `/` separators.
    pub file: PathBuf,
    /// The 1-based line, or 0 when the finding concerns the file as a whole (a
    /// `gitignore` finding where no rule mentions the file).
    pub line: u32,
    /// What is wrong.
    pub kind: FindingKind,
    /// The variable; for a `gitignore` finding, the path of the env file that is not
    /// ignored (relative to the audited folder).
    pub name: String,
    /// The component the file belongs to, when one is mapped (see the module docs).
    pub component: Option<String>,
    /// What is wrong and what to do, lowercase, without the value of any variable.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        write!(f, ": {}: {}: {}", self.kind, self.name, self.message)
    }
}

/// An error that stops an audit: the folder cannot be walked, or a configuration file
/// or component marker is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditError {
    /// The file or folder the error is about.
    pub file: PathBuf,
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
}

impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

impl std::error::Error for AuditError {}
