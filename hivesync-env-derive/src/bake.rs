//! `bake!(DesktopEnv)`: a client struct filled at compile time.
//!
//! The derive emits, beside every struct, a hidden `macro_rules!` re-exported under the
//! struct's own name (macros and types live in different namespaces, so
//! `use hivesync_contracts::DesktopEnv;` brings both). For a client struct it expands,
//! in the crate that bakes, to `option_env!` for **every** variable of the contract,
//! so Cargo rebuilds when any of them is set, changed or unset, and to
//! `bake_values!` (`bake_values.rs`), which checks every value in that build and
//! builds the struct. For any other struct it expands to a `compile_error!`.
//! `bake!(Path)` forwards to `Path!`.

use std::hash::{DefaultHasher, Hash, Hasher};

use hivesync_env_core::{CLIENT_COMPONENTS, Contract, Profile};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Token, Type};

use crate::ast::Struct;

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
    let Type::Path(path) = &ty else {
        return Err(syn::Error::new_spanned(
            &ty,
            "`bake!` takes the path of a struct that derives `EnvContract`",
        ));
    };
    if path.qself.is_some() {
        return Err(syn::Error::new_spanned(
            &ty,
            "`bake!` takes the path of a struct that derives `EnvContract`",
        ));
    }
    let path = &path.path;
    let profile = Ident::new(
        match profile {
            Profile::Local => "Local",
            Profile::Docker => "Docker",
            Profile::Production => "Production",
        },
        Span::call_site(),
    );
    Ok(quote!(#path!(#path, #profile)))
}

/// The hidden macro `bake!` forwards to, emitted beside the struct and re-exported
/// under its name. Its name carries a hash of the struct, so two structs of the same
/// name in one crate do not collide among `#[macro_export]` macros.
pub fn companion(input: &Struct<'_>, contract: &Contract, indices: &[usize]) -> TokenStream {
    let ident = input.ident;
    let mut hasher = DefaultHasher::new();
    (ident.to_string(), &contract.component, contract.vars.len()).hash(&mut hasher);
    for var in contract.vars.iter() {
        var.name.hash(&mut hasher);
    }
    let body = if contract.is_client() {
        let names: Vec<&str> = contract.vars.iter().map(|v| v.name.as_ref()).collect();
        let count = names.len();
        let encoded = crate::bake_values::encode(input, contract, indices);
        quote! {
            // Tracking only: Cargo rebuilds the client when any of these is set,
            // changed or unset. `bake_values!` reads and checks the values.
            const _: [::core::option::Option<&str>; #count] = [#(::core::option_env!(#names)),*];
            ::hivesync_env::__private::bake_values! { struct = $ty, profile = $profile, #encoded }
        }
    } else {
        let message = format!(
            "only client structs can be baked, and `{ident}` is not one: `bake!` embeds values in the binary, which is only safe for the public values of a client contract ({CLIENT_COMPONENTS})"
        );
        quote!(::core::compile_error!(#message))
    };
    companion_macro(ident, input.vis, hasher.finish(), &body)
}

/// `macro_rules!` named after `ident` and `hash`, expanding `bake!($ty, $profile)` to
/// `body`, re-exported as `ident`. Also the stub `fallback.rs` emits for a struct whose
/// derive failed.
pub fn companion_macro(
    ident: &Ident,
    vis: &syn::Visibility,
    hash: u64,
    body: &TokenStream,
) -> TokenStream {
    let name = format_ident!("__hivesync_bake_{}_{:016x}", ident, hash);
    quote! {
        #[doc(hidden)]
        #[allow(non_local_definitions)]
        #[macro_export]
        macro_rules! #name {
            ($ty:ty, $profile:ident) => {{ #body }};
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #name as #ident;
    }
}
