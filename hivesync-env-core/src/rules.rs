//! Contract rules that hold however a contract was built: read from TOML
//! ([`Contract::parse`], [`ContractSet`](crate::ContractSet)) or from a struct's
//! `#[env(...)]` attributes (the derive). One named function per rule, each with an
//! example of what it rejects, in the spirit of serde's `internals/check.rs`.
//!
//! [`contract`] runs the rules of one contract and returns every [`Problem`], tied to
//! the variable and key at fault so each caller can place it (a line in a file, a span
//! in a struct). [`set`] runs the rules that span contracts. No message ever quotes a
//! secret's value.

use std::fmt;

use crate::parse::ContractError;
use crate::{Contract, Str, Var, is_line_hazard};

/// One broken rule of a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The variable at fault, or `None` for the contract itself.
    pub var: Option<Str>,
    /// The key at fault: `component`, `description`, `default`, `workers`, ...
    pub key: &'static str,
    /// What is wrong and what to do, lowercase, without a trailing period.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every rule of one contract, every problem found.
///
/// ```
/// use hivesync_env_core::{Audience, Contract, Var, VarType, rules};
/// let mut c = Contract {
///     component: "../etc".into(),
///     audience: Audience::Server,
///     description: "fine".into(),
///     file: "c.toml".into(),
///     vars: vec![Var::new("PORT", VarType::Port)].into(),
///     compose_service: None,
///     wrangler: None,
///     forbidden: Vec::new().into(),
/// };
/// c.vars.to_mut()[0].description = "Port\r  privileged: true".into();
/// let problems = rules::contract(&c);
/// assert_eq!(problems.len(), 2);
/// assert_eq!(problems[0].key, "component");
/// assert_eq!(problems[1].key, "description");
/// ```
pub fn contract(c: &Contract) -> Vec<Problem> {
    let mut out = Vec::new();
    safe_file_names(c, &mut out);
    no_line_hazards(c, &mut out);
    secrets_hold_no_value(c, &mut out);
    out
}

/// Every rule that spans contracts, as errors at the file and line at fault.
pub fn set(contracts: &[Contract]) -> Vec<ContractError> {
    let mut out = Vec::new();
    secret_everywhere(contracts, &mut out);
    out
}

fn problem(var: Option<&Var>, key: &'static str, message: String) -> Problem {
    Problem {
        var: var.map(|v| v.name.clone()),
        key,
        message,
    }
}

/// Whether `name` is a safe file name: `[a-z0-9][a-z0-9_-]*`.
///
/// ```
/// use hivesync_env_core::rules::is_safe_file_name;
/// assert!(is_safe_file_name("preview_builder"));
/// assert!(is_safe_file_name("admin-ui"));
/// for bad in ["", "..", "../x", "a/b", "-x", "Backend", "a.b", "a\rb", "con\u{0}"] {
///     assert!(!is_safe_file_name(bad), "{bad:?}");
/// }
/// ```
pub fn is_safe_file_name(name: &str) -> bool {
    let lower_digit = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    name.as_bytes().first().is_some_and(lower_digit)
        && name
            .bytes()
            .all(|b| lower_digit(&b) || b == b'_' || b == b'-')
}

/// Component and worker names become file names (`<component>.env.example`,
/// `wrangler/<worker>.toml`), so they must be safe ones: `[a-z0-9][a-z0-9_-]*`.
///
/// Rejects `component = "../../etc/cron.d/x"` (an artifact outside `--out`) and
/// `workers = ["Preview Builder"]`.
fn safe_file_names(c: &Contract, out: &mut Vec<Problem>) {
    let bad = |what: &str, name: &str| {
        format!(
            "{what} `{}` is not a safe file name: use lowercase letters, digits, `_` and `-`, starting with a letter or digit",
            crate::escape_visible(name)
        )
    };
    if !is_safe_file_name(&c.component) {
        out.push(problem(None, "component", bad("component", &c.component)));
    }
    for worker in c.wrangler.iter().flat_map(|w| w.workers.iter()) {
        if !is_safe_file_name(worker) {
            out.push(problem(None, "wrangler", bad("worker", worker)));
        }
    }
}

