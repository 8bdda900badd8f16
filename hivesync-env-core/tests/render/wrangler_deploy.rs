//! The deploy-ready `wrangler.toml` of `hivesync-env render`.

use hivesync_env_core::Profile;
use hivesync_env_core::render::wrangler_deploy::{environment, render};

use crate::assert_lines;
use crate::contracts::one;

#[test]
fn production_config_with_real_values() {
    // One environment; each public value the operator's, in a TOML basic string
    // (`"` escaped, `$` literal); an unset optional one is a comment; the secret is
    // named, its value (offered here) never written.
    let text = render(&one("edge"), "relay", Profile::Production, |v| {
        match v.name.as_ref() {
            "EDGE_BUCKET" => Some("b$\"x"),
            "EDGE_CALLBACK" => Some("https://real.example.net/cb"),
            "EDGE_TOKEN" => Some("secret-value-never-shown"),
            "EDGE_LEVEL" => Some("debug"),
            _ => None,
        }
    });
    assert_lines(
        &text,
        &[
            "# Worker `relay` of `edge`, `production` environment, rendered by `hivesync-env render edge --profile production`",
            "# from an environment that passed `check`. Its secrets are not here: `wrangler secret bulk`.",
            "# Deploy with `wrangler deploy --env production`.",
            "",
            "name = \"relay\"",
            "main = \"src/index.ts\"",
            "compatibility_date = \"2026-01-01\"",
            "",
            "[secrets]",
            "required = [\"EDGE_TOKEN\"]",
            "",
            "[env.production]",
            "",
            "[env.production.vars]",
            "HIVESYNC_PROFILE = \"production\"",
            "# Bucket",
            "EDGE_BUCKET = \"b$\\\"x\"",
            "# Callback",
            "EDGE_CALLBACK = \"https://real.example.net/cb\"",
            "# Timeout",
            "# EDGE_TIMEOUT is not set",
            "# Log level",
            "EDGE_LEVEL = \"debug\"",
            "",
            "[env.production.secrets]",
            "required = [\"EDGE_TOKEN\"]",
            "",
            "[[env.production.r2_buckets]]",
            "binding = \"FILES\"",
            "bucket_name = \"b$\\\"x\"",
        ],
    );
}

#[test]
fn local_deploys_as_dev_and_names_its_profile() {
    let text = render(&one("edge"), "relay", Profile::Local, |_| None);
    assert!(
        text.contains("\n[env.dev]\n\n[env.dev.vars]\nHIVESYNC_PROFILE = \"local\"\n"),
        "{text}"
    );
    assert!(text.starts_with("# Worker `relay` of `edge`, `dev` environment, rendered by `hivesync-env render edge --profile local`\n"), "{text}");
    // No bucket value, no bucket binding.
    assert!(!text.contains("r2_buckets"), "{text}");
    assert_eq!(environment(Profile::Docker), "docker");
}
