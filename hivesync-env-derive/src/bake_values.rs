//! `bake_values!`: the values of a client struct, read and checked while the client
//! crate compiles.
//!
//! The struct's hidden companion macro (`bake.rs`) expands, in the client crate, to
//! `option_env!` for every variable (so Cargo rebuilds when one is set, changed or
//! unset) and to this macro, with the contract [`encode`]d as tokens. This macro
//! runs in the client's compilation, so it reads the build's environment, runs the
//! core's checks ([`check_value`]) in the baked profile, and expands to the struct
//! built from literals, or to a `compile_error!` per problem, all in one build.
//! Nothing is parsed at run time: an enum field is its variant, evaluated in a
//! `const` block, and a field type that would need a run-time parse is an error.

use std::borrow::Cow;

use hivesync_env_core::{Audience, Contract, Profile, Var, VarType, check_value};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitBool, LitInt, LitStr, Token, Type, bracketed, parenthesized};

use crate::ast::{Field, Kind, Leaf, Struct};
use crate::ctxt::Ctxt;
use crate::valid;

/// How `bake_values!` builds a field from its value.
fn field_kind(field: &Field<'_>, var: &Var) -> &'static str {
    let nonzero = matches!(field.inner, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident.to_string().starts_with("NonZero")));
    match (field.leaf, field.kind) {
        // A type of its own: `bake!` builds it only as an `EnvEnum` variant (the bound
        // is checked where the field is built).
        (Leaf::Own, _) => "enum",
        (Leaf::Serde, _) => "unsupported",
        (_, Kind::Str | Kind::Path) => "str",
        (_, Kind::Bool) => "bool",
        (_, Kind::Int { .. }) if !nonzero => "int",
        (_, Kind::Duration) if var.unit.as_deref() == Some("s") => "s",
        (_, Kind::Duration) => "ms",
        _ => "unsupported",
    }
}

fn opt_lit(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote!(#v),
        None => quote!(_),
    }
}

