//! `hivesync_env::audit` on small trees built in temporary folders, against the real
//! contracts, and the `testing` helpers.
#![cfg(feature = "testing")]

use std::path::{Path, PathBuf};

use hivesync_env::Profile;
use hivesync_env::audit::{FindingKind, audit};
use hivesync_env::testing::{assert_example_loads, assert_reads_only_declared};
use hivesync_env_test_support::{contracts, tree};
use tempfile::TempDir;

fn found(dir: &TempDir) -> Vec<(FindingKind, String, u32, String)> {
    audit(dir.path(), contracts())
        .unwrap()
        .into_iter()
        .map(|f| {
            (
                f.kind,
                f.file.to_string_lossy().into_owned(),
                f.line,
                f.name,
            )
        })
        .collect()
}

fn f(kind: FindingKind, file: &str, line: u32, name: &str) -> (FindingKind, String, u32, String) {
    (kind, file.to_owned(), line, name.to_owned())
}

const REAL: &str = "k9Zq2vLr8Tn4Wb6Yc1Xd3Fh5Gj7Mp0Sa";

#[test]
fn every_kind_of_finding_with_file_line_and_name() {
    use FindingKind::*;
    let wrangler = format!(
        "name = \"preview_builder\"\n[vars]\nR2_BUCKET = \"hivesync-r2\"\nWORKER_CALLBACK_SECRET = \"{REAL}\"\n"
    );
    let compose = "services:\n  backend:\n    environment:\n      JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET}\n      POSTGRES_PASSWORD: hunter2-but-longer-and-real\n      RESEND_API_KEY: REPLACE_ME\n";
    let dir = tree(&[
        (".gitignore", "target/\n.env\n.env.*\n!.env.production\n"),
        (".env", &format!("JWT_SECRET={REAL}\n")),
        (
            "desktop/Cargo.toml",
            "[package]\nname = \"desktop\"\n\n[package.metadata.hivesync]\ncomponent = \"desktop\"\n",
        ),
        (
            "desktop/src/main.rs",
            "use std::env as e;\nuse std::env::var as get;\nfn main() {\n    let _ = e::var(\"OPENAI_API_KEY\");\n    let _ = get(\"HIVESYNC_PUBLIC_API_URL\");\n    let _ = env!(\"CARGO_MANIFEST_DIR\");\n    let _ = std::env::var(\"MY_UNDECLARED\");\n}\n",
        ),
        ("workers/wrangler.toml", &wrangler),
        (
            "workers/src/index.ts",
            "export default {\n  async fetch(req: Request, env: Env) {\n    const key = env.WORKER_CALLBACK_SECRET;\n    const jwt = env.JWT_SECRET;\n    return process.env.NODE_ENV;\n  },\n};\n",
        ),
        (
            "app.py",
            "import os\nsecret = os.getenv(\"JWT_SECRET\")\ndsn = os.environ[\"SENTRY_DSN\"]\n",
        ),
        ("docker-compose.yml", compose),
        (
            "target/debug/build.rs",
            "fn f() { std::env::var(\"IN_TARGET\"); }",
        ),
        ("node_modules/pkg/index.js", "process.env.IN_NODE_MODULES"),
        ("vendor/lib.py", "import os\nos.getenv(\"IN_VENDOR\")\n"),
        (
            "third_party/x.rs",
            "fn f() { std::env::var(\"IN_THIRD_PARTY\"); }",
        ),
    ]);
    assert_eq!(
        found(&dir),
        [
            // Wrangler's local secret file beside the worker's wrangler.toml.
            f(Gitignore, ".gitignore", 0, "workers/.dev.vars"),
            f(Gitignore, ".gitignore", 4, ".env.production"),
            f(Gitignore, ".gitignore", 4, "desktop/.env.production"),
            f(Gitignore, ".gitignore", 4, "workers/.env.production"),
            f(Undeclared, "app.py", 3, "SENTRY_DSN"),
            f(Leak, "desktop/src/main.rs", 4, "OPENAI_API_KEY"),
            f(Undeclared, "desktop/src/main.rs", 7, "MY_UNDECLARED"),
            f(
                CommittedSecret,
                "docker-compose.yml",
                5,
                "POSTGRES_PASSWORD"
            ),
            f(Leak, "workers/src/index.ts", 4, "JWT_SECRET"),
            f(Undeclared, "workers/src/index.ts", 5, "NODE_ENV"),
            f(
                CommittedSecret,
                "workers/wrangler.toml",
                4,
                "WORKER_CALLBACK_SECRET"
            ),
        ]
    );
}

