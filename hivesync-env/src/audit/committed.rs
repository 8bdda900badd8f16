//! Secret values in tracked files: `.env`-style files, YAML (Docker Compose, CI), TOML
//! and JSON, read line by line.
//!
//! A line assigns a variable when it has one of these shapes (keys may be quoted):
//!
//! ```text
//! NAME=value   export NAME=value          .env, *.env
//! NAME: value  - NAME=value               *.yml, *.yaml
//! NAME = value                            *.toml
//! "NAME": value                           *.json
//! ```
//!
//! A value is fine when it is a placeholder ([`looks_like_placeholder`]) or a reference
//! to the environment: `${NAME}`, `${NAME:?message}`, `$NAME`, `${{ secrets.NAME }}`;
//! a reference with a default (`${NAME:-value}`) is judged by its default. Tables,
//! arrays and objects (`NAME = { ... }`, `"NAME": {`) are not values.

use std::collections::BTreeSet;

use hivesync_env_core::looks_like_placeholder;

/// The format of a file that may assign variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Env,
    Yaml,
    Toml,
    Json,
}

impl Format {
    /// The format of a file called `name`, if it is one that assigns variables.
    pub(crate) fn of(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.').map(|(_, e)| e);
        if name == ".env" || name.starts_with(".env.") || name.ends_with(".env") {
            Some(Format::Env)
        } else {
            match ext {
                Some("yml" | "yaml") => Some(Format::Yaml),
                Some("toml") => Some(Format::Toml),
                Some("json") => Some(Format::Json),
                _ => None,
            }
        }
    }
}

/// `(name, line)` of every assignment in `text` of a name in `secrets` to a value that
/// is neither a placeholder nor a reference.
pub(crate) fn secrets(
    text: &str,
    format: Format,
    secrets: &BTreeSet<String>,
) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some((key, value)) = assignment(line, format) {
            if secrets.contains(key) && !is_harmless(&value) {
                out.push((key.to_owned(), i as u32 + 1));
            }
        }
    }
    out
}

/// The key and (unquoted) value a line assigns, if any. `None` for a value that is a
/// table, array or object, or for a YAML key with nothing after it.
fn assignment(line: &str, format: Format) -> Option<(&str, String)> {
    let t = line.trim_start();
    let (key, rest) = match format {
        Format::Env => {
            let t = t.strip_prefix("export ").map_or(t, str::trim_start);
            t.split_once('=')?
        }
        Format::Yaml => match t.strip_prefix("- ") {
            Some(item) => {
                let item = item.trim().trim_matches(['"', '\'']);
                item.split_once('=')?
            }
            None => t.split_once(':')?,
        },
        Format::Toml => t.split_once('=')?,
        Format::Json => {
            let t = t.strip_prefix('"')?;
            let (k, rest) = t.split_once('"')?;
            (k, rest.trim_start().strip_prefix(':')?)
        }
    };
    let key = key.trim().trim_matches(['"', '\'']);
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let rest = rest.trim();
    if rest.starts_with(['{', '[']) && !rest.starts_with("${") {
        return None;
    }
    if format == Format::Yaml && rest.is_empty() {
        return None;
    }
    Some((key, unquote(rest, format)))
}

fn unquote(raw: &str, format: Format) -> String {
    let raw = raw.trim();
    if let Some(q) = raw.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let body = &raw[1..];
        return body.find(q).map_or(body, |end| &body[..end]).to_owned();
    }
    let mut v = raw;
    if format == Format::Json {
        v = v.trim_end_matches(',');
    }
    if let Some(hash) = v.find(" #") {
        v = &v[..hash];
    }
    v.trim().to_owned()
}

fn is_harmless(value: &str) -> bool {
    looks_like_placeholder(value) || is_reference(value)
}

/// `${NAME}`, `${NAME:?msg}`, `$NAME`, `${{ secrets.NAME }}`; `${NAME:-default}` when the
/// default is harmless.
fn is_reference(value: &str) -> bool {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix("${").and_then(|s| s.strip_suffix('}')) {
        if inner.starts_with('{') {
            return true;
        }
        let name_len = inner
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if name_len == 0 {
            return false;
        }
        let op = &inner[name_len..];
        return match op.trim_start_matches(':').chars().next() {
            None | Some('?') => true,
            Some('-' | '=') => is_harmless(&op.trim_start_matches(':')[1..]),
            Some(_) => false,
        };
    }
    v.len() > 1
        && v.starts_with('$')
        && v[1..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, format: Format) -> Vec<(String, u32)> {
        let secrets = ["JWT_SECRET".to_owned()].into_iter().collect();
        secrets_in(text, format, &secrets)
    }

    fn secrets_in(text: &str, format: Format, s: &BTreeSet<String>) -> Vec<(String, u32)> {
        secrets(text, format, s)
    }

    #[test]
    fn formats_by_file_name() {
        assert_eq!(Format::of(".env"), Some(Format::Env));
        assert_eq!(Format::of(".env.production"), Some(Format::Env));
        assert_eq!(Format::of("backend.env"), Some(Format::Env));
        assert_eq!(Format::of("docker-compose.yml"), Some(Format::Yaml));
        assert_eq!(Format::of("wrangler.toml"), Some(Format::Toml));
        assert_eq!(Format::of("schema.json"), Some(Format::Json));
        assert_eq!(Format::of("main.rs"), None);
    }

    #[test]
    fn real_values_are_found_in_every_format() {
        let real = "s3cr3t-value-that-is-real-0123456789";
        assert_eq!(
            found(&format!("# c\nexport JWT_SECRET=\"{real}\"\n"), Format::Env),
            [("JWT_SECRET".to_owned(), 2)]
        );
        assert_eq!(
            found(
                &format!("env:\n  - JWT_SECRET={real}\n  JWT_SECRET: {real} # x\n"),
                Format::Yaml
            )
            .len(),
            2
        );
        assert_eq!(
            found(&format!("[vars]\nJWT_SECRET = '{real}'\n"), Format::Toml),
            [("JWT_SECRET".to_owned(), 2)]
        );
        assert_eq!(
            found(
                &format!("{{\n  \"JWT_SECRET\": \"{real}\",\n}}"),
                Format::Json
            ),
            [("JWT_SECRET".to_owned(), 2)]
        );
    }

    #[test]
    fn placeholders_references_and_structures_are_fine() {
        for v in [
            "",
            "REPLACE_ME",
            "\"${JWT_SECRET}\"",
            "${JWT_SECRET:?set it}",
            "$JWT_SECRET",
            "${{ secrets.JWT_SECRET }}",
            "${JWT_SECRET:-changeme}",
        ] {
            assert_eq!(found(&format!("JWT_SECRET={v}\n"), Format::Env), [], "{v}");
        }
        assert_eq!(
            found(
                "JWT_SECRET=${JWT_SECRET:-real-default-value}\n",
                Format::Env
            )
            .len(),
            1
        );
        assert_eq!(found("JWT_SECRET:\n  type: string\n", Format::Yaml), []);
        assert_eq!(
            found("\"JWT_SECRET\": { \"type\": \"string\" }\n", Format::Json),
            []
        );
        assert_eq!(
            found(
                "JWT_SECRET = { secret = true }\nOTHER = \"real-value-123\"\n",
                Format::Toml
            ),
            []
        );
    }
}
