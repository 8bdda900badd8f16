//! What several renderers share: the order of the contracts, the value and notes a
//! document shows for a variable, the one string escaper and the comment writer
//! ([`written`](super::written), which runs a renderer's steps into a `String`, is in
//! `mod.rs`: the variables table uses it too).

use std::fmt::{self, Write};

use crate::{Audience, Contract, Profile, Var, VarType};

use super::{EXAMPLE_PROFILE, GENERATED, REPLACE_ME};

/// The contracts in the order every artifact lists them, whatever order they were
/// loaded in (the built-in list and `--contracts DIR` differ): servers, then edge, then
/// clients, each by component name.
pub(crate) fn canonical(contracts: &[Contract]) -> Vec<&Contract> {
    let rank = |a: Audience| match a {
        Audience::Server => 0,
        Audience::Edge => 1,
        Audience::Client => 2,
    };
    let mut out: Vec<&Contract> = contracts.iter().collect();
    out.sort_by(|a, b| (rank(a.audience), &a.component).cmp(&(rank(b.audience), &b.component)));
    out
}

/// The value a document shows for `var` in `profile`: the default there, else the
/// example (never for a secret), else [`REPLACE_ME`]. Secrets are always `REPLACE_ME`.
pub(crate) fn shown_value(var: &Var, profile: Profile) -> &str {
    if var.secret {
        return REPLACE_ME;
    }
    var.default_for(profile)
        .or(var.example.as_deref())
        .unwrap_or(REPLACE_ME)
}

/// Per-profile defaults in words when they differ from [`EXAMPLE_PROFILE`]'s, e.g.
/// `local: localhost, production: postgres`; `None` when every profile agrees.
pub(crate) fn other_profiles(var: &Var) -> Option<String> {
    if var.uniform_default().is_some() || var.defaults.iter().all(Option::is_none) || var.secret {
        return None;
    }
    let parts: Vec<String> = Profile::ALL
        .into_iter()
        .filter(|p| *p != EXAMPLE_PROFILE)
        .map(|p| match var.default_for(p) {
            Some(v) => format!("{p}: {v}"),
            None if var.optional => format!("{p}: unset"),
            None => format!("{p}: required"),
        })
        .collect();
    Some(parts.join(", "))
}

/// A short type note: `one of a, b`, `integer (ms) of at least 1`, or `None` for types
/// whose name says it all.
pub(crate) fn type_note(var: &Var) -> Option<String> {
    match var.ty {
        VarType::Enum | VarType::Integer | VarType::Port | VarType::Bool => Some(var.expected()),
        VarType::Url if var.https => Some(var.expected()),
        _ => None,
    }
}

/// `s` as a double-quoted string that TOML (basic string), YAML (double-quoted
/// scalar), JSON and TypeScript all read back unchanged: `"` and `\` escaped, `\n`,
/// `\r`, `\t`, and every other control character as `\uXXXX`, which all accept.
pub(crate) fn quoted(s: &str) -> Quoted<'_> {
    Quoted(s)
}

/// The `Display` of [`quoted`].
pub(crate) struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                // U+2028 and U+2029 end a line for YAML 1.1 readers and old JavaScript.
                c if crate::is_line_hazard(c) => write!(f, "\\u{:04X}", c as u32)?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

/// A new artifact's opening: the "generated" notice, then `about`, as `prefix`
/// comments.
pub(crate) fn header(out: &mut String, prefix: &str, about: &str) -> fmt::Result {
    comment(out, prefix, GENERATED)?;
    comment(out, prefix, about)
}

/// Every line of `text` prefixed with `prefix` (a comment marker and a space). Only
/// `\n` starts a new comment line; any other character that a reader could take for a
/// line break (a lone CR, U+2028, NEL) is escaped visibly, so a comment cannot end
/// early and turn the rest of its text into content.
pub(crate) fn comment(out: &mut String, prefix: &str, text: &str) -> fmt::Result {
    for line in text.split_terminator('\n') {
        writeln!(out, "{prefix}{}", crate::escape_visible(line.trim_end()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;
    use crate::render::written;

    #[test]
    fn secrets_are_shown_as_replace_me_whatever_the_model_says() {
        let mut v = Var::new("K", VarType::String);
        v.secret = true;
        v.example = Some("not-shown".into());
        assert_eq!(shown_value(&v, Profile::Local), REPLACE_ME);
        v.secret = false;
        assert_eq!(shown_value(&v, Profile::Local), "not-shown");
    }

    #[test]
    fn other_profiles_names_the_differences() {
        let c = fixture::server();
        assert_eq!(
            other_profiles(c.var("APP_HOST").unwrap()).as_deref(),
            Some("local: localhost, production: db$x")
        );
        assert_eq!(other_profiles(c.var("APP_PORT").unwrap()), None);
        let client = fixture::client();
        assert_eq!(
            other_profiles(&client.vars[0]).as_deref(),
            Some("local: http://localhost:1, production: required")
        );
    }

    #[test]
    fn comments_escape_what_would_end_them() {
        let text = written(|out| comment(out, "# ", "a\rb: c\nd \u{2028}e\n"));
        assert_eq!(text, "# a\\u{d}b: c\n# d \\u{2028}e\n");
    }
}
