//! `docker-compose.env.yml`: the `environment:` blocks of the Compose services (N.4.2).
//!
//! A contract's [`Contract::compose_service`] receives every variable of the contract;
//! a service named in a variable's [`Var::services`] (the `postgres` image reads
//! POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD) receives that variable under the same
//! name, so both sides read one value. Values never appear inline: each entry is an
//! interpolation Compose resolves from the shell or the `.env` file beside
//! `docker-compose.yml`:
//!
//! - a default of the [`EXAMPLE_PROFILE`] profile: `${NAME:-default}`;
//! - a secret, or a required value without default: `${NAME:?NAME is required: ...}`,
//!   so `docker compose up` stops with that message when it is unset;
//! - an optional value without default: `NAME:` with no value, which Compose passes
//!   through from its environment when set and leaves unset otherwise.
//!
//! A service whose image reads no contract variable (N.4.2's redis and nginx: nothing
//! names them in `services`) gets no block; the file says so in a comment. Give one a
//! block by adding its name to a variable's `services`.

use crate::{Contract, Var};

use super::{EXAMPLE_PROFILE, canonical, comment, header, quoted};

/// The Compose fragment of `contracts`; `None` when no contract names a service.
pub fn render(contracts: &[Contract]) -> Option<String> {
    let services = services(contracts);
    if services.is_empty() {
        return None;
    }
    let mut out = header(
        "# ",
        &format!(
            "The `environment:` blocks of the Docker Compose services, `{EXAMPLE_PROFILE}` profile.\n\
             Merge it with the main file:\n\
             \x20 docker compose -f docker-compose.yml -f contracts/generated/docker-compose.env.yml up\n\
             Values come from the shell or the `.env` beside docker-compose.yml (see the\n\
             `.env.example` files); secrets are only ever `${{NAME}}` references here.\n\
             Services whose image reads no contract variable (a cache, a proxy) have no\n\
             block: name one in a variable's `services` in contracts/*.toml to give it one."
        ),
    );
    out.push_str("services:\n");
    for (service, vars) in services {
        out.push_str(&format!("  {}:\n    environment:\n", key(service)));
        for var in vars {
            comment(&mut out, "      # ", &var.description);
            out.push_str(&format!("      {}:", key(&var.name)));
            match reference(var) {
                Some(value) => out.push_str(&format!(" {}\n", quoted(&value))),
                None => out.push('\n'),
            }
        }
    }
    Some(out)
}

/// The services and the variables each receives, in the order they are first named.
fn services(contracts: &[Contract]) -> Vec<(&str, Vec<&Var>)> {
    fn add<'a>(out: &mut Vec<(&'a str, Vec<&'a Var>)>, service: &'a str, var: Option<&'a Var>) {
        let i = match out.iter().position(|(s, _)| *s == service) {
            Some(i) => i,
            None => {
                out.push((service, Vec::new()));
                out.len() - 1
            }
        };
        if let Some(var) = var {
            let vars = &mut out[i].1;
            if !vars.iter().any(|v| v.name == var.name) {
                vars.push(var);
            }
        }
    }
    let contracts = canonical(contracts);
    let mut out = Vec::new();
    // The contracts' own services first, then those only variables name.
    for &c in &contracts {
        if let Some(service) = &c.compose_service {
            add(&mut out, service, None);
        }
    }
    for &c in &contracts {
        for var in c.vars.iter() {
            if let Some(service) = &c.compose_service {
                add(&mut out, service, Some(var));
            }
            for service in var.services.iter() {
                add(&mut out, service, Some(var));
            }
        }
    }
    out
}

/// The interpolation of `var`; `None` for a pass-through (optional, no default).
fn reference(var: &Var) -> Option<String> {
    let name = &var.name;
    if var.secret || (!var.optional && var.default_for(EXAMPLE_PROFILE).is_none()) {
        let what = if var.secret { "secret " } else { "" };
        return Some(format!(
            "${{{name}:?{what}{name} is required: set it in .env or the shell}}"
        ));
    }
    // `$` is Compose's interpolation character; `$$` is a literal one.
    var.default_for(EXAMPLE_PROFILE)
        .map(|d| format!("${{{name}:-{}}}", d.replace('$', "$$")))
}

/// A plain YAML key when it cannot be misread, else a double-quoted one.
fn key(s: &str) -> String {
    if !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
    {
        s.to_owned()
    } else {
        quoted(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;
    use serde_norway::Value;

    #[test]
    fn fixture_compose_parses_and_references_every_value() {
        let text = render(&fixture::all()).unwrap();
        let doc: Value = serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let env = |service: &str, name: &str| doc["services"][service]["environment"][name].clone();
        assert_eq!(env("app", "APP_PORT"), Value::from("${APP_PORT:-1}"));
        assert_eq!(env("app", "APP_HOST"), Value::from("${APP_HOST:-db}"));
        assert_eq!(
            env("app", "APP_KEY"),
            Value::from("${APP_KEY:?secret APP_KEY is required: set it in .env or the shell}")
        );
        assert_eq!(env("db", "APP_KEY"), env("app", "APP_KEY"));
        assert_eq!(env("app", "APP_URL"), Value::Null);
        assert_eq!(
            env("app", "APP_BASE"),
            Value::from("${APP_BASE:?APP_BASE is required: set it in .env or the shell}")
        );
        let app = doc["services"]["app"]["environment"].as_mapping().unwrap();
        assert_eq!(app.len(), fixture::server().vars.len());
        let db = doc["services"]["db"]["environment"].as_mapping().unwrap();
        assert_eq!(db.len(), 1);
        // Edge and client contracts have no service.
        assert_eq!(doc["services"].as_mapping().unwrap().len(), 2);
    }

    #[test]
    fn dollars_in_defaults_are_literal() {
        let mut v = Var::new("X", crate::VarType::String);
        v.defaults = [None, Some("a$b".into()), None];
        assert_eq!(reference(&v).as_deref(), Some("${X:-a$$b}"));
    }

    #[test]
    fn yaml_strings_round_trip() {
        for s in [
            "plain",
            "q\"uote",
            "back\\slash",
            "line\nbreak",
            "# not a comment",
            "a: b",
            "\u{1}",
        ] {
            let doc: Value = serde_norway::from_str(&format!("{}: {}", key(s), quoted(s))).unwrap();
            assert_eq!(doc[s], Value::from(s), "{s:?}");
        }
    }

    #[test]
    fn no_service_no_file() {
        assert!(render(&[fixture::edge(), fixture::client()]).is_none());
    }
}
