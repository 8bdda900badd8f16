//! The contract a struct is checked against: read from its TOML file through the
//! shared model, or built from the struct's own attributes.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use hivesync_env_core::{
    Audience, Contract, ContractErrors, ContractSet, Profile, Var, VarType, rules,
};
use proc_macro2::Span;
use syn::LitStr;

use crate::ast::{Field, Kind, Struct};
use crate::ctxt::Ctxt;

/// A contract and the files the generated code must track for rebuilds.
pub struct Loaded {
    pub contract: Contract,
    /// Absolute paths of the contract file and its sibling contracts: Cargo rebuilds
    /// the struct when any of them changes.
    pub tracked: Vec<PathBuf>,
}

/// The contract of `input`, or `None` after reporting every error to `cx`.
pub fn load(input: &Struct<'_>, cx: &Ctxt) -> Option<Loaded> {
    match (&input.attr.contract, &input.attr.component) {
        (Some(path), None) => from_file(path, cx),
        (None, Some(_)) => from_attributes(input, cx),
        (Some(_), Some(component)) => {
            cx.error(
                component.span(),
                "`component` applies only to structs without a contract file: the component is named in the contract",
            );
            None
        }
        // A misspelt key (`contarct`) is already reported; saying the contract is
        // missing too would only repeat it.
        (None, None) if input.attr.invalid => None,
        (None, None) => {
            cx.error_spanned_by(
                input.ident,
                "missing `#[env(contract = \"path/to/component.toml\")]`, or `#[env(component = \"...\", audience = \"server|edge|client\")]` for a struct without a contract file",
            );
            None
        }
    }
}

/// The contract file `path` names (relative to the crate's `Cargo.toml`), read with
/// every contract beside it as one [`ContractSet`], so the rules that span components
/// hold (a client variable that is a secret elsewhere, relations). A broken file
/// there is reported, not skipped. The one loader of the derive and of
/// `#[contract_docs]` (`docs.rs`).
pub fn from_file(path: &LitStr, cx: &Ctxt) -> Option<Loaded> {
    let rel = path.value();
    let span = path.span();
    let file = contract_path(&rel, span, cx)?;
    let folder = file.parent()?;
    // Named as the user wrote the path, not by the build's absolute folder, which
    // differs between machines.
    let label = Path::new(&rel).parent().unwrap_or(Path::new(""));
    let set = match ContractSet::from_dir_as(folder, label) {
        Ok(set) => set,
        Err(errors) => {
            report_set_errors(&errors, &rel, span, cx);
            return None;
        }
    };
    let own = set
        .contracts()
        .iter()
        .find(|c| Path::new(c.file.as_ref()).file_name() == file.file_name());
    let Some(own) = own else {
        // `Cargo.toml`, or a folder named `*.toml`: not among the contracts read.
        cx.error(
            span,
            format!("contract file `{rel}` is not a contract: name a `*.toml` file other than Cargo.toml"),
        );
        return None;
    };
    let tracked = set
        .contracts()
        .iter()
        .filter_map(|c| Path::new(c.file.as_ref()).file_name())
        .map(|name| folder.join(name))
        .collect();
    let mut contract = own.clone();
    contract.file = Cow::Owned(rel);
    Some(Loaded { contract, tracked })
}

/// The absolute path of contract file `rel`, once it is known to be a `*.toml` file
/// that exists.
fn contract_path(rel: &str, span: Span, cx: &Ctxt) -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        cx.error(span, "CARGO_MANIFEST_DIR is not set: build with Cargo");
        return None;
    };
    let file = Path::new(&dir).join(rel);
    if file.extension().is_none_or(|x| x != "toml") {
        cx.error(
            span,
            format!("contract file `{rel}` must be a `*.toml` file: the `*.toml` files of its folder are read as the contracts"),
        );
        return None;
    }
    match std::fs::metadata(&file) {
        Ok(_) => Some(file),
        // The message leaves out the absolute path: it names the build's folder, which
        // differs between machines, and the user wrote the relative one.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            cx.error(
                span,
                format!(
                    "contract file `{rel}` does not exist: the path is relative to the folder of the crate's Cargo.toml"
                ),
            );
            None
        }
        Err(e) => {
            cx.error(span, format!("cannot read contract file `{rel}`: {e}"));
            None
        }
    }
}

