//! `hivesync-env init`: new environments for components, valid in a profile, with new
//! secrets that agree wherever the contracts relate them.

mod plan;
mod secret;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hivesync_env::Profile;
use hivesync_env::source::{EnvFile, MapSource, SecretsDir, Source, read_secret_file, secret_path};
use hivesync_env_core::render::REPLACE_ME;
use hivesync_env_core::render::compose::SECRETS_MOUNT;
use hivesync_env_core::render::env_example::{EnvLine, env_file};
use hivesync_env_core::{Contract, ContractSet, Var, VarType};
use zeroize::Zeroizing;

use crate::terminal::shown;
use crate::write::{Target, WriteError, write_all};
use crate::{contracts, exit, output};
use plan::{Plan, Planned};

/// Arguments of `hivesync-env init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The components to write environments for, e.g. `backend workers`: values their
    /// contracts relate (`equals`) come out equal.
    #[arg(required = true, value_name = "COMPONENT")]
    components: Vec<String>,

    /// The profile the environments are for: its defaults are written, and `check
    /// --profile` in it passes on the output (in `production`, after the operator
    /// replaces each REPLACE_ME left for a public value only they know).
    #[arg(long, value_parser = crate::args::profile())]
    profile: Profile,

    /// The folder `<component>.env` (and `.dev.vars` for workers, outside
    /// `production`) are written to.
    #[arg(long, value_name = "DIR", default_value = ".")]
    dir: PathBuf,

    /// Write each secret to its own file `DIR/<name in lowercase>` (the layout Docker
    /// Compose mounts at `/run/secrets/<name>`) and no secret into the env files.
    /// Workers' `.dev.vars` keeps its secrets: `wrangler dev` reads them only there.
    #[arg(long, value_name = "DIR")]
    secrets_dir: Option<PathBuf>,

    /// Overwrite files that exist (by default an existing file stops the run before
    /// anything is written).
    #[arg(long)]
    force: bool,
}

/// Runs `hivesync-env init`: exit 0 when every file was written, 2 on a usage error,
/// an existing file (nothing is written) or a file that cannot be written.
pub fn run(set: &ContractSet, args: &InitArgs) -> ExitCode {
    let mut components: Vec<&Contract> = Vec::new();
    for name in &args.components {
        let contract = match contracts::find(set, name) {
            Ok(c) => c,
            Err(code) => return code,
        };
        if !components.iter().any(|c| c.component == contract.component) {
            components.push(contract);
        }
    }
    let existing = match existing(set, &components, args) {
        Ok(e) => e,
        Err(e) => {
            output::error(e);
            return exit::usage();
        }
    };
    let plan = match plan::plan(set, &components, args.profile, &existing) {
        Ok(plan) => plan,
        Err(e) => {
            output::error(format_args!(
                "the operating system's random source failed: {e}"
            ));
            return exit::usage();
        }
    };
    let targets = match targets(&components, &plan, args) {
        Ok(t) => t,
        Err(e) => {
            output::error(e);
            return exit::usage();
        }
    };
    match write_all(&targets, args.force) {
        Ok(()) => {}
        Err(WriteError::Exist(paths)) => {
            for p in paths {
                output::error(format_args!(
                    "{} exists: pass --force to overwrite it",
                    shown(&p)
                ));
            }
            output::status_err("nothing was written");
            return exit::usage();
        }
        Err(WriteError::Refused(errors)) => {
            for e in errors {
                output::error(e);
            }
            return exit::usage();
        }
    }
    summary(&components, &targets, args);
    exit::OK
}

/// The values of components outside the run that the run's relations name, from
/// their env files in `--dir` (and secrets in `--secrets-dir`) when those exist.
fn existing(
    set: &ContractSet,
    components: &[&Contract],
    args: &InitArgs,
) -> Result<impl Fn(&Contract, &Var) -> Option<Zeroizing<String>>, String> {
    let mut files: HashMap<String, EnvFile> = HashMap::new();
    for c in set.contracts() {
        let path = args.dir.join(format!("{}.env", c.component));
        if components.iter().any(|r| r.component == c.component) || !path.exists() {
            continue;
        }
        let file = EnvFile::read(&path).map_err(|e| e.to_string())?;
        files.insert(c.component.to_string(), file);
    }
    let secrets = args
        .secrets_dir
        .as_ref()
        .map(|d| SecretsDir::new(MapSource::new("none"), d));
    Ok(move |c: &Contract, var: &Var| {
        let file = files.get(c.component.as_ref())?;
        if let Some(lookup) = file.get(&var.name) {
            return lookup.value.ok().map(Zeroizing::new);
        }
        match (&secrets, var.secret) {
            (Some(dir), true) => dir.read(&var.name).ok().flatten(),
            _ => None,
        }
    })
}

/// Every file of the run, with its contents: each component's env files, then the
/// secret files of `--secrets-dir`; two writes of one path are an error.
fn targets(components: &[&Contract], plan: &Plan, args: &InitArgs) -> Result<Vec<Target>, String> {
    unwritable(components, plan, args)?;
    let mut out: Vec<Target> = Vec::new();
    for c in components {
        out.extend(env_files(c, plan, args));
    }
    if let Some(dir) = &args.secrets_dir {
        secret_files(components, plan, dir, &mut out)?;
    }
    if let Some(dup) = out
        .iter()
        .enumerate()
        .find_map(|(i, t)| out[..i].iter().any(|o| o.path() == t.path()).then_some(t))
    {
        return Err(format!(
            "two components would write {}: run init once for each",
            shown(&dup.path())
        ));
    }
    Ok(out)
}

