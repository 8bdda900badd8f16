//! `hivesync-env check`: an environment against a component's contract, before a deploy.

use std::path::PathBuf;
use std::process::ExitCode;

use hivesync_env::source::{Layered, SecretsDir, Source};
use hivesync_env::{Checked, Profile, Severity};
use hivesync_env_core::ContractSet;

use crate::{contracts, exit, output};

/// Arguments of `hivesync-env check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The component whose contract to check against (see `hivesync-env contracts`).
    component: String,

    /// The deployment target, `local`, `docker` or `production`: its defaults, and how
    /// strict the checks are (placeholders, http URLs and short secrets fail in
    /// `production`).
    #[arg(long, default_value = "local", value_parser = crate::args::profile())]
    profile: Profile,

    /// A `.env` file to read; repeat for several, later files override earlier ones.
    #[arg(long = "env-file", value_name = "PATH")]
    env_files: Vec<PathBuf>,

    /// Ignore the process environment (by default it overrides the files).
    #[arg(long)]
    no_process_env: bool,

    /// A folder of secret files, `DIR/<name in lowercase>` (what `init --secrets-dir`
    /// writes, and Docker mounts at `/run/secrets`): supplies each secret not set
    /// otherwise.
    #[arg(long, value_name = "DIR")]
    secrets_dir: Option<PathBuf>,

    /// How to print the result.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON object, for scripts.
    Json,
}

/// Runs `hivesync-env check`: exit 0 when valid (warnings allowed), 1 on violations,
/// 2 on usage errors and unreadable files.
pub fn run(set: &ContractSet, args: &CheckArgs) -> ExitCode {
    let contract = match contracts::find(set, &args.component) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let source = match Layered::standard(&args.env_files, !args.no_process_env) {
        Ok(source) => source,
        Err(errors) => {
            for e in errors {
                output::error(e);
            }
            return exit::usage();
        }
    };
    let source: Box<dyn Source> = match &args.secrets_dir {
        Some(dir) => Box::new(SecretsDir::new(source, dir)),
        None => Box::new(source),
    };
    let checked = hivesync_env::check(contract, &source, args.profile);
    match args.format {
        Format::Text => output::report_text(&text(&checked)),
        Format::Json => println!("{}", json(&checked)),
    }
    if checked.report.is_ok() {
        exit::OK
    } else {
        exit::FAILED
    }
}

/// Every variable with its origin and value (secrets masked), then every problem.
fn text(checked: &Checked) -> String {
    let report = &checked.report;
    let mut out = format!("{} ({})\n\n", report.component, report.profile);
    let width = checked.vars.iter().map(|v| v.name.len()).max().unwrap_or(0);
    let origins: Vec<String> = checked.vars.iter().map(|v| v.origin.to_string()).collect();
    let origin_width = origins.iter().map(String::len).max().unwrap_or(0);
    for (var, origin) in checked.vars.iter().zip(&origins) {
        let value = match (&var.value, var.secret) {
            (_, true) if var.origin.kind() == "unset" => "",
            (_, true) => "******** (secret)",
            (Some(v), false) => v.as_str(),
            (None, false) => "",
        };
        let line = format!("  {:<width$}  {:<origin_width$}  {value}", var.name, origin);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    for p in report.problems() {
        out.push_str(&format!("{p}\n"));
    }
    let errors = report.errors().count();
    let warnings = report.problems().len() - errors;
    let verdict = if report.is_ok() { "ok" } else { "FAILED" };
    out.push_str(&format!(
        "{verdict}: {errors} error{}, {warnings} warning{}\n",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    ));
    out
}

/// The JSON object of `--format json`.
fn json(checked: &Checked) -> serde_json::Value {
    let report = &checked.report;
    serde_json::json!({
        "component": report.component,
        "profile": report.profile.as_str(),
        "ok": report.is_ok(),
        "errors": report.errors().count(),
        "warnings": report.problems().iter().filter(|p| p.severity == Severity::Warning).count(),
        "problems": report.problems(),
        "vars": checked.vars,
    })
}