/// Every problem of the contract set, at the `contract = "..."` literal; one of a file
/// beside the struct's own says why that file was read.
fn report_set_errors(errors: &ContractErrors, rel: &str, span: Span, cx: &Ctxt) {
    for error in errors.errors() {
        if Path::new(&error.file) == Path::new(rel) {
            cx.error(span, error);
        } else {
            cx.error(
                span,
                format!("{error} (every `*.toml` file beside {rel} but Cargo.toml is read as a contract)"),
            );
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

/// The contract a struct without a contract file declares with its attributes: one
/// variable per field, checked by the same rules as a contract file.
fn from_attributes(input: &Struct<'_>, cx: &Ctxt) -> Option<Loaded> {
    let component = input.attr.component.as_ref()?;
    let audience = audience(component, input.attr.audience.as_ref(), cx)?;
    let vars: Vec<Var> = input.fields.iter().map(|f| attribute_var(f, cx)).collect();
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
    // The same rules as a contract file's (`hivesync_env_core::rules`), each problem
    // placed at the attribute, field or type at fault.
    for problem in rules::contract(&contract) {
        cx.push(rule_error(input, problem));
    }
    Some(Loaded {
        contract,
        tracked: Vec::new(),
    })
}

/// `audience = "..."` of a struct without a contract file, which must give one.
fn audience(component: &LitStr, audience: Option<&LitStr>, cx: &Ctxt) -> Option<Audience> {
    let Some(lit) = audience else {
        cx.error(
            component.span(),
            "a struct without a contract file needs `audience = \"server\"`, `\"edge\"` or `\"client\"`",
        );
        return None;
    };
    let audience = Audience::from_name(&lit.value());
    if audience.is_none() {
        cx.error(
            lit.span(),
            format!(
                "unknown audience `{}`: expected one of server, edge, client",
                lit.value()
            ),
        );
    }
    audience
}

/// The variable a field of a struct without a contract file declares: its name, doc
/// comment, type and wrappers, and its `default`, `secret` and `min_len` attributes.
fn attribute_var(field: &Field<'_>, cx: &Ctxt) -> Var {
    let mut var = Var::new("", var_type(field.kind));
    var.name = Cow::Owned(field.var_name());
    var.description = Cow::Owned(field.docs.join(" "));
    var.secret = field.secret() || field.attr.secret.is_some();
    var.optional = field.optional();
    if field.kind == Kind::Duration {
        // A contract-less `Duration` is a number of milliseconds.
        var.unit = Some(Cow::Borrowed("ms"));
        var.min = Some(0);
    }
    if let Some(default) = &field.attr.default {
        var.defaults = Profile::ALL.map(|_| Some(Cow::Owned(default.value())));
    }
    if let Some(min) = &field.attr.min_len {
        match min.base10_parse::<u32>() {
            Ok(n) => var.min_len = Some(n),
            Err(e) => cx.push(e),
        }
    }
    var
}

/// A [`rules`] problem of a contract-less struct, where it points: the field's
/// `default` attribute, its `secret` attribute or `Secret<_>` type, the field, or
/// the `component` attribute. Variables are built one per field, in order.
fn rule_error(input: &Struct<'_>, problem: rules::Problem) -> syn::Error {
    let message = problem.message;
    let Some(field) = problem.var.and_then(|i| input.fields.get(i)) else {
        let component = input.attr.component.as_ref();
        let span = component.map_or_else(proc_macro2::Span::call_site, |c| c.span());
        return syn::Error::new(span, message);
    };
    match (problem.key, &field.attr.default, field.attr.secret) {
        ("default" | "optional", Some(default), _) => syn::Error::new(default.span(), message),
        ("secret", _, Some(attr)) => syn::Error::new(attr, message),
        // `new_spanned`, so the caret covers the `Secret<_>` type (inside any `Option`).
        ("secret", _, None) => syn::Error::new_spanned(field.value_ty, message),
        _ => syn::Error::new(field.name_span(), message),
    }
}
