//! `hivesync-env`: check an environment against HiveSync's contracts before a deploy,
//! render every document that names a variable, and audit a repository.

// First: its `out!` and `outln!` are used by the modules below.
#[macro_use]
mod output;

mod args;
mod audit;
mod check;
mod consistency;
mod contracts;
mod docs;
mod example;
mod exit;
mod help;
mod init;
mod manual;
mod out_dir;
mod render;
mod terminal;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Check HiveSync environments against their contracts, render the documents that
/// name variables, and audit a repository.
#[derive(Debug, Parser)]
#[command(name = "hivesync-env", version, about, propagate_version = true)]
struct Cli {
    /// Read the contracts from this folder instead of the ones built into this binary.
    #[arg(long, global = true, value_name = "DIR")]
    contracts: Option<PathBuf>,

    #[command(flatten)]
    output: output::OutputArgs,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check an environment against a component's contract (exit 0 valid, 1 violations, 2 usage or file errors).
    #[command(after_help = help::CHECK)]
    Check(check::CheckArgs),
    /// List the components with their audience and variable counts.
    #[command(after_help = help::CONTRACTS)]
    Contracts,
    /// Render every generated document and deployment fragment.
    #[command(after_help = help::DOCS)]
    Docs(docs::DocsArgs),
    /// Print a component's `.env.example`.
    #[command(after_help = help::EXAMPLE)]
    Example(example::ExampleArgs),
    /// Audit a repository: undeclared variable reads, ignore rules, committed secrets.
    #[command(after_help = help::AUDIT)]
    Audit(audit::AuditArgs),
    /// Check that the components the contracts relate (`equals`) agree on the values they share.
    #[command(after_help = help::CONSISTENCY)]
    Consistency(consistency::ConsistencyArgs),
    /// Write new environments for components, with new secrets, valid in a profile.
    #[command(after_help = help::INIT)]
    Init(init::InitArgs),
    /// Render deploy-ready wrangler configs and the `wrangler secret bulk` file from a checked environment.
    #[command(after_help = help::RENDER)]
    Render(render::RenderArgs),
    /// Print a shell completions script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = help::COMPLETIONS)]
    Completions(manual::CompletionsArgs),
    /// Print the man page (roff) of hivesync-env, or of one subcommand.
    #[command(after_help = help::MAN)]
    Man(manual::ManArgs),
}

fn main() -> ExitCode {
    let code = run();
    output::flush();
    code
}

/// The arguments; on an unknown one, a second try with `consistency --COMPONENT PATH`
/// read as `--env COMPONENT=PATH` ([`consistency::component_flags`]); clap's first
/// error when that does not help.
fn parse(mut cmd: clap::Command, args: Vec<std::ffi::OsString>) -> Cli {
    let hostile = args.iter().any(|a| {
        a.to_string_lossy()
            .chars()
            .any(hivesync_env_core::is_line_hazard)
    });
    let fail = |e: clap::Error| -> ! { exit_with(e, hostile) };
    let matches = match cmd.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) if e.kind() == clap::error::ErrorKind::UnknownArgument => {
            consistency::component_flags(&cmd, &args)
                .and_then(|args| cmd.try_get_matches_from_mut(args).ok())
                .unwrap_or_else(|| fail(e))
        }
        Err(e) => fail(e),
    };
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| fail(e))
}

/// Ends the run with clap's help or error. clap quotes a rejected argument raw (and
/// coloured, `--color always`, even its escape sequences), so when an argument holds
/// a control character (a CR, an escape, a bidirectional override) the error is
/// written plain, each such character escaped visibly, as all other output is.
fn exit_with(e: clap::Error, hostile: bool) -> ! {
    if !hostile || !e.use_stderr() {
        e.exit()
    }
    let text = e.render().to_string();
    for line in text.lines() {
        eprintln!("{}", terminal::escape_message(line));
    }
    std::process::exit(e.exit_code())
}

fn run() -> ExitCode {
    // clap writes its help and errors before the arguments exist: `--color` first.
    let color = output::color_in_args(std::env::args_os());
    let cli = parse(Cli::command().color(color), std::env::args_os().collect());
    output::init(&cli.output);
    match &cli.command {
        Command::Completions(args) => return manual::completions(Cli::command(), args),
        Command::Man(args) => return manual::man(Cli::command(), args),
        _ => {}
    }
    let set = match contracts::load(cli.contracts.as_deref()) {
        Ok(set) => set,
        Err(e) => {
            // Each line's paths (the `--contracts` folder's name) escaped by `error`.
            output::error(format_args!("the contracts are not valid:\n{e}"));
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
        Command::Init(args) => init::run(&set, args),
        Command::Render(args) => render::run(&set, args),
        Command::Completions(_) | Command::Man(_) => unreachable!("handled above"),
    }
}
