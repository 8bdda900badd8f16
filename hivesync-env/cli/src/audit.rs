//! `hivesync-env audit`: undeclared reads, leaks, ignore rules and committed secrets.

use std::path::PathBuf;
use std::process::ExitCode;

use hivesync_env::audit::{Finding, audit};
use hivesync_env_core::ContractSet;

use crate::{exit, output};

/// Output format of `hivesync-env audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per finding: `file:line: kind: NAME: message`.
    Text,
    /// A JSON array of `{kind, file, line, name, component, message}`.
    Json,
}

/// Arguments of `hivesync-env audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// The folder to audit (a repository or a part of one).
    #[arg(default_value = ".", value_name = "PATH")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs `hivesync-env audit`: exit 0 when clean, 1 with findings, 2 when the folder
/// cannot be audited.
pub fn run(set: &ContractSet, args: &AuditArgs) -> ExitCode {
    let findings = match audit(&args.path, set) {
        Ok(findings) => findings,
        Err(e) => {
            output::error(e);
            return exit::usage();
        }
    };
    match args.format {
        Format::Text => {
            for f in &findings {
                output::problem(&f.to_string(), f.kind.as_str());
            }
            if findings.is_empty() {
                let path = args.path.display().to_string();
                let path = hivesync_env_core::escape_visible(&path);
                output::status_err(format_args!("audit: {path} is clean"));
            } else {
                output::status_err(format_args!("audit: {} findings", findings.len()));
            }
        }
        Format::Json => {
            let list: Vec<serde_json::Value> = findings.iter().map(json).collect();
            outln!(
                "{}",
                serde_json::to_string_pretty(&list).expect("JSON of strings")
            );
        }
    }
    if findings.is_empty() {
        exit::OK
    } else {
        exit::FAILED
    }
}

fn json(f: &Finding) -> serde_json::Value {
    serde_json::json!({
        "kind": f.kind.as_str(),
        "file": f.file.to_string_lossy(),
        "line": f.line,
        "name": f.name,
        "component": f.component,
        "message": f.message,
    })
}
