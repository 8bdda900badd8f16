//! `docker-compose.env.yml`: the `environment:` and `secrets:` of the Compose services
//! (N.4.2).
//!
//! A contract's [`Contract::compose_service`] receives every variable of the contract;
//! a service named in a variable's [`Var::services`] (the `postgres` image reads
//! POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD) receives that variable under the same
//! name, so both sides read one value.
//!
//! **Secrets are files, never environment values** (which `docker inspect` and
//! `docker compose config` print): the top-level `secrets:` declares each one as
//! `file: ./secrets/<name in lowercase>` (the folder `hivesync-env init --secrets-dir
//! secrets` writes, beside `docker-compose.yml`), each service lists the secrets it
//! receives, and its `environment:` names the mounted file as `NAME_FILE:
//! /run/secrets/<name>`: the loader reads `NAME_FILE`, and so does the official
//! postgres image (`POSTGRES_PASSWORD_FILE`).
//!
//! Public values never appear inline: each is an interpolation Compose resolves from
//! the shell or the `.env` file beside `docker-compose.yml`:
//!
//! - a default of the [`EXAMPLE_PROFILE`] profile: `${NAME:-default}`;
//! - a required value without default: `${NAME:?NAME is required: ...}`, so `docker
//!   compose up` stops with that message when it is unset;
//! - an optional value without default: `NAME:` with no value, which Compose passes
//!   through from its environment when set and leaves unset otherwise.
//!
//! The contract's own service also gets [`PROFILE_VAR`]
//! (`${HIVESYNC_PROFILE:-docker}`): a server started without it runs as `production`.
//!
//! A service whose image reads no contract variable (N.4.2's redis and nginx: nothing
//! names them in `services`) gets no block; the file says so in a comment. Give one a
//! block by adding its name to a variable's `services`.

use std::fmt::{self, Write};

use crate::{Contract, PROFILE_VAR, Var};

use super::{EXAMPLE_PROFILE, canonical, comment, header, quoted, written};

/// The folder, beside `docker-compose.yml`, the secret files are read from.
pub const SECRETS_DIR: &str = "./secrets";

/// Where Compose mounts the secret files in a container, one per secret as
/// `/run/secrets/<name in lowercase>`: what each secret's `NAME_FILE` names.
pub const SECRETS_MOUNT: &str = "/run/secrets";

/// The Compose fragment of `contracts`; `None` when no contract names a service.
pub fn render(contracts: &[Contract]) -> Option<String> {
    let services = services(contracts);
    if services.is_empty() {
        return None;
    }
    let owners: Vec<&str> = contracts
        .iter()
        .filter_map(|c| c.compose_service.as_deref())
        .collect();
    Some(written(|out| {
        header(out, "# ", &about())?;
        out.write_str("services:\n")?;
        for (service, vars) in &services {
            service_block(out, service, vars, owners.contains(service))?;
        }
        secret_files(out, &services)
    }))
}

/// The opening comment: what the file is, how to merge it, where values come from.
fn about() -> String {
    format!(
        "The `environment:` and `secrets:` of the Docker Compose services, `{EXAMPLE_PROFILE}` profile.\n\
         Merge it with the main file:\n\
         \x20 docker compose -f docker-compose.yml -f contracts/generated/docker-compose.env.yml up\n\
         Public values come from the shell or the `.env` beside docker-compose.yml (see the\n\
         `.env.example` files). Secrets are files, one per secret, in {SECRETS_DIR}/ beside\n\
         docker-compose.yml (`hivesync-env init backend --profile {EXAMPLE_PROFILE} --secrets-dir secrets`\n\
         writes them), mounted at {SECRETS_MOUNT}/<name>; the containers get `NAME_FILE`, never the value.\n\
         Services whose image reads no contract variable (a cache, a proxy) have no\n\
         block: name one in a variable's `services` in contracts/*.toml to give it one."
    )
}