/// An error naming the first value of the run that an env file cannot hold as
/// written: one with a carriage return or another control character (a new line is
/// fine: it is written `\n`). Only a value copied from another component's file or
/// the secrets folder can hold one (a new secret, a default, an example never does),
/// and written escaped it would not parse, so the file `check` reads would be broken.
fn unwritable(components: &[&Contract], plan: &Plan, args: &InitArgs) -> Result<(), String> {
    let hazard = |c: char| c != '\n' && hivesync_env_core::is_line_hazard(c);
    for c in components {
        for var in c.vars.iter() {
            if planned(plan, c, &var.name).chars().any(hazard) {
                return Err(format!(
                    "{}: the value for {} (copied from another component's file in {}, or the secrets folder) holds a carriage return or another control character, which an env file cannot hold as written: fix it there, or init both components together",
                    var.name,
                    c.component,
                    shown(&args.dir)
                ));
            }
        }
    }
    Ok(())
}

/// `c`'s `<component>.env`, and `.dev.vars` for workers outside `production`.
fn env_files(c: &Contract, plan: &Plan, args: &InitArgs) -> Vec<Target> {
    let rel = format!("{}.env", c.component);
    let about = format!(
        "Written by `hivesync-env init --profile {profile}`: the environment of `{component}`\n\
         with new secrets. Never commit it (N.9). Check it with\n\
         \x20 hivesync-env check {component} --profile {profile}{secrets_flag} --env-file {path}",
        profile = args.profile,
        component = c.component,
        secrets_flag = secrets_flag(args),
        path = args.dir.join(&rel).display(),
    );
    let text = env_file(c, &about, |var| {
        let value = planned(plan, c, &var.name);
        match &args.secrets_dir {
            Some(dir) if var.secret => EnvLine::Elsewhere(format!(
                "{} is a secret: it is in {} (Docker: {SECRETS_MOUNT}/{})",
                var.name,
                secret_path(dir, &var.name).display(),
                var.name.to_ascii_lowercase()
            )),
            _ => EnvLine::Value(value.to_string()),
        }
    });
    let mut out = vec![Target::private(&args.dir, rel, Zeroizing::new(text))];
    // `wrangler dev` is local work: a production run does not copy its secrets into a
    // second file (deployed workers take theirs from `render` and `wrangler secret
    // bulk`).
    if c.wrangler.is_some() && !args.profile.is_strict() {
        let about = format!(
            "Written by `hivesync-env init --profile {}`: the variables and secrets\n\
             `wrangler dev` reads for the `{}` workers. Never commit it.",
            args.profile, c.component
        );
        let text = env_file(c, &about, |var| {
            EnvLine::Value(planned(plan, c, &var.name).to_string())
        });
        out.push(Target::private(
            &args.dir,
            ".dev.vars",
            Zeroizing::new(text),
        ));
    }
    out
}

/// The file `dir/<name in lowercase>` of each secret of `components`, unless it holds
/// the value already (from an earlier run); a secret two components share (through
/// `equals`) is one file, and one they do not share is an error.
fn secret_files(
    components: &[&Contract],
    plan: &Plan,
    dir: &Path,
    out: &mut Vec<Target>,
) -> Result<(), String> {
    for c in components {
        for var in c.secrets() {
            let rel = var.name.to_ascii_lowercase();
            let value = planned(plan, c, &var.name);
            if read_secret_file(&secret_path(dir, &var.name)).is_ok_and(|v| *v == *value) {
                continue;
            }
            match out.iter().find(|t| t.root == dir && t.rel == rel) {
                Some(t) if *t.contents == *value => continue,
                Some(_) => {
                    return Err(format!(
                        "{} is a secret of several components with no relation making them equal: one file cannot hold both",
                        var.name
                    ));
                }
                None => out.push(Target::private(dir, rel, value)),
            }
        }
    }
    Ok(())
}

/// The value planned for `contract`'s `name`: an unset optional variable is shown as
/// REPLACE_ME, in a commented-out line.
fn planned(plan: &Plan, contract: &Contract, name: &str) -> Zeroizing<String> {
    match plan.get(&contract.component, name) {
        Some(Planned::Value(v)) => v.clone(),
        Some(Planned::Unset) | None => Zeroizing::new(REPLACE_ME.to_owned()),
    }
}

/// What was written, and what to do next; never a value.
fn summary(components: &[&Contract], targets: &[Target], args: &InitArgs) {
    for t in targets {
        output::status(format_args!("wrote {} (mode 0600)", shown(&t.path())));
    }
    let secrets: usize = components.iter().map(|c| c.secrets().count()).sum();
    if secrets > 0 {
        output::status(
            "generated every secret from the operating system's random source; \
             replace those a provider issues (API keys, access keys) with the real ones",
        );
    }
    for c in components {
        for var in c.secrets().filter(|v| v.ty != VarType::String) {
            output::warning(format_args!(
                "{} is a secret of type {}: init cannot make one up; write it in place of REPLACE_ME",
                var.name,
                var.ty.as_str()
            ));
        }
    }
    let secrets_flag = secrets_flag(args);
    for c in components {
        let file = args.dir.join(format!("{}.env", c.component));
        output::status(format_args!(
            "next: hivesync-env check {} --profile {}{secrets_flag} --env-file {}",
            c.component,
            args.profile,
            shown(&file)
        ));
    }
}

/// ` --secrets-dir DIR` when the run has one.
fn secrets_flag(args: &InitArgs) -> String {
    match &args.secrets_dir {
        Some(d) => format!(" --secrets-dir {}", shown(d)),
        None => String::new(),
    }
}
