//! The generated `impl EnvContract`.

use hivesync_env_core::Contract;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use crate::ast::{self, Struct};
use crate::{contract, fallback, tokens, valid};

/// The whole derive: parse, read the contract, validate, generate. Every error of
/// every step is reported together.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Vec::new();
    let parsed = ast::parse(input, &mut errors);
    let loaded = contract::load(&parsed, &mut errors);
    let indices = loaded.as_ref().map(|l| {
        valid::check(
            &parsed,
            &l.contract,
            parsed.attr.contract.is_some(),
            &mut errors,
        )
    });
    match (loaded, indices) {
        (Some(loaded), Some(indices)) if errors.is_empty() => {
            let indices: Vec<usize> = indices.into_iter().flatten().collect();
            generate(&parsed, &loaded.contract, &loaded.tracked, &indices)
        }
        _ => fallback::expand(input, errors),
    }
}

fn generate(
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
    // By position: a name derived from the field's (`_x` gives `__hivesync__x`) could
    // trip the user's lints.
    let locals: Vec<_> = (0..input.fields.len())
        .map(|i| format_ident!("__hivesync_field_{}", i))
        .collect();
    let idents: Vec<_> = input.fields.iter().map(|f| f.ident).collect();
    let reads = input.fields.iter().zip(&locals).zip(indices).map(|((f, local), index)| {
        let ty = f.value_ty;
        // Spanned at the field's type, so a type without `FromStr` is reported there.
        let call = match (f.optional, f.attr.serde.is_some()) {
            // The value's string moves into the field: no copy, no parse.
            (false, false) if f.takes_string() => quote_spanned!(ty.span()=> __hivesync_loader.owned_field::<#ty>(#index)),
            (true, false) if f.takes_string() => quote_spanned!(ty.span()=> __hivesync_loader.optional_owned_field::<#ty>(#index)),
            (false, false) if f.kind == ast::Kind::Duration => { let parse = duration_parser(&contract.vars[*index]); quote_spanned!(ty.span()=> __hivesync_loader.parse_with(#index, #parse)) }
            (true, false) if f.kind == ast::Kind::Duration => { let parse = duration_parser(&contract.vars[*index]); quote_spanned!(ty.span()=> __hivesync_loader.optional_parse_with(#index, #parse)) }
            (false, false) => quote_spanned!(ty.span()=> __hivesync_loader.field::<#ty>(#index)),
            (true, false) => quote_spanned!(ty.span()=> __hivesync_loader.optional_field::<#ty>(#index)),
            (false, true) => quote_spanned!(ty.span()=> __hivesync_loader.parse_with(#index, ::hivesync_env::__private::from_str_serde::<#ty>)),
            (true, true) => quote_spanned!(ty.span()=> __hivesync_loader.optional_parse_with(#index, ::hivesync_env::__private::from_str_serde::<#ty>)),
        };
        quote!(let #local = #call;)
    });
    let client = contract.is_client().then(|| client_items(input));
    let bake = crate::bake::companion(input, contract, indices);
    let enums = enum_checks(input, contract, indices);
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::all, clippy::pedantic)]
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
        #client
        #bake
        #enums
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
fn duration_parser(var: &hivesync_env_core::Var) -> TokenStream {
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
    let locals: Vec<_> = (0..input.fields.len())
        .map(|i| format_ident!("__hivesync_field_{}", i))
        .collect();
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
