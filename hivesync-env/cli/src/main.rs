//! `hivesync-env`: check an environment against HiveSync's contracts before a deploy,
//! render every document that names a variable, and audit a repository.

mod args;
mod audit;
mod check;
mod consistency;
mod contracts;
mod docs;
mod example;
mod exit;
mod out_dir;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Check HiveSync environments against their contracts, render the documents that
/// name variables, and audit a repository.
#[derive(Debug, Parser)]
#[command(name = "hivesync-env", version, about, propagate_version = true)]
struct Cli {
    /// Read the contracts from this folder instead of the ones built into this binary.
    #[arg(long, global = true, value_name = "DIR")]
    contracts: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check an environment against a component's contract (exit 0 valid, 1 violations, 2 usage or file errors).
    Check(check::CheckArgs),
    /// List the components with their audience and variable counts.
    Contracts,
    /// Render every generated document and deployment fragment.
    Docs(docs::DocsArgs),
    /// Print a component's `.env.example`.
    Example(example::ExampleArgs),
    /// Audit a repository: undeclared variable reads, ignore rules, committed secrets.
    Audit(audit::AuditArgs),
    /// Check that the backend and workers agree on the values they share.
    Consistency(consistency::ConsistencyArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let set = match contracts::load(cli.contracts.as_deref()) {
        Ok(set) => set,
        Err(e) => {
            eprintln!("error: the contracts are not valid:\n{e}");
            return exit::usage();
        }
    };
    match &cli.command {
        Command::Check(args) => check::run(&set, args),
        Command::Contracts => contracts::list(&set),
        Command::Docs(args) => docs::run(&set, args),
        Command::Example(args) => example::run(&set, args),
        Command::Audit(args) => audit::run(&set, args),
        Command::Consistency(args) => consistency::run(&set, args),
    }
}
