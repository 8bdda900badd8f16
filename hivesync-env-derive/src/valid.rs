//! The struct against its contract: every variable has a field, every field a
//! variable, and each field's type can hold its variable.
//!
//! Rejected, for example, against `REDIS_PORT` (a required `port`):
//! `redis_port: bool` (cannot hold a port), `redis_port: Option<u16>` (it is
//! required), `redis_port: Secret<u16>` (it is public), and no field at all.

use hivesync_env_core::{Contract, Var, VarType, rules};

use crate::ast::{Field, Kind, Leaf, Struct};
use crate::ctxt::Ctxt;

/// For each field, the index of its variable in the contract; `None` for a field
/// that matches no variable (already reported).
pub fn check(
    input: &Struct<'_>,
    contract: &Contract,
    from_file: bool,
    cx: &Ctxt,
) -> Vec<Option<usize>> {
    let mut matched = vec![false; contract.vars.len()];
    let mut indices = Vec::with_capacity(input.fields.len());
    for field in &input.fields {
        if from_file {
            contract_less_keys(field, contract, cx);
        }
        let index = variable_of(input, field, contract, cx);
        if let Some(index) = index {
            // Without a contract file, the fields declare the variables: a second field
            // for one is a contract rule (`duplicate variable`), reported as such.
            if std::mem::replace(&mut matched[index], true) && from_file {
                let message = format!("a second field reads {}", field.var_name());
                cx.error(field.name_span(), message);
            }
            let var = &contract.vars[index];
            check_field(field, var, contract, &location(contract, var), cx);
        }
        indices.push(index);
    }
    // Without a contract file every variable comes from a field: one left over is a
    // duplicate, already reported.
    if from_file {
        missing_fields(input, contract, &matched, cx);
    }
    indices
}

/// A struct with a contract file takes `default`, `secret` and `min_len` from it, not
/// from attributes.
fn contract_less_keys(field: &Field<'_>, contract: &Contract, cx: &Ctxt) {
    for (key, span) in field.attr.contract_less() {
        cx.error(span, format!(
            "`{key}` is declared in the contract file {}: the attribute applies only to structs without one",
            contract.file
        ));
    }
}

/// The index of the variable `field` reads; `None`, reported, when the contract does
/// not declare it.
fn variable_of(
    input: &Struct<'_>,
    field: &Field<'_>,
    contract: &Contract,
    cx: &Ctxt,
) -> Option<usize> {
    let name = field.var_name();
    let index = contract.position(&name);
    // `#[env(rename = "...")]`, say: the misspelt key is reported, and the field may
    // well be meant for a variable under another name.
    if index.is_some() || field.attr.invalid {
        return index;
    }
    let unmatched: Vec<&str> = contract
        .vars
        .iter()
        .filter(|v| !input.fields.iter().any(|f| f.var_name() == v.name))
        .map(|v| v.name.as_ref())
        .collect();
    let hint = if unmatched.is_empty() {
        String::new()
    } else {
        format!("; variables without a field: {}", unmatched.join(", "))
    };
    cx.error(field.name_span(), format!(
        "field `{}` reads {name}, which {} does not declare: add it to the contract or remove the field{hint}",
        field.ident, contract.file
    ));
    None
}

/// Each variable no field reads, at the struct's name.
fn missing_fields(input: &Struct<'_>, contract: &Contract, matched: &[bool], cx: &Ctxt) {
    for (var, _) in contract.vars.iter().zip(matched).filter(|(_, m)| !**m) {
        cx.error(
            input.ident.span(),
            format!(
                "struct `{}` has no field for {} ({}): add `pub {}: {}`",
                input.ident,
                var.name,
                location(contract, var),
                var.name.to_lowercase(),
                suggested_type(var)
            ),
        );
    }
}

/// `field` against its variable `var`, declared `at`.
fn check_field(field: &Field<'_>, var: &Var, contract: &Contract, at: &str, cx: &Ctxt) {
    check_secrecy(field, var, contract, at, cx);
    check_optionality(field, var, at, cx);
    check_holds(field, var, at, cx);
}

/// `Secret<_>` exactly for a secret (the caret on the `Secret<_>` part, inside any
/// `Option`); none in a client struct.
fn check_secrecy(field: &Field<'_>, var: &Var, contract: &Contract, at: &str, cx: &Ctxt) {
    let name = &var.name;
    let error = |message: String| cx.error_spanned_by(field.value_ty, message);
    // A secret variable of a client contract is a contract rule, reported as such;
    // here, a `Secret<_>` field of a public one.
    if contract.is_client() && field.secret() && !var.secret {
        error(rules::secret_in_client(name));
    } else if var.secret && !field.secret() && !contract.is_client() {
        // (In a client struct, a secret variable comes from `#[env(secret)]`, which
        // is already reported as a secret in a client struct.)
        error(format!(
            "{name} is a secret ({at}): declare the field as `{}` so its value is never printed",
            suggested_type(var)
        ));
    } else if !var.secret && field.secret() {
        error(format!(
            "{name} is not a secret ({at}): `Secret<_>` hides a public value; use `{}`",
            suggested_type(var)
        ));
    }
}

