//! Values compared with each other (issue 9, item 2): a public value that equals or
//! contains a secret's value of the same run is a `leak` error and hidden everywhere;
//! a public value with a credential's shape is hidden in every component (an error in
//! a client, a warning elsewhere); a secret equal to a public value is `weak`.

use hivesync_env::source::{EnvFile, Layered, MapSource};
use hivesync_env::{Checked, ProblemKind, Profile, Severity, check};
use hivesync_env_test_support::{BACKEND_VALID, backend_valid_text, contract, outputs};
use proptest::prelude::*;

fn backend_file(extra: &str) -> EnvFile {
    hivesync_env_test_support::backend_file("b.env", extra)
}

const JWT: &str = "0123456789abcdef0123456789abcdef-jwt";

fn problems_of(checked: &Checked, name: &str) -> Vec<(ProblemKind, Severity)> {
    checked
        .report
        .problems()
        .iter()
        .filter(|p| p.var == name)
        .map(|p| (p.kind, p.severity))
        .collect()
}

fn listed_value<'a>(checked: &'a Checked, name: &str) -> Option<&'a str> {
    checked
        .vars
        .iter()
        .find(|v| v.name == name)
        .unwrap()
        .value
        .as_deref()
}

#[test]
fn a_public_value_holding_a_secret_is_a_leak_and_hidden() {
    for (extra, public) in [
        (format!("AI_MODEL={JWT}\n"), "AI_MODEL"),
        ("AI_MODEL=${JWT_SECRET}\n".to_owned(), "AI_MODEL"),
        (
            "R2_BUCKET=\"bucket-${POSTGRES_PASSWORD}\"\n".to_owned(),
            "R2_BUCKET",
        ),
        (format!("LOG_LEVEL=x{JWT}\n"), "LOG_LEVEL"),
        (
            format!("R2_PUBLIC_URL=https://cdn.hivesync.dev/?k={JWT}\n"),
            "R2_PUBLIC_URL",
        ),
        // A public value that only contains the secret.
        (format!("POSTGRES_DB=db-{JWT}-db\n"), "POSTGRES_DB"),
    ] {
        let file = backend_file(&extra);
        for profile in Profile::ALL {
            let checked = check(contract("backend"), &file, profile);
            assert_eq!(
                problems_of(&checked, public),
                [(ProblemKind::Leak, Severity::Error)],
                "{extra}: {}",
                checked.report
            );
            assert_eq!(listed_value(&checked, public), None, "{extra}");
            let shown = outputs(&checked);
            for secret in [JWT, "pg-password-for-the-tests-0123"] {
                assert!(!shown.contains(secret), "{extra}: {shown}");
            }
        }
    }
}

#[test]
fn a_secret_from_a_docker_secret_file_counts_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jwt");
    std::fs::write(&path, "file-secret-0123456789abcdef0123456789\n").unwrap();
    let base: MapSource = BACKEND_VALID
        .iter()
        .copied()
        .filter(|(n, _)| *n != "JWT_SECRET")
        .collect();
    let map = MapSource::new("m")
        .with("JWT_SECRET_FILE", path.as_os_str())
        .with("AI_MODEL", "file-secret-0123456789abcdef0123456789");
    let layered = Layered::new().with(base).with(map);
    let checked = check(contract("backend"), &layered, Profile::Local);
    assert_eq!(
        problems_of(&checked, "AI_MODEL"),
        [(ProblemKind::Leak, Severity::Error)],
        "{}",
        checked.report
    );
    assert!(!outputs(&checked).contains("file-secret"));
}

#[test]
fn a_secret_equal_to_a_public_value_is_weak() {
    for (extra, secret, public) in [
        (
            "POSTGRES_USER=same-value-as-pw\nPOSTGRES_PASSWORD=same-value-as-pw\n",
            "POSTGRES_PASSWORD",
            "POSTGRES_USER",
        ),
        (
            "AI_MODEL=gpt-4o-mini\nOPENAI_API_KEY=gpt-4o-mini\n",
            "OPENAI_API_KEY",
            "AI_MODEL",
        ),
    ] {
        let file = backend_file(extra);
        let checked = check(contract("backend"), &file, Profile::Production);
        assert_eq!(
            problems_of(&checked, secret),
            [(ProblemKind::Weak, Severity::Error)],
            "{}",
            checked.report
        );
        let weak = checked.report.of_kind(ProblemKind::Weak).next().unwrap();
        assert_eq!(
            weak.message,
            format!(
                "is the value of {public}, which is not a secret: anyone who can read it knows this secret; choose a new secret value"
            )
        );
        assert_eq!(
            problems_of(&checked, public),
            [(ProblemKind::Leak, Severity::Error)]
        );
        let local = check(contract("backend"), &file, Profile::Local);
        assert_eq!(
            problems_of(&local, secret),
            [(ProblemKind::Weak, Severity::Warning)]
        );
    }
}

