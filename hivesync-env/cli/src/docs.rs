//! `hivesync-env docs`: render every artifact of N.10 into `contracts/generated/` (and
//! a Rust worker's `wrangler.toml` into its crate's folder), or check that the
//! committed ones are up to date.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hivesync_env_core::ContractSet;
use hivesync_env_core::render::{self, Drift, DriftKind, GENERATED_DIR};

use zeroize::Zeroizing;

use crate::terminal::shown;
use crate::write::{Target, WriteError, write_all};
use crate::{exit, out_dir, output};

/// Arguments of `hivesync-env docs`.
#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// The folder to write to (or to check); nothing outside it is written or checked.
    /// Without it: the repository's `contracts/generated`, the repository being the
    /// nearest folder from the current one up that holds one (else the current
    /// folder), and also each Rust worker's wrangler.toml in its crate's folder of
    /// that repository.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Write nothing; exit 1 and name each stale, missing or extra file when the folder
    /// differs from a fresh render.
    #[arg(long)]
    pub check: bool,
}

/// Runs `hivesync-env docs`.
///
/// Without `--out`, besides the folder, it renders (or checks) the files placed
/// beside the code they configure ([`render::placed`], a Rust worker's
/// `wrangler.toml`), at their paths relative to the repository root, with the same
/// care as the folder (no symbolic link followed, no path outside). With `--out`, only
/// the folder named: a file beside the code is outside it.
pub fn run(set: &ContractSet, args: &DocsArgs) -> ExitCode {
    let args = &folders(args);
    let expected = render::artifacts(set.contracts());
    let placed = match args.out_given {
        false => render::placed(set.contracts()),
        true => Vec::new(),
    };
    let found = out_dir::read_tree(&args.out).and_then(|found| {
        let rels = placed.iter().map(|a| a.path.as_str());
        Ok((found, out_dir::read_each(&args.root, rels)?))
    });
    let (found, found_placed) = match found {
        Ok(found) => found,
        Err(e) => {
            output::error(format_args!("cannot read {e}"));
            return exit::usage();
        }
    };
    let drift = render::drift(&expected, &found);
    let placed_drift = render::drift(&placed, &found_placed);
    if args.check {
        return check(args, &drift, &placed_drift, expected.len() + placed.len());
    }
    let in_out = expected.iter().map(|a| (&args.out, a));
    let targets = in_out.chain(placed.iter().map(|a| (&args.root, a)));
    let targets: Vec<Target> = targets
        .map(|(dir, a)| Target {
            root: dir.clone(),
            rel: a.path.clone(),
            contents: Zeroizing::new(a.contents.clone()),
            private: false,
        })
        .collect();
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
    written(args, &drift, &placed_drift, expected.len(), placed.len());
    exit::OK
}

/// What a run that wrote says: how many files went where, and each file in the
/// folder that is no longer rendered (never deleted: `--out` may hold other files).
fn written(args: &Folders, drift: &[Drift], placed_drift: &[Drift], files: usize, placed: usize) {
    let changed = drift.iter().chain(placed_drift);
    let changed = changed.filter(|d| d.kind != DriftKind::Extra).count();
    if args.out_given {
        output::status(format_args!(
            "wrote {} files to {} ({changed} changed)",
            files,
            shown(&args.out),
        ));
    } else {
        output::status(format_args!(
            "wrote {} files to {} and {} beside their code ({changed} changed)",
            files,
            shown(&args.out),
            placed
        ));
    }
    for d in drift.iter().filter(|d| d.kind == DriftKind::Extra) {
        output::warning(format_args!(
            "{} is not rendered from the contracts any more: delete it",
            shown(&args.out.join(&d.path))
        ));
    }
}

/// The folders of `args`: `--out` and the current directory, or the repository's.
fn folders(args: &DocsArgs) -> Folders {
    let (root, out) = match &args.out {
        Some(out) => (PathBuf::from("."), out.clone()),
        None => {
            let root = repository_root();
            let out = under(&root, GENERATED_DIR);
            (root, out)
        }
    };
    Folders {
        root,
        out,
        check: args.check,
        out_given: args.out.is_some(),
    }
}

/// The folders of a run: the one the placed files' paths are relative to (none are
/// placed when `--out` is given), the one the artifacts go to, and whether to check
/// only.
struct Folders {
    root: PathBuf,
    out: PathBuf,
    check: bool,
    /// `--out` was given: only that folder is written or checked.
    out_given: bool,
}

/// `root/rel`, or `rel` when `root` is `.` (as the user reads it).
fn under(root: &Path, rel: &str) -> PathBuf {
    if root == Path::new(".") {
        PathBuf::from(rel)
    } else {
        root.join(rel)
    }
}

/// The nearest folder, from the current one up, that holds [`GENERATED_DIR`], as a
/// relative path (`.`, `..`, `../..`); `.` when there is none.
fn repository_root() -> PathBuf {
    let depth = std::env::current_dir().map_or(0, |d| d.components().count());
    let mut root = PathBuf::from(".");
    for _ in 0..depth {
        if root.join(GENERATED_DIR).is_dir() {
            return root;
        }
        root = if root == Path::new(".") {
            PathBuf::from("..")
        } else {
            root.join("..")
        };
    }
    PathBuf::from(".")
}

/// `docs --check`: exit 1 naming each file that differs, in the folder and beside
/// the code.
fn check(args: &Folders, drift: &[Drift], placed: &[Drift], files: usize) -> ExitCode {
    if drift.is_empty() && placed.is_empty() {
        output::status(format_args!(
            "{} is up to date ({files} files)",
            shown(&args.out)
        ));
        return exit::OK;
    }
    let in_out = drift.iter().map(|d| (args.out.join(&d.path), d));
    let beside = placed.iter().map(|d| (under(&args.root, &d.path), d));
    for (path, d) in in_out.chain(beside) {
        output::problem_err(
            &format!("{}: {}", d.kind.as_str(), shown(&path)),
            d.kind.as_str(),
        );
    }
    output::error(format_args!(
        "{} file(s) differ from the contracts: run `hivesync-env docs` and commit the result",
        drift.len() + placed.len()
    ));
    exit::FAILED
}
