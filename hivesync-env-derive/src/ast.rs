//! The struct as the derive understands it.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr;
use crate::ctxt::Ctxt;

/// What a field's type is, peeled of `Option<_>` and `Secret<_>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `bool`.
    Bool,
    /// An integer type; `true` when it can hold every port (1-65535).
    Int { holds_port: bool },
    /// `f32`, `f64`.
    Float,
    /// `String` and other owned strings.
    Str,
    /// `PathBuf`.
    Path,
    /// A type named `Url` or `Uri`.
    Url,
    /// `Duration` (of `std::time`).
    Duration,
    /// Anything else: parsed by its own `FromStr` or `Deserialize`.
    Other,
}

/// The wrappers around the value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// `T`.
    Plain,
    /// `Option<T>`: the variable may be unset.
    Optional,
    /// `Secret<T>`: the value is never printed.
    Secret,
    /// `Option<Secret<T>>`.
    OptionalSecret,
}

impl Wrap {
    fn new(optional: bool, secret: bool) -> Wrap {
        match (optional, secret) {
            (false, false) => Wrap::Plain,
            (true, false) => Wrap::Optional,
            (false, true) => Wrap::Secret,
            (true, true) => Wrap::OptionalSecret,
        }
    }

    /// `Option<_>` outside.
    pub fn is_optional(self) -> bool {
        matches!(self, Wrap::Optional | Wrap::OptionalSecret)
    }

    /// `Secret<_>` (directly, or inside `Option`).
    pub fn is_secret(self) -> bool {
        matches!(self, Wrap::Secret | Wrap::OptionalSecret)
    }
}

/// How the loader makes a field's value (inside `Option`) from the variable's string:
/// each is one entry point of the generated code (`expand.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaf {
    /// The string moves into the field as is, no copy, no parse: `String`, `PathBuf`,
    /// `OsString`, `Secret<String>` (and `Secret` alone, which is `Secret<String>`).
    Moved,
    /// A type the derive knows (`u16`, `bool`, `Url`, `Secret<u16>`...), through its
    /// `FromStr`.
    FromStr,
    /// A type of its own, through its `FromStr`: an `EnvEnum` for a contract enum.
    Own,
    /// `#[env(serde)]`: through `serde::Deserialize` from the string.
    Serde,
    /// `std::time::Duration`: a whole number in the contract's unit.
    Duration,
}

/// One field of the struct.
pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub attr: attr::Field,
    /// The doc comment, line by line.
    pub docs: Vec<String>,
    /// `Option`, `Secret`, both or neither.
    pub wrap: Wrap,
    /// How the loader parses it.
    pub leaf: Leaf,
    /// The type inside `Option`, if any: what the loader produces.
    pub value_ty: &'a Type,
    /// The type inside `Option` and `Secret` (`Secret` itself for a bare `Secret`).
    pub inner: &'a Type,
    /// What `inner` is, for the checks against the contract.
    pub kind: Kind,
}

impl Field<'_> {
    /// The variable this field reads: `#[env(name = "...")]`, or the field name in
    /// SCREAMING_SNAKE_CASE.
    pub fn var_name(&self) -> String {
        match &self.attr.name {
            Some(name) => name.value(),
            None => screaming_snake(&self.ident.to_string()),
        }
    }

    /// `Option<_>` outside.
    pub fn optional(&self) -> bool {
        self.wrap.is_optional()
    }

    /// `Secret<_>` (directly, or inside `Option`).
    pub fn secret(&self) -> bool {
        self.wrap.is_secret()
    }

    /// The span of `#[env(name = "...")]`, or of the field name.
    pub fn name_span(&self) -> Span {
        self.attr
            .name
            .as_ref()
            .map_or(self.ident.span(), |n| n.span())
    }
}

/// The struct.
pub struct Struct<'a> {
    pub ident: &'a Ident,
    pub vis: &'a syn::Visibility,
    pub attr: attr::Container,
    pub fields: Vec<Field<'a>>,
}

