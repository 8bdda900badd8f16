//! What every renderer must hold whatever the contract says, even a contract built
//! past the contract rules: hostile text stays inside its comment, string or cell,
//! and a secret's value is never written.

use hivesync_env_core::render::markdown::{document, vars_table};
use hivesync_env_core::render::{artifacts, env_example, json_schema, placed, typescript};
use hivesync_env_core::render::{compose, wrangler, wrangler_deploy};
use hivesync_env_core::{Contract, Profile};

use crate::contracts::{all, one, with_description};

/// A carriage return (a new line to YAML and TOML readers), quotes and a `$`.
const HOSTILE: &str = "Line one\rprivileged: true \"q\" $HOME";

/// `text` has `line` as one of its lines, and no line starts with the text after
/// the carriage return.
#[track_caller]
fn has_line(text: &str, line: &str) {
    assert!(
        text.lines().any(|l| l == line),
        "no line {line:?} in:\n{text}"
    );
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with("privileged")),
        "{text}"
    );
}

#[test]
fn a_carriage_return_in_a_description_stays_in_its_comment_or_cell() {
    let api = with_description(one("api"), "API_HOST", HOSTILE);
    let edge = with_description(one("edge"), "EDGE_CALLBACK", HOSTILE);
    let set = [api.clone(), edge.clone(), one("web")];
    // Comments show the CR as a visible escape; `"` and `$` are harmless there.
    let comment = "# Line one\\u{d}privileged: true \"q\" $HOME";
    has_line(&env_example::render(&api), comment);
    has_line(&compose::render(&set).unwrap(), &format!("      {comment}"));
    has_line(&wrangler::render(&edge, "relay"), comment);
    let deploy = wrangler_deploy::render(&edge, "relay", Profile::Production, |_| None);
    has_line(&deploy, comment);
    // A table cell and a one-line doc comment take it as a space.
    has_line(
        &vars_table(&api),
        "| `API_HOST` | string | `localhost` | `db$1` | `db.internal` |  | `.env`; compose `api` | Line one privileged: true \"q\" $HOME |",
    );
    has_line(
        &typescript::render(&edge),
        "\t\t/** Line one privileged: true \"q\" $HOME */",
    );
    // A JSON string escapes it, and the quotes.
    has_line(
        &json_schema::render(&set),
        r#"          "description": "Line one\rprivileged: true \"q\" $HOME""#,
    );
    has_line(&document(&set), "## api");
}

/// A value shaped like a credential, given to each secret as default and example,
/// which the contract rules would have refused.
const SECRET: &str = "sk-live-0123456789abcdef0123456789";

fn with_secret_values(mut contract: Contract) -> Contract {
    for v in contract.vars.to_mut().iter_mut().filter(|v| v.secret) {
        v.defaults = [
            Some(SECRET.into()),
            Some(SECRET.into()),
            Some(SECRET.into()),
        ];
        v.example = Some(SECRET.into());
    }
    contract
}

#[test]
fn a_secret_value_in_the_model_is_never_rendered() {
    let set: Vec<Contract> = all().into_iter().map(with_secret_values).collect();
    for a in artifacts(&set).iter().chain(&placed(&set)) {
        assert!(!a.contents.contains(SECRET), "{}:\n{}", a.path, a.contents);
    }
    let edge = with_secret_values(one("edge"));
    for profile in Profile::ALL {
        let value = |v: &hivesync_env_core::Var| Some(if v.secret { SECRET } else { "public" });
        let text = wrangler_deploy::render(&edge, "relay", profile, value);
        assert!(!text.contains(SECRET), "{text}");
        has_line(&text, "EDGE_CALLBACK = \"public\"");
    }
    // Where the value would go, the secret is REPLACE_ME, a file, or required.
    has_line(&env_example::render(&set[0]), "API_TOKEN=REPLACE_ME");
    has_line(
        &compose::render(&set).unwrap(),
        "      API_TOKEN_FILE: \"/run/secrets/api_token\"",
    );
    has_line(
        &vars_table(&set[0]),
        "| `API_TOKEN` | string (at least 16 characters) | **required** | **required** | **required** | yes | `.env`; compose `api`, `sidecar` | Token that signs requests |",
    );
}
