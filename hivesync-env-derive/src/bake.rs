//! `bake!(DesktopEnv)`: a client struct filled at compile time.
//!
//! Every client variable starts with `HIVESYNC_PUBLIC_` (the contract rules enforce
//! it), so the macro reads every such variable of the build's environment through
//! `option_env!` (which also makes Cargo rebuild when one changes). A `const`
//! assertion then compares them with the struct's static contract, so a missing
//! required variable fails the build of the client crate with the variable's name.

use hivesync_env_core::{PUBLIC_PREFIX, Profile};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Token, Type};

struct Input {
    ty: Type,
    profile: Profile,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let ty: Type = input.parse()?;
        let mut profile = Profile::Production;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            let key: Ident = input.parse()?;
            if key != "profile" {
                return Err(syn::Error::new(
                    key.span(),
                    "unknown key: expected `profile = local|docker|production`",
                ));
            }
            input.parse::<Token![=]>()?;
            let value: Ident = input.parse()?;
            profile = value
                .to_string()
                .parse()
                .map_err(|e| syn::Error::new(value.span(), e))?;
            input.parse::<Option<Token![,]>>()?;
        }
        Ok(Input { ty, profile })
    }
}

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let Input { ty, profile } = syn::parse2(input)?;
    let mut names: Vec<String> = std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .filter(|k| k.starts_with(PUBLIC_PREFIX))
        .collect();
    names.sort();
    let profile = Ident::new(
        match profile {
            Profile::Local => "Local",
            Profile::Docker => "Docker",
            Profile::Production => "Production",
        },
        Span::call_site(),
    );
    Ok(quote! {
        {
            const __HIVESYNC_BAKED: &[(&str, ::core::option::Option<&str>)] = &[
                #((#names, ::core::option_env!(#names)),)*
            ];
            const _: () = ::hivesync_env::__private::assert_baked::<#ty>(
                __HIVESYNC_BAKED,
                ::hivesync_env::__private::Profile::#profile,
            );
            ::hivesync_env::__private::load_baked::<#ty>(
                __HIVESYNC_BAKED,
                ::hivesync_env::__private::Profile::#profile,
            )
        }
    })
}