/// Reads `input`; every problem goes to `cx`.
pub fn parse<'a>(input: &'a DeriveInput, cx: &Ctxt) -> Struct<'a> {
    let attr = attr::container(&input.attrs, cx);
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "EnvContract cannot be derived for a generic struct",
        );
    }
    let mut fields = Vec::new();
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => {
                for f in &named.named {
                    let Some(ident) = &f.ident else { continue };
                    fields.push(field(ident, &f.ty, &f.attrs, cx));
                }
            }
            _ => cx.error_spanned_by(
                &input.ident,
                "EnvContract needs a struct with named fields, one per variable",
            ),
        },
        _ => cx.error_spanned_by(
            &input.ident,
            "EnvContract can only be derived for a struct with named fields",
        ),
    }
    Struct {
        ident: &input.ident,
        vis: &input.vis,
        attr,
        fields,
    }
}

fn field<'a>(ident: &'a Ident, ty: &'a Type, attrs: &[syn::Attribute], cx: &Ctxt) -> Field<'a> {
    let attr = attr::field(attrs, cx);
    let (optional, value_ty) = match generic_of(ty, "Option") {
        Some(inner) => (true, inner),
        None => (false, ty),
    };
    let is_secret = last_segment(value_ty).is_some_and(|seg| seg.ident == "Secret");
    // `Secret` alone is `Secret<String>`.
    let (inner, bare_secret) = match generic_of(value_ty, "Secret") {
        Some(inner) if is_secret => (inner, false),
        _ => (value_ty, is_secret),
    };
    let kind = if bare_secret {
        Kind::Str
    } else {
        kind_of(inner)
    };
    let leaf = if attr.serde.is_some() {
        Leaf::Serde
    } else if bare_secret || is_plain(inner, if is_secret { &["String"] } else { STRINGS }) {
        Leaf::Moved
    } else {
        match kind {
            Kind::Duration => Leaf::Duration,
            Kind::Other => Leaf::Own,
            _ => Leaf::FromStr,
        }
    };
    Field {
        ident,
        ty,
        attr,
        docs: doc_lines(attrs),
        wrap: Wrap::new(optional, is_secret),
        leaf,
        value_ty,
        inner,
        kind,
    }
}

/// The types a string moves into as is.
const STRINGS: &[&str] = &["String", "PathBuf", "OsString"];

/// Whether `ty` is one of `names`, without generic arguments.
fn is_plain(ty: &Type, names: &[&str]) -> bool {
    last_segment(ty).is_some_and(|seg| {
        matches!(seg.arguments, PathArguments::None) && names.iter().any(|n| seg.ident == n)
    })
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        Type::Group(g) => last_segment(&g.elem),
        _ => None,
    }
}

/// `T` of `Wrapper<T>` when the last segment is `wrapper`.
fn generic_of<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let seg = last_segment(ty)?;
    if seg.ident != wrapper {
        return None;
    }
    match &seg.arguments {
        PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

fn kind_of(ty: &Type) -> Kind {
    let Some(seg) = last_segment(ty) else {
        return Kind::Other;
    };
    match seg.ident.to_string().as_str() {
        "bool" => Kind::Bool,
        "u16" | "u32" | "u64" | "u128" | "usize" | "i32" | "i64" | "i128" | "isize"
        | "NonZeroU16" | "NonZeroU32" | "NonZeroU64" | "NonZeroUsize" => {
            Kind::Int { holds_port: true }
        }
        "u8" | "i8" | "i16" | "NonZeroU8" => Kind::Int { holds_port: false },
        "f32" | "f64" => Kind::Float,
        "String" | "str" | "Box" | "Arc" | "Rc" | "Cow" | "OsString" => Kind::Str,
        "PathBuf" | "Path" => Kind::Path,
        "Url" | "Uri" => Kind::Url,
        "Duration" => Kind::Duration,
        _ => Kind::Other,
    }
}

fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// `local_ai_enabled` -> `LOCAL_AI_ENABLED`; `r#type` -> `TYPE`; `apiUrl` -> `API_URL`.
pub fn screaming_snake(ident: &str) -> String {
    let ident = ident.strip_prefix("r#").unwrap_or(ident);
    let mut out = String::with_capacity(ident.len() + 4);
    let mut prev_lower = false;
    for c in ident.chars() {
        if c.is_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_uppercase());
    }
    out
}

/// `SmtpRelay` -> `smtp_relay`: a variant's value unless it names one.
pub fn snake(ident: &str) -> String {
    screaming_snake(ident).to_lowercase()
}
