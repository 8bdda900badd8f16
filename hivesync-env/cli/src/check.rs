//! `hivesync-env check`: an environment against a component's contract, before a deploy.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use hivesync_env::source::{Layered, SecretsDir, Source};
use hivesync_env::{Checked, ProblemKind, Profile, Severity, ValueState, VarStatus};
use hivesync_env_core::ContractSet;

use crate::terminal::{escape, escape_message};
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
/// 2 on usage errors and unreadable files (env files, and secret files `NAME_FILE`
/// names).
pub fn run(set: &ContractSet, args: &CheckArgs) -> ExitCode {
    let contract = match contracts::find(set, &args.component) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let source = match Layered::standard(&args.env_files, !args.no_process_env) {
        Ok(source) => source,
        Err(errors) => {
            for e in errors {
                output::error(escape_message(&e.to_string()));
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
        Format::Json => outln!("{}", json(&checked)),
    }
    // A Docker secret file that cannot be read (missing, a FIFO, a device, too large)
    // is a file error, as an unreadable env file is.
    if checked
        .report
        .of_kind(ProblemKind::Unreadable)
        .next()
        .is_some()
    {
        exit::usage()
    } else if checked.report.is_ok() {
        exit::OK
    } else {
        exit::FAILED
    }
}

/// Every variable with its origin and value (secrets and leaks masked), then every
/// problem. Names, origins (paths), values and messages are escaped for the terminal.
fn text(checked: &Checked) -> String {
    let report = &checked.report;
    let mut out = format!("{} ({})\n\n", escape(&report.component), report.profile);
    let rows: Vec<[String; 3]> = checked
        .vars
        .iter()
        .map(|v| {
            let origin = v.origin.to_string();
            [
                escape(&v.name).into_owned(),
                escape(&origin).into_owned(),
                escape(&shown_value(v)).into_owned(),
            ]
        })
        .collect();
    let width = |col: usize| {
        rows.iter()
            .map(|r| r[col].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (name_width, origin_width) = (width(0), width(1));
    for [name, origin, value] in &rows {
        let line = format!("  {name:<name_width$}  {origin:<origin_width$}  {value}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    for p in report.problems() {
        // Quoted values in a message are escaped already: escape only what is left.
        out.push_str(&escape_message(&p.to_string()));
        out.push('\n');
    }
    let errors = report.errors().count();
    let warnings = report.problems().len() - errors;
    let verdict = if report.is_ok() { "ok" } else { "FAILED" };
    let _ = writeln!(
        out,
        "{verdict}: {errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    out
}

/// What the listing shows for a value: a public one as it is, a hidden one masked, and
/// of a secret only whether it is set, empty, unreadable or not UTF-8.
fn shown_value(v: &VarStatus) -> Cow<'_, str> {
    let masked = match (v.secret, v.state) {
        (_, ValueState::NotSet) => "",
        (_, ValueState::Unreadable) => "(unreadable)",
        (_, ValueState::NotUnicode) => "(not valid UTF-8)",
        (true, ValueState::Empty) => "(empty, secret)",
        (true, _) => "******** (secret)",
        (false, _) if v.hidden => "******** (not shown: see the leak below)",
        (false, _) => return Cow::Borrowed(v.value.as_deref().unwrap_or_default()),
    };
    Cow::Borrowed(masked)
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
