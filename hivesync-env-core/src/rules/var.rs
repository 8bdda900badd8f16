//! The rules of one variable of a contract.

use super::{Problem, problem, secret_in_client};
use crate::{Contract, PUBLIC_PREFIX, Profile, Var, VarType, looks_like_placeholder};

/// Every rule of variable `index` of `c`, in the order a reader meets the keys.
pub(super) fn rules(c: &Contract, index: usize, out: &mut Vec<Problem>) {
    let v = &c.vars[index];
    let mut push = |key, message| out.push(problem(Some(index), key, message));
    let rules: [fn(&Contract, &Var, &mut Push<'_>); 6] = [
        screaming_snake_name,
        enum_has_values,
        keys_fit_the_type,
        optional_or_default,
        no_secret_in_client,
        client_prefix,
    ];
    for rule in rules {
        rule(c, v, &mut push);
    }
    for message in defaults_are_no_placeholders(v).chain(defaults_parse(v)) {
        push("default", message);
    }
    secrets_hold_no_value(v, &mut push);
}

/// Where a rule reports: the key at fault and the message.
type Push<'a> = dyn FnMut(&'static str, String) + 'a;

/// Whether `name` is a SCREAMING_SNAKE_CASE environment variable name.
fn is_env_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// A name is SCREAMING_SNAKE_CASE: capital letters, digits and `_`, starting with a
/// letter. Rejects `name = "redis-port"` and `#[env(name = "_PORT")]`.
fn screaming_snake_name(_: &Contract, v: &Var, push: &mut Push<'_>) {
    let name = &v.name;
    if !is_env_name(name) {
        push(
            "name",
            format!(
                "variable name `{name}` must be SCREAMING_SNAKE_CASE: capital letters, digits and `_`, starting with a letter"
            ),
        );
    }
}

/// An enum lists its values. Rejects `type = "enum"` without `values`.
fn enum_has_values(_: &Contract, v: &Var, push: &mut Push<'_>) {
    if v.ty == VarType::Enum && v.values.is_empty() {
        let message = format!(
            "variable {} is an enum with no `values`: list the allowed values",
            v.name
        );
        push("type", message);
    }
}

/// `values`, `unit`, `min`, `max` and `https` belong to one type each. Rejects
/// `type = "port"` with `https = true`.
fn keys_fit_the_type(_: &Contract, v: &Var, push: &mut Push<'_>) {
    let misplaced: [(&'static str, bool, VarType); 5] = [
        ("values", !v.values.is_empty(), VarType::Enum),
        ("unit", v.unit.is_some(), VarType::Integer),
        ("min", v.min.is_some(), VarType::Integer),
        ("max", v.max.is_some(), VarType::Integer),
        ("https", v.https, VarType::Url),
    ];
    for (key, present, only) in misplaced {
        if present && v.ty != only {
            let message = format!(
                "`{key}` applies only to type {only}, but variable {} is a {}",
                v.name, v.ty
            );
            push(key, message);
        }
    }
}

/// A variable is optional or has a default, not both. Rejects `optional = true` with
/// `default = "80"`, and an `Option<u16>` field with `#[env(default = "80")]`.
fn optional_or_default(_: &Contract, v: &Var, push: &mut Push<'_>) {
    if v.optional && v.defaults.iter().any(Option::is_some) {
        let message = format!(
            "variable {} is optional and has a default: keep one of them",
            v.name
        );
        push("optional", message);
    }
}

/// A client contract holds no secret: it ships to users. Rejects `secret = true` in
/// a client contract, and `#[env(secret)]` or `Secret<_>` in a client struct.
fn no_secret_in_client(c: &Contract, v: &Var, push: &mut Push<'_>) {
    if c.is_client() && v.secret {
        push("secret", secret_in_client(&v.name));
    }
}

/// Every variable of a client contract starts with [`PUBLIC_PREFIX`]. Rejects
/// `API_URL` in a client contract.
fn client_prefix(c: &Contract, v: &Var, push: &mut Push<'_>) {
    let name = &v.name;
    if c.is_client() && !name.starts_with(PUBLIC_PREFIX) {
        push(
            "name",
            format!(
                "client variable `{name}` must start with `{PUBLIC_PREFIX}`: rename it `{PUBLIC_PREFIX}{name}`"
            ),
        );
    }
}

/// The defaults of `v` worth checking: none for a secret (its default is an error of
/// its own, [`secrets_hold_no_value`], whose message never quotes it), and one
/// without a profile when every profile has the same.
fn checked_defaults(v: &Var) -> impl Iterator<Item = (Option<Profile>, &str)> {
    let uniform = v.uniform_default();
    let single = uniform.map(|d| (None, d));
    let each = Profile::ALL
        .into_iter()
        .filter(move |_| uniform.is_none())
        .filter_map(|p| Some((Some(p), v.default_for(p)?)));
    single.into_iter().chain(each).filter(|_| !v.secret)
}

/// Whether `default` is a placeholder the rule rejects: a string may hold any text.
fn is_placeholder_default(v: &Var, default: &str) -> bool {
    v.ty != VarType::String && looks_like_placeholder(default)
}

/// A default is a real value, not a placeholder (of any type but `string`). Rejects
/// `type = "url"` with `default = "REPLACE_ME"`.
fn defaults_are_no_placeholders(v: &Var) -> impl Iterator<Item = String> {
    let mut said = Vec::new();
    checked_defaults(v)
        .filter(|(_, d)| is_placeholder_default(v, d))
        // One message per placeholder, whatever the profiles that hold it.
        .filter(move |&(_, d)| {
            let new = !said.contains(&d);
            said.push(d);
            new
        })
        .map(|(_, d)| {
            format!(
                "default `{d}` of variable {} is a placeholder: remove `default` to make the variable required",
                v.name
            )
        })
}

/// A default parses as its variable's type. Rejects `type = "port"` with
/// `default = "http"`, and `#[env(default = "eighty")]` on a `u16` field.
fn defaults_parse(v: &Var) -> impl Iterator<Item = String> {
    checked_defaults(v)
        .filter(|(_, d)| !is_placeholder_default(v, d))
        .filter_map(|(profile, d)| {
            let e = v.check(d).err()?;
            let at = profile.map_or_else(String::new, |p| format!(" in profile {p}"));
            Some(format!(
                "default `{d}` of variable {}{at} does not parse as {}: {e}",
                v.name, v.ty
            ))
        })
}

/// A secret has no value in the repository: no `default`, no `example`. The message
/// never quotes what was written.
///
/// Rejects `secret = true` with `default = "changeme"` or `example = "sk-live-..."`.
fn secrets_hold_no_value(v: &Var, push: &mut Push<'_>) {
    if !v.secret {
        return;
    }
    if v.defaults.iter().any(Option::is_some) {
        push(
            "default",
            format!(
                "secret {} has a default: a secret's value never belongs in the repository, remove `default`",
                v.name
            ),
        );
    }
    if v.example.is_some() {
        push(
            "example",
            format!(
                "secret {} has an example: a secret's value never belongs in the repository, remove `example`",
                v.name
            ),
        );
    }
}
