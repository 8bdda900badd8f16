//! `hivesync-env consistency`: the relations the contracts declare between components
//! (`equals`), checked on an env file per component (`--env COMPONENT=PATH`).
//!
//! Which components take part comes from the contracts, never from this file: every
//! component related to one given (on either side of an `equals`) must be given too.
//! The older form `--COMPONENT PATH` (`--backend backend.env`) still works for any
//! component: see [`component_flags`].

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hivesync_env::Profile;
use hivesync_env::consistency::{
    Environments, Relation, RelationProblem, RelationProblemKind, check_relations, relations,
};
use hivesync_env::source::{EnvFile, Layered, MapSource, SecretsDir, Source};
use hivesync_env_core::ContractSet;

use crate::terminal::{escape, escape_message};
use crate::{contracts, exit, output};

/// Arguments of `hivesync-env consistency`.
#[derive(Debug, clap::Args)]
pub struct ConsistencyArgs {
    /// A component's env file, `COMPONENT=PATH` (workers: their vars and secrets, as
    /// `.dev.vars` holds them). Repeat it: every component the contracts relate to one
    /// given (`equals`, on either side) needs its file. `--COMPONENT PATH` is read as
    /// `--env COMPONENT=PATH`.
    #[arg(long = "env", value_name = "COMPONENT=PATH", value_parser = component_file)]
    pub envs: Vec<(String, PathBuf)>,
    /// The profile (`local`, `docker`, `production`) whose contract defaults apply to
    /// unset variables.
    #[arg(long, default_value = "local", value_parser = crate::args::profile())]
    pub profile: Profile,
    /// A folder of secret files, `DIR/<name in lowercase>` (what `init --secrets-dir`
    /// writes): supplies each secret not set in the env files.
    #[arg(long, value_name = "DIR")]
    pub secrets_dir: Option<PathBuf>,
}

/// `COMPONENT=PATH`, split at the first `=`.
fn component_file(text: &str) -> Result<(String, PathBuf), String> {
    match text.split_once('=') {
        Some((component, path)) if !component.is_empty() && !path.is_empty() => {
            Ok((component.to_owned(), PathBuf::from(path)))
        }
        _ => Err("expected COMPONENT=PATH, e.g. backend=backend.env".to_owned()),
    }
}

/// The arguments with each `--NAME PATH` (or `--NAME=PATH`) after `consistency` that
/// is no option of `cmd` rewritten as `--env NAME=PATH`; `None` when there is none.
/// Called only when clap rejected an argument, so a valid command line is never
/// rewritten; whether `NAME` is a component is checked against the contracts later.
pub fn component_flags(cmd: &clap::Command, args: &[OsString]) -> Option<Vec<OsString>> {
    let at = args.iter().position(|a| a == "consistency")?;
    let sub = cmd.find_subcommand("consistency")?;
    let known: Vec<&str> = cmd
        .get_arguments()
        .chain(sub.get_arguments())
        .filter_map(|a| a.get_long())
        .chain(["help", "version"])
        .collect();
    let mut out = args[..=at].to_vec();
    let mut rest = args[at + 1..].iter();
    let mut rewritten = false;
    while let Some(arg) = rest.next() {
        let flag = arg.to_str().and_then(|a| a.strip_prefix("--"));
        let flag =
            flag.filter(|f| !f.is_empty() && !known.iter().any(|k| f.split('=').next() == Some(k)));
        let Some(flag) = flag else {
            out.push(arg.clone());
            continue;
        };
        let (name, path) = match flag.split_once('=') {
            Some((name, path)) => (name, OsString::from(path)),
            None => (flag, rest.next()?.clone()),
        };
        let mut value = OsString::from(format!("{name}="));
        value.push(path);
        out.extend([OsString::from("--env"), value]);
        rewritten = true;
    }
    rewritten.then_some(out)
}

/// Runs `hivesync-env consistency`: exit 0 when every relation holds, 1 when one does
/// not, 2 on a usage error or a file that cannot be read.
pub fn run(set: &ContractSet, args: &ConsistencyArgs) -> ExitCode {
    let checked = match related(set, &args.envs) {
        Ok(checked) => checked,
        Err(message) => {
            output::error(message);
            return exit::usage();
        }
    };
    let sources = match read_all(set, &args.envs, args.secrets_dir.as_deref()) {
        Ok(sources) => sources,
        Err(errors) => {
            for e in errors {
                output::error(escape_message(&e));
            }
            return exit::usage();
        }
    };
    // Read as `check` reads them: `NAME_FILE`, `not_unicode`, near misses.
    let mut envs = Environments::new();
    for ((component, _), source) in args.envs.iter().zip(&sources) {
        envs = envs.with_source(component.as_str(), source);
    }
    let problems = check_relations(set.contracts(), &envs, args.profile);
    report(set, &problems, &checked, args)
}

