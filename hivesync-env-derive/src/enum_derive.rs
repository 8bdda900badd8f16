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
use syn::{Data, DeriveInput, Fields};

use crate::ast::snake;
use crate::attr;
use crate::ctxt::Ctxt;

/// The whole derive; every error is reported together.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let variants = variants(input, &cx);
    match cx.check() {
        Ok(()) => impls(input, &variants),
        Err(errors) => errors.to_compile_error(),
    }
}

/// Each unit variant and the contract value it stands for; every problem goes to `cx`.
fn variants<'a>(input: &'a DeriveInput, cx: &Ctxt) -> Vec<(&'a syn::Ident, String)> {
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "EnvEnum cannot be derived for a generic enum",
        );
    }
    let Data::Enum(data) = &input.data else {
        cx.error_spanned_by(&input.ident, "EnvEnum can only be derived for an enum");
        return Vec::new();
    };
    let mut variants: Vec<(&syn::Ident, String)> = Vec::new();
    for v in &data.variants {
        if !matches!(v.fields, Fields::Unit) {
            cx.error_spanned_by(
                &v.ident,
                "an EnvEnum variant stands for one value and cannot hold fields",
            );
        }
        let value = attr::variant(&v.attrs, cx)
            .value
            .map_or_else(|| snake(&v.ident.to_string()), |lit| lit.value());
        if variants.iter().any(|(_, seen)| *seen == value) {
            cx.error_spanned_by(&v.ident, format!("a second variant stands for `{value}`"));
        }
        variants.push((&v.ident, value));
    }
    variants
}

/// The impls of a valid `EnvEnum`, and its companion macro.
fn impls(input: &DeriveInput, variants: &[(&syn::Ident, String)]) -> TokenStream {
    let ident = &input.ident;
    let (idents, values): (Vec<_>, Vec<_>) = variants.iter().map(|(i, v)| (*i, v)).unzip();
    let companion = companion(input, &idents, &values);
    quote! {
        #[automatically_derived]
        impl ::hivesync_env::EnvEnum for #ident {
            const VALUES: &'static [&'static str] = &[#(#values),*];
            const VARIANTS: &'static [Self] = &[#(Self::#idents),*];
        }
        #[automatically_derived]
        impl #ident {
            /// The contract value this variant stands for.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(Self::#idents => #values,)*
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

/// The hidden macro the struct derive invokes to check a field of this enum.
fn companion(input: &DeriveInput, variants: &[&syn::Ident], values: &[&String]) -> TokenStream {
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
