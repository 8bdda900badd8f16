//! The derive macro of `hivesync-env`. Use it through `hivesync_env::EnvContract`;
//! the documentation lives there.
//!
//! The pipeline, one step per file: parse the struct (`ast.rs`, attributes in
//! `attr.rs`), read its contract through the shared model (`contract.rs`), check the
//! struct against it (`valid.rs`), then generate the impl (`expand.rs`, the contract as
//! static data in `tokens.rs`) or, on errors, every error plus a stub impl
//! (`fallback.rs`).
//!
//! `#[derive(EnvEnum)]` is `enum_derive.rs`; a field of such an enum is compared with
//! its contract variable by `check_enum.rs`, and `bake!` checks and builds a client
//! struct in the client's build with `bake_values.rs`.

mod ast;
mod attr;
mod bake;
mod bake_values;
mod check_enum;
mod contract;
mod ctxt;
mod docs;
mod enum_derive;
mod expand;
mod fallback;
mod tokens;
mod valid;

use proc_macro::TokenStream;

/// See `hivesync_env::EnvContract`.
#[proc_macro_derive(EnvContract, attributes(env))]
pub fn derive_env_contract(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

/// See `hivesync_env::EnvEnum`.
#[proc_macro_derive(EnvEnum, attributes(env))]
pub fn derive_env_enum(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    enum_derive::derive(&input).into()
}

/// Not public API: what `bake!` expands to in the client crate (`bake_values.rs`).
#[doc(hidden)]
#[proc_macro]
pub fn __bake_values(input: TokenStream) -> TokenStream {
    bake_values::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Not public API: an `EnvEnum` against its contract variable (`check_enum.rs`).
#[doc(hidden)]
#[proc_macro]
pub fn __check_enum(input: TokenStream) -> TokenStream {
    check_enum::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// See `hivesync_env::bake!`.
#[proc_macro]
pub fn bake(input: TokenStream) -> TokenStream {
    bake::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// See `hivesync_env::contract_docs`.
#[proc_macro_attribute]
pub fn contract_docs(args: TokenStream, item: TokenStream) -> TokenStream {
    docs::expand(args.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
