//! The generated `impl EnvContract`.

use hivesync_env_core::{Contract, Var};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use crate::ast::{self, Field, Leaf, Struct};
use crate::ctxt::Ctxt;
use crate::{contract, fallback, tokens, valid};

/// The whole derive: parse, read the contract, validate, generate. Every error of
/// every step is reported together.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let parsed = ast::parse(input, &cx);
    let loaded = contract::load(&parsed, &cx);
    let indices = loaded
        .as_ref()
        .map(|l| valid::check(&parsed, &l.contract, parsed.attr.contract.is_some(), &cx));
    match (cx.check(), loaded, indices) {
        (Ok(()), Some(loaded), Some(indices)) => {
            let indices: Vec<usize> = indices.into_iter().flatten().collect();
            generate(&parsed, &loaded.contract, &loaded.tracked, &indices)
        }
        (Err(errors), ..) => fallback::expand(input, &errors),
        // Every step that returns nothing has reported why.
        (Ok(()), ..) => unreachable!("a derive step failed without an error"),
    }
}

/// The impl, and the items beside it: a client struct's `Bakeable` and assertions,
/// the companion macro `bake!` forwards to, and the checks of `EnvEnum` fields.
fn generate(
    input: &Struct<'_>,
    contract: &Contract,
    tracked: &[std::path::PathBuf],
    indices: &[usize],
) -> TokenStream {
    let load = load_impl(input, contract, tracked, indices);
    let client = contract.is_client().then(|| client_items(input));
    let bake = crate::bake::companion(input, contract, indices);
    let enums = enum_checks(input, contract, indices);
    quote!(#load #client #bake #enums)
}

/// `impl EnvContract`: the contract as static data, and one loader call per field.
fn load_impl(
    input: &Struct<'_>,
    contract: &Contract,
    tracked: &[std::path::PathBuf],
    indices: &[usize],
) -> TokenStream {
    let ident = input.ident;
    let contract_tokens = tokens::contract(contract);
    // Naming the contract files in `include_bytes!` makes rustc record them in the
    // crate's dep-info, so Cargo rebuilds this struct when one of them changes.
    let tracked = tracked.iter().map(|p| p.to_string_lossy().into_owned());
    let locals = locals(input);
    let idents: Vec<_> = input.fields.iter().map(|f| f.ident).collect();
    let reads = input
        .fields
        .iter()
        .zip(&locals)
        .zip(indices)
        .map(|((field, local), &index)| {
            let call = load_call(field, &contract.vars[index], index);
            quote!(let #local = #call;)
        });
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl ::hivesync_env::EnvContract for #ident {
            const CONTRACT: &'static ::hivesync_env::__private::Contract = #contract_tokens;

            fn load_with_warnings(
                __hivesync_source: &dyn ::hivesync_env::__private::Source,
                __hivesync_profile: ::hivesync_env::__private::Profile,
            ) -> ::core::result::Result<(Self, ::hivesync_env::__private::Report), ::hivesync_env::__private::Report> {
                #(const _: &[u8] = ::core::include_bytes!(#tracked);)*
                let mut __hivesync_loader = ::hivesync_env::__private::Loader::new(
                    <Self as ::hivesync_env::EnvContract>::CONTRACT,
                    __hivesync_source,
                    __hivesync_profile,
                );
                #(#reads)*
                let __hivesync_report = match __hivesync_loader.finish() {
                    ::core::result::Result::Ok(report) => report,
                    ::core::result::Result::Err(report) => return ::core::result::Result::Err(report),
                };
                match (#(#locals,)*) {
                    (#(::core::option::Option::Some(#locals),)*) => ::core::result::Result::Ok((
                        Self { #(#idents: #locals),* },
                        __hivesync_report,
                    )),
                    // The loader reports an error for every field it cannot fill.
                    _ => ::core::result::Result::Err(__hivesync_report),
                }
            }
        }
    }
}

/// The generated locals, one per field, by position: a name derived from the field's
/// (`_x` gives `__hivesync__x`) could trip the user's lints.
fn locals(input: &Struct<'_>) -> Vec<Ident> {
    (0..input.fields.len())
        .map(|i| format_ident!("__hivesync_field_{}", i))
        .collect()
}