/// One service: its `environment:` (the profile first when it is a contract's own
/// service) and the `secrets:` it receives.
fn service_block(out: &mut String, service: &str, vars: &[&Var], owner: bool) -> fmt::Result {
    writeln!(out, "  {}:\n    environment:", key(service))?;
    if owner {
        writeln!(
            out,
            "      # The profile the service checks its environment in\n      {PROFILE_VAR}: {}",
            quoted(&format!("${{{PROFILE_VAR}:-{EXAMPLE_PROFILE}}}"))
        )?;
    }
    for var in vars {
        comment(out, "      # ", &var.description)?;
        if var.secret {
            writeln!(
                out,
                "      {}: {}",
                key(&format!("{}_FILE", var.name)),
                quoted(&format!("{SECRETS_MOUNT}/{}", file_name(var)))
            )?;
            continue;
        }
        write!(out, "      {}:", key(&var.name))?;
        match reference(var) {
            Some(value) => writeln!(out, " {}", quoted(&value))?,
            None => out.write_char('\n')?,
        }
    }
    let mut secrets = vars.iter().filter(|v| v.secret).peekable();
    if secrets.peek().is_some() {
        out.write_str("    secrets:\n")?;
        for var in secrets {
            writeln!(out, "      - {}", key(&file_name(var)))?;
        }
    }
    Ok(())
}

/// The top-level `secrets:`: each secret any service receives, once, as a file in
/// [`SECRETS_DIR`].
fn secret_files(out: &mut String, services: &[(&str, Vec<&Var>)]) -> fmt::Result {
    let mut declared: Vec<String> = Vec::new();
    for (_, vars) in services {
        for var in vars.iter().filter(|v| v.secret) {
            if !declared.contains(&file_name(var)) {
                declared.push(file_name(var));
            }
        }
    }
    if declared.is_empty() {
        return Ok(());
    }
    out.write_str("secrets:\n")?;
    for name in declared {
        writeln!(
            out,
            "  {}:\n    file: {}",
            key(&name),
            quoted(&format!("{SECRETS_DIR}/{name}"))
        )?;
    }
    Ok(())
}

/// The secret's name in Compose, its file in [`SECRETS_DIR`] and under `/run/secrets`:
/// the variable's name in lowercase.
fn file_name(var: &Var) -> String {
    var.name.to_ascii_lowercase()
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
    if !var.optional && var.default_for(EXAMPLE_PROFILE).is_none() {
        return Some(format!(
            "${{{name}:?{name} is required: set it in .env or the shell}}"
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
        quoted(s).to_string()
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
        // A secret is a file, in every service that receives it.
        assert_eq!(env("app", "APP_KEY"), Value::Null);
        assert_eq!(
            env("app", "APP_KEY_FILE"),
            Value::from("/run/secrets/app_key")
        );
        assert_eq!(env("db", "APP_KEY_FILE"), env("app", "APP_KEY_FILE"));
        for service in ["app", "db"] {
            assert_eq!(
                doc["services"][service]["secrets"],
                serde_norway::from_str::<Value>("[app_key]").unwrap()
            );
        }
        assert_eq!(
            doc["secrets"]["app_key"]["file"],
            Value::from("./secrets/app_key")
        );
        assert_eq!(doc["secrets"].as_mapping().unwrap().len(), 1);
        assert_eq!(env("app", "APP_URL"), Value::Null);
        assert_eq!(
            env("app", "APP_BASE"),
            Value::from("${APP_BASE:?APP_BASE is required: set it in .env or the shell}")
        );
        // The contract's own service learns its profile; the other does not.
        assert_eq!(
            env("app", PROFILE_VAR),
            Value::from("${HIVESYNC_PROFILE:-docker}")
        );
        let app = doc["services"]["app"]["environment"].as_mapping().unwrap();
        assert_eq!(app.len(), fixture::server().vars.len() + 1);
        let db = doc["services"]["db"]["environment"].as_mapping().unwrap();
        assert_eq!(db.len(), 1);
        assert!(!text.contains("APP_KEY:"), "{text}");
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
