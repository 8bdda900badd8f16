//! `<component>-env.d.ts`: the TypeScript `Env` of an edge contract's workers.
//!
//! The shape `wrangler types` writes to `worker-configuration.d.ts`: the bindings in
//! `declare namespace Cloudflare { interface Env { ... } }` and a global
//! `interface Env extends Cloudflare.Env {}`; an R2 binding is an `R2Bucket`, vars and
//! secrets are `string` (what `wrangler types --strict-vars=false` gives: the values
//! differ per environment, so literal types would only list today's values), except
//! a contract `enum`, whose values the contract fixes: the union of its values as
//! string literals (`"debug" | "info"`). A variable that may be absent is optional
//! (`NAME?: string`).

use std::fmt::{self, Write};

use crate::{Contract, PROFILE_VAR, Var, VarType};

use super::{header, quoted, written};

/// The `Env` interface of `contract`'s workers.
pub fn render(contract: &Contract) -> String {
    written(|out| {
        header(
            out,
            "// ",
            &format!(
                "The `Env` of the `{}` workers, in the shape of `wrangler types`.",
                contract.component
            ),
        )?;
        out.write_str("declare namespace Cloudflare {\n\tinterface Env {\n")?;
        bindings(out, contract)?;
        out.write_str("\t}\n}\ninterface Env extends Cloudflare.Env {}\n")
    })
}

/// The members of `Env`: the R2 bucket, the profile, then every variable.
fn bindings(out: &mut String, contract: &Contract) -> fmt::Result {
    if let Some(binding) = contract.wrangler.as_ref().and_then(|w| {
        let var = w.r2_bucket_var.as_deref().unwrap_or_default();
        w.r2_binding.as_deref().map(|b| (b, var))
    }) {
        let (binding, var) = binding;
        doc(out, &format!("The R2 bucket named by {var}."))?;
        writeln!(out, "\t\t{}: R2Bucket;", property(binding))?;
    }
    doc(
        out,
        "The profile hivesync-env checks the variables in: local, docker or production",
    )?;
    writeln!(out, "\t\t{}: string;", property(PROFILE_VAR))?;
    for var in contract.vars.iter() {
        let mut text = var.description.to_string();
        if var.secret {
            text.push_str(" (secret: `wrangler secret put`)");
        }
        doc(out, &text)?;
        let optional = if var.optional { "?" } else { "" };
        let ty = type_of(var);
        writeln!(out, "\t\t{}{optional}: {ty};", property(&var.name))?;
    }
    Ok(())
}

/// The TypeScript type of `var`'s value: `string`, or for an `enum` the union of its
/// values.
fn type_of(var: &Var) -> String {
    if var.ty != VarType::Enum || var.values.is_empty() {
        return "string".to_owned();
    }
    let values: Vec<String> = var.values.iter().map(|v| quoted(v).to_string()).collect();
    values.join(" | ")
}

/// A one-line `/** ... */` doc comment, `*/` defused.
fn doc(out: &mut String, text: &str) -> fmt::Result {
    let text = text.replace("*/", "*\\/").replace(['\n', '\r'], " ");
    let text = crate::escape_visible(&text);
    writeln!(out, "\t\t/** {} */", text.trim())
}

/// A property name: bare when it is an identifier, else a string literal.
fn property(name: &str) -> String {
    let ident = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        name.to_owned()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn fixture_env_by_hand() {
        let text = render(&fixture::edge());
        let body = text.split_once("declare").unwrap().1;
        assert_eq!(
            body,
            " namespace Cloudflare {\n\
             \tinterface Env {\n\
             \t\t/** The R2 bucket named by EDGE_BUCKET. */\n\
             \t\tBUCKET: R2Bucket;\n\
             \t\t/** The profile hivesync-env checks the variables in: local, docker or production */\n\
             \t\tHIVESYNC_PROFILE: string;\n\
             \t\t/** Bucket */\n\
             \t\tEDGE_BUCKET: string;\n\
             \t\t/** Callback */\n\
             \t\tEDGE_CALLBACK: string;\n\
             \t\t/** Shared key (secret: `wrangler secret put`) */\n\
             \t\tEDGE_KEY: string;\n\
             \t\t/** Optional flag */\n\
             \t\tEDGE_OPT?: string;\n\
             \t}\n\
             }\n\
             interface Env extends Cloudflare.Env {}\n"
        );
    }

    #[test]
    fn enums_are_unions_of_their_values() {
        let mut contract = fixture::edge();
        let mut level = Var::new("EDGE_LEVEL", VarType::Enum);
        level.values = vec!["debug".into(), "info".into(), "say \"hi\"\\".into()].into();
        level.optional = true;
        let mut vars = contract.vars.to_vec();
        vars.push(level);
        contract.vars = vars.into();
        let text = render(&contract);
        assert!(
            text.contains("\t\tEDGE_LEVEL?: \"debug\" | \"info\" | \"say \\\"hi\\\"\\\\\";\n"),
            "{text}"
        );
        assert!(text.contains("\t\tEDGE_BUCKET: string;\n"), "{text}");
    }

    #[test]
    fn odd_names_are_quoted_and_comments_closed_safely() {
        assert_eq!(property("A-B"), "\"A-B\"");
        assert_eq!(property("AB_1"), "AB_1");
        let out = written(|out| doc(out, "ends */ early"));
        assert_eq!(out, "\t\t/** ends *\\/ early */\n");
    }
}
