//! `hivesync-env docs`: render every artifact of N.10 into `contracts/generated/`, or
//! check that the committed ones are up to date.

use std::path::PathBuf;
use std::process::ExitCode;

use hivesync_env_core::ContractSet;
use hivesync_env_core::render::{self, DriftKind, GENERATED_DIR};

use crate::{exit, out_dir, output};

/// Arguments of `hivesync-env docs`.
#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// The folder to write to (or to check), relative to the current directory.
    #[arg(long, value_name = "DIR", default_value = GENERATED_DIR)]
    pub out: PathBuf,

    /// Write nothing; exit 1 and name each stale, missing or extra file when the folder
    /// differs from a fresh render.
    #[arg(long)]
    pub check: bool,
}

/// Runs `hivesync-env docs`.
pub fn run(set: &ContractSet, args: &DocsArgs) -> ExitCode {
    let expected = render::artifacts(set.contracts());
    let found = match out_dir::read_tree(&args.out) {
        Ok(found) => found,
        Err(e) => {
            output::error(format_args!("cannot read {e}"));
            return exit::usage();
        }
    };
    let drift = render::drift(&expected, &found);
    if args.check {
        if drift.is_empty() {
            output::status(format_args!(
                "{} is up to date ({} files)",
                args.out.display(),
                expected.len()
            ));
            return exit::OK;
        }
        for d in &drift {
            let path = args.out.join(&d.path);
            output::problem_err(
                &format!("{}: {}", d.kind.as_str(), path.display()),
                d.kind.as_str(),
            );
        }
        output::error(format_args!(
            "{} file(s) in {} differ from the contracts: run `hivesync-env docs` and commit the result",
            drift.len(),
            args.out.display()
        ));
        return exit::FAILED;
    }
    for a in &expected {
        if let Err(e) = out_dir::write(&args.out, &a.path, &a.contents) {
            output::error(format_args!("cannot write {e}"));
            return exit::usage();
        }
    }
    let changed = drift.iter().filter(|d| d.kind != DriftKind::Extra).count();
    output::status(format_args!(
        "wrote {} files to {} ({changed} changed)",
        expected.len(),
        args.out.display()
    ));
    // Never delete: --out may point at a folder that holds other files.
    for d in drift.iter().filter(|d| d.kind == DriftKind::Extra) {
        output::warning(format_args!(
            "{} is not rendered from the contracts any more: delete it",
            args.out.join(&d.path).display()
        ));
    }
    exit::OK
}
