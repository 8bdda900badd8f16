//! Secret values in tracked files: env files (`.env*`, `*.env`, `.dev.vars`, `.envrc`),
//! YAML (Docker Compose, CI), TOML and JSON.
//!
//! Structured files are read with their real parsers (the `structured` module):
//! every key at any depth whose value is a string is an assignment, and so is a
//! `NAME=value` item of a list. Env files are read by [`env()`] below, with the
//! loader's own parser (`source::env_syntax`) in its as-written mode: `NAME=value`,
//! `export NAME=value`, single- and double-quoted values that may span lines, and
//! `#` comments, with escapes and references kept as written. A file that does not parse is an `invalid_file` finding told by line
//! and column (see the `syntax` module), never by its text.
//!
//! A value is fine when it is a placeholder ([`looks_like_placeholder`]) or a reference
//! to the environment: `${NAME}`, `${NAME:?message}`, `$NAME`, `${{ secrets.NAME }}`;
//! a reference with a default (`${NAME:-value}`) is judged by its default.

use std::collections::BTreeSet;

use hivesync_env_core::looks_like_placeholder;

use super::assignment::{Assignment, is_plain_name};
use super::structured;
use super::syntax::SyntaxError;
use crate::source::env_syntax::parse_as_written;

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
        if is_env_file(name) {
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

    /// The name of the format in messages.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Format::Env => "env",
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

/// Whether a file called `name` is an env file: `.env`, `.env.*`, `*.env`, wrangler's
/// `.dev.vars` (and `.dev.vars.*`, `*.dev.vars`) or direnv's `.envrc`.
pub(crate) fn is_env_file(name: &str) -> bool {
    name == ".env"
        || name.starts_with(".env.")
        || name.ends_with(".env")
        || name == ".envrc"
        || name == ".dev.vars"
        || name.starts_with(".dev.vars.")
        || name.ends_with(".dev.vars")
}

/// `(name, line)` of every assignment in `text` of a name in `secrets` to a value that
/// is neither a placeholder nor a reference.
pub(crate) fn secrets(
    text: &str,
    format: Format,
    secrets: &BTreeSet<String>,
) -> Result<Vec<(String, u32)>, SyntaxError> {
    let found = match format {
        Format::Env => env(text)?,
        Format::Yaml => structured::yaml(text)?,
        Format::Toml => structured::toml(text)?,
        Format::Json => structured::json(text, |k| secrets.contains(k))?,
    };
    let mut out: Vec<(String, u32)> = found
        .into_iter()
        .filter(|a| secrets.contains(&a.key) && !is_harmless(&a.value))
        .map(|a| (a.key, a.line))
        .collect();
    out.sort_by_key(|(_, line)| *line);
    Ok(out)
}

/// The assignments of an env file, read as written by the loader's parser
/// ([`parse_as_written`]): the values keep their escapes and `${NAME}` references.
/// The first quote that is never closed is a syntax error at its line and column;
/// lines that are not assignments are not the audit's business (the loader reports
/// them).
pub(crate) fn env(text: &str) -> Result<Vec<Assignment>, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = parse_as_written(text.as_bytes());
    if let Some(unclosed) = parsed.unclosed_quotes.first() {
        return Err(unclosed_quote(text, unclosed.quote));
    }
    Ok(parsed
        .assignments
        .iter()
        .map(|a| Assignment {
            key: a.name.clone(),
            value: String::from_utf8_lossy(&a.value).into_owned(),
            line: a.line,
        })
        .collect())
}

/// The error of a quote at 1-based `(line, byte column)` of `text` that is never
/// closed, its column counted in characters.
fn unclosed_quote(text: &str, (line, column): (u32, u32)) -> SyntaxError {
    let row = text.split('\n').nth(line as usize - 1).unwrap_or("");
    let before = row.get(..column as usize - 1).unwrap_or(row);
    let q = row[before.len()..].chars().next().unwrap_or('"');
    SyntaxError {
        line,
        column: before.chars().count() as u32 + 1,
        what: format!("the quote {q} opened here is never closed"),
    }
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
    v.strip_prefix('$').is_some_and(is_plain_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, format: Format) -> Vec<(String, u32)> {
        let secrets = ["JWT_SECRET".to_owned()].into_iter().collect();
        secrets_in(text, format, &secrets)
    }

    fn secrets_in(text: &str, format: Format, s: &BTreeSet<String>) -> Vec<(String, u32)> {
        secrets(text, format, s).unwrap_or_else(|e| panic!("{e:?}"))
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
        for env in [
            ".dev.vars",
            ".envrc",
            ".dev.vars.production",
            "edge.dev.vars",
        ] {
            assert_eq!(Format::of(env), Some(Format::Env), "{env}");
        }
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
                &format!("env:\n  - JWT_SECRET={real}\nother:\n  JWT_SECRET: {real} # x\n"),
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
                &format!("{{\n  \"JWT_SECRET\": \"{real}\"\n}}"),
                Format::Json
            ),
            [("JWT_SECRET".to_owned(), 2)]
        );
    }

    #[test]
    fn env_files_are_read_as_written_by_the_loaders_parser() {
        let real = "s3cr3t-value-that-is-real-0123456789";
        let cases = [
            // The loader rejects the space; the audit still reads the value.
            (format!("JWT_SECRET={real} and more\n"), 1),
            (
                format!("A=1\r\nexport JWT_SECRET = \"a\\\"{real}\" # c\r\n"),
                2,
            ),
            (format!("A='x'\nJWT_SECRET=\"first\n{real}\"\nB=2\n"), 2),
            (
                format!("\u{feff}# c\n\nJWT_SECRET='${{JWT_SECRET}}{real}'\n"),
                3,
            ),
        ];
        for (text, line) in cases {
            let found = found(&text, Format::Env);
            assert_eq!(found, [("JWT_SECRET".to_owned(), line)], "{text:?}");
        }
        for harmless in [
            "JWT_SECRET=\"${JWT_SECRET}\" # a comment\n",
            "JWT_SECRET=${JWT_SECRET}\r\n",
            "not an assignment\nJWT_SECRET=\n",
            "JWT_SECRET=${JWT_SECRET:-real default}\nJWT_SECRET=$JWT_SECRET\n",
        ] {
            let found = found(harmless, Format::Env);
            let expected: &[(String, u32)] = if harmless.contains("real default") {
                &[("JWT_SECRET".to_owned(), 1)]
            } else {
                &[]
            };
            assert_eq!(found, expected, "{harmless:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_is_told_by_line_and_character_column() {
        // The second quote of the value opens at byte 12, character 11.
        let text = "A=1\nPATH_X=\"é\"'open\nJWT_SECRET=x\n";
        let e = secrets(text, Format::Env, &BTreeSet::new()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 11));
        assert_eq!(e.what, "the quote ' opened here is never closed");
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
            found("{\"JWT_SECRET\": { \"type\": \"string\" }}\n", Format::Json),
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
