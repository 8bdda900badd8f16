//! `#[contract_docs]`: the contract's descriptions as the struct's documentation.
//!
//! A derive cannot change the item it is on, so this attribute (placed above
//! `#[derive(EnvContract)]`) adds the variables table to the struct's doc comment and
//! each variable's description to its field, from the same contract file the derive
//! reads. Descriptions live only in the TOML file.

use hivesync_env_core::Contract;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

use crate::ast::screaming_snake;
use crate::attr;

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    if !args.is_empty() {
        return Err(syn::Error::new_spanned(
            args,
            "`contract_docs` takes no arguments: it reads `#[env(contract = \"...\")]`",
        ));
    }
    let mut input: DeriveInput = syn::parse2(item)?;
    let mut errors = Vec::new();
    let container = attr::container(&input.attrs, &mut errors);
    let Some(path) = container.contract else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`contract_docs` needs `#[env(contract = \"path/to/component.toml\")]` on the struct",
        ));
    };
    // The derive reports problems with the contract file; here, leave the struct as is.
    let Some(contract) = read(&path.value()) else {
        return Ok(quote!(#input));
    };
    let table = hivesync_env_core::render::markdown::vars_table(&contract);
    let header = format!(
        "\n# Variables\n\nFrom `{}` ({} component, audience `{}`): {}\n",
        contract.file, contract.component, contract.audience, contract.description
    );
    input.attrs.push(syn::parse_quote!(#[doc = #header]));
    for line in table.lines() {
        input.attrs.push(syn::parse_quote!(#[doc = #line]));
    }
    if let Data::Struct(data) = &mut input.data {
        if let Fields::Named(named) = &mut data.fields {
            for field in named.named.iter_mut() {
                let Some(ident) = &field.ident else { continue };
                let name = attr::field(&field.attrs, &mut Vec::new())
                    .name
                    .map_or_else(|| screaming_snake(&ident.to_string()), |n| n.value());
                if let Some(var) = contract.var(&name) {
                    let mut doc = format!("{} (`{name}`", var.description);
                    if var.secret {
                        doc.push_str(", secret");
                    }
                    doc.push(')');
                    field.attrs.insert(0, syn::parse_quote!(#[doc = #doc]));
                }
            }
        }
    }
    Ok(quote!(#input))
}

fn read(rel: &str) -> Option<Contract> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let text = std::fs::read_to_string(std::path::Path::new(&dir).join(rel)).ok()?;
    Contract::parse(rel, &text).ok()
}
