//! `hivesync-env completions <shell>` and `hivesync-env man`: documents about the
//! command itself, generated from its clap definition by clap's own crates.

use std::process::ExitCode;

use clap_complete::Shell;

use crate::{exit, output};

/// Arguments of `hivesync-env completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Arguments of `hivesync-env man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand whose page to print (`hivesync-env-check(1)`), instead of the
    /// command's own page.
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,
}

/// Prints the completions script of `shell` for `cmd`.
pub fn completions(mut cmd: clap::Command, args: &CompletionsArgs) -> ExitCode {
    let name = cmd.get_name().to_owned();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, name, &mut script);
    write(&script)
}

/// Prints the man page (roff) of `cmd`, or of one of its subcommands.
pub fn man(mut cmd: clap::Command, args: &ManArgs) -> ExitCode {
    // Propagates the version and global arguments to the subcommands.
    cmd.build();
    let page = match &args.subcommand {
        None => clap_mangen::Man::new(cmd),
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                output::error(format!(
                    "unknown subcommand `{name}`: expected one of {}",
                    known.join(", ")
                ));
                return exit::usage();
            };
            let source = format!("{} {}", cmd.get_name(), cmd.get_version().unwrap_or(""));
            clap_mangen::Man::new(sub.clone())
                .title(format!("{}-{name}", cmd.get_name()))
                .source(source)
        }
    };
    let mut roff = Vec::new();
    if let Err(e) = page.render(&mut roff) {
        output::error(format!("cannot render the man page: {e}"));
        return exit::usage();
    }
    write(&roff)
}

/// Writes `bytes` to stdout as they are: data, never styled or dropped by `--quiet`.
fn write(bytes: &[u8]) -> ExitCode {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Ok(()) => exit::OK,
        // A closed pipe or a full disk ends every subcommand the same way.
        Err(e) => output::write_failed(&e),
    }
}