/// A public variable at its default copied nothing: a secret equal to, or inside,
/// that public default is `weak`; the public variable has no problem and is shown.
#[test]
fn a_secret_in_a_public_default_is_weak_and_the_default_no_leak() {
    let default = contract("backend")
        .var("R2_BUCKET")
        .and_then(|v| v.default_for(Profile::Production))
        .expect("R2_BUCKET has a default");
    assert_eq!(default, "hivesync-r2");
    for (password, weak) in [
        ("hivesync-r2", Some("is the default of R2_BUCKET")),
        ("sync-r2", Some("is part of the default of R2_BUCKET")),
        // Holds the default, which does not hold it.
        ("hivesync-r2-tail", None),
    ] {
        let text: String = backend_valid_text()
            .lines()
            .filter(|l| !l.starts_with("R2_BUCKET=") && !l.starts_with("POSTGRES_PASSWORD="))
            .map(|l| format!("{l}\n"))
            .chain([format!("POSTGRES_PASSWORD={password}\n")])
            .collect();
        let file = EnvFile::parse("b.env", text.as_bytes()).unwrap();
        for profile in [Profile::Local, Profile::Production] {
            let checked = check(contract("backend"), &file, profile);
            assert_eq!(problems_of(&checked, "R2_BUCKET"), [], "{}", checked.report);
            assert_eq!(listed_value(&checked, "R2_BUCKET"), Some(default));
            let found: Vec<_> = checked
                .report
                .problems()
                .iter()
                .filter(|p| p.var == "POSTGRES_PASSWORD")
                .map(|p| (p.kind, p.severity, p.message.clone()))
                .collect();
            let expected: Vec<_> = weak
                .map(|w| {
                    let severity = match profile {
                        Profile::Production => Severity::Error,
                        _ => Severity::Warning,
                    };
                    let message = format!(
                        "{w}, which is not a secret: anyone who can read it knows this secret; choose a new secret value"
                    );
                    (ProblemKind::Weak, severity, message)
                })
                .into_iter()
                .collect();
            assert_eq!(found, expected, "{password} in {profile}");
            // Shown only as (part of) the public default.
            let shown = outputs(&checked).replace(default, "");
            assert!(!shown.contains(password), "{shown}");
        }
    }
}

#[test]
fn short_secrets_are_compared_whole_only() {
    // `R2_ACCOUNT_ID=account-0123` holds `0123`, a secret too short to look for inside.
    let file = backend_file("OPENAI_API_KEY=0123\n");
    let checked = check(contract("backend"), &file, Profile::Local);
    assert_eq!(problems_of(&checked, "R2_ACCOUNT_ID"), []);
    assert_eq!(
        listed_value(&checked, "R2_ACCOUNT_ID"),
        Some("account-0123")
    );
}

#[test]
fn credential_shaped_public_values_are_hidden_in_every_component() {
    for value in [
        "sk-proj-abcdefghijklmnop",
        "sk_live_abcdefghijklmnop",
        "AKIAIOSFODNN7EXAMPLE",
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
        "Bearer abcdefghijklmnop",
        "postgres://app:hunter2hunter2@db:5432/app",
    ] {
        // A server: a warning while the type accepts it.
        let file = backend_file(&format!("AI_MODEL=\"{value}\"\n"));
        let checked = check(contract("backend"), &file, Profile::Production);
        assert_eq!(
            problems_of(&checked, "AI_MODEL"),
            [(ProblemKind::Leak, Severity::Warning)],
            "{value}"
        );
        assert!(checked.report.is_ok());
        assert_eq!(listed_value(&checked, "AI_MODEL"), None);
        assert!(!outputs(&checked).contains(value), "{value}");
        // A client: an error.
        let map = MapSource::new("m")
            .with("HIVESYNC_PUBLIC_API_URL", "https://api.hivesync.dev")
            .with("HIVESYNC_PUBLIC_LOG_LEVEL", value);
        let checked = check(contract("desktop"), &map, Profile::Local);
        assert_eq!(
            problems_of(&checked, "HIVESYNC_PUBLIC_LOG_LEVEL"),
            [(ProblemKind::Leak, Severity::Error)],
            "{value}"
        );
        assert!(!outputs(&checked).contains(value), "{value}");
    }
}

/// A secret between markers that no message contains, with what breaks quoting.
fn secret_body() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "'",
        "\"",
        "\\",
        "\n",
        "${",
        "}",
        "${AI_MODEL}",
        "=",
        "#",
        " ",
        "é",
        "日本",
        "🐝",
        "a",
        "Z",
        "9",
    ]);
    (prop::collection::vec(piece, 0..10), "[a-f0-9]{6}")
        .prop_map(|(p, m)| format!("Qs{m}{}{m}sZ", p.concat()))
}

