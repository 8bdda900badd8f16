//! What the derive emits when the struct or its contract has errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// Every error, plus a stub impl so the user sees these errors and not a cascade of
/// "EnvContract is not implemented" at every use of the struct.
pub fn expand(input: &DeriveInput, errors: Vec<syn::Error>) -> TokenStream {
    let ident = &input.ident;
    let errors = errors.into_iter().map(|e| e.into_compile_error());
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #(#errors)*
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::all)]
        impl #impl_generics ::hivesync_env::EnvContract for #ident #ty_generics #where_clause {
            const CONTRACT: &'static ::hivesync_env::__private::Contract = ::hivesync_env::__private::EMPTY_CONTRACT;

            fn load_with_warnings(
                _: &dyn ::hivesync_env::__private::Source,
                _: ::hivesync_env::__private::Profile,
            ) -> ::core::result::Result<(Self, ::hivesync_env::__private::Report), ::hivesync_env::__private::Report> {
                ::core::unreachable!("the derive of EnvContract failed to compile")
            }
        }
    }
}
