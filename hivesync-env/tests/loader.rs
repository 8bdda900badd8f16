//! The loader against HiveSync's real contracts: every problem kind, found in one pass.

use hivesync_env::source::{EnvFile, Layered, MapSource};
use hivesync_env::{Contract, ProblemKind, Profile, Report, Severity, check};
use hivesync_env_test_support::{backend_valid_map, contract};

/// A backend environment valid in every profile.
fn valid_backend() -> MapSource {
    backend_valid_map()
}

fn problems(report: &Report) -> Vec<(&str, ProblemKind, Severity)> {
    report
        .problems()
        .iter()
        .map(|p| (p.var.as_str(), p.kind, p.severity))
        .collect()
}

#[test]
fn a_valid_environment_has_no_problem_in_any_profile() {
    let backend = contract("backend");
    for profile in Profile::ALL {
        let checked = check(backend, &valid_backend(), profile);
        assert!(checked.report.problems().is_empty(), "{}", checked.report);
    }
}

#[test]
fn defaults_depend_on_the_profile() {
    let backend = contract("backend");
    let value = |profile| {
        check(backend, &valid_backend(), profile).vars[3]
            .value
            .clone()
            .unwrap()
    };
    assert_eq!(value(Profile::Local), "localhost");
    assert_eq!(value(Profile::Docker), "postgres");
}

#[test]
fn every_problem_of_one_environment_is_reported_at_once() {
    let backend = contract("backend");
    let mut env = valid_backend()
        .with("PORT", "80a")
        .with("EMAIL_PROVIDER", "mailgun")
        .with("BASE_URL", "http://hivesync.dev")
        .with("JWT_SECRET", "short")
        .with("OPENAI_API_KEY", "REPLACE_ME")
        .with("LOG_LEVL", "debug");
    env.insert("R2_BUCKET", invalid_utf8());
    let report = check(backend, &env, Profile::Production).report;
    assert_eq!(
        problems(&report),
        [
            ("PORT", ProblemKind::Invalid, Severity::Error),
            ("BASE_URL", ProblemKind::Insecure, Severity::Error),
            ("JWT_SECRET", ProblemKind::Weak, Severity::Error),
            ("EMAIL_PROVIDER", ProblemKind::Invalid, Severity::Error),
            ("OPENAI_API_KEY", ProblemKind::Placeholder, Severity::Error),
            ("R2_BUCKET", ProblemKind::NotUnicode, Severity::Error),
            ("LOG_LEVL", ProblemKind::Unknown, Severity::Warning),
        ]
    );
    let messages: Vec<String> = report.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        messages[3],
        "error[invalid] EMAIL_PROVIDER: expected one of resend, smtp, console, found `mailgun`"
    );
    assert_eq!(
        messages[6],
        "warning[unknown] LOG_LEVL: (test) is not declared by the backend contract; did you mean LOG_LEVEL?"
    );
}

fn invalid_utf8() -> std::ffi::OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        std::ffi::OsString::from_vec(vec![b'h', 0xff, b'x'])
    }
    #[cfg(not(unix))]
    {
        std::ffi::OsString::from("\u{FFFD}")
    }
}

#[test]
fn three_missing_variables_are_three_problems() {
    let backend = contract("backend");
    let env: MapSource = [
        ("BASE_URL", "https://hivesync.dev"),
        ("R2_ACCOUNT_ID", "x1"),
    ]
    .into_iter()
    .collect();
    let report = check(backend, &env, Profile::Local).report;
    let missing: Vec<&str> = report
        .of_kind(ProblemKind::Missing)
        .map(|p| p.var.as_str())
        .collect();
    assert_eq!(
        missing,
        [
            "JWT_SECRET",
            "POSTGRES_PASSWORD",
            "RESEND_API_KEY",
            "OPENAI_API_KEY",
            "R2_ACCESS_KEY_ID",
            "R2_SECRET_ACCESS_KEY",
            "WORKER_CALLBACK_SECRET"
        ]
    );
    // Exactly three missing from an otherwise valid environment: three problems.
    let mut three = MapSource::new("three");
    use hivesync_env::Source;
    let valid = valid_backend();
    for (name, _) in valid.names() {
        if !["JWT_SECRET", "R2_ACCOUNT_ID", "WORKER_CALLBACK_SECRET"].contains(&name.as_str()) {
            three.insert(name.clone(), valid.get(&name).unwrap().value.unwrap());
        }
    }
    let report = check(backend, &three, Profile::Production).report;
    assert_eq!(
        problems(&report),
        [
            ("JWT_SECRET", ProblemKind::Missing, Severity::Error),
            ("R2_ACCOUNT_ID", ProblemKind::Missing, Severity::Error),
            (
                "WORKER_CALLBACK_SECRET",
                ProblemKind::Missing,
                Severity::Error
            ),
        ]
    );
}

