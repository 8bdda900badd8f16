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

use crate::ctxt::Ctxt;
use crate::{ast, contract};

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    if !args.is_empty() {
        return Err(syn::Error::new_spanned(
            args,
            "`contract_docs` takes no arguments: it reads `#[env(contract = \"...\")]`",
        ));
    }
    let mut input: DeriveInput = syn::parse2(item)?;
    // The derive reports problems with the struct and its contract; here, leave the
    // struct as is.
    let Some((contract, names)) = read(&input)? else {
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
            for (field, name) in named.named.iter_mut().zip(&names) {
                if let Some(var) = contract.var(name) {
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

/// The struct's contract, read by the derive's own loader (`contract::from_file`),
/// and the variable each named field reads, in field order; `None` when the derive
/// will report an error instead.
fn read(input: &DeriveInput) -> syn::Result<Option<(Contract, Vec<String>)>> {
    let cx = Ctxt::new();
    let parsed = ast::parse(input, &cx);
    let Some(path) = &parsed.attr.contract else {
        cx.discard();
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`contract_docs` needs `#[env(contract = \"path/to/component.toml\")]` on the struct",
        ));
    };
    let loaded = contract::from_file(path, &cx);
    cx.discard();
    let names = parsed.fields.iter().map(ast::Field::var_name).collect();
    Ok(loaded.map(|l| (l.contract, names)))
}
