//! Reading the TOML values of a contract file: each reader checks the value's type,
//! reports a wrong one at its line and goes on, so one pass finds every error.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::ContractError;
use crate::Profile;

/// Collects errors while reading one file.
pub(super) struct Reader<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
    pub(super) errors: Vec<ContractError>,
}

/// A TOML table of the file, with the spans of its keys and values.
pub(super) type Table<'i> = DeTable<'i>;
/// A TOML value of the file, with its span.
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

impl<'a> Reader<'a> {
    pub(super) fn new(file: &'a str, text: &'a str) -> Reader<'a> {
        Reader {
            file,
            text,
            errors: Vec::new(),
        }
    }

    /// The 1-based line of the start of `span`.
    pub(super) fn line(&self, span: Range<usize>) -> u32 {
        let end = span.start.min(self.text.len());
        let upto = self.text.get(..end).unwrap_or(self.text);
        upto.matches('\n').count() as u32 + 1
    }

    pub(super) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = self.line(span);
        self.errors.push(ContractError {
            file: self.file.to_owned(),
            line,
            message: message.into(),
        });
    }

    pub(super) fn check_keys(&mut self, table: &Table<'_>, known: &[&str], what: &str) {
        for key in table.keys() {
            if !known.contains(&key.get_ref().as_ref()) {
                self.error(
                    key.span(),
                    format!(
                        "unknown key `{}` in {what}: expected one of {}",
                        key.get_ref(),
                        known.join(", ")
                    ),
                );
            }
        }
    }

    pub(super) fn string(&mut self, table: &Table<'_>, key: &str, what: &str) -> Option<String> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.error(value.span(), format!("`{key}` of {what} must be a string"));
                None
            }
        }
    }

    pub(super) fn required_string(
        &mut self,
        table: &Table<'_>,
        span: Range<usize>,
        key: &str,
        what: &str,
    ) -> Option<String> {
        let found = self.string(table, key, what);
        if found.is_none() && table.get(key).is_none() {
            self.error(span, format!("{what} has no `{key}`"));
        }
        found
    }

    pub(super) fn bool(&mut self, table: &Table<'_>, key: &str, what: &str) -> bool {
        match table.get(key) {
            None => false,
            Some(v) => match v.get_ref() {
                DeValue::Boolean(b) => *b,
                _ => {
                    self.error(v.span(), format!("`{key}` of {what} must be true or false"));
                    false
                }
            },
        }
    }

    pub(super) fn integer(&mut self, table: &Table<'_>, key: &str, what: &str) -> Option<i64> {
        let v = table.get(key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str().replace('_', "").parse().ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.error(v.span(), format!("`{key}` of {what} must be an integer"));
        }
        parsed
    }

    pub(super) fn strings(&mut self, table: &Table<'_>, key: &str, what: &str) -> Vec<String> {
        let Some(v) = table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span(),
                format!("`{key}` of {what} must be an array of strings"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push(s.to_string()),
                _ => self.error(item.span(), format!("`{key}` of {what} must hold strings")),
            }
        }
        out
    }

    /// A default is a string, an integer or a boolean (written as environment text),
    /// or a table of those keyed by profile.
    pub(super) fn defaults(&mut self, value: &Value<'_>, what: &str) -> [Option<String>; 3] {
        let mut out: [Option<String>; 3] = [None, None, None];
        match value.get_ref() {
            DeValue::Table(per_profile) => {
                for (key, v) in per_profile {
                    match key.get_ref().parse::<Profile>() {
                        Ok(p) => out[p.index()] = self.scalar(v, what),
                        Err(e) => self.error(key.span(), format!("{e} in `default` of {what}")),
                    }
                }
            }
            _ => {
                let v = self.scalar(value, what);
                out = [v.clone(), v.clone(), v];
            }
        }
        out
    }

    fn scalar(&mut self, value: &Value<'_>, what: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            DeValue::Integer(i) if i.radix() == 10 => Some(i.as_str().replace('_', "")),
            DeValue::Boolean(b) => Some(b.to_string()),
            _ => {
                self.error(
                    value.span(),
                    format!("`default` of {what} must be a string, an integer, a boolean or a table keyed by profile"),
                );
                None
            }
        }
    }
}
