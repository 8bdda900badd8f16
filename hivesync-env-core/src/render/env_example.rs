//! `<component>.env.example` and wrangler's `.dev.vars` example.
//!
//! The shape of the N.3 blocks: one `NAME=value` line per variable, in contract order,
//! a blank line between groups ([`Var::group`]), each preceded by its description as a
//! comment. Values are the [`EXAMPLE_PROFILE`] defaults, else the variable's example,
//! else [`REPLACE_ME`]; a secret is always `REPLACE_ME`. Optional variables are
//! commented out.

use std::fmt::{self, Write};

use crate::{Contract, Var};

use super::{
    EXAMPLE_PROFILE, REPLACE_ME, comment, header, other_profiles, shown_value, type_note, written,
};

/// The `.env.example` of `contract`.
///
/// ```
/// use hivesync_env_core::{Audience, Contract, Var, VarType};
/// let mut port = Var::new("PORT", VarType::Port);
/// port.description = "Port the server listens on".into();
/// port.defaults = [Some("4000".into()), Some("4000".into()), Some("4000".into())];
/// let mut key = Var::new("API_KEY", VarType::String);
/// key.secret = true;
/// key.description = "Key of the API".into();
/// let contract = Contract {
///     component: "api".into(),
///     audience: Audience::Server,
///     description: "An API".into(),
///     file: "api.toml".into(),
///     vars: vec![port, key].into(),
///     compose_service: None,
///     wrangler: None,
///     forbidden: Vec::new().into(),
/// };
/// let text = hivesync_env_core::render::env_example::render(&contract);
/// let expected = "# Port the server listens on\n# a port number (1-65535)\nPORT=4000\n\
///     \x23 Key of the API\n\x23 secret: never commit the real value\nAPI_KEY=REPLACE_ME\n";
/// assert!(text.ends_with(expected));
/// ```
pub fn render(contract: &Contract) -> String {
    written(|out| {
        header(
            out,
            "# ",
            &format!(
                ".env.example of `{}`: {}",
                contract.component, contract.description
            ),
        )?;
        comment(
            out,
            "# ",
            &format!(
                "Values are those of the `{EXAMPLE_PROFILE}` profile; {REPLACE_ME} marks a value you must supply.\n\
                 Copy to `.env`, which is never committed (N.9)."
            ),
        )?;
        groups(out, contract, |out, var| {
            let line = EnvLine::Value(shown_value(var, EXAMPLE_PROFILE).to_owned());
            entry(out, var, &line)
        })
    })
}

/// What an env file written with real values holds for one variable, see
/// [`env_file`].
#[derive(Clone, PartialEq, Eq)]
pub enum EnvLine {
    /// `NAME=value`; commented out when the variable is optional.
    Value(String),
    /// No assignment: the value is kept elsewhere, and this comment says where.
    Elsewhere(String),
}

/// Redacted: the value may be a secret.
impl std::fmt::Debug for EnvLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EnvLine::Value(_) => f.write_str("Value([redacted])"),
            EnvLine::Elsewhere(note) => f.debug_tuple("Elsewhere").field(note).finish(),
        }
    }
}

/// An env file of `contract` with real values, in the shape of its `.env.example`
/// (the same groups, order and comments): `about` as the opening comment, then
/// `line(var)` for each variable. Values are quoted by [`dotenv_value`], so a
/// dotenv parser reads back exactly the value given.
///
/// ```
/// use hivesync_env_core::{Audience, Contract, Var, VarType};
/// use hivesync_env_core::render::env_example::{EnvLine, env_file};
/// let mut key = Var::new("API_KEY", VarType::String);
/// key.secret = true;
/// key.description = "Key of the API".into();
/// let contract = Contract {
///     component: "api".into(),
///     audience: Audience::Server,
///     description: "An API".into(),
///     file: "api.toml".into(),
///     vars: vec![key].into(),
///     compose_service: None,
///     wrangler: None,
///     forbidden: Vec::new().into(),
/// };
/// let text = env_file(&contract, "written by hand", |_| EnvLine::Value("a b".into()));
/// assert!(text.starts_with("# written by hand\n"));
/// assert!(text.ends_with("# Key of the API\n# secret: never commit the real value\nAPI_KEY='a b'\n"));
/// ```
pub fn env_file(contract: &Contract, about: &str, line: impl Fn(&Var) -> EnvLine) -> String {
    written(|out| {
        comment(out, "# ", about)?;
        groups(out, contract, |out, var| entry(out, var, &line(var)))
    })
}

/// Each variable of `contract` through `each`, a blank line before each group.
fn groups(
    out: &mut String,
    contract: &Contract,
    mut each: impl FnMut(&mut String, &Var) -> fmt::Result,
) -> fmt::Result {
    let mut previous: Option<Option<&str>> = None;
    for var in contract.vars.iter() {
        let group = var.group.as_deref();
        if previous != Some(group) {
            out.write_char('\n')?;
        }
        previous = Some(group);
        each(out, var)?;
    }
    Ok(())
}

