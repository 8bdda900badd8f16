//! The contract rules of `rules.rs`, through the TOML path: a secret stays secret in
//! every contract, a secret's value never appears in an error, component and worker
//! names are safe file names, and no text that reaches a rendered file holds a line
//! hazard. And the renderers' own defence: a contract built by hand, past the rules,
//! still cannot add a key to an artifact.
#![cfg(all(feature = "parse", feature = "render"))]

use hivesync_env_core::render::{artifacts, compose};
use hivesync_env_core::{Audience, Contract, ContractSet, Var, VarType, escape_visible};
use proptest::prelude::*;

fn head(component: &str, audience: &str) -> String {
    format!("component = \"{component}\"\naudience = \"{audience}\"\ndescription = \"d\"\n")
}

fn var(name: &str, extra: &str) -> String {
    format!("\n[[var]]\nname = \"{name}\"\ntype = \"string\"\ndescription = \"v\"\n{extra}")
}

/// Every error of one file, as text; empty when it parses.
fn errors(text: &str) -> Vec<String> {
    match Contract::parse("c.toml", text) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

/// A TOML basic string holding `s`, every character that TOML would not take raw
/// written as a `\uXXXX` escape.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => out.push_str(&format!("\\{c}")),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---- a secret in one contract is a secret in all of them -------------------------

#[test]
fn a_secret_public_in_a_server_or_edge_contract_is_rejected() {
    let backend = format!(
        "{}{}",
        head("backend", "server"),
        var("JWT_SECRET", "secret = true\n")
    );
    for (component, audience) in [("workers", "edge"), ("billing", "server")] {
        let other = format!("{}{}", head(component, audience), var("JWT_SECRET", ""));
        let err = ContractSet::parse([("backend.toml", backend.as_str()), ("other.toml", &other)])
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "other.toml:5: variable JWT_SECRET is public here but a secret in the backend contract (backend.toml): mark it `secret = true` here too",
            "{audience}"
        );
    }
    // Secret in both: fine.
    let workers = format!(
        "{}{}",
        head("workers", "edge"),
        var("JWT_SECRET", "secret = true\n")
    );
    ContractSet::parse([("backend.toml", backend.as_str()), ("w.toml", &workers)]).unwrap();
}

#[test]
fn the_rule_holds_whatever_the_order_of_the_files() {
    let a = format!("{}{}", head("alpha", "edge"), var("SHARED_KEY", ""));
    let b = format!(
        "{}{}",
        head("beta", "server"),
        var("SHARED_KEY", "secret = true\n")
    );
    for files in [
        [("a.toml", a.as_str()), ("b.toml", &b)],
        [("b.toml", &b), ("a.toml", &a)],
    ] {
        let err = ContractSet::parse(files).unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert_eq!(err.0[0].file, "a.toml");
    }
}

// ---- a secret's value never appears in a contract error --------------------------

proptest! {
    #[test]
    fn a_secret_default_or_example_is_never_quoted(
        value in "[A-Za-z0-9+/=_.:-]{6,40}",
        ty in prop::sample::select(vec!["port", "url", "bool", "integer", "path", "string"]),
        key in prop::sample::select(vec!["default", "example"]),
        per_profile in any::<bool>(),
    ) {
        let written = if per_profile && key == "default" {
            format!("default = {{ production = {} }}\n", toml_str(&value))
        } else {
            format!("{key} = {}\n", toml_str(&value))
        };
        let text = format!(
            "{}\n[[var]]\nname = \"API_KEY\"\ntype = \"{ty}\"\nsecret = true\ndescription = \"k\"\n{written}",
            head("demo", "server")
        );
        let errors = errors(&text);
        prop_assert!(!errors.is_empty());
        prop_assert!(errors.iter().any(|e| e.contains(&format!("secret API_KEY has a{} {key}", if key == "example" { "n" } else { "" }))), "{errors:?}");
        for e in &errors {
            prop_assert!(!e.contains(&value), "{e}");
        }
    }
}

#[test]
fn a_secret_default_of_the_wrong_type_is_not_quoted_either() {
    for ty in ["port", "url", "integer", "bool"] {
        let text = format!(
            "{}\n[[var]]\nname = \"DB_PASSWORD\"\ntype = \"{ty}\"\nsecret = true\ndescription = \"p\"\ndefault = \"hunter2-real-password\"\n",
            head("demo", "server"),
        );
        let errors = errors(&text);
        assert_eq!(
            errors,
            [
                "c.toml:10: secret DB_PASSWORD has a default: a secret's value never belongs in the repository, remove `default`"
            ],
            "{ty}"
        );
    }
}

// ---- component and worker names are safe file names -------------------------------

#[test]
fn unsafe_component_and_worker_names_are_rejected() {
    for bad in [
        "../../etc/cron.d/x",
        "a/b",
        "..",
        "Backend",
        "-x",
        "a.b",
        " x",
        "x y",
    ] {
        let text = format!("{}{}", head(bad, "server"), var("PORT", ""));
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{bad:?}: {found:?}");
        assert!(found[0].starts_with("c.toml:1: component `"), "{found:?}");
        assert!(found[0].contains("is not a safe file name"), "{found:?}");

        let text = format!(
            "{}{}\n[wrangler]\nworkers = [{}]\ncompatibility_date = \"2026-01-01\"\n",
            head("workers", "edge"),
            var("PORT", ""),
            toml_str(bad)
        );
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{bad:?}: {found:?}");
        assert!(found[0].starts_with("c.toml:10: worker `"), "{found:?}");
    }
}