fn public_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "x",
            "-",
            "'",
            "\"",
            "\n",
            "${JWT_SECRET}",
            "=",
            "é",
            " ",
        ]),
        0..4,
    )
    .prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// Random secret, random text around it in a public value: always a leak, never
    /// shown, from a map and from an env file written with escapes.
    #[test]
    fn any_public_value_holding_a_secret_is_a_leak(
        secret in secret_body(),
        before in public_text(),
        after in public_text(),
        public in prop::sample::select(vec!["AI_MODEL", "R2_BUCKET", "POSTGRES_DB", "LOG_LEVEL", "BASE_URL"]),
        profile in prop::sample::select(Profile::ALL.to_vec()),
    ) {
        let value = format!("{before}{secret}{after}");
        let map: MapSource = BACKEND_VALID
            .iter()
            .copied()
            .filter(|(n, _)| *n != public)
            .collect();
        let map = map.with("JWT_SECRET", secret.clone()).with(public, value);
        let checked = check(contract("backend"), &map, profile);
        prop_assert_eq!(problems_of(&checked, public), vec![(ProblemKind::Leak, Severity::Error)]);
        prop_assert_eq!(listed_value(&checked, public), None);
        let shown = outputs(&checked);
        let markers = &secret[..8];
        prop_assert!(!shown.contains(markers), "{}", shown);
    }

    /// A public value built by substitution from a secret of the same file is a leak.
    #[test]
    fn substituting_a_secret_into_a_public_value_is_a_leak(
        secret in "[a-zA-Z0-9+/=]{8,40}",
        before in "[a-z-]{0,6}",
        public in prop::sample::select(vec!["AI_MODEL", "R2_BUCKET", "POSTGRES_DB"]),
        braces in any::<bool>(),
    ) {
        let reference = if braces { "${JWT_SECRET}".to_owned() } else { "\"$JWT_SECRET\"".to_owned() };
        let text = format!("{}JWT_SECRET={secret}\n{public}={before}{reference}\n", backend_valid_text());
        let file = EnvFile::parse("p.env", text.as_bytes()).unwrap();
        let checked = check(contract("backend"), &file, Profile::Local);
        prop_assert_eq!(problems_of(&checked, public), vec![(ProblemKind::Leak, Severity::Error)]);
        prop_assert!(!outputs(&checked).contains(&secret));
    }
}

#[test]
fn placeholders_are_no_secret_to_leak() {
    // A fresh `.env.example` holds the same placeholder everywhere.
    let file = backend_file("JWT_SECRET=REPLACE_ME\nR2_ACCOUNT_ID=REPLACE_ME\nAI_MODEL=\n");
    let checked = check(contract("backend"), &file, Profile::Local);
    assert_eq!(
        checked.report.of_kind(ProblemKind::Leak).count(),
        0,
        "{}",
        checked.report
    );
}

/// The file's secret is overridden by another layer (the process environment in the
/// CLI), so the public value no longer holds the run's secret; it still copies a
/// secret, found by the names substitution used.
#[test]
fn a_public_value_built_from_a_secret_by_substitution_is_a_leak_whatever_the_run_holds() {
    for (text, public, secret) in [
        (
            "JWT_SECRET=file-secret-0123456789abcdef\nAI_MODEL=${JWT_SECRET}\n",
            "AI_MODEL",
            "JWT_SECRET",
        ),
        (
            "JWT_SECRET=file-secret-0123456789abcdef\nAI_MODEL=\"m-$JWT_SECRET\"\n",
            "AI_MODEL",
            "JWT_SECRET",
        ),
        // Through a public name in between.
        (
            "OPENAI_API_KEY=file-secret-0123456789abcdef\nX=$OPENAI_API_KEY\nR2_BUCKET=b-${X}\n",
            "R2_BUCKET",
            "OPENAI_API_KEY",
        ),
        // The secret empty in the file: still a reference to a secret.
        (
            "POSTGRES_PASSWORD=\nPOSTGRES_DB=db${POSTGRES_PASSWORD}\n",
            "POSTGRES_DB",
            "POSTGRES_PASSWORD",
        ),
    ] {
        let file = EnvFile::parse("f.env", text.as_bytes()).unwrap();
        let overrides: MapSource = BACKEND_VALID.iter().copied().collect();
        let layered = Layered::new().with(file).with(overrides);
        let checked = check(contract("backend"), &layered, Profile::Local);
        assert_eq!(
            problems_of(&checked, public),
            [(ProblemKind::Leak, Severity::Error)],
            "{text}: {}",
            checked.report
        );
        let leak = checked.report.of_kind(ProblemKind::Leak).next().unwrap();
        assert!(
            leak.message
                .contains(&format!("built from the secret {secret}")),
            "{}",
            leak.message
        );
        assert_eq!(listed_value(&checked, public), None);
        assert!(!outputs(&checked).contains("file-secret"), "{text}");
    }
}

