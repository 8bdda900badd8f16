//! How the CLI writes for people, in one place: errors red and warnings yellow on a
//! terminal, plain when piped; `--color` and `NO_COLOR`; `--quiet`.
//!
//! Colour goes through anstream, as clap's own help does: text is written with its
//! styles and anstream strips them unless the stream should get them. With
//! `--color auto` (the default) that is when the stream is a terminal, `NO_COLOR` is
//! unset or empty and `TERM` is not `dumb` (`CLICOLOR_FORCE=1` forces colour,
//! `NO_COLOR` still wins over it); `--color always` and `--color never` decide alone,
//! so the flag wins over the environment.
//!
//! `--quiet` keeps only problems: errors, warnings, findings, failed relations, stale
//! files. Status lines (`ok: ...`, `audit: . is clean`, the variables table of
//! `check`) are dropped. What a command is asked to produce (an `.env.example`, JSON,
//! a completions script, a man page) is data, not status, and is always printed.
//!
//! Everything written to standard output goes through [`write`] (and the `out!` and
//! `outln!` macros), so a closed pipe (`hivesync-env docs --check | head -1`) or a
//! full disk (`> /dev/full`) ends the process quietly instead of panicking in
//! `println!`: a closed pipe with exit code 141 (128 + SIGPIPE, what a shell reports
//! for a command a pipe stopped) and nothing more printed; any other write error
//! (`No space left on device`) with one line on standard error and exit code 2, the
//! CLI's code for file errors.

use std::fmt::{self, Display, Write as _};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use anstream::ColorChoice;
use anstyle::{AnsiColor, Style};

use crate::terminal::escape_message;

/// `print!` through [`write`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write(format_args!($($arg)*)) };
}

/// `println!` through [`write`].
macro_rules! outln {
    ($($arg:tt)*) => { $crate::output::write(format_args!("{}\n", format_args!($($arg)*))) };
}

/// The exit code of a process stopped by a closed pipe.
const BROKEN_PIPE: i32 = 128 + 13;

/// Writes `args` to standard output (styles stripped unless colour is on), or ends
/// the process when it cannot be written (see the module docs).
pub fn write(args: fmt::Arguments<'_>) {
    if let Err(e) = anstream::stdout().lock().write_fmt(args) {
        write_failed(&e);
    }
}

/// Flushes standard output, or ends the process: the last line may still be buffered
/// when `main` returns, and a flush error at exit would be lost.
pub fn flush() {
    if let Err(e) = io::stdout().lock().flush() {
        write_failed(&e);
    }
}

/// Ends the process after a failed write to standard output (see the module docs).
pub fn write_failed(e: &io::Error) -> ! {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(BROKEN_PIPE);
    }
    // Standard error may be closed too: nothing more can be said then.
    let _ = writeln!(io::stderr(), "error: cannot write the output: {e}");
    std::process::exit(2);
}

/// The style of the word `error` and of error problem lines.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// The style of the word `warning` and of warning problem lines.
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// `--color` and `--quiet`, accepted by every subcommand.
#[derive(Debug, clap::Args)]
pub struct OutputArgs {
    /// When to colour errors and warnings: `auto` (on a terminal, unless NO_COLOR is
    /// set), `always` or `never`.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Print only problems (errors, warnings, findings); a clean run prints no status.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// The values of `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always, even when piped or with `NO_COLOR`.
    Always,
    /// Never.
    Never,
}

static QUIET: AtomicBool = AtomicBool::new(false);

/// Applies `--color` and `--quiet` to everything written afterwards.
pub fn init(args: &OutputArgs) {
    let choice = match args.color {
        ColorWhen::Auto => ColorChoice::Auto,
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
    };
    choice.write_global();
    QUIET.store(args.quiet, Ordering::Relaxed);
}

