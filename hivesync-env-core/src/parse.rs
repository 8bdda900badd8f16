//! Reading a contract from TOML, with every error named by file and line.
//!
//! The schema is documented for contract authors in `contracts/README.md`.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::{Audience, Contract, PUBLIC_PREFIX, Profile, RustWorker, Var, VarType, Wrangler};

/// One problem in a contract file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractError {
    /// The file, as given to the parser.
    pub file: String,
    /// The 1-based line the problem is on.
    pub line: u32,
    /// What is wrong and what to do, lowercase, without a trailing period.
    pub message: String,
}

impl fmt::Display for ContractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ContractError {}

/// Every problem found in one or more contract files, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractErrors(pub Vec<ContractError>);

impl ContractErrors {
    /// The individual errors.
    pub fn errors(&self) -> &[ContractError] {
        &self.0
    }
}

impl fmt::Display for ContractErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContractErrors {}

const CONTRACT_KEYS: &[&str] = &[
    "component",
    "audience",
    "description",
    "compose_service",
    "wrangler",
    "var",
];
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
const WRANGLER_KEYS: &[&str] = &[
    "workers",
    "r2_binding",
    "r2_bucket_var",
    "compatibility_date",
    "rust",
];

/// Collects errors while reading one file.
struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<ContractError>,
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

impl<'a> Reader<'a> {
    fn line(&self, span: Range<usize>) -> u32 {
        let end = span.start.min(self.text.len());
        let upto = self.text.get(..end).unwrap_or(self.text);
        upto.matches('\n').count() as u32 + 1
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = self.line(span);
        self.errors.push(ContractError {
            file: self.file.to_owned(),
            line,
            message: message.into(),
        });
    }

    fn check_keys(&mut self, table: &Table<'_>, known: &[&str], what: &str) {
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

    fn string(&mut self, table: &Table<'_>, key: &str, what: &str) -> Option<(String, u32)> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some((s.to_string(), self.line(value.span()))),
            _ => {
                self.error(value.span(), format!("`{key}` of {what} must be a string"));
                None
            }
        }
    }

    fn required_string(
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
        found.map(|(s, _)| s)
    }