#[test]
fn placeholders_are_warnings_outside_production_and_errors_in_it() {
    let backend = contract("backend");
    let env = valid_backend()
        .with("JWT_SECRET", "changeme")
        .with("AI_MODEL", "your_model_here");
    let kinds = |profile| {
        problems(&check(backend, &env, profile).report)
            .into_iter()
            .map(|(v, k, s)| (v.to_owned(), k, s))
            .collect::<Vec<_>>()
    };
    let local = kinds(Profile::Local);
    assert_eq!(
        local,
        [
            (
                "JWT_SECRET".to_owned(),
                ProblemKind::Placeholder,
                Severity::Warning
            ),
            (
                "AI_MODEL".to_owned(),
                ProblemKind::Placeholder,
                Severity::Warning
            ),
        ]
    );
    assert!(
        kinds(Profile::Production)
            .iter()
            .all(|(_, _, s)| *s == Severity::Error)
    );
    // An empty value is a placeholder too, and one that cannot even parse is an error.
    let report = check(backend, &valid_backend().with("PORT", ""), Profile::Local).report;
    assert_eq!(
        problems(&report),
        [("PORT", ProblemKind::Placeholder, Severity::Error)]
    );
    assert_eq!(
        report.problems()[0].message,
        "is empty: set the real value (Port the backend listens on inside its container or host)"
    );
}

#[test]
fn weak_secrets_warn_locally() {
    let workers = contract("workers");
    let env = MapSource::new("bindings")
        .with(
            "WORKER_CALLBACK_URL",
            "http://localhost:4000/api/v1/workers/callback",
        )
        .with("WORKER_CALLBACK_SECRET", "0123456789");
    let report = check(workers, &env, Profile::Local).report;
    assert_eq!(
        problems(&report),
        [(
            "WORKER_CALLBACK_SECRET",
            ProblemKind::Weak,
            Severity::Warning
        )]
    );
    assert!(report.is_ok());
    let report = check(workers, &env, Profile::Production).report;
    assert_eq!(
        problems(&report),
        [
            (
                "WORKER_CALLBACK_URL",
                ProblemKind::Insecure,
                Severity::Error
            ),
            ("WORKER_CALLBACK_SECRET", ProblemKind::Weak, Severity::Error),
        ]
    );
}

#[test]
fn a_server_secret_in_a_client_environment_is_a_leak() {
    let desktop = contract("desktop");
    let env = MapSource::new("build env")
        .with("HIVESYNC_PUBLIC_API_URL", "https://hivesync.dev")
        .with("OPENAI_API_KEY", "sk-proj-zzzzzzzz")
        .with("HIVESYNC_PUBLIC_LOG_LEVEL", "info");
    let report = check(desktop, &env, Profile::Production).report;
    assert_eq!(
        problems(&report),
        [("OPENAI_API_KEY", ProblemKind::Leak, Severity::Error)]
    );
    assert_eq!(
        report.problems()[0].message,
        "is a secret of a server component and is set in the desktop environment, which ships to users: remove it"
    );
    assert!(!report.to_string().contains("sk-proj-zzzzzzzz"));
}

#[test]
fn a_client_value_shaped_like_a_credential_is_a_leak() {
    let mobile = contract("mobile");
    for credential in [
        "sk-live-abcdef",
        "ghp_abcdef0123",
        "AKIAIOSFODNN7EXAMPLE",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
    ] {
        let env = MapSource::new("build env").with(
            "HIVESYNC_PUBLIC_API_URL",
            format!("https://x.dev/?k={credential}"),
        );
        // Inside a URL, a short prefixed word is not a credential's shape; a whole
        // AWS access key or JSON Web Token in the query is (it would ship to users).
        let embedded = credential.starts_with("AKIA") || credential.starts_with("eyJ");
        let report = check(mobile, &env, Profile::Production).report;
        if embedded {
            assert_eq!(
                problems(&report),
                [(
                    "HIVESYNC_PUBLIC_API_URL",
                    ProblemKind::Leak,
                    Severity::Error
                )],
                "{credential}"
            );
            assert!(!report.to_string().contains(credential), "{report}");
        } else {
            assert!(report.is_ok(), "{report}");
        }
        let contract = contract_with_string_var();
        let env = MapSource::new("build env").with("HIVESYNC_PUBLIC_TOKEN", credential);
        let report = check(&contract, &env, Profile::Local).report;
        assert_eq!(
            problems(&report),
            [("HIVESYNC_PUBLIC_TOKEN", ProblemKind::Leak, Severity::Error)],
            "{credential}"
        );
        assert!(!report.to_string().contains(credential));
    }
}

