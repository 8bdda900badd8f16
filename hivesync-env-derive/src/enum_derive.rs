//! `#[derive(EnvEnum)]`: a fieldless enum whose variants are a contract enum's values.
//!
//! Beside the impls, it emits a hidden `macro_rules!` re-exported under the enum's
//! name (as `bake.rs` does for structs). The struct derive invokes it for a field of
//! the enum's type with the contract variable's values; it forwards them, with the
//! variants, to `check_enum!` (`check_enum.rs`), which compares the two in the
//! struct's crate. Neither derive sees the other's item, so this is how the enum
//! and the contract meet at compile time.

use std::hash::{DefaultHasher, Hash, Hasher};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::ast::snake;

/// The whole derive; every error is reported together.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Vec::new();
    let ident = &input.ident;
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new_spanned(
            &input.generics,
            "EnvEnum cannot be derived for a generic enum",
        ));
    }
    let Data::Enum(data) = &input.data else {
        return syn::Error::new_spanned(ident, "EnvEnum can only be derived for an enum")
            .into_compile_error();
    };
    let mut variants = Vec::new();
    let mut values: Vec<String> = Vec::new();
    for v in &data.variants {
        if !matches!(v.fields, Fields::Unit) {
            errors.push(syn::Error::new_spanned(
                &v.ident,
                "an EnvEnum variant stands for one value and cannot hold fields",
            ));
        }
        let value = value_of(&v.attrs, &mut errors).unwrap_or_else(|| snake(&v.ident.to_string()));
        if values.contains(&value) {
            errors.push(syn::Error::new_spanned(
                &v.ident,
                format!("a second variant stands for `{value}`"),
            ));
        }
        values.push(value);
        variants.push(&v.ident);
    }
    if !errors.is_empty() {
        return errors
            .into_iter()
            .map(syn::Error::into_compile_error)
            .collect();
    }
    let companion = companion(input, &variants, &values);
    quote! {
        #[automatically_derived]
        impl ::hivesync_env::EnvEnum for #ident {
            const VALUES: &'static [&'static str] = &[#(#values),*];
            const VARIANTS: &'static [Self] = &[#(Self::#variants),*];
        }
        #[automatically_derived]
        impl #ident {
            /// The contract value this variant stands for.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(Self::#variants => #values,)*
                }
            }
        }
        #[automatically_derived]
        impl ::core::str::FromStr for #ident {
            type Err = ::hivesync_env::ParseEnumError;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                ::hivesync_env::__private::parse_enum(s)
            }
        }
        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        #[automatically_derived]
        impl ::hivesync_env::ClientSafe for #ident {}
        #companion
    }
}

/// `#[env(value = "...")]` of a variant.
fn value_of(attrs: &[syn::Attribute], errors: &mut Vec<syn::Error>) -> Option<String> {
    let mut value = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("value") {
                let lit: LitStr = meta.value()?.parse()?;
                value = Some(lit.value());
                Ok(())
            } else {
                Err(meta.error("unknown attribute key on a variant: expected `value`"))
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    value
}

/// The hidden macro the struct derive invokes to check a field of this enum.
fn companion(input: &DeriveInput, variants: &[&syn::Ident], values: &[String]) -> TokenStream {
    let ident = &input.ident;
    let vis = &input.vis;
    let mut hasher = DefaultHasher::new();
    (ident.to_string(), values).hash(&mut hasher);
    let name = format_ident!("__hivesync_enum_{}_{:016x}", ident, hasher.finish());
    let enum_name = ident.to_string();
    quote! {
        #[doc(hidden)]
        #[allow(non_local_definitions)]
        #[macro_export]
        macro_rules! #name {
            (check $($rest:tt)*) => {
                ::hivesync_env::__private::check_enum! {
                    name = #enum_name,
                    variants = [#(#variants = #values),*],
                    $($rest)*
                }
            };
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #name as #ident;
    }
}
