//! `wrangler/<worker>.toml` for each worker of an edge contract (N.6).
//!
//! Layout, for a worker `preview_builder`:
//!
//! - top level: `name`, `main`, `compatibility_date`, and `[secrets] required`;
//! - `[env.dev]` (from the `local` profile) and `[env.production]` (from `production`),
//!   each with its own `vars`, `secrets` and `r2_buckets`: wrangler does not inherit
//!   `vars` or bindings into a named environment, so each section repeats them;
//! - the `wrangler secret put NAME --env production` commands, as comments.
//!
//! Secrets are declared by name with wrangler's `secrets` property: "The new `secrets`
//! configuration property lets you declare the secret names your Worker requires in
//! your Wrangler configuration file. Required secrets are validated during local
//! development and deploy, and used as the source of truth for type generation", in
//! TOML `[secrets]` / `required = [ "API_KEY", "DB_PASSWORD" ]`; "Per-environment
//! secrets are supported" (Cloudflare changelog, 2026-03-25, "Declare required secrets
//! in your Wrangler configuration",
//! <https://developers.cloudflare.com/changelog/2026-03-24-secrets-config-property>).
//! Like `vars`, it is repeated in each `[env.*]`.
//!
//! A required variable without a default in a profile (WORKER_CALLBACK_URL has none)
//! gets its `example` in `[env.dev]`, so `wrangler dev` runs as is, and [`REPLACE_ME`]
//! in `[env.production]`: a value the runtime check rejects as a placeholder, with a
//! comment naming what it must equal. An optional variable without a default is left
//! out, with a comment.

use crate::{Contract, Profile, Var};

use super::{REPLACE_ME, comment, header, quoted};

/// The entry point written as `main`, relative to the worker's folder (not part of the
/// contract: every HiveSync worker follows the same layout).
pub const MAIN: &str = "src/index.ts";

/// The wrangler environments and the profile each is rendered from.
pub const ENVIRONMENTS: [(&str, Profile); 2] =
    [("dev", Profile::Local), ("production", Profile::Production)];

/// The `wrangler.toml` of `worker`, one of `contract`'s workers.
pub fn render(contract: &Contract, worker: &str) -> String {
    let mut out = header(
        "# ",
        &format!(
            "Worker `{worker}` of the `{}` contract: {}.\n\
             Run and deploy with an environment: `wrangler dev --env dev`, `wrangler deploy --env production`.",
            contract.component, contract.description
        ),
    );
    out.push('\n');
    let Some(w) = &contract.wrangler else {
        return out;
    };
    out.push_str(&format!("name = {}\n", quoted(worker)));
    out.push_str(&format!("main = {}\n", quoted(MAIN)));
    out.push_str(&format!(
        "compatibility_date = {}\n",
        quoted(&w.compatibility_date)
    ));
    let secrets: Vec<&Var> = contract.secrets().collect();
    if !secrets.is_empty() {
        out.push_str(&format!("\n[secrets]\nrequired = {}\n", names(&secrets)));
    }
    for (env, profile) in ENVIRONMENTS {
        out.push_str(&format!(
            "\n[env.{env}]\n# rendered from the `{profile}` profile\n"
        ));
        out.push_str(&format!("\n[env.{env}.vars]\n"));
        for var in contract.vars.iter().filter(|v| !v.secret) {
            comment(&mut out, "# ", &var.description);
            let value = match var.default_for(profile) {
                Some(v) => v,
                None if var.optional => {
                    out.push_str(&format!(
                        "# {} is optional and has no default: add it here to set it\n",
                        var.name
                    ));
                    continue;
                }
                None if profile == Profile::Production || var.example.is_none() => {
                    let mut note =
                        format!("{REPLACE_ME}: required, set the real value before deploying");
                    if let Some(equals) = &var.equals {
                        note.push_str(&format!("; must equal {equals}"));
                    }
                    comment(&mut out, "# ", &note);
                    REPLACE_ME
                }
                None => var.example.as_deref().unwrap_or(REPLACE_ME),
            };
            out.push_str(&format!("{} = {}\n", key(&var.name), quoted(value)));
        }
        if !secrets.is_empty() {
            out.push_str(&format!(
                "\n[env.{env}.secrets]\nrequired = {}\n",
                names(&secrets)
            ));
        }
        let bucket = w
            .r2_bucket_var
            .as_deref()
            .and_then(|name| contract.var(name))
            .and_then(|v| v.default_for(profile));
        if let (Some(binding), Some(bucket)) = (&w.r2_binding, bucket) {
            out.push_str(&format!(
                "\n[[env.{env}.r2_buckets]]\nbinding = {}\nbucket_name = {}\n",
                quoted(binding),
                quoted(bucket)
            ));
        }
    }
    if !secrets.is_empty() {
        out.push_str("\n# Secrets, set once per worker (never in this file):\n");
        for var in &secrets {
            out.push_str(&format!(
                "#   wrangler secret put {} --env production\n",
                var.name
            ));
        }
        out.push_str("# Locally, `wrangler dev --env dev` reads them from `.dev.vars`.\n");
    }
    out
}

/// A TOML array of the variables' names.
fn names(vars: &[&Var]) -> String {
    let names: Vec<String> = vars.iter().map(|v| quoted(&v.name)).collect();
    format!("[{}]", names.join(", "))
}

/// A TOML key: bare when it may be, else a basic string.
fn key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        s.to_owned()
    } else {
        quoted(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    fn parse(text: &str) -> toml::Table {
        text.parse::<toml::Table>()
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn strings_round_trip_through_a_toml_parser() {
        for s in [
            "plain",
            "q\"uote",
            "back\\slash",
            "line\nbreak",
            "tab\t",
            "\u{1}",
            "ünï",
        ] {
            let t = parse(&format!("{} = {}", key(s), quoted(s)));
            assert_eq!(t[s].as_str(), Some(s), "{s:?}");
        }
    }

    #[test]
    fn fixture_worker_parses_and_carries_what_wrangler_reads() {
        let c = fixture::edge();
        let text = render(&c, "w-two");
        let t = parse(&text);
        assert_eq!(t["name"].as_str(), Some("w-two"));
        assert_eq!(t["main"].as_str(), Some(MAIN));
        assert_eq!(t["compatibility_date"].as_str(), Some("2026-01-01"));
        assert_eq!(t["secrets"]["required"].as_array().unwrap().len(), 1);
        let dev = &t["env"]["dev"];
        assert_eq!(dev["vars"]["EDGE_BUCKET"].as_str(), Some("dev-bucket"));
        assert_eq!(
            dev["vars"]["EDGE_CALLBACK"].as_str(),
            Some("https://x.example/cb")
        );
        assert!(dev["vars"].get("EDGE_KEY").is_none());
        assert!(dev["vars"].get("EDGE_OPT").is_none());
        assert_eq!(dev["secrets"]["required"][0].as_str(), Some("EDGE_KEY"));
        let bucket = &dev["r2_buckets"][0];
        assert_eq!(bucket["binding"].as_str(), Some("BUCKET"));
        assert_eq!(bucket["bucket_name"].as_str(), Some("dev-bucket"));
        let prod = &t["env"]["production"];
        assert_eq!(prod["vars"]["EDGE_CALLBACK"].as_str(), Some(REPLACE_ME));
        assert_eq!(
            prod["r2_buckets"][0]["bucket_name"].as_str(),
            Some("prod \"bucket\"")
        );
        assert!(text.contains("\n#   wrangler secret put EDGE_KEY --env production\n"));
        assert!(text.contains("# REPLACE_ME: required, set the real value before deploying; must equal {server.APP_BASE}/cb\n"));
    }
}