fn contract_with_string_var() -> Contract {
    Contract::parse(
        "c.toml",
        "component = \"c\"\naudience = \"client\"\ndescription = \"c\"\n[[var]]\nname = \"HIVESYNC_PUBLIC_TOKEN\"\ntype = \"string\"\ndescription = \"t\"\n",
    )
    .unwrap()
}

#[test]
fn unrelated_process_variables_are_never_reported_but_near_misses_are() {
    let backend = contract("backend");
    // Stand-ins for the process environment: names from a process source are ambient.
    struct Ambient(MapSource);
    impl hivesync_env::Source for Ambient {
        fn get(&self, name: &str) -> Option<hivesync_env::source::Lookup> {
            self.0.get(name).map(|mut l| {
                l.origin = hivesync_env::source::Origin::Process;
                l
            })
        }
        fn names(&self) -> Vec<(String, hivesync_env::source::Origin)> {
            self.0
                .names()
                .into_iter()
                .map(|(n, _)| (n, hivesync_env::source::Origin::Process))
                .collect()
        }
    }
    let env = Layered::new().with(valid_backend()).with(Ambient(
        MapSource::new("p")
            .with("HOME", "/root")
            .with("PATH", "/bin")
            .with("POSTGRES_PASWORD", "x"),
    ));
    let report = check(backend, &env, Profile::Local).report;
    assert_eq!(
        problems(&report),
        [("POSTGRES_PASWORD", ProblemKind::Unknown, Severity::Warning)]
    );
    assert_eq!(
        report.problems()[0].message,
        "is set in the process environment but is not a backend variable; did you mean POSTGRES_PASSWORD?"
    );
}

#[test]
fn docker_secret_files_supply_secrets() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("jwt");
    std::fs::write(&path, "f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2-from-file\n").unwrap();
    let backend = contract("backend");
    let mut env = valid_backend();
    env = env.with("JWT_SECRET_FILE", path.as_os_str());
    let mut without: MapSource = MapSource::new("test");
    use hivesync_env::Source;
    for (name, _) in env.names() {
        if name != "JWT_SECRET" {
            without.insert(name.clone(), env.get(&name).unwrap().value.unwrap());
        }
    }
    let checked = check(backend, &without, Profile::Production);
    assert!(checked.report.problems().is_empty(), "{}", checked.report);
    assert_eq!(checked.vars[2].origin.kind(), "secret_file");

    // Both set is a conflict; a file that cannot be read names the path only.
    let report = check(backend, &env, Profile::Production).report;
    assert_eq!(
        problems(&report),
        [("JWT_SECRET", ProblemKind::Conflict, Severity::Error)]
    );
    let missing = dir.path().join("nope");
    let gone = without.clone().with("JWT_SECRET_FILE", missing.as_os_str());
    let report = check(backend, &gone, Profile::Production).report;
    assert_eq!(
        problems(&report),
        [("JWT_SECRET", ProblemKind::Unreadable, Severity::Error)]
    );
    assert!(
        report.problems()[0]
            .message
            .contains(&missing.display().to_string())
    );
}

#[test]
fn env_file_names_unknown_variables_with_their_line() {
    let backend = contract("backend");
    let file = EnvFile::parse("prod.env", b"PORT=4000\nREDIS_HOTS=cache\nFOO=bar\n").unwrap();
    let env = Layered::new().with(valid_backend()).with(file);
    let report = check(backend, &env, Profile::Local).report;
    let messages: Vec<String> = report.problems().iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("warning[unknown] FOO: (prod.env:3) is not declared by the backend contract: remove it, or declare it in ")
            && messages[0].ends_with("contracts/backend.toml"),
        "{}",
        messages[0]
    );
    assert_eq!(
        messages[1],
        "warning[unknown] REDIS_HOTS: (prod.env:2) is not declared by the backend contract; did you mean REDIS_HOST?"
    );
}

/// A contract whose one variable is one edit from `PATH`, which every test process has.
#[derive(Debug, hivesync_env::EnvContract)]
#[env(component = "near", audience = "server")]
struct NearPath {
    /// Search folders
    #[env(name = "PATHS")]
    _paths: String,
    /// A key
    #[env(name = "NEAR_KEY")]
    _key: hivesync_env::Secret<String>,
}

