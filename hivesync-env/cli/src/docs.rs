//! `hivesync-env docs`: render every artifact of N.10 into `contracts/generated/`, or
//! check that the committed ones are up to date.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hivesync_env_core::ContractSet;
use hivesync_env_core::render::{self, DriftKind, GENERATED_DIR};

use crate::exit;

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
    let found = match read_tree(&args.out) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.out.display());
            return exit::usage();
        }
    };
    let drift = render::drift(&expected, &found);
    if args.check {
        if drift.is_empty() {
            println!(
                "{} is up to date ({} files)",
                args.out.display(),
                expected.len()
            );
            return exit::OK;
        }
        for d in &drift {
            eprintln!("{}: {}", d.kind.as_str(), args.out.join(&d.path).display());
        }
        eprintln!(
            "error: {} file(s) in {} differ from the contracts: run `hivesync-env docs` and commit the result",
            drift.len(),
            args.out.display()
        );
        return exit::FAILED;
    }
    for a in &expected {
        let path = args.out.join(&a.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &a.contents));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return exit::usage();
        }
    }
    let changed = drift.iter().filter(|d| d.kind != DriftKind::Extra).count();
    println!(
        "wrote {} files to {} ({changed} changed)",
        expected.len(),
        args.out.display()
    );
    // Never delete: --out may point at a folder that holds other files.
    for d in drift.iter().filter(|d| d.kind == DriftKind::Extra) {
        eprintln!(
            "warning: {} is not rendered from the contracts any more: delete it",
            args.out.join(&d.path).display()
        );
    }
    exit::OK
}

/// Every file under `dir` as `relative/path -> text` (`/`-separated); empty when `dir`
/// does not exist. A file that is not UTF-8 reads as an empty text, so it is stale.
fn read_tree(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let key: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let bytes = std::fs::read(&path)?;
            out.insert(key.join("/"), String::from_utf8(bytes).unwrap_or_default());
        }
    }
    Ok(out)
}
