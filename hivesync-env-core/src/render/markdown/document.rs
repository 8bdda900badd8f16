//! `ENVIRONMENT.md`: every component's [`vars_table`](super::vars_table) with an index,
//! the tool's own variable and the cross-component relations (feature `render`).

use std::fmt::{self, Write};

use crate::render::{GENERATED, canonical, written};
use crate::{Contract, DEFAULT_PROFILE, PROFILE_VAR, Profile, Template, Var};

use super::{code, table, text};

/// The whole `ENVIRONMENT.md`: an index, one section per component (its description
/// and [`vars_table`](super::vars_table)), the `wrangler secret put` commands of edge
/// components, and the cross-component relations ([`Var::equals`]).
pub fn document(contracts: &[Contract]) -> String {
    let contracts = canonical(contracts);
    written(|out| {
        write!(out, "<!-- {GENERATED} -->\n\n")?;
        out.write_str(INTRODUCTION)?;
        index(out, &contracts)?;
        for &c in &contracts {
            section(out, c)?;
        }
        tool_section(out)?;
        relations(out, &contracts)
    })
}

/// The title and the paragraph that opens `ENVIRONMENT.md`.
const INTRODUCTION: &str = "# Environment variables\n\n\
    Every environment variable of every HiveSync component, rendered from the contracts \
    in `contracts/*.toml` (the single source of truth). Profiles: `local` (N.2.1, \
    wrangler `[env.dev]`), `docker` (N.2.2), `production` (N.2.3 Linode, N.2.4 wrangler \
    `[env.production]`). A cell shows the default of that profile, **required** where the \
    operator must supply the value, or optional. Secret values never appear in this \
    repository (N.9).\n\n";

/// One line per component: a link to its section, its audience and counts.
fn index(out: &mut String, contracts: &[&Contract]) -> fmt::Result {
    for &c in contracts {
        let secrets = c.secrets().count();
        writeln!(
            out,
            "- [{0}](#{1}) ({2}): {3} variable{4}, {5} secret{6}",
            text(&c.component),
            anchor(&c.component),
            c.audience,
            c.vars.len(),
            plural(c.vars.len()),
            secrets,
            plural(secrets),
        )?;
    }
    Ok(())
}

/// A component's section: heading, description, where it runs,
/// [`vars_table`](super::vars_table), and the `wrangler secret put` commands of an edge
/// component.
fn section(out: &mut String, c: &Contract) -> fmt::Result {
    write!(out, "\n## {}\n\n", text(&c.component))?;
    write!(out, "{}.\n\n", text(&c.description))?;
    write!(out, "Audience: `{}`.", c.audience)?;
    if let Some(service) = &c.compose_service {
        write!(out, " Docker Compose service: {}.", code(service))?;
    }
    if let Some(w) = &c.wrangler {
        let workers: Vec<String> = w
            .workers
            .iter()
            .map(|name| match w.rust_worker(name) {
                Some(r) => format!("{} (Rust, in {})", code(name), code(&r.dir)),
                None => code(name),
            })
            .collect();
        write!(out, " Workers: {}.", workers.join(", "))?;
        if let (Some(binding), Some(var)) = (&w.r2_binding, &w.r2_bucket_var) {
            write!(
                out,
                " R2 binding {} to the bucket named by {}.",
                code(binding),
                code(var)
            )?;
        }
    }
    out.write_str("\n\n")?;
    table(out, c)?;
    if c.wrangler.is_none() || c.secrets().next().is_none() {
        return Ok(());
    }
    out.write_str("\nSecrets of each deployed worker (run in the worker's folder):\n\n```sh\n")?;
    for var in c.secrets() {
        writeln!(out, "wrangler secret put {} --env production", var.name)?;
    }
    out.write_str("```\n")
}

/// The table of cross-component relations ([`Var::equals`]), if there is one.
fn relations(out: &mut String, contracts: &[&Contract]) -> fmt::Result {
    let relations: Vec<(&Contract, &Var, &Template)> = contracts
        .iter()
        .flat_map(|&c| c.vars.iter().map(move |v| (c, v)))
        .filter_map(|(c, v)| Some((c, v, v.equals.as_ref()?)))
        .collect();
    if relations.is_empty() {
        return Ok(());
    }
    out.write_str(
        "\n## Cross-component relations\n\n\
         Values that must agree between components; `hivesync-env consistency` checks them.\n\n\
         | Variable | Must equal | Meaning |\n|---|---|---|\n",
    )?;
    for (c, v, template) in relations {
        writeln!(
            out,
            "| {} | {} | {} |",
            code(&format!("{}.{}", c.component, v.name)),
            code(template.as_str()),
            meaning(template)
        )?;
    }
    Ok(())
}

/// What a relation means: `the same value`, or `built from` the values it names.
fn meaning(template: &Template) -> String {
    if template.is_plain_reference() {
        return "the same value".to_owned();
    }
    let refs: Vec<String> = template
        .references()
        .map(|(comp, name)| code(&format!("{comp}.{name}")))
        .collect();
    format!("built from {}", refs.join(", "))
}

/// The section on the variables of hivesync-env itself: [`PROFILE_VAR`], which no
/// component's contract (and so no `.env.example`) lists.
fn tool_section(out: &mut String) -> fmt::Result {
    let values: Vec<String> = Profile::ALL.iter().map(|p| code(p.as_str())).collect();
    write!(
        out,
        "\n## hivesync-env itself\n\n\
         Read by every HiveSync process that loads its configuration with \
         `EnvContract::startup` (from the process environment, else from `.env` in its \
         working directory); it belongs to no component's contract. The renderers set it \
         where they know the profile.\n\n\
         | Name | Values | Unset | Description |\n|---|---|---|---|\n\
         | {} | {} | {} | The profile the process checks its environment in: the defaults \
         of that profile, and how strict the checks are. Any other value, empty included, \
         stops the process (exit 78). Unset, the strict profile applies; on a developer \
         machine write `{PROFILE_VAR}=local` in `.env`. |\n",
        code(PROFILE_VAR),
        values.join(", "),
        code(DEFAULT_PROFILE.as_str()),
    )
}

/// The GitHub anchor of a `## heading` made of a component name.
fn anchor(component: &str) -> String {
    component
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn document_lists_relations_and_secret_commands() {
        let doc = document(&fixture::all());
        assert!(doc.contains(
            "\n| `edge.EDGE_CALLBACK` | `{server.APP_BASE}/cb` | built from `server.APP_BASE` |\n"
        ));
        assert!(doc.contains("\n| `edge.EDGE_KEY` | `{server.APP_KEY}` | the same value |\n"));
        assert!(doc.contains("```sh\nwrangler secret put EDGE_KEY --env production\n```\n"));
        assert!(doc.contains("- [client](#client) (client): 1 variable, 0 secrets\n"));
        assert!(doc.contains(
            "Workers: `w_one`, `w-two`, `w_rs` (Rust, in `workers/w-rs`). R2 binding `BUCKET` to the bucket named by `EDGE_BUCKET`."
        ));
    }
}
