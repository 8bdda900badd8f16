//! The CLI as operators expect it: colours (forced, `NO_COLOR`, piped, a terminal),
//! `--quiet`, shell completions that load, a man page, an example in every `--help`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_hivesync-env");
const RED_ERROR: &str = "\x1b[1m\x1b[31merror\x1b[0m";
const ESC: char = '\x1b';

/// The CLI run in the repository with `args`, only `env` in its environment.
fn run(env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(repo())
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .output()
        .expect("the CLI runs")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// stdout and stderr together.
fn all(o: &Output) -> String {
    text(&o.stdout) + &text(&o.stderr)
}

const SAMPLE: &str = "examples/env/backend.local.env";

#[test]
fn forced_colour_paints_errors_red_and_warnings_yellow() {
    let o = run(&[], &["--color", "always", "check", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with(&format!("{RED_ERROR}: unknown component `nope`")));

    let o = run(
        &[],
        &[
            "--color=always",
            "check",
            "backend",
            "--profile",
            "production",
        ],
    );
    let out = text(&o.stdout);
    assert!(
        out.contains("\x1b[1m\x1b[31merror[missing]\x1b[0m JWT_SECRET:"),
        "{out}"
    );
    assert!(
        out.contains("\x1b[1m\x1b[31mFAILED\x1b[0m: 9 errors"),
        "{out}"
    );

    // A placeholder outside production is a warning, in yellow.
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(repo().join(SAMPLE)).unwrap();
    let env = dir.path().join("backend.env");
    std::fs::write(&env, format!("{sample}RESEND_API_KEY=REPLACE_ME\n")).unwrap();
    let env = env.to_str().unwrap();
    let o = run(
        &[],
        &["check", "backend", "--env-file", env, "--color", "always"],
    );
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert!(
        out.contains("\x1b[1m\x1b[33mwarning[placeholder]\x1b[0m RESEND_API_KEY:"),
        "{out}"
    );
}

#[test]
fn piped_output_is_plain_unless_forced_and_no_color_wins_over_auto() {
    let args = ["check", "backend", "--profile", "production"];
    let with = |env: &[(&str, &str)], color: &str| {
        let mut full = vec!["--color", color];
        full.extend(args);
        all(&run(env, &full)).contains(ESC)
    };
    // Piped, auto: plain. CLICOLOR_FORCE asks for colour even so; NO_COLOR wins.
    assert!(!with(&[], "auto"));
    assert!(with(&[("CLICOLOR_FORCE", "1")], "auto"));
    assert!(!with(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], "auto"));
    // The flag wins over the environment.
    assert!(with(&[("NO_COLOR", "1")], "always"));
    assert!(!with(&[("CLICOLOR_FORCE", "1")], "never"));
    // The default is auto.
    assert!(!all(&run(&[], &args)).contains(ESC));
    assert!(all(&run(&[("CLICOLOR_FORCE", "1")], &args)).contains(ESC));
}

#[test]
fn clap_help_follows_the_color_flag() {
    let force = [("CLICOLOR_FORCE", "1")];
    assert!(text(&run(&force, &["check", "--help"]).stdout).contains(ESC));
    assert!(!text(&run(&force, &["--color", "never", "check", "--help"]).stdout).contains(ESC));
    assert!(!text(&run(&force, &["check", "--help", "--color=never"]).stdout).contains(ESC));
    assert!(text(&run(&[], &["--color", "always", "--help"]).stdout).contains(ESC));
}

/// `args` run on a pseudo-terminal by `script` (util-linux, in every Debian and
/// Ubuntu base system): what the terminal showed.
fn on_terminal(env: &[(&str, &str)], args: &str) -> String {
    let o = Command::new("script")
        .args([
            "--quiet",
            "--return",
            "--command",
            &format!("{BIN} {args}"),
            "/dev/null",
        ])
        .current_dir(repo())
        .env_clear()
        .env("TERM", "xterm-256color")
        .envs(env.iter().copied())
        .output()
        .expect("`script` (util-linux) runs");
    text(&o.stdout)
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let shown = on_terminal(&[], "check nope");
    assert!(shown.contains(RED_ERROR), "{shown:?}");
    let shown = on_terminal(&[("NO_COLOR", "1")], "check nope");
    assert!(shown.contains("error: unknown component"), "{shown:?}");
    assert!(!shown.contains(ESC), "{shown:?}");
    let shown = on_terminal(&[], "--color never check nope");
    assert!(!shown.contains(ESC), "{shown:?}");
}

#[test]
fn quiet_prints_only_problems() {
    let passing = ["--quiet", "check", "backend", "--env-file", SAMPLE];
    let o = run(&[], &passing);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(all(&o), "");
    // Without --quiet the same run prints the table and the verdict.
    let o = run(&[], &passing[1..]);
    assert!(text(&o.stdout).contains("ok: 0 errors, 0 warnings"));

    let o = run(
        &[],
        &[
            "-q",
            "check",
            "backend",
            "--env-file",
            SAMPLE,
            "--profile",
            "production",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stdout),
        "error[insecure] BASE_URL: must use https in production, found `http://localhost:4000`\n"
    );
    assert_eq!(text(&o.stderr), "");

    let o = run(&[], &["--quiet", "docs", "--check"]);
    assert_eq!((o.status.code(), all(&o)), (Some(0), String::new()));
    let o = run(&[], &["docs", "--check"]);
    assert!(text(&o.stdout).contains("is up to date"));

    // Data is not status: the example is printed whatever --quiet says.
    let o = run(&[], &["--quiet", "example", "backend"]);
    assert!(text(&o.stdout).contains("JWT_SECRET="));
}

#[test]
fn the_bash_completions_load_in_bash() {
    let o = Command::new("bash")
        .args([
            "--norc",
            "--noprofile",
            "-c",
            "set -e; source <(\"$0\" completions bash); complete -p hivesync-env",
            BIN,
        ])
        .output()
        .expect("bash runs");
    assert!(o.status.success(), "{}", all(&o));
    assert_eq!(text(&o.stderr), "");
    assert!(text(&o.stdout).contains(" hivesync-env\n"), "{}", all(&o));

    // The loaded function completes subcommands.
    let script = "source <(\"$0\" completions bash); COMP_WORDS=(hivesync-env con); COMP_CWORD=1; \
                  _hivesync__env hivesync-env con hivesync-env; printf '%s\\n' \"${COMPREPLY[@]}\"";
    let o = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script, BIN])
        .output()
        .expect("bash runs");
    assert_eq!(text(&o.stdout), "contracts\nconsistency\n", "{}", all(&o));

    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let o = run(&[], &["completions", shell]);
        assert!(o.status.success() && o.stdout.len() > 500, "{shell}");
    }
}

