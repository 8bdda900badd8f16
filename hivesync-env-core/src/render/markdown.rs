//! `ENVIRONMENT.md`, and the variables table the derive puts in each struct's rustdoc.

use std::fmt::{self, Write};

use crate::{Audience, Contract, Profile, Var, VarType};

use super::written;

#[cfg(feature = "render")]
mod document;
#[cfg(feature = "render")]
pub use document::document;

/// The variables of `contract` as a GitHub-flavoured markdown table: name, type, the
/// default or `required` per profile, secret, where the value is set, description.
///
/// Usable in rustdoc as well as on GitHub: `|` is escaped everywhere (also inside
/// code spans, as GFM tables require), and `<`, `>`, `[`, `]` and `*` outside code spans
/// so rustdoc sees no HTML tag and no intra-doc link. The table ends with a newline
/// and has no surrounding blank lines.
///
/// ```
/// use hivesync_env_core::{Audience, Contract, Var, VarType};
/// let mut port = Var::new("PORT", VarType::Port);
/// port.description = "Port the backend listens on".into();
/// port.defaults = [Some("4000".into()), Some("4000".into()), Some("4000".into())];
/// let contract = Contract {
///     component: "backend".into(),
///     audience: Audience::Server,
///     description: "The API server".into(),
///     file: "backend.toml".into(),
///     vars: vec![port].into(),
///     compose_service: None,
///     wrangler: None,
///     forbidden: Vec::new().into(),
/// };
/// let table = hivesync_env_core::render::markdown::vars_table(&contract);
/// assert_eq!(table.lines().nth(2).unwrap(),
///     "| `PORT` | port | `4000` | `4000` | `4000` |  | `.env` | Port the backend listens on |");
/// ```
pub fn vars_table(contract: &Contract) -> String {
    written(|out| table(out, contract))
}

/// [`vars_table`], written into `out`.
fn table(out: &mut String, contract: &Contract) -> fmt::Result {
    out.write_str("| Name | Type |")?;
    for p in Profile::ALL {
        write!(out, " {p} |")?;
    }
    out.write_str(" Secret | Set in | Description |\n|---|---|")?;
    for _ in Profile::ALL {
        out.write_str("---|")?;
    }
    out.write_str("---|---|---|\n")?;
    for var in contract.vars.iter() {
        write!(out, "| {} | {} |", code(&var.name), ty(var))?;
        for p in Profile::ALL {
            // A secret has no default (the contract rules refuse one); were one in
            // the model, its value still never reaches the table.
            let cell = match var.default_for(p).filter(|_| !var.secret) {
                Some(v) => code(v),
                None if var.optional => "optional".to_owned(),
                None => "**required**".to_owned(),
            };
            write!(out, " {cell} |")?;
        }
        let secret = if var.secret { "yes" } else { "" };
        writeln!(
            out,
            " {secret} | {} | {} |",
            // `set_in` writes markdown of its own: only its text is ours to escape.
            set_in(contract, var).replace('|', "\\|"),
            text(&var.description)
        )?;
    }
    Ok(())
}

/// Where the value of `var` of `contract` is set, in words (markdown).
fn set_in(contract: &Contract, var: &Var) -> String {
    match contract.audience {
        Audience::Edge if var.secret => "`wrangler secret put` (`.dev.vars` locally)".to_owned(),
        Audience::Edge => "wrangler var (`[env.*.vars]`)".to_owned(),
        Audience::Client => "`.env` at build time (public)".to_owned(),
        Audience::Server => {
            let mut services: Vec<&str> = contract.compose_service.as_deref().into_iter().collect();
            services.extend(var.services.iter().map(|s| s.as_ref()));
            if services.is_empty() {
                "`.env`".to_owned()
            } else {
                let list: Vec<String> = services.iter().map(|s| format!("`{s}`")).collect();
                format!("`.env`; compose {}", list.join(", "))
            }
        }
    }
}

/// The type column: the type name, with the allowed values of an enum and the unit
/// and bounds of an integer.
fn ty(var: &Var) -> String {
    match var.ty {
        VarType::Enum => {
            let values: Vec<String> = var.values.iter().map(|v| code(v)).collect();
            format!("enum: {}", values.join(", "))
        }
        VarType::Integer => text(&var.expected().replacen("an integer", "integer", 1)),
        VarType::Url if var.https => "url (https in production)".to_owned(),
        VarType::String if var.secret && var.min_len.is_some() => {
            format!("string (at least {} characters)", var.min_len.unwrap_or(0))
        }
        t => t.as_str().to_owned(),
    }
}

/// A code span that survives a GFM table: `|` escaped, and a longer backtick fence
/// when the text holds backticks.
fn code(s: &str) -> String {
    let s = crate::escape_visible(s).replace('|', "\\|");
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

/// Plain text for a table cell or heading: characters markdown or rustdoc would read
/// as syntax are escaped; text inside backticks is kept as written (only `|`).
fn text(s: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for ch in s.chars() {
        match ch {
            '`' => {
                in_code = !in_code;
                out.push(ch);
            }
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            c if crate::is_line_hazard(c) => out.push_str(&crate::escape_visible(&c.to_string())),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '[' | ']' | '*' | '_' | '\\' if !in_code => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(all(test, feature = "render"))]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn table_by_hand() {
        let table = vars_table(&fixture::server());
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0],
            "| Name | Type | local | docker | production | Secret | Set in | Description |"
        );
        assert_eq!(lines[1], "|---|---|---|---|---|---|---|---|");
        assert_eq!(
            lines[2],
            "| `APP_PORT` | port | `1` | `1` | `1` |  | `.env`; compose `app` | Port \"quoted\" \\| piped\\\\ &lt;b&gt; |"
        );
        assert_eq!(
            lines[4],
            "| `APP_KEY` | string (at least 32 characters) | **required** | **required** | **required** | yes | `.env`; compose `app`, `db` | Key |"
        );
        assert_eq!(
            lines[5],
            "| `APP_URL` | url (https in production) | optional | optional | optional |  | `.env`; compose `app` | Public URL |"
        );
        assert_eq!(
            lines[6],
            "| `APP_LEVEL` | enum: `a`, `b\"c` | `a` | `a` | `a` |  | `.env`; compose `app` | Level |"
        );
        // Every row has the same number of unescaped cell separators as the header.
        let cells = |l: &str| l.replace("\\|", "").matches('|').count();
        assert!(lines.iter().all(|l| cells(l) == cells(lines[0])));
    }

    #[test]
    fn text_escapes_outside_code_only() {
        assert_eq!(text("a `<x>|` <y> [z]"), "a `<x>\\|` &lt;y&gt; \\[z\\]");
        assert_eq!(code("a|`b"), "`` a\\|`b ``");
    }
}