proptest! {
    #[test]
    // A third of the names are safe, a third nearly so (capitals, dots, slashes,
    // spaces among safe characters), a third any text: both outcomes are common.
    fn only_lowercase_digits_dash_and_underscore_names_pass(name in prop_oneof![
        "[a-z0-9][a-z0-9_-]{0,11}",
        "[a-zA-Z0-9_./ -]{1,12}",
        "\\PC{1,12}",
    ]) {
        let text = format!("{}{}", head("ok", "server"), var("PORT", ""))
            .replacen("\"ok\"", &toml_str(&name), 1);
        let safe = name.as_bytes()[0].is_ascii_lowercase() || name.as_bytes()[0].is_ascii_digit();
        let safe = safe && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        prop_assert_eq!(errors(&text).is_empty(), safe, "{:?}", name);
    }
}

// ---- no text that reaches a rendered file holds a line hazard ---------------------

const HAZARDS: [char; 8] = [
    '\r', '\n', '\u{2028}', '\u{2029}', '\u{85}', '\u{1b}', '\u{0}', '\u{202e}',
];

#[test]
fn every_rendered_text_rejects_line_hazards() {
    for hazard in HAZARDS {
        let bad = toml_str(&format!("a{hazard}  privileged: true"));
        let cases = [
            format!(
                "{}{}",
                head("demo", "server")
                    .replace("description = \"d\"", &format!("description = {bad}")),
                var("PORT", "")
            ),
            format!(
                "{}{}",
                head("demo", "server"),
                var("PORT", "").replace("description = \"v\"", &format!("description = {bad}"))
            ),
            format!(
                "{}{}",
                head("demo", "server"),
                var("PORT", &format!("default = {bad}\n"))
            ),
            format!(
                "{}{}",
                head("demo", "server"),
                var("PORT", &format!("example = {bad}\n"))
            ),
            format!(
                "{}{}",
                head("demo", "server"),
                var("PORT", &format!("group = {bad}\n"))
            ),
            format!(
                "{}{}",
                head("demo", "server"),
                var("PORT", &format!("services = [{bad}]\n"))
            ),
            format!(
                "{}compose_service = {bad}\n{}",
                head("demo", "server"),
                var("PORT", "")
            ),
        ];
        for text in cases {
            let errors = errors(&text);
            assert!(
                errors.iter().any(|e| e.contains(&format!(
                    "holds the control character U+{:04X}",
                    hazard as u32
                ))),
                "{hazard:?} in {text}: {errors:?}"
            );
        }
    }
}

#[test]
fn the_compose_carriage_return_is_caught_at_the_line_of_the_description() {
    let text = format!(
        "{}compose_service = \"backend\"\n{}",
        head("backend", "server"),
        var("PORT", "").replace(
            "description = \"v\"",
            "description = \"Port\\r      privileged: true\""
        )
    );
    assert_eq!(
        errors(&text),
        [
            "c.toml:9: `description` of variable PORT holds the control character U+000D: generated files would gain a line; remove it"
        ]
    );
}

/// A contract built by hand, past the rules: the renderers must hold on their own.
fn unchecked(description: &str, value: &str) -> Contract {
    let mut port = Var::new("PORT", VarType::String);
    port.description = description.to_owned().into();
    port.defaults = [
        Some(value.to_owned().into()),
        Some(value.to_owned().into()),
        None,
    ];
    let mut enumv = Var::new("LEVEL", VarType::Enum);
    enumv.values = vec![value.to_owned().into()].into();
    enumv.description = description.to_owned().into();
    Contract {
        component: "backend".into(),
        audience: Audience::Server,
        description: description.to_owned().into(),
        file: "b.toml".into(),
        vars: vec![port, enumv].into(),
        compose_service: Some("backend".into()),
        wrangler: None,
        forbidden: Vec::new().into(),
    }
}

proptest! {
    #[test]
    fn no_description_or_default_adds_a_key_to_the_compose_fragment(
        before in "[a-z ]{0,8}",
        hazard in prop::sample::select(HAZARDS.to_vec()),
        indent in 0usize..8,
        value in "[a-z]{1,6}",
    ) {
        let injected = format!("{before}{hazard}{}privileged: true", " ".repeat(indent));
        let text = compose::render(&[unchecked(&injected, &value)]).unwrap();
        let doc: serde_norway::Value = serde_norway::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let service = doc["services"]["backend"].as_mapping().unwrap();
        prop_assert_eq!(service.len(), 1, "{}", text);
        let env = doc["services"]["backend"]["environment"].as_mapping().unwrap();
        let keys: Vec<_> = env.keys().filter_map(|k| k.as_str()).collect();
        // HIVESYNC_PROFILE is the one key the renderer adds itself.
        prop_assert_eq!(keys, ["HIVESYNC_PROFILE", "PORT", "LEVEL"], "{}", text);
        prop_assert_eq!(doc["services"].as_mapping().unwrap().len(), 1);
    }

    #[test]
    fn no_artifact_line_holds_a_hazard(
        hazard in prop::sample::select(HAZARDS.to_vec()),
        value in "[a-z]{1,6}",
    ) {
        let text_with = format!("x{hazard}y");
        for a in artifacts(&[unchecked(&text_with, &format!("{value}{hazard}"))]) {
            for (i, line) in a.contents.split('\n').enumerate() {
                prop_assert!(
                    !line.chars().any(hivesync_env_core::is_line_hazard),
                    "{}:{}: {:?}", a.path, i + 1, escape_visible(line)
                );
            }
        }
    }
}