/// A secret with a credential's shape copied into a public value: the credential
/// shape alone is a warning outside clients, and must not stand in for the `leak`
/// error the copy is.
#[test]
fn a_credential_shaped_secret_copied_into_a_public_value_is_an_error() {
    for key in [
        "sk_live_0123456789abcdefghijklmnopqrstuv",
        "sk-proj-0123456789abcdefghijklmnopqrstuv",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLTAxMjM0NTY3",
    ] {
        let file = backend_file(&format!("JWT_SECRET={key}\nAI_MODEL={key}\n"));
        for profile in Profile::ALL {
            let checked = check(contract("backend"), &file, profile);
            assert!(
                problems_of(&checked, "AI_MODEL").contains(&(ProblemKind::Leak, Severity::Error)),
                "{key} in {profile}: {}",
                checked.report
            );
            assert!(!checked.report.is_ok(), "{key} in {profile}");
            assert!(!outputs(&checked).contains(key), "{key} in {profile}");
        }
    }
}

/// A contract of `n` optional string variables `V00`, `V01`, ...; those of `secrets`
/// are secrets.
fn contract_of(n: usize, secrets: &[usize]) -> hivesync_env_core::Contract {
    let mut toml = String::from("component = \"c\"\naudience = \"server\"\ndescription = \"c\"\n");
    for i in 0..n {
        let secret = secrets.contains(&i);
        toml.push_str(&format!(
            "[[var]]\nname = \"V{i:02}\"\ntype = \"string\"\noptional = true\nsecret = {secret}\ndescription = \"v\"\n"
        ));
    }
    hivesync_env_core::Contract::parse("c.toml", &toml).unwrap()
}

/// The secrets a run holds are kept a bit each for the first 64 variables: those
/// past them are compared too, and so is the shortest secret, as long as a public
/// value.
#[test]
fn secrets_past_the_64th_variable_are_looked_for_too() {
    let contract = contract_of(70, &[5, 64, 66]);
    let past = "secret-past-the-64th-0123456789";
    let map = MapSource::new("m")
        .with("V05", "abcdef")
        .with("V64", "the-64th-secret-0123456789")
        .with("V66", past)
        .with("V01", "the-64th-secret-0123456789")
        // Holds two secrets: the first in contract order is named.
        .with("V10", format!("x-{past}-abcdef"))
        .with("V68", past)
        .with("V69", "abcdef")
        .with("V02", "abcde");
    let checked = check(&contract, &map, Profile::Local);
    for public in ["V01", "V10", "V68", "V69"] {
        assert_eq!(
            problems_of(&checked, public),
            [(ProblemKind::Leak, Severity::Error)],
            "{public}: {}",
            checked.report
        );
        assert_eq!(listed_value(&checked, public), None, "{public}");
    }
    for secret in ["V05", "V64", "V66"] {
        assert_eq!(
            problems_of(&checked, secret),
            [(ProblemKind::Weak, Severity::Warning)],
            "{secret}: {}",
            checked.report
        );
    }
    let v10 = checked.report.problems().iter().find(|p| p.var == "V10");
    assert!(v10.unwrap().message.contains("the secret V05 "), "{v10:?}");
    assert_eq!(problems_of(&checked, "V02"), []);
    let shown = outputs(&checked);
    assert!(
        !shown.contains(past) && !shown.contains("64th-secret"),
        "{shown}"
    );
}

/// A source over the process environment and a file: the file's substitutions are
/// still looked for (only a source that is the process environment alone has none).
#[test]
fn substitution_is_looked_for_in_a_file_layered_under_the_process_environment() {
    let contract = contract_of(2, &[0]);
    let text = "V00=file-secret-0123456789abcdef\nV01=m-${V00}\n";
    let file = EnvFile::parse("f.env", text.as_bytes()).unwrap();
    let overrides = MapSource::new("m").with("V00", "run-secret-0123456789abcdef");
    let layered = Layered::new()
        .with(file)
        .with(hivesync_env::source::ProcessEnv)
        .with(overrides);
    let checked = check(&contract, &layered, Profile::Local);
    assert_eq!(
        problems_of(&checked, "V01"),
        [(ProblemKind::Leak, Severity::Error)],
        "{}",
        checked.report
    );
    let leak = checked.report.of_kind(ProblemKind::Leak).next().unwrap();
    assert!(
        leak.message.contains("built from the secret V00"),
        "{}",
        leak.message
    );
}
