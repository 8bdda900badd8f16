//! The contract a struct is checked against: read from its TOML file through the
//! shared model, or built from the struct's own attributes.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use hivesync_env_core::{Audience, Contract, ContractSet, PUBLIC_PREFIX, Var, VarType, rules};

use crate::ast::{Kind, Struct};

/// A contract and the files the generated code must track for rebuilds.
pub struct Loaded {
    pub contract: Contract,
    /// Absolute paths of the contract file and its sibling contracts: Cargo rebuilds
    /// the struct when any of them changes.
    pub tracked: Vec<PathBuf>,
}

/// The contract of `input`, or `None` after pushing every error.
pub fn load(input: &Struct<'_>, errors: &mut Vec<syn::Error>) -> Option<Loaded> {
    match (&input.attr.contract, &input.attr.component) {
        (Some(path), None) => from_file(path, errors),
        (None, Some(_)) => from_attributes(input, errors),
        (Some(_), Some(component)) => {
            errors.push(syn::Error::new(
                component.span(),
                "`component` applies only to structs without a contract file: the component is named in the contract",
            ));
            None
        }
        // A misspelt key (`contarct`) is already reported; saying the contract is
        // missing too would only repeat it.
        (None, None) if input.attr.invalid => None,
        (None, None) => {
            errors.push(syn::Error::new_spanned(
                input.ident,
                "missing `#[env(contract = \"path/to/component.toml\")]`, or `#[env(component = \"...\", audience = \"server|edge|client\")]` for a struct without a contract file",
            ));
            None
        }
    }
}

fn from_file(path: &syn::LitStr, errors: &mut Vec<syn::Error>) -> Option<Loaded> {
    let rel = path.value();
    let span = path.span();
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        errors.push(syn::Error::new(
            span,
            "CARGO_MANIFEST_DIR is not set: build with Cargo",
        ));
        return None;
    };
    let file = Path::new(&dir).join(&rel);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        // The message leaves out the absolute path: it names the build's folder, which
        // differs between machines, and the user wrote the relative one.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            errors.push(syn::Error::new(
                span,
                format!(
                    "contract file `{rel}` does not exist: the path is relative to the folder of the crate's Cargo.toml"
                ),
            ));
            return None;
        }
        Err(e) => {
            errors.push(syn::Error::new(
                span,
                format!("cannot read contract file `{rel}`: {e}"),
            ));
            return None;
        }
    };
    let contract = match Contract::parse(&rel, &text) {
        Ok(c) => c,
        Err(e) => {
            errors.extend(e.0.iter().map(|e| syn::Error::new(span, e)));
            return None;
        }
    };
    // The contracts beside this one, for the rules that span components (a client
    // variable that is a secret elsewhere, relations). Files there that are not
    // contracts (rustfmt.toml, say) are skipped.
    let mut tracked = vec![file.clone()];
    let mut others = Vec::new();
    if let Some(folder) = file.parent() {
        let mut siblings: Vec<PathBuf> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p != &file && p.extension().is_some_and(|x| x == "toml"))
            .collect();
        siblings.sort();
        for sibling in siblings {
            let Ok(text) = std::fs::read_to_string(&sibling) else {
                continue;
            };
            let name = sibling
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            if let Ok(c) = Contract::parse(&name, &text) {
                tracked.push(sibling);
                others.push(c);
            }
        }
    }
    let component = contract.component.clone();
    let mut all = vec![contract];
    all.extend(others);
    match ContractSet::new(all) {
        Ok(set) => {
            let contract = set.get(&component)?.clone();
            Some(Loaded { contract, tracked })
        }
        Err(e) => {
            // Report only the problems of this struct's own contract.
            let own: Vec<_> = e.0.iter().filter(|e| e.file == rel).collect();
            if own.is_empty() {
                errors.extend(e.0.iter().map(|e| syn::Error::new(span, e)));
            } else {
                errors.extend(own.into_iter().map(|e| syn::Error::new(span, e)));
            }
            None
        }
    }
}

/// The variable type a contract-less field declares by its Rust type.
fn var_type(kind: Kind) -> VarType {
    match kind {
        Kind::Bool => VarType::Bool,
        Kind::Int { .. } | Kind::Duration => VarType::Integer,
        Kind::Path => VarType::Path,
        Kind::Url => VarType::Url,
        Kind::Float | Kind::Str | Kind::Other => VarType::String,
    }
}

