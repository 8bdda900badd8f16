//! Relations declared in the real contracts (`equals`), checked on `.env` files written
//! to temporary folders.
#![cfg(feature = "audit")]

use hivesync_env::Profile;
use hivesync_env::consistency::{
    Environments, RelationProblem, RelationProblemKind, check_relations, relations,
};
use hivesync_env::source::EnvFile;
use hivesync_env_test_support::contracts;

const SECRET: &str = "k9Zq2vLr8Tn4Wb6Yc1Xd3Fh5Gj7Mp0Sa";
const OTHER_SECRET: &str = "Qw7Er5Ty3Ui1Op9As8Df6Gh4Jk2Lz0Xc";

fn backend(extra: &str) -> String {
    format!("BASE_URL=https://api.hivesync.dev\nWORKER_CALLBACK_SECRET={SECRET}\n{extra}")
}

fn workers(extra: &str) -> String {
    format!(
        "WORKER_CALLBACK_URL=https://api.hivesync.dev/api/v1/workers/callback\nWORKER_CALLBACK_SECRET={SECRET}\n{extra}"
    )
}

/// The problems of two env files, the way `hivesync-env consistency` reads them.
fn check(backend: &str, workers: &str) -> Vec<RelationProblem> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("backend.env"), backend).unwrap();
    std::fs::write(dir.path().join("workers.env"), workers).unwrap();
    let b = EnvFile::read(dir.path().join("backend.env")).unwrap();
    let w = EnvFile::read(dir.path().join("workers.env")).unwrap();
    let envs = Environments::new()
        .with_source("backend", &b)
        .with_source("workers", &w);
    check_relations(contracts().contracts(), &envs, Profile::Production)
}

fn names(problems: &[RelationProblem]) -> Vec<(&str, &str, RelationProblemKind)> {
    problems
        .iter()
        .map(|p| (p.component.as_str(), p.name.as_str(), p.kind))
        .collect()
}

#[test]
fn the_relations_come_from_the_contracts() {
    let found: Vec<(String, String, bool)> = relations(contracts().contracts())
        .into_iter()
        .map(|r| (format!("{}.{}", r.component, r.name), r.template, r.secret))
        .collect();
    let expected = [
        ("workers.R2_BUCKET", "{backend.R2_BUCKET}", false),
        (
            "workers.WORKER_CALLBACK_URL",
            "{backend.BASE_URL}/api/v1/workers/callback",
            false,
        ),
        (
            "workers.WORKER_CALLBACK_SECRET",
            "{backend.WORKER_CALLBACK_SECRET}",
            true,
        ),
        ("workers.AI_MODEL", "{backend.AI_MODEL}", false),
    ];
    assert_eq!(
        found,
        expected.map(|(a, b, c)| (a.to_owned(), b.to_owned(), c))
    );
}

#[test]
fn matching_files_pass_with_defaults_for_unset_names() {
    // R2_BUCKET and AI_MODEL are unset on both sides: both defaults apply and agree.
    assert_eq!(names(&check(&backend(""), &workers(""))), []);
    assert_eq!(
        names(&check(
            &backend("R2_BUCKET=assets\nAI_MODEL=gpt-5\n"),
            &workers("R2_BUCKET=assets\nAI_MODEL=gpt-5\n")
        )),
        []
    );
}

#[test]
fn a_mismatched_callback_url_is_one_problem_with_both_values() {
    let problems = check(
        &backend(""),
        "WORKER_CALLBACK_URL=https://old.hivesync.dev/api/v1/workers/callback\nWORKER_CALLBACK_SECRET=k9Zq2vLr8Tn4Wb6Yc1Xd3Fh5Gj7Mp0Sa\n",
    );
    assert_eq!(
        names(&problems),
        [(
            "workers",
            "WORKER_CALLBACK_URL",
            RelationProblemKind::Mismatch
        )]
    );
    let message = problems[0].to_string();
    assert!(
        message.contains("expected `https://api.hivesync.dev/api/v1/workers/callback`"),
        "{message}"
    );
    assert!(
        message.contains("found `https://old.hivesync.dev/api/v1/workers/callback`"),
        "{message}"
    );
}

#[test]
fn a_mismatched_secret_is_one_problem_without_either_value() {
    let problems = check(
        &backend(""),
        &format!(
            "WORKER_CALLBACK_URL=https://api.hivesync.dev/api/v1/workers/callback\nWORKER_CALLBACK_SECRET={OTHER_SECRET}\n"
        ),
    );
    assert_eq!(
        names(&problems),
        [(
            "workers",
            "WORKER_CALLBACK_SECRET",
            RelationProblemKind::Mismatch
        )]
    );
    let shown = format!("{} {:?}", problems[0], problems[0]);
    assert!(
        !shown.contains(SECRET) && !shown.contains(OTHER_SECRET),
        "{shown}"
    );
    assert!(shown.contains("not shown"), "{shown}");
}

#[test]
fn a_mismatched_bucket_or_model_is_one_named_problem() {
    assert_eq!(
        names(&check(&backend(""), &workers("R2_BUCKET=other-bucket\n"))),
        [("workers", "R2_BUCKET", RelationProblemKind::Mismatch)]
    );
    assert_eq!(
        names(&check(&backend("AI_MODEL=gpt-5\n"), &workers(""))),
        [("workers", "AI_MODEL", RelationProblemKind::Mismatch)]
    );
}

#[test]
fn an_unset_side_without_default_is_reported_as_unset() {
    let problems = check(&format!("WORKER_CALLBACK_SECRET={SECRET}\n"), &workers(""));
    assert_eq!(
        names(&problems),
        [("workers", "WORKER_CALLBACK_URL", RelationProblemKind::Unset)]
    );
    assert!(
        problems[0].message.contains("backend BASE_URL is not set"),
        "{}",
        problems[0]
    );
}

#[test]
fn relations_of_a_component_without_an_environment_are_skipped() {
    let only_workers = Environments::new().with("workers", |_| None);
    assert_eq!(
        check_relations(contracts().contracts(), &only_workers, Profile::Local),
        []
    );
}

/// A public relation whose sides differ shows both values, except where one holds a
/// secret's value of either environment: then neither is shown.
#[test]
fn a_mismatch_holding_a_secrets_value_shows_neither_value() {
    let backend_secret = "Jw8Tq3Ls6Vn1Rb4Xz7Ck2Pd9Hf5Gm0Ya";
    let problems = check(
        &backend(&format!("JWT_SECRET={backend_secret}\n")),
        &workers(&format!(
            "AI_MODEL=model-{backend_secret}\nR2_BUCKET=b-{SECRET}\n"
        )),
    );
    assert_eq!(
        names(&problems),
        [
            ("workers", "R2_BUCKET", RelationProblemKind::Mismatch),
            ("workers", "AI_MODEL", RelationProblemKind::Mismatch)
        ]
    );
    for problem in &problems {
        let shown = problem.to_string();
        assert!(
            !shown.contains(backend_secret) && !shown.contains(SECRET),
            "{shown}"
        );
        assert!(
            shown.contains("not shown: a value holds a secret's value"),
            "{shown}"
        );
        // The other side, public and not a secret's, is not shown either.
        assert!(
            !shown.contains("gpt-4.1") && !shown.contains("hivesync-r2"),
            "{shown}"
        );
    }
}
