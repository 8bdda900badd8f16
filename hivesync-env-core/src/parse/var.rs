//! Reading one `[[var]]` table into a [`Var`]: the shape of each key only. What a
//! variable may say (a client prefix, a default that parses, ...) is a rule of
//! [`rules`](crate::rules), checked on the model.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::DeValue;

use super::reader::{Reader, Table};
use crate::{List, Str, Template, Var, VarType};

/// The keys of a `[[var]]` table.
const VAR_KEYS: &[&str] = &[
    "name",
    "type",
    "description",
    "secret",
    "optional",
    "default",
    "values",
    "unit",
    "min",
    "max",
    "min_len",
    "https",
    "example",
    "group",
    "equals",
    "services",
];

/// The names of the types, for messages.
fn type_names() -> String {
    VarType::ALL.map(VarType::as_str).join(", ")
}

fn owned(s: String) -> Str {
    Cow::Owned(s)
}

fn owned_list(items: Vec<String>) -> List<Str> {
    items.into_iter().map(Cow::Owned).collect::<Vec<_>>().into()
}

impl Reader<'_> {
    /// The variable of the `[[var]]` table at `span`, or `None` when it has no usable
    /// name or type (reported). Every key is read, so each one's errors are reported.
    pub(super) fn var(&mut self, span: Range<usize>, table: &Table<'_>) -> Option<Var> {
        let name = self.string(table, "name", "a variable");
        let what = match &name {
            Some(n) => format!("variable {n}"),
            None => {
                self.error(span.clone(), "a variable has no `name`");
                "a variable".to_owned()
            }
        };
        self.check_keys(table, VAR_KEYS, &what);
        let description = self.required_string(table, span.clone(), "description", &what);
        let ty = self.var_type(table, &span, &what);
        let secret = self.bool(table, "secret", &what);
        let optional = self.bool(table, "optional", &what);
        let https = self.bool(table, "https", &what);
        let values = self.strings(table, "values", &what);
        let services = self.strings(table, "services", &what);
        let unit = self.string(table, "unit", &what);
        let min = self.integer(table, "min", &what);
        let max = self.integer(table, "max", &what);
        let min_len = self.min_len(table, &span, &what);
        let example = self.string(table, "example", &what);
        let group = self.string(table, "group", &what);
        let equals = self.equals(table, name.as_deref());
        let defaults = table.get("default").map(|v| self.defaults(v, &what));
        Some(Var {
            name: owned(name?),
            ty: ty?,
            description: owned(description.unwrap_or_default()),
            secret,
            optional,
            defaults: defaults.unwrap_or_default().map(|d| d.map(owned)),
            values: owned_list(values),
            unit: unit.map(owned),
            min,
            max,
            min_len,
            https,
            example: example.map(owned),
            group: group.map(owned),
            equals,
            services: owned_list(services),
            line: self.line(span),
        })
    }

    /// `type`: required, one of [`VarType::ALL`].
    fn var_type(&mut self, table: &Table<'_>, span: &Range<usize>, what: &str) -> Option<VarType> {
        let Some(v) = table.get("type") else {
            let message = format!("{what} has no `type`: expected one of {}", type_names());
            self.error(span.clone(), message);
            return None;
        };
        let DeValue::String(s) = v.get_ref() else {
            self.error(v.span(), format!("`type` of {what} must be a string"));
            return None;
        };
        let ty = VarType::from_name(s);
        if ty.is_none() {
            let message = format!(
                "unknown type `{s}` of {what}: expected one of {}",
                type_names()
            );
            self.error(v.span(), message);
        }
        ty
    }

    /// `equals`: a template, parsed once here; a malformed one is reported at its line.
    fn equals(&mut self, table: &Table<'_>, name: Option<&str>) -> Option<Template> {
        let what = name.map_or_else(|| "a variable".to_owned(), |n| format!("variable {n}"));
        let text = self.string(table, "equals", &what)?;
        match Template::parse(&text) {
            Ok(template) => Some(template),
            Err(e) => {
                let span = table.get("equals").map(|v| v.span()).unwrap_or_default();
                self.error(
                    span,
                    format!("`equals` of {}: {e}", name.unwrap_or("a variable")),
                );
                None
            }
        }
    }

    /// `min_len`: a non-negative integer.
    fn min_len(&mut self, table: &Table<'_>, span: &Range<usize>, what: &str) -> Option<u32> {
        let n = self.integer(table, "min_len", what)?;
        let n = u32::try_from(n).ok();
        if n.is_none() {
            self.error(
                table.get("min_len").map_or(span.clone(), |v| v.span()),
                format!("`min_len` of {what} must be a non-negative integer"),
            );
        }
        n
    }
}
