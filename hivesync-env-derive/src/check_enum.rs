//! `check_enum!`: an `EnvEnum`'s variants against a contract variable's values, in the
//! crate of the struct whose field holds the enum (see `enum_derive.rs`).
//!
//! Input: `name = "Enum", variants = [Ident = "value", ...], var = "VAR",
//! at = "file:line", values = ["value", ...], field = <the field's type>`.
//! Output: a `compile_error!` per value the contract allows with no variant (at the
//! field's type) and per variant the contract does not allow (at the variant).

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token, bracketed};

struct Input {
    enum_name: LitStr,
    variants: Vec<(Ident, LitStr)>,
    var: LitStr,
    at: LitStr,
    values: Vec<LitStr>,
    field: syn::Type,
}

fn key(input: ParseStream<'_>, name: &str) -> syn::Result<()> {
    let ident: Ident = input.parse()?;
    if ident != name {
        return Err(syn::Error::new(ident.span(), format!("expected `{name}`")));
    }
    input.parse::<Token![=]>()?;
    Ok(())
}

struct Variant(Ident, LitStr);

impl Parse for Variant {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let ident = input.parse()?;
        input.parse::<Token![=]>()?;
        Ok(Variant(ident, input.parse()?))
    }
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        key(input, "name")?;
        let enum_name = input.parse()?;
        input.parse::<Token![,]>()?;
        key(input, "variants")?;
        let content;
        bracketed!(content in input);
        let variants = Punctuated::<Variant, Token![,]>::parse_terminated(&content)?
            .into_iter()
            .map(|Variant(i, v)| (i, v))
            .collect();
        input.parse::<Token![,]>()?;
        key(input, "var")?;
        let var = input.parse()?;
        input.parse::<Token![,]>()?;
        key(input, "at")?;
        let at = input.parse()?;
        input.parse::<Token![,]>()?;
        key(input, "values")?;
        let content;
        bracketed!(content in input);
        let values = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?
            .into_iter()
            .collect();
        input.parse::<Token![,]>()?;
        key(input, "field")?;
        let field = input.parse()?;
        input.parse::<Option<Token![,]>>()?;
        Ok(Input {
            enum_name,
            variants,
            var,
            at,
            values,
            field,
        })
    }
}

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: Input = syn::parse2(input)?;
    let (name, var, at) = (input.enum_name.value(), input.var.value(), input.at.value());
    let allowed: Vec<String> = input.values.iter().map(LitStr::value).collect();
    let has: Vec<String> = input.variants.iter().map(|(_, v)| v.value()).collect();
    let mut out = TokenStream::new();
    for value in allowed.iter().filter(|v| !has.contains(v)) {
        let message = format!(
            "{var} allows `{value}` ({at}), and `{name}` has no variant for it: add one (with `#[env(value = \"{value}\")]` if its name is not `{value}` in snake_case)"
        );
        out.extend(syn::Error::new_spanned(&input.field, message).into_compile_error());
    }
    for (ident, value) in &input.variants {
        let value = value.value();
        if !allowed.contains(&value) {
            let message = format!(
                "variant `{ident}` of `{name}` stands for `{value}`, which {var} does not allow ({at}: one of {}): remove the variant, or add the value to the contract",
                allowed.join(", ")
            );
            out.extend(syn::Error::new(ident.span(), message).into_compile_error());
        }
    }
    Ok(out)
}