/// The example of wrangler's local secret file `.dev.vars` for an edge `contract`:
/// every secret as `NAME=REPLACE_ME`. `None` when the contract is not an edge contract
/// or has no secret.
pub fn dev_vars(contract: &Contract) -> Option<String> {
    contract.wrangler.as_ref()?;
    contract.secrets().next()?;
    Some(written(|out| {
        header(
            out,
            "# ",
            &format!(
                "Local secrets of the `{}` workers for `wrangler dev`: copy to `.dev.vars` beside\n\
                 each worker's wrangler.toml (never committed). Deployed workers read them from\n\
                 `wrangler secret put` instead.",
                contract.component
            ),
        )?;
        for var in contract.secrets() {
            out.write_char('\n')?;
            entry(out, var, &EnvLine::Value(REPLACE_ME.to_owned()))?;
        }
        Ok(())
    }))
}

/// The comment lines and the `NAME=value` line of one variable.
fn entry(out: &mut String, var: &Var, line: &EnvLine) -> fmt::Result {
    comment(out, "# ", &var.description)?;
    let notes = notes(var);
    if !notes.is_empty() {
        comment(out, "# ", &notes.join("; "))?;
    }
    let value = match line {
        EnvLine::Value(value) => value,
        EnvLine::Elsewhere(note) => return comment(out, "# ", note),
    };
    let hash = if var.optional { "# " } else { "" };
    writeln!(out, "{hash}{}={}", var.name, dotenv_value(value))
}

/// The notes of one variable, one comment line: its type, that it is a secret, the
/// other profiles' defaults or that it is required, that it is optional.
fn notes(var: &Var) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(t) = type_note(var) {
        notes.push(t);
    }
    if var.secret {
        match var.min_len {
            Some(n) => notes.push(format!(
                "secret of at least {n} characters: never commit the real value"
            )),
            None => notes.push("secret: never commit the real value".to_owned()),
        }
    }
    if let Some(others) = other_profiles(var) {
        notes.push(format!("{EXAMPLE_PROFILE} value; {others}"));
    } else if !var.secret && !var.optional && var.default_for(EXAMPLE_PROFILE).is_none() {
        notes.push("required".to_owned());
    }
    if var.optional {
        notes.push("optional: uncomment to set".to_owned());
    }
    notes
}

/// A dotenv value: bare when it is plain, else single-quoted (taken literally by
/// dotenv parsers), else double-quoted with `\`, `"` and `$` escaped (`$` starts a
/// substitution in a double-quoted value).
///
/// ```
/// use hivesync_env_core::render::env_example::dotenv_value;
/// assert_eq!(dotenv_value("gpt-4.1"), "gpt-4.1");
/// assert_eq!(dotenv_value("a b"), "'a b'");
/// assert_eq!(dotenv_value("it's $HOME"), "\"it's \\$HOME\"");
/// ```
pub fn dotenv_value(v: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:@,+=%".contains(c);
    if v.chars().all(plain) {
        v.to_owned()
    } else if !v.contains('\'') && !v.chars().any(crate::is_line_hazard) {
        format!("'{v}'")
    } else {
        written(|out| {
            out.write_char('"')?;
            for c in v.chars() {
                match c {
                    '\\' => out.write_str("\\\\")?,
                    '"' => out.write_str("\\\"")?,
                    '$' => out.write_str("\\$")?,
                    '\n' => out.write_str("\\n")?,
                    '\r' => out.write_str("\\r")?,
                    // Any other line hazard (a default never holds one: `rules`
                    // rejects it) is escaped visibly rather than written raw.
                    c if crate::is_line_hazard(c) => write!(out, "\\u{{{:x}}}", c as u32)?,
                    c => out.write_char(c)?,
                }
            }
            out.write_char('"')
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn server_example_by_hand() {
        let text = render(&fixture::server());
        let body = text.split_once("\n\n").unwrap().1;
        assert_eq!(
            body,
            "# Port \"quoted\" | piped\\ <b>\n\
             # a port number (1-65535)\n\
             APP_PORT=1\n\
             # Host\n\
             # docker value; local: localhost, production: db$x\n\
             APP_HOST=db\n\
             \n\
             # Key\n\
             # secret of at least 32 characters: never commit the real value\n\
             APP_KEY=REPLACE_ME\n\
             # Public URL\n\
             # an absolute https URL; optional: uncomment to set\n\
             # APP_URL=REPLACE_ME\n\
             # Level\n\
             # one of a, b\"c\n\
             APP_LEVEL=a\n\
             # Base\n\
             # required\n\
             APP_BASE=\"https://x.example/'q'\"\n"
        );
    }

    #[test]
    fn values_are_quoted_only_when_needed() {
        assert_eq!(dotenv_value("https://a.b/c?d=1"), "'https://a.b/c?d=1'");
        assert_eq!(dotenv_value("gpt-4.1"), "gpt-4.1");
        assert_eq!(dotenv_value("a b"), "'a b'");
        assert_eq!(dotenv_value("it's"), "\"it's\"");
        assert_eq!(dotenv_value("a\"'\\"), "\"a\\\"'\\\\\"");
    }

    #[test]
    fn dev_vars_lists_only_secrets_of_edge_contracts() {
        let text = dev_vars(&fixture::edge()).unwrap();
        assert!(text.ends_with(
            "# Shared key\n# secret: never commit the real value\nEDGE_KEY=REPLACE_ME\n"
        ));
        assert_eq!(text.matches('=').count(), 1);
        assert!(dev_vars(&fixture::server()).is_none());
        assert!(dev_vars(&fixture::client()).is_none());
    }
}
