//! What the derive emits when the struct or its contract has errors: the errors, and
//! a stub of everything the struct's derive would have produced that the user's code
//! names (clap_derive's `dummies.rs`), so the user sees these errors and not a cascade
//! of follow-on ones at every use of the struct.

use std::hash::{DefaultHasher, Hash, Hasher};

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::DeriveInput;

/// Every error, the stub impl, and the stub companion macro.
pub fn expand(input: &DeriveInput, errors: &syn::Error) -> TokenStream {
    let ident = &input.ident;
    let errors = errors.to_compile_error();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let companion = bake_stub(input);
    quote! {
        #errors
        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics ::hivesync_env::EnvContract for #ident #ty_generics #where_clause {
            const CONTRACT: &'static ::hivesync_env::__private::Contract = ::hivesync_env::__private::EMPTY_CONTRACT;

            fn load_with_warnings(
                _: &dyn ::hivesync_env::__private::Source,
                _: ::hivesync_env::__private::Profile,
            ) -> ::core::result::Result<(Self, ::hivesync_env::__private::Report), ::hivesync_env::__private::Report> {
                ::core::unreachable!("the derive of EnvContract failed to compile")
            }
        }
        #companion
    }
}

/// The macro `bake!(Struct)` forwards to, expanding to a value of the struct's type
/// and no error of its own: without it, `bake!` on this struct would add "cannot find
/// macro" to the derive's errors. Named by a hash of the whole struct, so two failed
/// structs of one name in one crate do not collide.
fn bake_stub(input: &DeriveInput) -> TokenStream {
    let mut hasher = DefaultHasher::new();
    input.to_token_stream().to_string().hash(&mut hasher);
    let body = quote!(::hivesync_env::__private::not_built::<$ty>());
    crate::bake::companion_macro(&input.ident, &input.vis, hasher.finish(), &body)
}