#[test]
fn findings_name_the_component_and_never_the_value() {
    let dir = tree(&[
        (".gitignore", ".env\n.env.production\n"),
        (
            "desktop/package.json",
            "{ \"name\": \"d\", \"hivesync\": { \"component\": \"desktop\" } }",
        ),
        (
            "desktop/main.js",
            "const k = process.env[\"OPENAI_API_KEY\"];\n",
        ),
        ("desktop/.env.staging", &format!("OPENAI_API_KEY={REAL}\n")),
    ]);
    let findings = audit(dir.path(), contracts()).unwrap();
    assert_eq!(findings.len(), 2, "{findings:#?}");
    for finding in &findings {
        assert_eq!(finding.component.as_deref(), Some("desktop"));
        assert_eq!(finding.name, "OPENAI_API_KEY");
        assert!(!format!("{finding} {finding:?}").contains(REAL));
    }
    assert_eq!(findings[0].kind, FindingKind::CommittedSecret);
    assert_eq!(findings[0].file, PathBuf::from("desktop/.env.staging"));
    assert_eq!((findings[1].kind, findings[1].line), (FindingKind::Leak, 1));
}

#[test]
fn a_negation_in_a_nested_gitignore_re_includes_env() {
    let dir = tree(&[
        (".gitignore", ".env*\n!.env.example\n"),
        (
            "backend/.gitignore",
            "# keep the local file in git\n!.env\n",
        ),
        ("backend/.env.example", "JWT_SECRET=REPLACE_ME\n"),
    ]);
    assert_eq!(
        found(&dir),
        [f(
            FindingKind::Gitignore,
            "backend/.gitignore",
            2,
            "backend/.env"
        )]
    );
}

#[test]
fn no_rule_at_all_is_reported_against_the_root_gitignore() {
    let dir = tree(&[("README.md", "no ignore file here\n")]);
    assert_eq!(
        found(&dir),
        [
            f(FindingKind::Gitignore, ".gitignore", 0, ".env"),
            f(FindingKind::Gitignore, ".gitignore", 0, ".env.production"),
        ]
    );
}

#[test]
fn a_clean_tree_gives_no_finding() {
    let dir = tree(&[
        (".gitignore", "/target\n.env\n.env.production\n.dev.vars\n"),
        (
            "desktop/Cargo.toml",
            "[package]\nname = \"d\"\n[package.metadata.hivesync]\ncomponent = \"desktop\"\n",
        ),
        (
            "desktop/src/main.rs",
            "fn main() { let _ = option_env!(\"HIVESYNC_PUBLIC_API_URL\"); let _ = env!(\"CARGO_PKG_VERSION\"); }\nconst FIXTURE: &str = r#\"std::env::var(\"OPENAI_API_KEY\")\"#;\n",
        ),
        (
            "workers/wrangler.toml",
            "name = \"w\"\n[vars]\nAI_MODEL = \"gpt-4.1\"\n",
        ),
        (
            "workers/src/index.ts",
            "// env.JWT_SECRET is the backend's\nexport const f = (env: Env) => env.R2_BUCKET + env.HIVESYNC_R2;\n",
        ),
        (
            "backend/pyproject.toml",
            "[tool.hivesync]\ncomponent = \"backend\"\n",
        ),
        (
            "backend/app.py",
            "import os\nkey = os.environ.get(\"OPENAI_API_KEY\")\n",
        ),
        (
            "backend/.env.example",
            "JWT_SECRET=REPLACE_ME\nPOSTGRES_PASSWORD=\n",
        ),
        (
            "docker-compose.yml",
            "    environment:\n      - JWT_SECRET=${JWT_SECRET}\n",
        ),
        (".env", &format!("JWT_SECRET={REAL}\n")),
    ]);
    assert_eq!(found(&dir), []);
}

