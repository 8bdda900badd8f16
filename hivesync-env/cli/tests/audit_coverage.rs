//! `hivesync-env audit` finds committed secrets wherever they are committed: in files
//! git tracks although an ignore rule matches them now, in `.dev.vars` and `.envrc`,
//! in files that are not UTF-8 or whose names are not, in multi-line values, TOML inline tables, YAML flow
//! mappings and one-line JSON; and `.dev.vars` and `.envrc` belong to the `gitignore`
//! check.

use std::path::Path;
use std::process::Command;

const SECRET: &str = "k9Zq2vLr8Tn4Wb6Yc1Xd3Fh5Gj7Mp0Sa";

fn write(dir: &Path, files: &[(&str, &[u8])]) {
    for (path, body) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

/// The text findings of an audit of `dir`, as `file:line: kind: name` lines.
fn findings(dir: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
        .arg("audit")
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!stdout.contains(SECRET), "{stdout}");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .map(|l| l.splitn(4, ": ").take(3).collect::<Vec<_>>().join(": "))
        .collect()
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git is installed");
    assert!(status.success(), "git {args:?}");
}

/// A file to write: its path and its bytes.
type File<'a> = (&'a str, &'a [u8]);

#[test]
fn files_git_tracks_are_audited_even_when_ignored_now() {
    let secret_env = format!("JWT_SECRET={SECRET}\n");
    let secret_yaml = format!("JWT_SECRET: {SECRET}\n");
    // (files, ignore rules written after the commit, force-added paths)
    let cases: [(&[File], &str, &[&str]); 3] = [
        // Committed, then ignored.
        (
            &[(".env", secret_env.as_bytes())],
            ".env\n.env.production\n",
            &[],
        ),
        // Ignored from the start, added with `git add -f`.
        (
            &[("deploy/prod.yml", secret_yaml.as_bytes())],
            ".env\n.env.production\ndeploy/\n",
            &["deploy/prod.yml"],
        ),
        (
            &[("app/.env.production", secret_env.as_bytes())],
            ".env\n.env.*\n",
            &["app/.env.production"],
        ),
    ];
    for (files, ignore, forced) in cases {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        write(dir.path(), files);
        if forced.is_empty() {
            git(dir.path(), &["add", "."]);
            git(dir.path(), &["commit", "-qm", "x"]);
            write(dir.path(), &[(".gitignore", ignore.as_bytes())]);
        } else {
            write(dir.path(), &[(".gitignore", ignore.as_bytes())]);
            let mut args = vec!["add", "-f"];
            args.extend_from_slice(forced);
            git(dir.path(), &args);
        }
        let name = files[0].0;
        let expected = format!("{name}:1: committed_secret: JWT_SECRET");
        assert!(
            findings(dir.path()).contains(&expected),
            "{name}: {:?}",
            findings(dir.path())
        );
    }
}

#[test]
fn dev_vars_and_envrc_are_env_files_that_must_be_ignored() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".gitignore", b".env\n.env.production\n"),
            (
                ".dev.vars",
                format!("WORKER_CALLBACK_SECRET=\"{SECRET}\"\n").as_bytes(),
            ),
            (
                ".envrc",
                format!("# direnv\nexport JWT_SECRET={SECRET}\n").as_bytes(),
            ),
            ("workers/wrangler.toml", b"name = \"preview_builder\"\n"),
        ],
    );
    let found = findings(dir.path());
    for expected in [
        ".dev.vars:1: committed_secret: WORKER_CALLBACK_SECRET",
        ".envrc:2: committed_secret: JWT_SECRET",
        ".gitignore: gitignore: .dev.vars",
        ".gitignore: gitignore: .envrc",
        ".gitignore: gitignore: workers/.dev.vars",
    ] {
        assert!(
            found.contains(&expected.to_owned()),
            "{expected}: {found:?}"
        );
    }
    // Ignored: no gitignore finding, and (not tracked) no scan.
    write(
        dir.path(),
        &[(".gitignore", b".env\n.env.production\n.dev.vars\n.envrc\n")],
    );
    let found = findings(dir.path());
    assert!(!found.iter().any(|f| f.contains("gitignore")), "{found:?}");
}

