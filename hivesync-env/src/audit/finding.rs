//! What an audit reports: one [`Finding`] per problem, and the errors that stop an audit.

use std::fmt;
use std::path::PathBuf;

use hivesync_env_core::escape_visible;

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
    /// A tracked file assigns a secret variable a value that is not a placeholder, or
    /// a source file uses a credential as a variable name.
    CommittedSecret,
    /// A TOML, JSON, YAML or env file that does not parse: told by line and column,
    /// and nothing in it was checked.
    InvalidFile,
}

impl FindingKind {
    /// The name used in text and JSON output: `undeclared`, `leak`, `gitignore`,
    /// `committed_secret`, `invalid_file`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FindingKind::Undeclared => "undeclared",
            FindingKind::Leak => "leak",
            FindingKind::Gitignore => "gitignore",
            FindingKind::CommittedSecret => "committed_secret",
            FindingKind::InvalidFile => "invalid_file",
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

/// One line of text: the file, name and message with every control character (an
/// ANSI escape, a CR, a newline in a file name) escaped visibly.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.to_string_lossy();
        write!(f, "{}", escape_visible(&file))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        write!(
            f,
            ": {}: {}: {}",
            self.kind,
            escape_visible(&self.name),
            escape_visible(&self.message)
        )
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
        let file = self.file.to_string_lossy();
        write!(
            f,
            "{}: {}",
            escape_visible(&file),
            escape_visible(&self.message)
        )
    }
}

impl std::error::Error for AuditError {}
