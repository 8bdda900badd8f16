//! `#[env(...)]` on the struct and its fields.

use proc_macro2::Span;
use syn::{Attribute, LitInt, LitStr};

/// Keys of `#[env(...)]` on the struct.
const CONTAINER_KEYS: &str = "contract, component, audience";
/// Keys of `#[env(...)]` on a field.
const FIELD_KEYS: &str = "name, serde, default, secret, min_len";

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

/// Reads every `#[env]` of the struct; errors go to `errors` so that all are reported.
pub fn container(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> Container {
    let mut out = Container::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        let result = attr.parse_nested_meta(|meta| {
            let slot = if meta.path.is_ident("contract") {
                &mut out.contract
            } else if meta.path.is_ident("component") {
                &mut out.component
            } else if meta.path.is_ident("audience") {
                &mut out.audience
            } else {
                return Err(meta.error(format!(
                    "unknown attribute key `{}` on the struct: expected one of {CONTAINER_KEYS}",
                    path_name(&meta.path)
                )));
            };
            let value: LitStr = meta.value()?.parse()?;
            if slot.is_some() {
                return Err(syn::Error::new(value.span(), "duplicate attribute key"));
            }
            *slot = Some(value);
            Ok(())
        });
        if let Err(e) = result {
            out.invalid = true;
            errors.push(e);
        }
    }
    out
}

/// Reads every `#[env]` of a field.
pub fn field(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> Field {
    let mut out = Field::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                out.name = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("default") {
                out.default = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("min_len") {
                out.min_len = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("serde") {
                out.serde = Some(key_span(&meta.path));
            } else if meta.path.is_ident("secret") {
                out.secret = Some(key_span(&meta.path));
            } else {
                return Err(meta.error(format!(
                    "unknown attribute key `{}` on a field: expected one of {FIELD_KEYS}",
                    path_name(&meta.path)
                )));
            }
            Ok(())
        });
        if let Err(e) = result {
            out.invalid = true;
            errors.push(e);
        }
    }
    out
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