/// The `--color` of a command line, read before clap parses it, for clap's own help
/// and usage errors (clap writes those before the parsed arguments exist). An
/// invalid value counts as `auto`: clap reports it next.
pub fn color_in_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> clap::ColorChoice {
    let mut color = clap::ColorChoice::Auto;
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--") => break,
            Some("--color") => args.next(),
            Some(a) => a.strip_prefix("--color=").map(Into::into),
            None => None,
        };
        match value.as_ref().and_then(|v| v.to_str()) {
            Some("always") => color = clap::ColorChoice::Always,
            Some("never") => color = clap::ColorChoice::Never,
            Some(_) => color = clap::ColorChoice::Auto,
            None => {}
        }
    }
    color
}

fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// `error: message` on stderr, `error` in red.
pub fn error(message: impl Display) {
    let message = clean(message);
    anstream::eprintln!("{ERROR}error{ERROR:#}: {message}");
}

/// `warning: message` on stderr, `warning` in yellow.
pub fn warning(message: impl Display) {
    let message = clean(message);
    anstream::eprintln!("{WARNING}warning{WARNING:#}: {message}");
}

/// A status line on stdout; dropped by `--quiet`.
pub fn status(line: impl Display) {
    if !quiet() {
        outln!("{}", clean(line));
    }
}

/// A status line on stderr; dropped by `--quiet`.
pub fn status_err(line: impl Display) {
    if !quiet() {
        anstream::eprintln!("{}", clean(line));
    }
}

/// A problem on stdout: `line` with its first `: word: ` (the kind of a finding,
/// `file:line: undeclared: NAME: ...`) or its leading `word: ` in red.
pub fn problem(line: &str, word: &str) {
    outln!("{}", paint(line, word));
}

/// [`problem`] on stderr.
pub fn problem_err(line: &str, word: &str) {
    anstream::eprintln!("{}", paint(line, word));
}

fn paint(line: &str, word: &str) -> String {
    let line = &clean(line);
    if let Some(rest) = line.strip_prefix(&format!("{word}: ")) {
        format!("{ERROR}{word}{ERROR:#}: {rest}")
    } else if let Some((before, after)) = line.split_once(&format!(": {word}: ")) {
        format!("{before}: {ERROR}{word}{ERROR:#}: {after}")
    } else {
        line.to_owned()
    }
}

/// `message` with every control character but its line breaks escaped visibly, line
/// by line ([`escape_message`]: escapes already written stay as they are). Callers
/// escape the paths and names they print; this is the net under every message line,
/// so one they miss (an env file's path in a library error) never reaches the
/// terminal raw.
fn clean(message: impl Display) -> String {
    let text = message.to_string();
    if !text
        .chars()
        .any(|c| c != '\n' && hivesync_env_core::is_line_hazard(c))
    {
        return text;
    }
    let lines: Vec<_> = text.split('\n').map(escape_message).collect();
    lines.join("\n")
}

/// Text of several lines for stdout, each problem line of a report painted:
/// `  error[kind] ...` in red, `  warning[kind] ...` in yellow, and a `FAILED` verdict
/// in red. With `--quiet`, only the problem lines are written.
pub fn report_text(text: &str) {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let trimmed = line.trim_start();
        let style = if trimmed.starts_with("error[") {
            Some(ERROR)
        } else if trimmed.starts_with("warning[") {
            Some(WARNING)
        } else {
            None
        };
        match style {
            Some(style) => {
                let indent = &line[..line.len() - trimmed.len()];
                let (tag, rest) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
                let _ = writeln!(out, "{indent}{style}{tag}{style:#} {rest}");
            }
            None if quiet() => {}
            None => match line.strip_prefix("FAILED") {
                Some(rest) => _ = writeln!(out, "{ERROR}FAILED{ERROR:#}{rest}"),
                None => _ = writeln!(out, "{line}"),
            },
        }
    }
    out!("{out}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_red_and_yellow() {
        assert_eq!(format!("{ERROR}x{ERROR:#}"), "\x1b[1m\x1b[31mx\x1b[0m");
        assert_eq!(format!("{WARNING}x{WARNING:#}"), "\x1b[1m\x1b[33mx\x1b[0m");
    }
}
