//! One test per rule of `rules.rs` that `contract_errors.rs` and `contract_rules.rs`
//! do not already pin down through a contract file, with the exact message and line;
//! and, for the rules a struct's attributes cannot express (no enum, `https`,
//! `[wrangler]` from attributes), the rule on a contract built the way the derive
//! builds one: `Var::new`, line 0, one variable per field. The rules the attributes
//! can express are tested through the derive in `tests/ui/contract-less-rules.rs`,
//! `secret-in-client.rs`, `secret-default-not-quoted.rs` and
//! `unsafe-component-name.rs`.
#![cfg(feature = "parse")]

use hivesync_env_core::{Audience, Contract, ContractSet, Var, VarType, Wrangler, rules};

fn errors(text: &str) -> Vec<String> {
    match Contract::parse("c.toml", text) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

const HEAD: &str = "component = \"c\"\naudience = \"server\"\ndescription = \"d\"\n";

/// A contract of `vars`, built like the derive builds one from attributes.
fn like_the_derive(audience: Audience, vars: Vec<Var>) -> Contract {
    Contract {
        component: "c".into(),
        audience,
        description: "".into(),
        file: "struct CEnv".into(),
        vars: vars.into(),
        compose_service: None,
        wrangler: None,
        forbidden: Vec::new().into(),
    }
}

fn problems(c: &Contract) -> Vec<(Option<usize>, &'static str, String)> {
    rules::contract(c)
        .into_iter()
        .map(|p| (p.var, p.key, p.message))
        .collect()
}

#[test]
fn a_name_is_screaming_snake_case() {
    let text =
        format!("{HEAD}\n[[var]]\nname = \"redis-port\"\ntype = \"port\"\ndescription = \"p\"\n");
    assert_eq!(
        errors(&text),
        [
            "c.toml:6: variable name `redis-port` must be SCREAMING_SNAKE_CASE: capital letters, digits and `_`, starting with a letter"
        ]
    );
}

#[test]
fn a_variable_is_optional_or_has_a_default() {
    let text = format!(
        "{HEAD}\n[[var]]\nname = \"PORT\"\ntype = \"port\"\ndescription = \"p\"\noptional = true\ndefault = 80\n"
    );
    assert_eq!(
        errors(&text),
        ["c.toml:9: variable PORT is optional and has a default: keep one of them"]
    );
}

#[test]
fn a_default_that_differs_by_profile_is_named_by_profile() {
    let text = format!(
        "{HEAD}\n[[var]]\nname = \"PORT\"\ntype = \"port\"\ndescription = \"p\"\ndefault = {{ local = \"80\", production = \"http\" }}\n"
    );
    assert_eq!(
        errors(&text),
        [
            "c.toml:9: default `http` of variable PORT in profile production does not parse as port: expected a port number (1-65535)"
        ]
    );
}

#[test]
fn wrangler_belongs_to_an_edge_contract_and_names_a_declared_bucket() {
    let text = format!(
        "{HEAD}\n[wrangler]\nworkers = [\"api\"]\ncompatibility_date = \"2026-01-01\"\nr2_bucket_var = \"R2_BUKET\"\n\n[[var]]\nname = \"R2_BUCKET\"\ntype = \"string\"\ndescription = \"b\"\n"
    );
    assert_eq!(
        errors(&text),
        [
            "c.toml:5: [wrangler] applies only to audience edge",
            "c.toml:5: [wrangler] r2_bucket_var names R2_BUKET, which the contract does not declare",
        ]
    );
}

#[test]
fn a_component_has_one_contract() {
    let text = format!("{HEAD}\n[[var]]\nname = \"PORT\"\ntype = \"port\"\ndescription = \"p\"\n");
    let err = ContractSet::parse([("a.toml", text.as_str()), ("b.toml", text.as_str())])
        .unwrap_err()
        .to_string();
    assert_eq!(err, "b.toml:1: a second contract for component `c`");
}

#[test]
fn the_rules_run_on_the_variables_of_a_contract_without_a_component() {
    let text = "audience = \"server\"\ndescription = \"d\"\n\n[[var]]\nname = \"port\"\ntype = \"port\"\ndescription = \"p\"\n";
    assert_eq!(
        errors(text),
        [
            "c.toml:1: the contract has no `component`",
            "c.toml:5: variable name `port` must be SCREAMING_SNAKE_CASE: capital letters, digits and `_`, starting with a letter",
        ]
    );
}

// ---- the same rules on a contract built like the derive builds one ---------------

#[test]
fn an_enum_lists_its_values_however_built() {
    let c = like_the_derive(Audience::Server, vec![Var::new("LEVEL", VarType::Enum)]);
    assert_eq!(
        problems(&c),
        [(
            Some(0),
            "type",
            "variable LEVEL is an enum with no `values`: list the allowed values".to_owned()
        )]
    );
}

#[test]
fn keys_fit_the_type_however_built() {
    let mut port = Var::new("PORT", VarType::Port);
    port.https = true;
    port.unit = Some("ms".into());
    let c = like_the_derive(
        Audience::Server,
        vec![Var::new("NAME", VarType::String), port],
    );
    assert_eq!(
        problems(&c),
        [
            (
                Some(1),
                "unit",
                "`unit` applies only to type integer, but variable PORT is a port".to_owned()
            ),
            (
                Some(1),
                "https",
                "`https` applies only to type url, but variable PORT is a port".to_owned()
            ),
        ]
    );
}

#[test]
fn wrangler_rules_hold_however_built() {
    let mut c = like_the_derive(
        Audience::Client,
        vec![Var::new("HIVESYNC_PUBLIC_X", VarType::String)],
    );
    c.wrangler = Some(Wrangler {
        workers: vec!["api".into()].into(),
        r2_binding: None,
        r2_bucket_var: Some("BUCKET".into()),
        compatibility_date: "2026-01-01".into(),
        rust: Vec::new().into(),
    });
    assert_eq!(
        problems(&c),
        [
            (
                None,
                "wrangler",
                "[wrangler] applies only to audience edge".to_owned()
            ),
            (
                None,
                "wrangler",
                "[wrangler] r2_bucket_var names BUCKET, which the contract does not declare"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn a_duplicate_without_lines_names_the_second_field() {
    let port = Var::new("PORT", VarType::Port);
    let c = like_the_derive(Audience::Server, vec![port.clone(), port]);
    assert_eq!(
        problems(&c),
        [(
            Some(1),
            "var",
            "duplicate variable PORT: a second field reads it".to_owned()
        )]
    );
}

#[test]
fn a_secret_of_a_client_is_reported_once_however_built() {
    let mut key = Var::new("HIVESYNC_PUBLIC_KEY", VarType::String);
    key.secret = true;
    let c = like_the_derive(Audience::Client, vec![key]);
    assert_eq!(
        problems(&c),
        [(
            Some(0),
            "secret",
            rules::secret_in_client("HIVESYNC_PUBLIC_KEY")
        )]
    );
}

#[test]
fn a_malformed_template_is_a_contract_error_at_its_line() {
    let text = format!(
        "{HEAD}\n[[var]]\nname = \"URL\"\ntype = \"url\"\ndescription = \"u\"\nequals = \"{{backend.BASE_URL/cb\"\n"
    );
    assert_eq!(
        errors(&text),
        ["c.toml:9: `equals` of URL: unclosed `{` in `{backend.BASE_URL/cb`"]
    );
}