/// `Option<_>` exactly for an optional variable (the caret on the whole field type).
fn check_optionality(field: &Field<'_>, var: &Var, at: &str, cx: &Ctxt) {
    let name = &var.name;
    if var.optional && !field.optional() {
        cx.error_spanned_by(
            field.ty,
            format!(
                "{name} is optional ({at}): declare the field as `{}`",
                suggested_type(var)
            ),
        );
    } else if !var.optional && field.optional() {
        let why = if var.defaults.iter().any(Option::is_some) {
            "has a default"
        } else {
            "is required"
        };
        cx.error_spanned_by(
            field.ty,
            format!(
                "{name} {why} ({at}), so it always has a value: declare the field as `{}`",
                suggested_type(var)
            ),
        );
    }
}

/// The type inside `Option` and `Secret` can hold every value of the variable (the
/// caret on that type).
fn check_holds(field: &Field<'_>, var: &Var, at: &str, cx: &Ctxt) {
    let name = &var.name;
    if field.kind == Kind::Duration && var.ty == VarType::Integer {
        check_duration(field, var, at, cx);
    } else if !holds(field.kind, var.ty) {
        cx.error_spanned_by(
            field.inner,
            format!(
                "a field of this type cannot hold {name}, a {} ({at}): use `{}`",
                var.ty,
                bare_type(var)
            ),
        );
    }
    if is_enum_field(field, var) {
        if let Err(e) = enum_path(field, var, at) {
            cx.push(e);
        }
    }
    if let (Some(span), true) = (field.attr.serde, field.secret()) {
        let message = format!("`serde` does not apply to secret {name}: it parses with `FromStr`");
        cx.error(span, message);
    }
}

/// A `Duration` field of an `integer` variable: the contract must give the unit, and
/// no negative value.
fn check_duration(field: &Field<'_>, var: &Var, at: &str, cx: &Ctxt) {
    let name = &var.name;
    let unit_ok = matches!(var.unit.as_deref(), Some("ms" | "s"));
    if !unit_ok {
        cx.error_spanned_by(
            field.inner,
            format!(
                "{name} has no time unit ({at}): a `Duration` field needs `unit = \"ms\"` or `unit = \"s\"` in the contract; or use `{}`",
                bare_type(var)
            ),
        );
    } else if var.min.is_none_or(|m| m < 0) {
        cx.error_spanned_by(
            field.inner,
            format!(
                "{name} may be negative ({at}), which no `Duration` can hold: give it `min = 0` or more in the contract"
            ),
        );
    }
}

/// Whether `field` holds contract enum `var` in a type of its own: an `EnvEnum`.
pub fn is_enum_field(field: &Field<'_>, var: &Var) -> bool {
    var.ty == VarType::Enum && field.leaf == Leaf::Own
}

/// The path of an `EnvEnum` field's type, whose hidden macro checks it against the
/// contract (`enum_derive.rs`); an error when the type is not a plain path.
pub fn enum_path<'a>(field: &Field<'a>, var: &Var, at: &str) -> Result<&'a syn::Path, syn::Error> {
    match field.inner {
        syn::Type::Path(p)
            if p.qself.is_none() && p.path.segments.iter().all(|s| s.arguments.is_empty()) =>
        {
            Ok(&p.path)
        }
        other => Err(syn::Error::new_spanned(
            other,
            format!(
                "{} is a contract enum ({at}): hold it in a `String`, or in an enum that derives `EnvEnum`, named by its path",
                var.name
            ),
        )),
    }
}

/// Where `var` is declared, for messages: `contracts/api.toml:7`, or `declared by
/// struct MailerEnv`
/// for a struct without a contract file, whose fields declare the variables.
pub fn location(contract: &Contract, var: &Var) -> String {
    if var.line == 0 {
        format!("declared by {}", contract.file)
    } else {
        format!("{}:{}", contract.file, var.line)
    }
}

/// Whether a field of `kind` can hold every value of `ty`. Types the derive does not
/// know (`Other`) parse through their own `FromStr`/`Deserialize` and are accepted.
fn holds(kind: Kind, ty: VarType) -> bool {
    match (ty, kind) {
        (_, Kind::Other | Kind::Str) => true,
        (VarType::Port, Kind::Int { holds_port }) => holds_port,
        (VarType::Integer, Kind::Int { .. }) => true,
        (VarType::Bool, Kind::Bool) => true,
        (VarType::Url, Kind::Url) => true,
        (VarType::Path, Kind::Path) => true,
        (VarType::String, Kind::Path | Kind::Url) => true,
        _ => false,
    }
}

/// The plain field type for `var`'s contract type.
fn bare_type(var: &Var) -> &'static str {
    match var.ty {
        VarType::Port => "u16",
        VarType::Bool => "bool",
        VarType::Integer if var.min.is_some_and(|m| m >= 0) => "u64",
        VarType::Integer => "i64",
        VarType::Path => "std::path::PathBuf",
        VarType::Url | VarType::Enum | VarType::String => "String",
    }
}

/// The whole field type for `var`: wrapped in `Secret` and `Option` as needed.
fn suggested_type(var: &Var) -> String {
    let mut ty = bare_type(var).to_owned();
    if var.secret {
        ty = format!("Secret<{ty}>");
    }
    if var.optional {
        ty = format!("Option<{ty}>");
    }
    ty
}
