//! The rules of a contract as a whole: the names that become file names, the texts
//! that reach rendered files, one declaration per variable, the `[wrangler]` facts.

use super::{Problem, problem};
use crate::{Audience, Contract, Template, is_line_hazard};

/// Every rule of the contract as a whole.
pub(super) fn rules(c: &Contract, out: &mut Vec<Problem>) {
    unique_names(c, out);
    wrangler_only_on_the_edge(c, out);
    bucket_variable_declared(c, out);
    safe_file_names(c, out);
    no_line_hazards(c, out);
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

/// A variable is declared once. Rejects a second `[[var]]` named `PORT`, and two
/// fields of a struct that read the same variable.
fn unique_names(c: &Contract, out: &mut Vec<Problem>) {
    for (i, v) in c.vars.iter().enumerate() {
        let Some(first) = c.vars[..i].iter().find(|f| f.name == v.name) else {
            continue;
        };
        let message = if first.line > 0 {
            format!(
                "duplicate variable {}: first declared on line {}",
                v.name, first.line
            )
        } else {
            format!("duplicate variable {}: a second field reads it", v.name)
        };
        out.push(problem(Some(i), "var", message));
    }
}

/// Only an `edge` contract runs on Cloudflare. Rejects `[wrangler]` in a `server`
/// contract.
fn wrangler_only_on_the_edge(c: &Contract, out: &mut Vec<Problem>) {
    if c.wrangler.is_some() && c.audience != Audience::Edge {
        let message = "[wrangler] applies only to audience edge".to_owned();
        out.push(problem(None, "wrangler", message));
    }
}

/// The variable that names the R2 bucket is one of the contract's. Rejects
/// `r2_bucket_var = "R2_BUKET"` when the contract declares `R2_BUCKET`.
fn bucket_variable_declared(c: &Contract, out: &mut Vec<Problem>) {
    let bucket = c.wrangler.as_ref().and_then(|w| w.r2_bucket_var.as_ref());
    if let Some(bucket) = bucket.filter(|b| c.var(b).is_none()) {
        out.push(problem(
            None,
            "wrangler",
            format!("[wrangler] r2_bucket_var names {bucket}, which the contract does not declare"),
        ));
    }
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
    let mut check = |var: Option<usize>, key: &'static str, text: &str| {
        if let Some(ch) = text.chars().find(|&ch| is_line_hazard(ch)) {
            let what = match var {
                Some(i) => format!("`{key}` of variable {}", c.vars[i].name),
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
    for (i, v) in c.vars.iter().enumerate() {
        let at = Some(i);
        check(at, "name", &v.name);
        check(at, "description", &v.description);
        let optional = [
            (v.unit.as_deref(), "unit"),
            (v.example.as_deref(), "example"),
            (v.group.as_deref(), "group"),
            (v.equals.as_ref().map(Template::as_str), "equals"),
        ];
        for (s, key) in optional {
            if let Some(s) = s {
                check(at, key, s);
            }
        }
        for s in v.values.iter() {
            check(at, "values", s);
        }
        for s in v.services.iter() {
            check(at, "services", s);
        }
        // A secret's default is reported by `secrets_hold_no_value`, without its text.
        for d in v.defaults.iter().flatten().filter(|_| !v.secret) {
            check(at, "default", d);
        }
    }
}