#[test]
fn files_that_are_not_utf8_are_scanned() {
    let mut yaml = b"# caf\xe9\nservices:\n  api:\n    environment:\n      JWT_SECRET: ".to_vec();
    yaml.extend(SECRET.as_bytes());
    yaml.push(b'\n');
    let mut env = b"# \xff\xfe\nJWT_SECRET=".to_vec();
    env.extend(SECRET.as_bytes());
    let python = b"# \xe9t\xe9\nimport os\nos.getenv(\"NOT_DECLARED_X\")\n";
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".gitignore", b".env\n.env.production\n"),
            ("compose.yml", &yaml),
            ("prod.env", &env),
            ("tool.py", python),
        ],
    );
    let found = findings(dir.path());
    for expected in [
        "compose.yml:5: committed_secret: JWT_SECRET",
        "prod.env:2: committed_secret: JWT_SECRET",
        "tool.py:3: undeclared: NOT_DECLARED_X",
    ] {
        assert!(
            found.contains(&expected.to_owned()),
            "{expected}: {found:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_file_whose_name_is_not_utf8_is_still_an_env_file() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[(".gitignore", b".env\n.env.production\n")]);
    let name = std::ffi::OsStr::from_bytes(b"prod\xff.env");
    std::fs::write(dir.path().join(name), format!("JWT_SECRET={SECRET}\n")).unwrap();
    let found = findings(dir.path());
    // The name is shown with U+FFFD in place of the byte that is not UTF-8.
    let expected = "prod\u{fffd}.env:1: committed_secret: JWT_SECRET";
    assert!(found.contains(&expected.to_owned()), "{found:?}");
}

#[test]
fn multi_line_values_inline_tables_flow_mappings_and_one_line_json() {
    let cases: [(&str, String, &str); 7] = [
        (
            "app.env",
            format!("JWT_SECRET=\"\n{SECRET}\n\"\n"),
            "app.env:1: committed_secret: JWT_SECRET",
        ),
        (
            "b.env",
            format!("A=1\nJWT_SECRET='\n{SECRET}'\n"),
            "b.env:2: committed_secret: JWT_SECRET",
        ),
        (
            "c.toml",
            format!("env = {{ JWT_SECRET = \"{SECRET}\" }}\n"),
            "c.toml:1: committed_secret: JWT_SECRET",
        ),
        (
            "d.toml",
            format!("[vars]\nJWT_SECRET = \"\"\"\n{SECRET}\"\"\"\n"),
            "d.toml:2: committed_secret: JWT_SECRET",
        ),
        (
            "e.yml",
            format!("services: {{api: {{environment: {{JWT_SECRET: {SECRET}}}}}}}\n"),
            "e.yml:1: committed_secret: JWT_SECRET",
        ),
        (
            "f.yml",
            format!("env:\n  JWT_SECRET: >-\n    {SECRET}\n"),
            "e.yml",
        ),
        (
            "g.json",
            format!("{{\"env\": {{\"JWT_SECRET\": \"{SECRET}\"}}}}"),
            "g.json:1: committed_secret: JWT_SECRET",
        ),
    ];
    for (file, text, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                (".gitignore", b".env\n.env.production\n"),
                (file, text.as_bytes()),
            ],
        );
        let found = findings(dir.path());
        let expected = if expected == "e.yml" {
            format!("{file}:3: committed_secret: JWT_SECRET")
        } else {
            expected.to_owned()
        };
        assert_eq!(found, [expected], "{file}");
    }
}

#[test]
fn an_assignment_inside_a_multi_line_value_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("NOTE=\"an example:\nJWT_SECRET={SECRET}\n\"\n");
    write(
        dir.path(),
        &[
            (".gitignore", b".env\n.env.production\n"),
            ("notes.env", text.as_bytes()),
        ],
    );
    assert_eq!(findings(dir.path()), Vec::<String>::new());
}
