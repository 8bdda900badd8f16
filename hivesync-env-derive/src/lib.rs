//! The derive macro of `hivesync-env`. Use it through `hivesync_env::EnvContract`;
//! the documentation lives there.
//!
//! The pipeline, one step per file: parse the struct (`ast.rs`, attributes in
//! `attr.rs`), read its contract through the shared model (`contract.rs`), check the
//! struct against it (`valid.rs`), then generate the impl (`expand.rs`, the contract as
//! static data in `tokens.rs`) or, on errors, every error plus a stub impl
//! (`fallback.rs`).

mod ast;
mod attr;
mod bake;
mod contract;
mod docs;
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