fn from_attributes(input: &Struct<'_>, errors: &mut Vec<syn::Error>) -> Option<Loaded> {
    let component = input.attr.component.as_ref()?;
    let audience = match &input.attr.audience {
        None => {
            errors.push(syn::Error::new(
                component.span(),
                "a struct without a contract file needs `audience = \"server\"`, `\"edge\"` or `\"client\"`",
            ));
            return None;
        }
        Some(lit) => match Audience::from_name(&lit.value()) {
            Some(a) => a,
            None => {
                errors.push(syn::Error::new(
                    lit.span(),
                    format!(
                        "unknown audience `{}`: expected one of server, edge, client",
                        lit.value()
                    ),
                ));
                return None;
            }
        },
    };
    let client = audience == Audience::Client;
    let mut vars = Vec::new();
    for field in &input.fields {
        let name = field.var_name();
        let secret = field.secret || field.attr.secret.is_some();
        let mut var = Var::new("", var_type(field.kind));
        var.name = Cow::Owned(name.clone());
        var.description = Cow::Owned(field.docs.join(" "));
        var.secret = secret;
        var.optional = field.optional;
        if field.kind == Kind::Duration {
            // A contract-less `Duration` is a number of milliseconds.
            var.unit = Some(Cow::Borrowed("ms"));
            var.min = Some(0);
        }
        // A `Secret<_>` field of a client struct is reported by `valid`, as for a
        // struct with a contract file; here only `#[env(secret)]` on another type.
        if let (true, Some(span), false) = (client, field.attr.secret, field.secret) {
            errors.push(syn::Error::new(span, secret_in_client(&name)));
        }
        if client && !name.starts_with(PUBLIC_PREFIX) {
            errors.push(syn::Error::new(
                field.name_span(),
                format!("client variable `{name}` must start with `{PUBLIC_PREFIX}`: name it `{PUBLIC_PREFIX}{name}` with `#[env(name = \"...\")]`"),
            ));
        }
        if let Some(default) = &field.attr.default {
            let value = default.value();
            // A secret's default is reported by `rules`, without its text; a type
            // error here would quote it.
            if let (false, Err(e)) = (secret, var.check(&value)) {
                errors.push(syn::Error::new(
                    default.span(),
                    format!(
                        "default `{value}` of {name} does not parse as {}: {e}",
                        var.ty
                    ),
                ));
            }
            if field.optional {
                errors.push(syn::Error::new(
                    default.span(),
                    format!("{name} has a default, so its field need not be `Option<_>`"),
                ));
            }
            var.defaults = [0, 1, 2].map(|_| Some(Cow::Owned(value.clone())));
        }
        if let Some(min) = &field.attr.min_len {
            match min.base10_parse::<u32>() {
                Ok(n) => var.min_len = Some(n),
                Err(e) => errors.push(e),
            }
        }
        vars.push(var);
    }
    let contract = Contract {
        component: Cow::Owned(component.value()),
        audience,
        description: Cow::Borrowed(""),
        file: Cow::Owned(format!("struct {}", input.ident)),
        vars: vars.into(),
        compose_service: None,
        wrangler: None,
        forbidden: Cow::Borrowed(&[]),
    };
    for problem in rules::contract(&contract) {
        errors.push(syn::Error::new(rule_span(input, &problem), problem.message));
    }
    Some(Loaded {
        contract,
        tracked: Vec::new(),
    })
}

/// Where a [`rules`] problem of a contract-less struct points: the field's `default`
/// attribute, the field, or the `component` attribute.
fn rule_span(input: &Struct<'_>, problem: &rules::Problem) -> proc_macro2::Span {
    let field = problem
        .var
        .as_ref()
        .and_then(|name| input.fields.iter().find(|f| f.var_name() == *name));
    match (field, problem.key) {
        (Some(f), "default") if f.attr.default.is_some() => f
            .attr
            .default
            .as_ref()
            .map_or_else(|| f.name_span(), |d| d.span()),
        (Some(f), _) => f.name_span(),
        (None, _) => input
            .attr
            .component
            .as_ref()
            .map_or_else(proc_macro2::Span::call_site, |c| c.span()),
    }
}

/// The message for a secret in a client struct.
pub fn secret_in_client(name: &str) -> String {
    format!(
        "{name} is a secret in a client struct: secrets must never reach desktop, mobile, plugins or admin-ui; keep it on the server"
    )
}