/// The loader's call that reads `field` from variable `index`: one entry point per
/// way of parsing, in its `optional_` form for an `Option<_>` field. Spanned at the
/// field's type, so a type without `FromStr` is reported there.
fn load_call(field: &Field<'_>, var: &Var, index: usize) -> TokenStream {
    let ty = field.value_ty;
    let optional = field.optional();
    let method = |name: &str| {
        let name = if optional {
            format!("optional_{name}")
        } else {
            name.to_owned()
        };
        Ident::new(&name, Span::call_site())
    };
    match field.leaf {
        // The value's string moves into the field: no copy, no parse.
        Leaf::Moved => {
            let method = method("owned_field");
            quote_spanned!(ty.span()=> __hivesync_loader.#method::<#ty>(#index))
        }
        Leaf::FromStr | Leaf::Own => {
            let method = method("field");
            quote_spanned!(ty.span()=> __hivesync_loader.#method::<#ty>(#index))
        }
        Leaf::Serde => {
            let method = method("parse_with");
            quote_spanned!(ty.span()=> __hivesync_loader.#method(#index, ::hivesync_env::__private::from_str_serde::<#ty>))
        }
        Leaf::Duration => {
            let method = method("parse_with");
            let parse = duration_parser(var);
            quote_spanned!(ty.span()=> __hivesync_loader.#method(#index, #parse))
        }
    }
}

/// For each field of an `EnvEnum` type, the enum's hidden macro, which compares its
/// variants with the contract's values (`enum_derive.rs`).
fn enum_checks(input: &Struct<'_>, contract: &Contract, indices: &[usize]) -> TokenStream {
    input
        .fields
        .iter()
        .zip(indices)
        .filter_map(|(field, &index)| {
            let var = &contract.vars[index];
            if !valid::is_enum_field(field, var) {
                return None;
            }
            let at = valid::location(contract, var);
            let path = valid::enum_path(field, var, &at).ok()?;
            let name = var.name.as_ref();
            let values = var.values.iter().map(|v| v.as_ref());
            let ty = field.inner;
            let assert = quote_spanned! {ty.span()=>
                const _: () = {
                    fn __hivesync_env_enum<T: ::hivesync_env::EnvEnum>() {}
                    fn __hivesync_assert() {
                        __hivesync_env_enum::<#ty>();
                    }
                };
            };
            Some(quote! {
                #assert
                #path! { check var = #name, at = #at, values = [#(#values),*], field = #ty }
            })
        })
        .collect()
}

/// The parser of a `Duration` field of `var`, by its unit (checked by `valid`).
fn duration_parser(var: &Var) -> TokenStream {
    if var.unit.as_deref() == Some("s") {
        quote!(::hivesync_env::__private::duration_s)
    } else {
        quote!(::hivesync_env::__private::duration_ms)
    }
}

/// For a client struct: a static assertion that every field type is client-safe, and
/// the `Bakeable` impl `bake!` needs.
fn client_items(input: &Struct<'_>) -> TokenStream {
    let ident = input.ident;
    let asserts = input.fields.iter().map(|f| {
        let ty = f.ty;
        quote_spanned!(ty.span()=> __hivesync_client_safe::<#ty>();)
    });
    let tys: Vec<_> = input.fields.iter().map(|f| f.ty).collect();
    let value_tys = input.fields.iter().map(|f| f.value_ty);
    let idents: Vec<_> = input.fields.iter().map(|f| f.ident).collect();
    let positions = 0..input.fields.len();
    let locals = locals(input);
    quote! {
        const _: () = {
            fn __hivesync_client_safe<T: ?::core::marker::Sized + ::hivesync_env::ClientSafe>() {}
            fn __hivesync_assert() {
                #(#asserts)*
            }
        };
        #[automatically_derived]
        impl ::hivesync_env::__private::Bakeable for #ident {
            type Fields = (#(#tys,)*);
            fn from_baked((#(#locals,)*): Self::Fields) -> Self {
                Self { #(#idents: #locals),* }
            }
        }
        #(
            #[automatically_derived]
            impl ::hivesync_env::__private::BakeField<#positions> for #ident {
                type Ty = #value_tys;
            }
        )*
    }
}
