//! `hivesync-env render workers`: deploy-ready wrangler configs and the secrets file
//! of `wrangler secret bulk`, from an environment that passes `check`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use hivesync_env::source::{Layered, SecretsDir, Source, read_secret_file};
use hivesync_env::{Checked, Profile};
use hivesync_env_core::render::wrangler_deploy;
use hivesync_env_core::{Contract, ContractSet, Wrangler};
use zeroize::Zeroizing;

use crate::terminal::{escape_message, shown};
use crate::write::{Target, WriteError, write_all};
use crate::{contracts, exit, output};

/// Arguments of `hivesync-env render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The edge component whose workers to render (`workers`).
    #[arg(value_name = "COMPONENT")]
    component: String,

    /// The profile to check the environment in and render (`production` deploys as
    /// wrangler's `--env production`).
    #[arg(long, value_parser = crate::args::profile())]
    profile: Profile,

    /// The environment: a `.env` file; repeat for several, later files override
    /// earlier ones. The process environment is not read.
    #[arg(long = "env-file", value_name = "PATH", required = true)]
    env_files: Vec<PathBuf>,

    /// A folder of secret files, `DIR/<name in lowercase>`, for secrets the files do
    /// not set.
    #[arg(long, value_name = "DIR")]
    secrets_dir: Option<PathBuf>,

    /// Where to write `wrangler/<worker>.toml` and `<component>.secrets.json` (0600);
    /// existing files there are replaced, and a symbolic link inside it is refused.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Runs `hivesync-env render`: exit 0 when written, 1 when the environment fails
/// `check` (with the report; nothing written), 2 on usage and file errors.
pub fn run(set: &ContractSet, args: &RenderArgs) -> ExitCode {
    let contract = match contracts::find(set, &args.component) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some(wrangler) = &contract.wrangler else {
        output::error(format_args!(
            "`{}` has no workers: render reads an edge component's contract (one with [wrangler])",
            contract.component
        ));
        return exit::usage();
    };
    let source = match environment(args) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let checked = hivesync_env::check(contract, &source, args.profile);
    if !checked.report.is_ok() {
        for p in checked.report.problems() {
            output::problem(&escape_message(&p.to_string()), p.kind.as_str());
        }
        output::error(format_args!(
            "the environment of `{}` does not pass check in profile {}: nothing was written",
            contract.component, args.profile
        ));
        return exit::FAILED;
    }
    let secrets = match secrets_json(contract, &*source) {
        Ok(json) => json,
        Err(e) => {
            output::error(e);
            return exit::usage();
        }
    };
    let mut targets = configs(contract, wrangler, &checked, args);
    targets.push(Target::private(&args.out, secrets_file(contract), secrets));
    match write_all(&targets, true) {
        Ok(()) => {}
        Err(WriteError::Refused(errors)) => {
            for e in errors {
                output::error(e);
            }
            return exit::usage();
        }
        Err(WriteError::Exist(_)) => unreachable!("force replaces existing files"),
    }
    summary(&targets, wrangler_deploy::environment(args.profile));
    exit::OK
}

/// The environment of `--env-file` (and `--secrets-dir`); the process environment is
/// not read.
fn environment(args: &RenderArgs) -> Result<Box<dyn Source>, ExitCode> {
    let source = Layered::standard(&args.env_files, false).map_err(|errors| {
        for e in errors {
            output::error(e);
        }
        exit::usage()
    })?;
    Ok(match &args.secrets_dir {
        Some(dir) => Box::new(SecretsDir::new(source, dir)),
        None => Box::new(source),
    })
}

/// `wrangler/<worker>.toml` of each worker, with the checked public values.
fn configs(
    contract: &Contract,
    wrangler: &Wrangler,
    checked: &Checked,
    args: &RenderArgs,
) -> Vec<Target> {
    let public: BTreeMap<&str, &str> = checked
        .vars
        .iter()
        .filter_map(|v| Some((v.name.as_str(), v.value.as_deref()?)))
        .collect();
    let config = |worker: &str| {
        let text = wrangler_deploy::render(contract, worker, args.profile, |var| {
            public.get(var.name.as_ref()).copied()
        });
        let rel = format!("wrangler/{worker}.toml");
        Target::private(&args.out, rel, Zeroizing::new(text))
    };
    wrangler.workers.iter().map(|w| config(w)).collect()
}

/// The file `wrangler secret bulk` reads, in the `--out` folder:
/// `<component>.secrets.json`.
fn secrets_file(contract: &Contract) -> String {
    format!("{}.secrets.json", contract.component)
}

/// `{"NAME": "value", ...}` of every secret of `contract`, as `wrangler secret bulk`
/// reads it. Each is taken from `NAME`, else from the file `NAME_FILE` names (the
/// check has passed, so each is there and readable).
fn secrets_json(contract: &Contract, source: &dyn Source) -> Result<Zeroizing<String>, String> {
    let mut values: BTreeMap<&str, Zeroizing<String>> = BTreeMap::new();
    for var in contract.secrets() {
        let value = match source.get(&var.name).map(|l| l.value) {
            Some(Ok(v)) => Zeroizing::new(v),
            Some(Err(_)) => return Err(format!("{} is not valid UTF-8", var.name)),
            None => {
                let file = format!("{}_FILE", var.name);
                match source.get(&file).map(|l| l.value) {
                    Some(Ok(path)) => read_secret_file(path.as_ref())?,
                    _ => continue,
                }
            }
        };
        values.insert(var.name.as_ref(), value);
    }
    let map: BTreeMap<&str, &str> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let json = serde_json::to_string_pretty(&map).expect("a map of strings serializes");
    Ok(Zeroizing::new(json + "\n"))
}

/// What was written, and the commands that deploy it; never a value.
fn summary(targets: &[Target], env: &str) {
    for t in targets {
        output::status(format_args!("wrote {} (mode 0600)", shown(&t.path())));
    }
    let Some((secrets, configs)) = targets.split_last() else {
        return;
    };
    for t in configs {
        let config = shown(&t.path());
        output::status(format_args!(
            "next: wrangler secret bulk {} --env {env} --config {config}\n      wrangler deploy --env {env} --config {config}",
            shown(&secrets.path()),
        ));
    }
}