#[test]
fn the_audit_config_allows_names_and_excludes_fixtures() {
    let dir = tree(&[
        (".gitignore", ".env\n.env.production\n"),
        (
            "hivesync-audit.toml",
            "allow = [\"RUST_LOG\"]\nexclude = [\"fixtures/\"]\n[components]\n\"apps/mobile\" = \"mobile\"\n",
        ),
        (
            "src/main.rs",
            "fn main() { std::env::var(\"RUST_LOG\"); }\n",
        ),
        ("fixtures/leaky.env", &format!("JWT_SECRET={REAL}\n")),
        (
            "apps/mobile/app.ts",
            "export const u = process.env.HIVESYNC_PUBLIC_API_URL + process.env.AI_MODEL;\n",
        ),
    ]);
    // `.env` without a slash is ignored at every depth, so apps/mobile (a mapped
    // folder) gives no `gitignore` finding; RUST_LOG is allowed, fixtures/ excluded.
    assert_eq!(
        found(&dir),
        [f(FindingKind::Leak, "apps/mobile/app.ts", 1, "AI_MODEL")]
    );
}

#[test]
fn an_unknown_component_stops_the_audit() {
    let dir = tree(&[(
        "x/Cargo.toml",
        "[package.metadata.hivesync]\ncomponent = \"dekstop\"\n",
    )]);
    let err = audit(dir.path(), contracts()).unwrap_err();
    assert_eq!(err.file, PathBuf::from("x/Cargo.toml"));
    assert!(err.message.contains("unknown component `dekstop`"), "{err}");
}

#[test]
fn this_crate_reads_only_what_a_client_may() {
    // The runtime is linked into the desktop app, so it reads no variable by name.
    assert_reads_only_declared(contracts(), "desktop", env!("CARGO_MANIFEST_DIR"));
}

#[test]
fn reads_of_undeclared_names_panic_with_every_finding() {
    let dir = tree(&[(
        "src/lib.rs",
        "pub fn f() { std::env::var(\"JWT_SECRET\").ok(); std::env::var(\"NOPE\").ok(); }\n",
    )]);
    let set = contracts();
    let panic = std::panic::catch_unwind(|| assert_reads_only_declared(set, "desktop", dir.path()))
        .expect_err("two findings must panic");
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(message.contains("(2 findings)"), "{message}");
    assert!(
        message.contains("src/lib.rs:1: leak: JWT_SECRET"),
        "{message}"
    );
    assert!(
        message.contains("src/lib.rs:1: undeclared: NOPE"),
        "{message}"
    );
}

#[test]
fn the_committed_examples_load_in_the_local_profile() {
    let set = contracts();
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts/generated");
    for c in set.contracts() {
        let example = generated.join(format!("{}.env.example", c.component));
        assert_example_loads(c, &example, Profile::Local);
    }
}

#[test]
fn an_example_with_an_invalid_value_does_not_load() {
    let dir = tree(&[("desktop.env.example", "HIVESYNC_PUBLIC_API_URL=not-a-url\n")]);
    let set = contracts();
    let panic = std::panic::catch_unwind(|| {
        assert_example_loads(
            set.get("desktop").unwrap(),
            dir.path().join("desktop.env.example"),
            Profile::Local,
        )
    })
    .expect_err("an invalid URL must panic");
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(message.contains("HIVESYNC_PUBLIC_API_URL"), "{message}");
}

#[test]
fn any_component_may_read_the_profile_variable() {
    let dir = tree(&[
        (".gitignore", ".env\n.env.production\n"),
        (
            "desktop/Cargo.toml",
            "[package]\nname = \"d\"\n[package.metadata.hivesync]\ncomponent = \"desktop\"\n",
        ),
        (
            "desktop/src/main.rs",
            "fn main() { let _ = std::env::var(\"HIVESYNC_PROFILE\"); let _ = std::env::var(\"HIVESYNC_PROFILES\"); }\n",
        ),
        (
            "backend/pyproject.toml",
            "[tool.hivesync]\ncomponent = \"backend\"\n",
        ),
        (
            "backend/app.py",
            "import os\np = os.environ[\"HIVESYNC_PROFILE\"]\n",
        ),
        ("tools/run.ts", "const p = process.env.HIVESYNC_PROFILE;\n"),
    ]);
    // The near name is still undeclared: only the profile variable itself is known.
    assert_eq!(
        found(&dir),
        [f(
            FindingKind::Undeclared,
            "desktop/src/main.rs",
            1,
            "HIVESYNC_PROFILES"
        )]
    );
    let krate = tree(&[(
        "src/lib.rs",
        "pub fn p() { let _ = env!(\"HIVESYNC_PROFILE\"); }\n",
    )]);
    assert_reads_only_declared(contracts(), "workers", krate.path());
}