/// Every text that reaches a rendered file holds no character that could start a
/// new line or disguise one ([`is_line_hazard`]).
///
/// Rejects `description = "Port\r      privileged: true"`, which a YAML parser reads as
/// a second line of the Compose fragment, and `values = ["a\u2028b"]`.
fn no_line_hazards(c: &Contract, out: &mut Vec<Problem>) {
    let mut check = |var: Option<&Var>, key: &'static str, text: &str| {
        if let Some(ch) = text.chars().find(|&ch| is_line_hazard(ch)) {
            let what = match var {
                Some(v) => format!("`{key}` of variable {}", v.name),
                None => format!("`{key}` of the contract"),
            };
            out.push(problem(var, key, format!(
                "{what} holds the control character U+{:04X}: generated files would gain a line; remove it",
                ch as u32
            )));
        }
    };
    check(None, "component", &c.component);
    check(None, "description", &c.description);
    for s in c.compose_service.iter() {
        check(None, "compose_service", s);
    }
    if let Some(w) = &c.wrangler {
        let texts = w
            .workers
            .iter()
            .chain(&w.r2_binding)
            .chain(&w.r2_bucket_var);
        for s in texts.chain([&w.compatibility_date]) {
            check(None, "wrangler", s);
        }
    }
    for v in c.vars.iter() {
        check(Some(v), "name", &v.name);
        check(Some(v), "description", &v.description);
        let optional = [
            (&v.unit, "unit"),
            (&v.example, "example"),
            (&v.group, "group"),
        ];
        for (s, key) in optional.into_iter().chain([(&v.equals, "equals")]) {
            if let Some(s) = s {
                check(Some(v), key, s);
            }
        }
        for s in v.values.iter() {
            check(Some(v), "values", s);
        }
        for s in v.services.iter() {
            check(Some(v), "services", s);
        }
        // A secret's default is reported by `secrets_hold_no_value`, without its text.
        for d in v.defaults.iter().flatten().filter(|_| !v.secret) {
            check(Some(v), "default", d);
        }
    }
}

/// A secret has no value in the repository: no `default`, no `example`. The message
/// never quotes what was written.
///
/// Rejects `secret = true` with `default = "changeme"` or `example = "sk-live-..."`.
fn secrets_hold_no_value(c: &Contract, out: &mut Vec<Problem>) {
    for v in c.secrets() {
        if v.defaults.iter().any(Option::is_some) {
            out.push(problem(Some(v), "default", format!(
                "secret {} has a default: a secret's value never belongs in the repository, remove `default`",
                v.name
            )));
        }
        if v.example.is_some() {
            out.push(problem(Some(v), "example", format!(
                "secret {} has an example: a secret's value never belongs in the repository, remove `example`",
                v.name
            )));
        }
    }
}

/// A name that is a secret in one contract is a secret in every contract that
/// declares it, whatever its audience: the backend's JWT_SECRET cannot be a plain
/// `wrangler.toml` var of the workers, nor a public value of a client.
///
/// Rejects `JWT_SECRET` with `secret = true` in `backend.toml` and without it in
/// `workers.toml`.
fn secret_everywhere(contracts: &[Contract], out: &mut Vec<ContractError>) {
    for c in contracts {
        for var in c.vars.iter().filter(|v| !v.secret) {
            let others = contracts.iter().filter(|o| o.component != c.component);
            for other in others.filter(|o| o.var(&var.name).is_some_and(|v| v.secret)) {
                let message = if c.is_client() {
                    format!(
                        "client variable {} is a secret in the {} contract ({}): secrets must never reach desktop, mobile, plugins or admin-ui",
                        var.name, other.component, other.file
                    )
                } else {
                    format!(
                        "variable {} is public here but a secret in the {} contract ({}): mark it `secret = true` here too",
                        var.name, other.component, other.file
                    )
                };
                out.push(ContractError {
                    file: c.file.to_string(),
                    line: var.line,
                    message,
                });
            }
        }
    }
}