/// The relations whose components all have an env file, or why the components given
/// are not a set the contracts relate: an unknown one, one given twice, one in no
/// relation, or a related one missing.
fn related(set: &ContractSet, envs: &[(String, PathBuf)]) -> Result<Vec<Relation>, String> {
    let all = relations(set.contracts());
    let given: Vec<&str> = envs.iter().map(|(c, _)| c.as_str()).collect();
    let touches =
        |c: &str, rels: &[&Relation]| rels.iter().any(|r| r.components.iter().any(|k| k == c));
    let of_given: Vec<&Relation> = all
        .iter()
        .filter(|r| r.components.iter().any(|c| given.contains(&c.as_str())))
        .collect();
    // In contract order: the components of any relation, and those related to one
    // given that are not given.
    let names = set.contracts().iter().map(|c| c.component.as_ref());
    let every: Vec<&Relation> = all.iter().collect();
    let related: Vec<&str> = names.clone().filter(|c| touches(c, &every)).collect();
    let missing: Vec<&str> = names
        .filter(|c| !given.contains(c) && touches(c, &of_given))
        .collect();
    let pass = format!(
        "pass --env COMPONENT=PATH for each of {}",
        related.join(", ")
    );
    if given.is_empty() {
        return Err(format!("no env file given: {pass}"));
    }
    for (i, component) in given.iter().enumerate() {
        let c = escape(component);
        if given[..i].contains(component) {
            return Err(format!("component `{c}` is given twice"));
        }
        contracts::known(set, component)?;
        if !related.contains(component) {
            return Err(format!(
                "`{c}` takes part in no relation (`equals`) of the contracts: {pass}"
            ));
        }
    }
    if !missing.is_empty() {
        let flags: Vec<String> = missing.iter().map(|c| format!("--env {c}=PATH")).collect();
        return Err(format!(
            "the contracts relate {} to {}: pass {}",
            given.join(", "),
            missing.join(", "),
            flags.join(" ")
        ));
    }
    Ok(all
        .into_iter()
        .filter(|r| r.components.iter().all(|c| given.contains(&c.as_str())))
        .collect())
}

/// Each component's environment, in the order given; every file that cannot be read
/// is an error, all reported together.
fn read_all(
    set: &ContractSet,
    envs: &[(String, PathBuf)],
    secrets_dir: Option<&Path>,
) -> Result<Vec<Layered>, Vec<String>> {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (component, path) in envs {
        let read = EnvFile::read(path)
            .map_err(|e| e.to_string())
            .and_then(|file| with_secrets(set, component, file, secrets_dir));
        match read {
            Ok(source) => sources.push(source),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(errors)
    }
}

/// Prints the problems and the verdict; the exit code.
fn report(
    set: &ContractSet,
    problems: &[RelationProblem],
    checked: &[Relation],
    args: &ConsistencyArgs,
) -> ExitCode {
    for p in problems {
        let line = format!("{}: {}", p.kind.as_str(), escape_message(&p.to_string()));
        output::problem(&line, p.kind.as_str());
    }
    if problems.is_empty() {
        // In contract order, whatever the order of the arguments.
        let names: Vec<&str> = set
            .contracts()
            .iter()
            .map(|c| c.component.as_ref())
            .filter(|c| args.envs.iter().any(|(g, _)| g == c))
            .collect();
        output::status(format_args!(
            "consistency: {} relations between {} hold (profile {})",
            checked.len(),
            joined(&names),
            args.profile
        ));
        return exit::OK;
    }
    output::status_err(format_args!(
        "consistency: {} of {} relations do not hold",
        problems.len(),
        checked.len()
    ));
    // A secret file that cannot be read is a file error, as in `check`.
    if problems
        .iter()
        .any(|p| p.kind == RelationProblemKind::Unreadable)
    {
        exit::usage()
    } else {
        exit::FAILED
    }
}

/// `a`, `a and b`, `a, b and c`.
fn joined(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// `component`'s environment: `file`, over the files in `secrets_dir` of the secrets
/// of the component it does not set (read now, so an unreadable file is an error
/// before any relation is checked).
fn with_secrets(
    set: &ContractSet,
    component: &str,
    file: EnvFile,
    secrets_dir: Option<&Path>,
) -> Result<Layered, String> {
    let mut secrets = MapSource::new("secrets dir");
    if let (Some(dir), Some(contract)) = (secrets_dir, set.get(component)) {
        let folder = SecretsDir::new(MapSource::new("none"), dir);
        for var in contract.secrets() {
            if file.get(&var.name).is_none() {
                if let Some(value) = folder.read(&var.name)? {
                    secrets.insert(var.name.to_string(), value.as_str());
                }
            }
        }
    }
    // Later layers win: the file over the folder.
    Ok(Layered::new().with(secrets).with(file))
}
