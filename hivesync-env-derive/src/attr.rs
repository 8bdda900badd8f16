//! `#[env(...)]` on the struct, its fields and an `EnvEnum`'s variants.
//!
//! Each place has one table of its keys ([`CONTAINER_KEYS`], [`FIELD_KEYS`],
//! [`VARIANT_KEYS`]): parsing looks a key up there, and the "expected one of" message
//! lists the same table, so a new key is written once.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitInt, LitStr};

use crate::ctxt::Ctxt;

/// `#[env(...)]` of the struct.
#[derive(Default)]
pub struct Container {
    /// `contract = "path/to/component.toml"`.
    pub contract: Option<LitStr>,
    /// `component = "..."` (contract-less structs).
    pub component: Option<LitStr>,
    /// `audience = "server|edge|client"` (contract-less structs).
    pub audience: Option<LitStr>,
    /// An `#[env(...)]` here did not parse (already reported).
    pub invalid: bool,
}

/// `#[env(...)]` of a field.
#[derive(Default)]
pub struct Field {
    /// `name = "VAR"`: the variable, when it is not the field name in capitals.
    pub name: Option<LitStr>,
    /// `serde`: parse through `serde::Deserialize` from the string.
    pub serde: Option<Span>,
    /// `default = "..."` (contract-less structs).
    pub default: Option<LitStr>,
    /// `secret` (contract-less structs).
    pub secret: Option<Span>,
    /// `min_len = N` (contract-less structs).
    pub min_len: Option<LitInt>,
    /// An `#[env(...)]` here did not parse (already reported).
    pub invalid: bool,
}

/// `#[env(...)]` of an `EnvEnum` variant.
#[derive(Default)]
pub struct Variant {
    /// `value = "..."`: the contract value, when it is not the variant in snake_case.
    pub value: Option<LitStr>,
    /// An `#[env(...)]` here did not parse (already reported).
    pub invalid: bool,
}

/// A key of `#[env(...)]` and how it fills the attributes `T` of its place.
struct Key<T> {
    name: &'static str,
    parse: fn(&mut T, &ParseNestedMeta<'_>) -> syn::Result<()>,
}

/// The keys on the struct, in the order messages list them.
const CONTAINER_KEYS: &[Key<Container>] = &[
    Key {
        name: "contract",
        parse: |c, meta| once(&mut c.contract, meta),
    },
    Key {
        name: "component",
        parse: |c, meta| once(&mut c.component, meta),
    },
    Key {
        name: "audience",
        parse: |c, meta| once(&mut c.audience, meta),
    },
];

/// The keys on a field, in the order messages list them. `default`, `secret` and
/// `min_len` apply only to structs without a contract file ([`Field::contract_less`]).
const FIELD_KEYS: &[Key<Field>] = &[
    Key {
        name: "name",
        parse: |f, meta| {
            f.name = Some(meta.value()?.parse()?);
            Ok(())
        },
    },
    Key {
        name: "serde",
        parse: |f, meta| {
            f.serde = Some(key_span(&meta.path));
            Ok(())
        },
    },
    Key {
        name: DEFAULT,
        parse: |f, meta| {
            f.default = Some(meta.value()?.parse()?);
            Ok(())
        },
    },
    Key {
        name: SECRET,
        parse: |f, meta| {
            f.secret = Some(key_span(&meta.path));
            Ok(())
        },
    },
    Key {
        name: MIN_LEN,
        parse: |f, meta| {
            f.min_len = Some(meta.value()?.parse()?);
            Ok(())
        },
    },
];

/// The keys on an `EnvEnum` variant.
const VARIANT_KEYS: &[Key<Variant>] = &[Key {
    name: "value",
    parse: |v, meta| {
        v.value = Some(meta.value()?.parse()?);
        Ok(())
    },
}];

const DEFAULT: &str = "default";
const SECRET: &str = "secret";
const MIN_LEN: &str = "min_len";

impl Field {
    /// The keys written on this field that only a struct without a contract file may
    /// use (the contract file declares these), each with where it was written.
    pub fn contract_less(&self) -> impl Iterator<Item = (&'static str, Span)> {
        [
            (DEFAULT, self.default.as_ref().map(LitStr::span)),
            (SECRET, self.secret),
            (MIN_LEN, self.min_len.as_ref().map(LitInt::span)),
        ]
        .into_iter()
        .filter_map(|(key, span)| Some((key, span?)))
    }
}

/// Reads every `#[env]` of the struct; errors go to `cx` so that all are reported.
pub fn container(attrs: &[Attribute], cx: &Ctxt) -> Container {
    let mut out = Container::default();
    out.invalid = read(attrs, CONTAINER_KEYS, "on the struct", &mut out, cx);
    out
}

/// Reads every `#[env]` of a field.
pub fn field(attrs: &[Attribute], cx: &Ctxt) -> Field {
    let mut out = Field::default();
    out.invalid = read(attrs, FIELD_KEYS, "on a field", &mut out, cx);
    out
}

/// Reads every `#[env]` of an `EnvEnum` variant.
pub fn variant(attrs: &[Attribute], cx: &Ctxt) -> Variant {
    let mut out = Variant::default();
    out.invalid = read(attrs, VARIANT_KEYS, "on a variant", &mut out, cx);
    out
}

/// Fills `out` from every `#[env(...)]` in `attrs` by `keys`; whether one of them did
/// not parse.
fn read<T>(attrs: &[Attribute], keys: &[Key<T>], place: &str, out: &mut T, cx: &Ctxt) -> bool {
    let mut invalid = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        let result =
            attr.parse_nested_meta(
                |meta| match keys.iter().find(|k| meta.path.is_ident(k.name)) {
                    Some(key) => (key.parse)(out, &meta),
                    None => Err(meta.error(format!(
                        "unknown attribute key `{}` {place}: {}",
                        path_name(&meta.path),
                        expected(keys)
                    ))),
                },
            );
        if let Err(e) = result {
            invalid = true;
            cx.push(e);
        }
    }
    invalid
}

/// "expected one of a, b, c", or "expected `a`" for a single key.
fn expected<T>(keys: &[Key<T>]) -> String {
    match keys {
        [only] => format!("expected `{}`", only.name),
        _ => {
            let names: Vec<&str> = keys.iter().map(|k| k.name).collect();
            format!("expected one of {}", names.join(", "))
        }
    }
}

/// `key = "..."` for a key given at most once.
fn once(slot: &mut Option<LitStr>, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    let value: LitStr = meta.value()?.parse()?;
    if slot.is_some() {
        return Err(syn::Error::new(value.span(), "duplicate attribute key"));
    }
    *slot = Some(value);
    Ok(())
}

fn path_name(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn key_span(path: &syn::Path) -> Span {
    path.segments
        .first()
        .map_or_else(Span::call_site, |s| s.ident.span())
}
