//! The contract model as Rust tokens: a `'static` value of the same `Contract` type
//! the runtime and the CLI use, so no TOML is parsed at run time.

use hivesync_env_core::{Audience, Contract, RustWorker, Str, Template, Var, VarType, Wrangler};
use proc_macro2::TokenStream;
use quote::quote;

fn s(value: &Str) -> TokenStream {
    let v: &str = value;
    quote!(::hivesync_env::__private::Cow::Borrowed(#v))
}

fn opt_s(value: &Option<Str>) -> TokenStream {
    match value {
        Some(v) => {
            let v = s(v);
            quote!(::core::option::Option::Some(#v))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn opt<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

fn list(items: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let items = items.into_iter();
    quote!(::hivesync_env::__private::Cow::Borrowed(&[#(#items),*]))
}

fn var_type(ty: VarType) -> TokenStream {
    let variant = match ty {
        VarType::Port => quote!(Port),
        VarType::Url => quote!(Url),
        VarType::Bool => quote!(Bool),
        VarType::Integer => quote!(Integer),
        VarType::Enum => quote!(Enum),
        VarType::Path => quote!(Path),
        VarType::String => quote!(String),
    };
    quote!(::hivesync_env::__private::VarType::#variant)
}

fn audience(a: Audience) -> TokenStream {
    let variant = match a {
        Audience::Server => quote!(Server),
        Audience::Edge => quote!(Edge),
        Audience::Client => quote!(Client),
    };
    quote!(::hivesync_env::__private::Audience::#variant)
}

fn var(v: &Var) -> TokenStream {
    let name = s(&v.name);
    let ty = var_type(v.ty);
    let description = s(&v.description);
    let secret = v.secret;
    let optional = v.optional;
    let defaults = v.defaults.iter().map(opt_s);
    let values = list(v.values.iter().map(s));
    let unit = opt_s(&v.unit);
    let min = opt(v.min);
    let max = opt(v.max);
    let min_len = opt(v.min_len);
    let https = v.https;
    let example = opt_s(&v.example);
    let group = opt_s(&v.group);
    let equals = opt(v.equals.as_ref().map(template));
    let services = list(v.services.iter().map(s));
    let line = v.line;
    quote! {
        ::hivesync_env::__private::Var {
            name: #name,
            ty: #ty,
            description: #description,
            secret: #secret,
            optional: #optional,
            defaults: [#(#defaults),*],
            values: #values,
            unit: #unit,
            min: #min,
            max: #max,
            min_len: #min_len,
            https: #https,
            example: #example,
            group: #group,
            equals: #equals,
            services: #services,
            line: #line,
        }
    }
}

/// An `equals` template as the derive parsed it: its text and its references'
/// offsets, so the program never parses it again.
fn template(t: &Template) -> TokenStream {
    let text = t.as_str();
    let refs = t.ref_offsets().iter().map(|[a, b, c]| quote!([#a, #b, #c]));
    quote!(::hivesync_env::__private::Template::from_static(#text, &[#(#refs),*]))
}

fn wrangler(w: &Wrangler) -> TokenStream {
    let workers = list(w.workers.iter().map(s));
    let r2_binding = opt_s(&w.r2_binding);
    let r2_bucket_var = opt_s(&w.r2_bucket_var);
    let compatibility_date = s(&w.compatibility_date);
    let rust = list(w.rust.iter().map(rust_worker));
    quote! {
        ::hivesync_env::__private::Wrangler {
            workers: #workers,
            r2_binding: #r2_binding,
            r2_bucket_var: #r2_bucket_var,
            compatibility_date: #compatibility_date,
            rust: #rust,
        }
    }
}

fn rust_worker(r: &RustWorker) -> TokenStream {
    let name = s(&r.name);
    let dir = s(&r.dir);
    quote! {
        ::hivesync_env::__private::RustWorker { name: #name, dir: #dir }
    }
}

/// `&Contract { ... }`, usable as the value of a `const`.
pub fn contract(c: &Contract) -> TokenStream {
    let component = s(&c.component);
    let audience = audience(c.audience);
    let description = s(&c.description);
    let file = s(&c.file);
    let vars = list(c.vars.iter().map(var));
    let compose_service = opt_s(&c.compose_service);
    let wrangler = opt(c.wrangler.as_ref().map(wrangler));
    let forbidden = list(c.forbidden.iter().map(s));
    quote! {
        &::hivesync_env::__private::Contract {
            component: #component,
            audience: #audience,
            description: #description,
            file: #file,
            vars: #vars,
            compose_service: #compose_service,
            wrangler: #wrangler,
            forbidden: #forbidden,
        }
    }
}