/// The subcommands `--help` lists, without `help`.
fn subcommands() -> Vec<String> {
    let help = text(&run(&[], &["--help"]).stdout);
    let listed = help.split_once("Commands:\n").unwrap().1;
    let listed = listed.split_once("\n\n").unwrap().0;
    let names: Vec<String> = listed
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    names
}

#[test]
fn every_subcommand_help_ends_with_an_example() {
    for name in subcommands() {
        let o = run(&[], &[&name, "--help"]);
        let help = text(&o.stdout);
        let examples = help
            .split_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("`{name} --help` has no Examples:\n{help}"))
            .1;
        let invocation = format!("hivesync-env {name}");
        let global = "hivesync-env --";
        assert!(
            examples
                .lines()
                .all(|l| l.trim_start().starts_with("hivesync-env")
                    || l.trim_start().starts_with("source <(hivesync-env")),
            "{name}:\n{examples}"
        );
        assert!(
            examples.contains(&invocation) || examples.contains(global),
            "{name}:\n{examples}"
        );
    }
}

#[test]
fn the_man_pages_are_roff_for_the_command_and_each_subcommand() {
    let page = text(&run(&[], &["man"]).stdout);
    assert!(page.contains("\n.TH hivesync-env 1 "), "{page}");
    assert!(page.contains("\n.SH SUBCOMMANDS\n"), "{page}");
    for name in subcommands() {
        assert!(
            page.contains(&format!("hivesync\\-env\\-{}(1)", name.replace('-', "\\-"))),
            "{name}"
        );
        let sub = run(&[], &["man", &name]);
        assert!(sub.status.success(), "{name}");
        let sub = text(&sub.stdout);
        assert!(
            sub.contains(&format!("\n.TH hivesync-env-{name} 1 ")),
            "{sub}"
        );
        assert!(sub.contains("Examples:"), "{name}:\n{sub}");
    }
    let o = run(&[], &["man", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with("error: unknown subcommand `nope`"));
}