    fn bool(&mut self, table: &Table<'_>, key: &str, what: &str) -> bool {
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

    fn integer(&mut self, table: &Table<'_>, key: &str, what: &str) -> Option<i64> {
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

    fn strings(&mut self, table: &Table<'_>, key: &str, what: &str) -> Vec<String> {
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
    fn defaults(&mut self, value: &Value<'_>, what: &str) -> [Option<String>; 3] {
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

    fn var(
        &mut self,
        span: Range<usize>,
        table: &Table<'_>,
        audience: Option<Audience>,
    ) -> Option<Var> {
        let line = self.line(span.clone());
        let name = self.string(table, "name", "a variable");
        let what = match &name {
            Some((n, _)) => format!("variable {n}"),
            None => {
                self.error(span.clone(), "a variable has no `name`");
                "a variable".to_owned()
            }
        };
        self.check_keys(table, VAR_KEYS, &what);
        let description = self.required_string(table, span.clone(), "description", &what);
        let ty = match table.get("type") {
            None => {
                self.error(
                    span.clone(),
                    format!("{what} has no `type`: expected one of {}", type_names()),
                );
                None
            }
            Some(v) => match v.get_ref() {
                DeValue::String(s) => {
                    let ty = VarType::from_name(s);
                    if ty.is_none() {
                        self.error(
                            v.span(),
                            format!(
                                "unknown type `{s}` of {what}: expected one of {}",
                                type_names()
                            ),
                        );
                    }
                    ty
                }
                _ => {
                    self.error(v.span(), format!("`type` of {what} must be a string"));
                    None
                }
            },
        };
        let secret = self.bool(table, "secret", &what);
        let optional = self.bool(table, "optional", &what);
        let https = self.bool(table, "https", &what);
        let values = self.strings(table, "values", &what);
        let services = self.strings(table, "services", &what);
        let unit = self.string(table, "unit", &what).map(|s| s.0);
        let min = self.integer(table, "min", &what);
        let max = self.integer(table, "max", &what);
        let min_len = self.integer(table, "min_len", &what).and_then(|n| {
            let n = u32::try_from(n).ok();
            if n.is_none() {
                self.error(
                    table.get("min_len").map_or(span.clone(), |v| v.span()),
                    format!("`min_len` of {what} must be a non-negative integer"),
                );
            }
            n
        });
        let example = self.string(table, "example", &what).map(|s| s.0);
        let group = self.string(table, "group", &what).map(|s| s.0);
        let equals = self.string(table, "equals", &what);
        let defaults = table
            .get("default")
            .map(|v| self.defaults(v, &what))
            .unwrap_or_default();

        let (name, name_line) = name?;
        let ty = ty?;
        let at = |key: &str| table.get(key).map_or(span.clone(), |v| v.span());

        if !is_env_name(&name) {
            self.error(at("name"), format!("variable name `{name}` must be SCREAMING_SNAKE_CASE: capital letters, digits and `_`, starting with a letter"));
        }
        if ty == VarType::Enum && values.is_empty() {
            self.error(
                at("type"),
                format!("{what} is an enum with no `values`: list the allowed values"),
            );
        }
        let misplaced: [(&str, bool, VarType); 5] = [
            ("values", !values.is_empty(), VarType::Enum),
            ("unit", unit.is_some(), VarType::Integer),
            ("min", min.is_some(), VarType::Integer),
            ("max", max.is_some(), VarType::Integer),
            ("https", https, VarType::Url),
        ];
        for (key, present, only) in misplaced {
            if present && ty != only {
                self.error(
                    at(key),
                    format!("`{key}` applies only to type {only}, but {what} is a {ty}"),
                );
            }
        }
        if optional && defaults.iter().any(Option::is_some) {
            self.error(
                at("optional"),
                format!("{what} is optional and has a default: keep one of them"),
            );
        }
        if let Some(Audience::Client) = audience {
            if secret {
                self.error(at("secret"), format!("client contract marks {name} secret: secrets must never reach desktop, mobile, plugins or admin-ui; keep the secret on the server"));
            }
            if !name.starts_with(PUBLIC_PREFIX) {
                self.error(at("name"), format!("client variable `{name}` must start with `{PUBLIC_PREFIX}`: rename it `{PUBLIC_PREFIX}{name}`"));
            }
        }

        let mut var = Var::new("", ty);
        var.name = Cow::Owned(name);
        var.description = Cow::Owned(description.unwrap_or_default());
        var.secret = secret;
        var.optional = optional;
        var.values = values
            .into_iter()
            .map(Cow::Owned)
            .collect::<Vec<_>>()
            .into();
        var.services = services
            .into_iter()
            .map(Cow::Owned)
            .collect::<Vec<_>>()
            .into();
        var.unit = unit.map(Cow::Owned);
        var.min = min;
        var.max = max;
        var.min_len = min_len;
        var.https = https;
        var.example = example.map(Cow::Owned);
        var.group = group.map(Cow::Owned);
        var.equals = equals.map(|e| Cow::Owned(e.0));
        var.line = line;
        // A secret's default is an error of its own (`rules`), whose message never
        // quotes it; checking its type here would.
        for profile in Profile::ALL.into_iter().filter(|_| !secret) {
            if let Some(d) = &defaults[profile.index()] {
                if crate::looks_like_placeholder(d) && ty != VarType::String {
                    self.error(at("default"), format!("default `{d}` of {what} is a placeholder: remove `default` to make the variable required"));
                } else if let Err(e) = var.check(d) {
                    self.error(at("default"), format!("default `{d}` of {what} in profile {profile} does not parse as {ty}: {e}"));
                }
            }
        }
        var.defaults = defaults.map(|d| d.map(Cow::Owned));
        let _ = name_line;
        Some(var)
    }

    fn wrangler(&mut self, value: &Value<'_>) -> Option<Wrangler> {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(value.span(), "`wrangler` must be a table");
            return None;
        };
        self.check_keys(table, WRANGLER_KEYS, "[wrangler]");
        let workers = self.strings(table, "workers", "[wrangler]");
        if workers.is_empty() {
            self.error(value.span(), "[wrangler] lists no `workers`");
        }
        let compatibility_date = self
            .required_string(table, value.span(), "compatibility_date", "[wrangler]")
            .unwrap_or_default();
        let rust = table
            .get("rust")
            .map(|r| self.rust_workers(r, &workers))
            .unwrap_or_default();
        Some(Wrangler {
            workers: workers
                .into_iter()
                .map(Cow::Owned)
                .collect::<Vec<_>>()
                .into(),
            r2_binding: self
                .string(table, "r2_binding", "[wrangler]")
                .map(|s| Cow::Owned(s.0)),
            r2_bucket_var: self
                .string(table, "r2_bucket_var", "[wrangler]")
                .map(|s| Cow::Owned(s.0)),
            compatibility_date: Cow::Owned(compatibility_date),
            rust: rust.into(),
        })
    }

    /// `[wrangler.rust]`: `worker = "folder/of/its/crate"`, for workers of `workers`.
    fn rust_workers(&mut self, value: &Value<'_>, workers: &[String]) -> Vec<RustWorker> {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(
                value.span(),
                "`rust` of [wrangler] must be a table of worker = \"folder\"",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, dir) in table.iter() {
            let name = key.get_ref().to_string();
            if !workers.contains(&name) {
                self.error(
                    key.span(),
                    format!(
                        "[wrangler.rust] names `{name}`, which is not one of [wrangler] `workers`"
                    ),
                );
            }
            let DeValue::String(dir_text) = dir.get_ref() else {
                self.error(
                    dir.span(),
                    format!("the folder of Rust worker `{name}` must be a string"),
                );
                continue;
            };
            let bad = dir_text.is_empty()
                || dir_text.starts_with('/')
                || dir_text.contains('\\')
                || dir_text.contains(':')
                || dir_text
                    .split('/')
                    .any(|part| part.is_empty() || part == "." || part == "..");
            if bad {
                self.error(
                    dir.span(),
                    format!("the folder `{dir_text}` of Rust worker `{name}` must be a relative path from the repository root, `/`-separated, without `.` or `..`"),
                );
                continue;
            }
            out.push(RustWorker {
                name: Cow::Owned(name),
                dir: Cow::Owned(dir_text.to_string()),
            });
        }
        out
    }

    fn contract(&mut self) -> Option<Contract> {
        let root = match DeTable::parse(self.text) {
            Ok(root) => root,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                self.error(span, format!("not valid TOML: {}", e.message().trim_end()));
                return None;
            }
        };
        let whole = root.span();
        let table = root.get_ref();
        self.check_keys(table, CONTRACT_KEYS, "the contract");
        let component = self.required_string(table, whole.clone(), "component", "the contract");
        let audience = match self.required_string(table, whole.clone(), "audience", "the contract")
        {
            Some(a) => {
                let parsed = Audience::from_name(&a);
                if parsed.is_none() {
                    let span = table.get("audience").map_or(whole.clone(), |v| v.span());
                    self.error(
                        span,
                        format!("unknown audience `{a}`: expected one of server, edge, client"),
                    );
                }
                parsed
            }
            None => None,
        };
        let description = self
            .required_string(table, whole.clone(), "description", "the contract")
            .unwrap_or_default();
        let compose_service = self
            .string(table, "compose_service", "the contract")
            .map(|s| Cow::Owned(s.0));
        let wrangler = table.get("wrangler").and_then(|w| self.wrangler(w));
        if wrangler.is_some() && audience != Some(Audience::Edge) {
            let span = table.get("wrangler").map_or(whole.clone(), |v| v.span());
            self.error(span, "[wrangler] applies only to audience edge");
        }

        let mut vars: Vec<Var> = Vec::new();
        // The line of each key of each variable, where `rules` problems are reported.
        let mut key_lines: Vec<(String, Vec<(String, u32)>)> = Vec::new();
        match table.get("var").map(|v| (v.span(), v.get_ref())) {
            Some((_, DeValue::Array(items))) => {
                for item in items {
                    match item.get_ref() {
                        DeValue::Table(t) => {
                            if let Some(var) = self.var(item.span(), t, audience) {
                                let lines = t
                                    .iter()
                                    .map(|(k, v)| (k.get_ref().to_string(), self.line(v.span())));
                                key_lines.push((var.name.to_string(), lines.collect()));
                                if let Some(first) = vars.iter().find(|v| v.name == var.name) {
                                    let message = format!(
                                        "duplicate variable {}: first declared on line {}",
                                        var.name, first.line
                                    );
                                    self.error(item.span(), message);
                                } else {
                                    vars.push(var);
                                }
                            }
                        }
                        _ => self.error(item.span(), "each `[[var]]` must be a table"),
                    }
                }
            }
            Some((span, _)) => {
                self.error(span, "`var` must be an array of tables: write `[[var]]`")
            }
            None => self.error(
                whole.clone(),
                "the contract declares no variables: add a `[[var]]` table",
            ),
        }
        if let Some(w) = &wrangler {
            if let Some(bucket) = &w.r2_bucket_var {
                if !vars.iter().any(|v| v.name == *bucket) {
                    let span = table.get("wrangler").map_or(whole.clone(), |v| v.span());
                    self.error(span, format!("[wrangler] r2_bucket_var names {bucket}, which the contract does not declare"));
                }
            }
        }

        let contract = Contract {
            component: Cow::Owned(component?),
            audience: audience?,
            description: Cow::Owned(description),
            file: Cow::Owned(self.file.to_owned()),
            vars: vars.into(),
            compose_service,
            wrangler,
            forbidden: Cow::Borrowed(&[]),
        };
        for problem in crate::rules::contract(&contract) {
            let line = problem.var.as_ref().and_then(|name| {
                let (_, keys) = key_lines.iter().find(|(n, _)| n == name)?;
                let at = keys.iter().find(|(k, _)| k == problem.key);
                at.map(|(_, line)| *line)
                    .or_else(|| contract.var(name).map(|v| v.line))
            });
            let line = line.unwrap_or_else(|| {
                self.line(table.get(problem.key).map_or(whole.clone(), |v| v.span()))
            });
            self.errors.push(ContractError {
                file: self.file.to_owned(),
                line,
                message: problem.message,
            });
        }
        Some(contract)
    }
}

fn type_names() -> String {
    VarType::ALL.map(VarType::as_str).join(", ")
}

/// Whether `name` is a SCREAMING_SNAKE_CASE environment variable name.
fn is_env_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

impl Contract {
    /// Parses one contract file and checks the rules that need only this file.
    ///
    /// `file` names the file in error messages. Rules that involve other components
    /// (a client variable that is a secret elsewhere, relations) are checked by
    /// [`ContractSet`](crate::ContractSet).
    ///
    /// ```
    /// use hivesync_env_core::Contract;
    /// let toml = r#"
    /// component = "demo"
    /// audience = "server"
    /// description = "A demo"
    ///
    /// [[var]]
    /// name = "PORT"
    /// type = "prot"
    /// description = "The port"
    /// "#;
    /// let err = Contract::parse("demo.toml", toml).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "demo.toml:8: unknown type `prot` of variable PORT: expected one of port, url, bool, integer, enum, path, string"
    /// );
    /// ```
    pub fn parse(file: &str, text: &str) -> Result<Contract, ContractErrors> {
        let mut reader = Reader {
            file,
            text,
            errors: Vec::new(),
        };
        let contract = reader.contract();
        match contract {
            Some(c) if reader.errors.is_empty() => Ok(c),
            _ => {
                reader.errors.sort_by_key(|e| e.line);
                Err(ContractErrors(reader.errors))
            }
        }
    }
}