#[test]
fn a_failed_typed_load_reports_process_near_misses() {
    use hivesync_env::EnvContract;
    use hivesync_env::source::ProcessEnv;
    assert!(
        hivesync_env::Source::get(&ProcessEnv, "PATH").is_some(),
        "the test needs PATH"
    );
    let report = NearPath::load(&ProcessEnv, Profile::Local).unwrap_err();
    let near: Vec<String> = report
        .of_kind(ProblemKind::Unknown)
        .map(ToString::to_string)
        .collect();
    assert!(
        near.contains(&"warning[unknown] PATH: is set in the process environment but is not a near variable; did you mean PATHS?".to_owned()),
        "{near:?}"
    );
    // The same problems as the eager scan of `check`, and every reader agrees.
    let checked = check(NearPath::CONTRACT, &ProcessEnv, Profile::Local).report;
    assert_eq!(report.problems(), checked.problems());
    assert_eq!(report, checked);
    assert_eq!(report.to_string(), checked.to_string());
    assert!(!report.is_ok());
    // A problem added after a read is kept.
    let mut report = report;
    let before = report.problems().len();
    report.push(
        "EXTRA",
        ProblemKind::Invalid,
        Severity::Error,
        "added".to_owned(),
    );
    assert_eq!(report.problems().len(), before + 1);
    assert!(report.problems().iter().any(|p| p.var == "EXTRA"));
}

#[test]
fn a_failed_typed_load_reports_name_and_name_file_set_together() {
    use hivesync_env::EnvContract;
    let dir = tempfile::TempDir::new().unwrap();
    let key = dir.path().join("key");
    std::fs::write(&key, "from-file\n").unwrap();
    let env = MapSource::new("test")
        .with("NEAR_KEY", "direct")
        .with("NEAR_KEY_FILE", key.as_os_str());
    let report = NearPath::load(&env, Profile::Local).unwrap_err();
    assert_eq!(
        problems(&report),
        [
            ("PATHS", ProblemKind::Missing, Severity::Error),
            ("NEAR_KEY", ProblemKind::Conflict, Severity::Error),
        ]
    );
}

#[test]
fn secret_files_that_are_not_small_regular_files_are_unreadable() {
    let workers = contract("workers");
    let dir = tempfile::TempDir::new().unwrap();
    let big = dir.path().join("big");
    std::fs::write(&big, vec![b'k'; 64 * 1024 + 1]).unwrap();
    let mut cases = vec![(big.clone(), "it is larger than 64 KiB".to_owned())];
    // A device would be read forever, and a FIFO would block until a writer came.
    if cfg!(unix) {
        cases.push((
            "/dev/zero".into(),
            "it is a character device, not a regular file".to_owned(),
        ));
    }
    cases.push((
        dir.path().to_owned(),
        "it is a folder, not a regular file".to_owned(),
    ));
    for (path, why) in cases {
        let env = MapSource::new("bindings")
            .with(
                "WORKER_CALLBACK_URL",
                "https://hivesync.dev/api/v1/workers/callback",
            )
            .with("WORKER_CALLBACK_SECRET_FILE", path.as_os_str());
        let report = check(workers, &env, Profile::Production).report;
        assert_eq!(
            problems(&report),
            [(
                "WORKER_CALLBACK_SECRET",
                ProblemKind::Unreadable,
                Severity::Error
            )]
        );
        assert_eq!(
            report.problems()[0].message,
            format!(
                "WORKER_CALLBACK_SECRET_FILE names {}, which cannot be read: {why}",
                path.display()
            )
        );
    }
    // Exactly at the limit is fine.
    std::fs::write(&big, vec![b'k'; 64 * 1024]).unwrap();
    let env = MapSource::new("bindings")
        .with(
            "WORKER_CALLBACK_URL",
            "https://hivesync.dev/api/v1/workers/callback",
        )
        .with("WORKER_CALLBACK_SECRET_FILE", big.as_os_str());
    assert!(
        check(workers, &env, Profile::Production)
            .report
            .problems()
            .is_empty()
    );
}

#[test]
fn a_value_the_contract_lists_is_never_a_placeholder() {
    let contract = Contract::parse(
        "tasks.toml",
        "component = \"tasks\"\naudience = \"server\"\ndescription = \"t\"\n\n[[var]]\nname = \"TASK_STATE\"\ntype = \"enum\"\nvalues = [\"todo\", \"done\"]\ndescription = \"state\"\n\n[[var]]\nname = \"TASK_NOTE\"\ntype = \"string\"\ndescription = \"note\"\n",
    )
    .unwrap();
    let env = MapSource::new("test")
        .with("TASK_STATE", "todo")
        .with("TASK_NOTE", "todo");
    let report = check(&contract, &env, Profile::Production).report;
    // The enum allows `todo`; the free-text note still looks unfinished.
    assert_eq!(
        problems(&report),
        [("TASK_NOTE", ProblemKind::Placeholder, Severity::Error)]
    );
}
