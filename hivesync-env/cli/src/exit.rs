//! The exit codes every subcommand shares.

use std::process::ExitCode;

/// Valid: no errors (warnings allowed).
pub const OK: ExitCode = ExitCode::SUCCESS;
/// Violations or findings.
pub const FAILED: ExitCode = ExitCode::FAILURE;
/// A usage error, an unreadable file or invalid contracts.
pub fn usage() -> ExitCode {
    ExitCode::from(2)
}