/// The contract and fields of a client struct, as `bake_values!` reads them.
pub fn encode(input: &Struct<'_>, contract: &Contract, indices: &[usize]) -> TokenStream {
    let vars = contract.vars.iter().map(|v| {
        let (name, ty) = (v.name.as_ref(), v.ty.as_str());
        let optional = v.optional;
        let defaults = v.defaults.iter().map(|d| opt_lit(d.as_deref()));
        let values = v.values.iter().map(|s| s.as_ref());
        let min = opt_lit(v.min.map(|n| n.to_string()).as_deref());
        let max = opt_lit(v.max.map(|n| n.to_string()).as_deref());
        let min_len = opt_lit(v.min_len.map(|n| n.to_string()).as_deref());
        let https = v.https;
        let unit = opt_lit(v.unit.as_deref());
        let description = v.description.as_ref();
        let at = valid::location(contract, v);
        quote!((#name, #ty, #optional, [#(#defaults),*], [#(#values),*], #min, #max, #min_len, #https, #unit, #description, #at))
    });
    let fields = indices.iter().enumerate().map(|(i, &var)| {
        let kind = field_kind(&input.fields[i], &contract.vars[var]);
        let ident = input.fields[i].ident.to_string();
        let optional = input.fields[i].optional();
        quote!((#ident, #var, #kind, #optional))
    });
    let name = input.ident.to_string();
    quote!(name = #name, vars = [#(#vars),*], fields = [#(#fields),*])
}

fn key(input: ParseStream<'_>, name: &str) -> syn::Result<()> {
    let ident: Ident = input.call(syn::ext::IdentExt::parse_any)?;
    if ident != name {
        return Err(syn::Error::new(ident.span(), format!("expected `{name}`")));
    }
    input.parse::<Token![=]>()?;
    Ok(())
}

/// `"text"` or `_`.
fn opt_str(input: ParseStream<'_>) -> syn::Result<Option<String>> {
    if input.parse::<Option<Token![_]>>()?.is_some() {
        return Ok(None);
    }
    Ok(Some(input.parse::<LitStr>()?.value()))
}

fn opt_num<T: std::str::FromStr>(input: ParseStream<'_>) -> syn::Result<Option<T>> {
    let span = input.span();
    opt_str(input)?
        .map(|s| {
            s.parse()
                .map_err(|_| syn::Error::new(span, "expected a number"))
        })
        .transpose()
}

struct EncodedVar(Var, String);

impl Parse for EncodedVar {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let c;
        parenthesized!(c in input);
        let name: LitStr = c.parse()?;
        c.parse::<Token![,]>()?;
        let ty: LitStr = c.parse()?;
        let ty = VarType::from_name(&ty.value())
            .ok_or_else(|| syn::Error::new(ty.span(), "unknown type"))?;
        let mut var = Var::new("", ty);
        var.name = Cow::Owned(name.value());
        c.parse::<Token![,]>()?;
        var.optional = c.parse::<LitBool>()?.value;
        c.parse::<Token![,]>()?;
        let d;
        bracketed!(d in c);
        for slot in &mut var.defaults {
            *slot = opt_str(&d)?.map(Cow::Owned);
            d.parse::<Option<Token![,]>>()?;
        }
        c.parse::<Token![,]>()?;
        let v;
        bracketed!(v in c);
        let values = Punctuated::<LitStr, Token![,]>::parse_terminated(&v)?;
        var.values = values.iter().map(|l| Cow::Owned(l.value())).collect();
        c.parse::<Token![,]>()?;
        var.min = opt_num(&c)?;
        c.parse::<Token![,]>()?;
        var.max = opt_num(&c)?;
        c.parse::<Token![,]>()?;
        var.min_len = opt_num(&c)?;
        c.parse::<Token![,]>()?;
        var.https = c.parse::<LitBool>()?.value;
        c.parse::<Token![,]>()?;
        var.unit = opt_str(&c)?.map(Cow::Owned);
        c.parse::<Token![,]>()?;
        var.description = Cow::Owned(c.parse::<LitStr>()?.value());
        c.parse::<Token![,]>()?;
        let at = c.parse::<LitStr>()?.value();
        Ok(EncodedVar(var, at))
    }
}

struct EncodedField {
    ident: String,
    var: usize,
    kind: String,
    optional: bool,
}

impl Parse for EncodedField {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let c;
        parenthesized!(c in input);
        let ident = c.parse::<LitStr>()?.value();
        c.parse::<Token![,]>()?;
        let var = c.parse::<LitInt>()?.base10_parse()?;
        c.parse::<Token![,]>()?;
        let kind = c.parse::<LitStr>()?.value();
        c.parse::<Token![,]>()?;
        let optional = c.parse::<LitBool>()?.value;
        Ok(EncodedField {
            ident,
            var,
            kind,
            optional,
        })
    }
}

struct Input {
    ty: Type,
    profile: Profile,
    name: String,
    vars: Vec<EncodedVar>,
    fields: Vec<EncodedField>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        key(input, "struct")?;
        let ty = input.parse()?;
        input.parse::<Token![,]>()?;
        key(input, "profile")?;
        let profile: Ident = input.parse()?;
        let profile = profile
            .to_string()
            .to_lowercase()
            .parse()
            .map_err(|e| syn::Error::new(profile.span(), e))?;
        input.parse::<Token![,]>()?;
        key(input, "name")?;
        let name = input.parse::<LitStr>()?.value();
        input.parse::<Token![,]>()?;
        key(input, "vars")?;
        let c;
        bracketed!(c in input);
        let vars = Punctuated::<EncodedVar, Token![,]>::parse_terminated(&c)?
            .into_iter()
            .collect();
        input.parse::<Token![,]>()?;
        key(input, "fields")?;
        let c;
        bracketed!(c in input);
        let fields = Punctuated::<EncodedField, Token![,]>::parse_terminated(&c)?
            .into_iter()
            .collect();
        Ok(Input {
            ty,
            profile,
            name,
            vars,
            fields,
        })
    }
}

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: Input = syn::parse2(input)?;
    let cx = Ctxt::new();
    let values = values(&input, &cx);
    let exprs = fields(&input, &values, &cx);
    let ty = &input.ty;
    if let Err(errors) = cx.check() {
        let errors = errors.to_compile_error();
        // Typed as the struct, not `!`: no "unreachable code" warning beside the errors.
        return Ok(quote!({ #errors ::hivesync_env::__private::not_built::<#ty>() }));
    }
    Ok(quote! {
        <#ty as ::hivesync_env::__private::Bakeable>::from_baked((#(#exprs,)*))
    })
}

/// An error at the user's path in `bake!(Path)`, not at the `$ty` group around it,
/// which carries the span of the derive that wrote the forwarding macro.
fn error(input: &Input, cx: &Ctxt, message: String) {
    let at_path = match &input.ty {
        Type::Group(g) => &*g.elem,
        ty => ty,
    };
    cx.error_spanned_by(at_path, message);
}

/// Each variable's value in the build's environment (or its default in the baked
/// profile), checked by the core: `None` when it is unset or unusable (reported).
fn values(input: &Input, cx: &Ctxt) -> Vec<Option<String>> {
    let profile = input.profile;
    let mut values = Vec::with_capacity(input.vars.len());
    for EncodedVar(var, at) in &input.vars {
        let name = &var.name;
        let value = match std::env::var(name.as_ref()) {
            Ok(v) => Some(v),
            Err(std::env::VarError::NotPresent) => var.default_for(profile).map(str::to_owned),
            Err(std::env::VarError::NotUnicode(_)) => {
                let message =
                    format!("{name} is not valid UTF-8 in the environment of this build ({at})");
                error(input, cx, message);
                values.push(None);
                continue;
            }
        };
        let Some(value) = value else {
            if !var.optional {
                error(
                    input,
                    cx,
                    format!(
                        "{name} is not set in the environment of this build, and `{}` needs it in profile {profile} ({at}: {}): set it when building the client",
                        input.name, var.description
                    ),
                );
            }
            values.push(None);
            continue;
        };
        let checked = check_value(&value, var, profile, Audience::Client);
        for problem in checked.problems().iter().filter(|p| p.is_error(profile)) {
            let message = problem.message(var, &value, profile, &input.name);
            error(
                input,
                cx,
                format!("{name}: {message} ({at}; baked in profile {profile})"),
            );
        }
        values.push(checked.usable().then_some(value));
    }
    values
}

/// The expression of each field, from the values; a field that cannot be built
/// without parsing at run time is reported.
fn fields(input: &Input, values: &[Option<String>], cx: &Ctxt) -> Vec<TokenStream> {
    let mut exprs = Vec::with_capacity(input.fields.len());
    for (i, field) in input.fields.iter().enumerate() {
        let EncodedVar(var, at) = &input.vars[field.var];
        let expr = match &values[field.var] {
            None => quote!(::core::option::Option::None),
            Some(value) => match build(&input.ty, i, &field.kind, value) {
                Ok(expr) if field.optional => quote!(::core::option::Option::Some(#expr)),
                Ok(expr) => expr,
                Err(why) => {
                    error(
                        input,
                        cx,
                        format!(
                            "`bake!` cannot build field `{}` of `{}` ({}, {at}) without parsing at run time: {why}",
                            field.ident, input.name, var.name
                        ),
                    );
                    continue;
                }
            },
        };
        exprs.push(expr);
    }
    exprs
}

/// The expression of field `index` holding `value` (checked against its variable).
fn build(ty: &Type, index: usize, kind: &str, value: &str) -> Result<TokenStream, String> {
    let number = || {
        value
            .parse::<i64>()
            .map_err(|_| format!("`{value}` is not a whole number"))
    };
    Ok(match kind {
        "str" => quote!(::core::convert::From::from(#value)),
        "bool" if value == "true" => quote!(true),
        "bool" => quote!(false),
        "int" => {
            let n = Literal::i64_unsuffixed(number()?);
            quote!({ let value: <#ty as ::hivesync_env::__private::BakeField<#index>>::Ty = #n; value })
        }
        "ms" | "s" => {
            let n = u64::try_from(number()?)
                .map_err(|_| "a `Duration` cannot be negative".to_owned())?;
            let n = Literal::u64_suffixed(n);
            if kind == "ms" {
                quote!(::core::time::Duration::from_millis(#n))
            } else {
                quote!(::core::time::Duration::from_secs(#n))
            }
        }
        "enum" => quote! {
            const { ::hivesync_env::__private::enum_variant::<<#ty as ::hivesync_env::__private::BakeField<#index>>::Ty>(#value) }
        },
        _ => return Err(
            "hold it in a `String`, `PathBuf`, `bool`, an integer, a `Duration` or an `EnvEnum`"
                .to_owned(),
        ),
    })
}
