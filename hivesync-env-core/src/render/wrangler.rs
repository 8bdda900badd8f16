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
//! Each environment's `vars` also set [`PROFILE_VAR`] to the profile it is rendered
//! from, so a worker knows which profile to check its variables in.
//!
//! A worker is TypeScript unless the contract lists it under `[wrangler.rust]`
//! ([`Build`]): a Rust worker's config has a `[build]` command, which runs the build
//! script beside it ([`RUST_BUILD_SCRIPT`], written by hand) to compile the crate to
//! wasm with `worker-build`, and `main` is the module that build writes
//! ([`RUST_MAIN`]). Its file is rendered into the crate's folder (see
//! [`super::placed`]) so that `wrangler dev` runs there as is.
//!
//! A required variable without a default in a profile (WORKER_CALLBACK_URL has none)
//! gets its `example` in `[env.dev]`, so `wrangler dev` runs as is, and [`REPLACE_ME`]
//! in `[env.production]`: a value the runtime check rejects as a placeholder, with a
//! comment naming what it must equal. An optional variable without a default is left
//! out, with a comment.

use std::fmt::{self, Write};

use crate::{Contract, PROFILE_VAR, Profile, Var};

use super::{REPLACE_ME, comment, header, quoted, written};

/// The entry point written as `main` of a TypeScript worker, relative to the worker's
/// folder (not part of the contract: every HiveSync worker follows the same layout).
pub const MAIN: &str = "src/index.ts";

/// The `main` of a Rust worker: the module `worker-build` writes.
pub const RUST_MAIN: &str = "build/index.js";

/// The script beside a Rust worker's `wrangler.toml` that its `[build]` command runs:
/// it finds `wasm-bindgen` and `esbuild` and runs `worker-build --release`.
pub const RUST_BUILD_SCRIPT: &str = "build.sh";

/// How a worker is built, chosen per worker in the contract (`[wrangler.rust]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// A TypeScript module wrangler bundles itself: `main` is [`MAIN`].
    TypeScript,
    /// A workers-rs crate built by [`RUST_BUILD_SCRIPT`]: `main` is [`RUST_MAIN`].
    Rust,
}

impl Build {
    /// How `worker` of `contract` is built.
    pub fn of(contract: &Contract, worker: &str) -> Build {
        let rust = contract
            .wrangler
            .as_ref()
            .is_some_and(|w| w.rust_worker(worker).is_some());
        if rust { Build::Rust } else { Build::TypeScript }
    }

    /// The `main` of the config.
    pub const fn main(self) -> &'static str {
        match self {
            Build::TypeScript => MAIN,
            Build::Rust => RUST_MAIN,
        }
    }

    /// The `[build]` table of the config, if the worker needs one.
    pub fn table(self) -> Option<String> {
        match self {
            Build::TypeScript => None,
            Build::Rust => Some(format!(
                "\n[build]\n# compiles the crate to wasm with worker-build, into build/\ncommand = {}\n",
                quoted(&format!("bash {RUST_BUILD_SCRIPT}"))
            )),
        }
    }
}

/// The wrangler environments and the profile each is rendered from.
pub const ENVIRONMENTS: [(&str, Profile); 2] =
    [("dev", Profile::Local), ("production", Profile::Production)];

/// The `wrangler.toml` of `worker`, one of `contract`'s workers.
pub fn render(contract: &Contract, worker: &str) -> String {
    written(|out| {
        header(
            out,
            "# ",
            &format!(
                "Worker `{worker}` of the `{}` contract: {}.\n\
                 Run and deploy with an environment: `wrangler dev --env dev`, `wrangler deploy --env production`.",
                contract.component, contract.description
            ),
        )?;
        out.write_char('\n')?;
        let Some(w) = &contract.wrangler else {
            return Ok(());
        };
        top_level(out, contract, worker, &w.compatibility_date)?;
        for (env, profile) in ENVIRONMENTS {
            environment(out, contract, env, profile)?;
        }
        secret_commands(out, contract)
    })
}

/// The `wrangler secret put` command of each secret, as comments.
fn secret_commands(out: &mut String, contract: &Contract) -> fmt::Result {
    if contract.secrets().next().is_none() {
        return Ok(());
    }
    out.write_str("\n# Secrets, set once per worker (never in this file):\n")?;
    for var in contract.secrets() {
        writeln!(out, "#   wrangler secret put {} --env production", var.name)?;
    }
    out.write_str("# Locally, `wrangler dev --env dev` reads them from `.dev.vars`.\n")
}

/// The `[env.<env>]` section rendered from `profile`: vars, required secrets, bucket.
fn environment(out: &mut String, contract: &Contract, env: &str, profile: Profile) -> fmt::Result {
    write!(
        out,
        "\n[env.{env}]\n# rendered from the `{profile}` profile\n\n[env.{env}.vars]\n"
    )?;
    comment(
        out,
        "# ",
        "The profile hivesync-env checks this worker's variables in",
    )?;
    writeln!(out, "{PROFILE_VAR} = {}", quoted(profile.as_str()))?;
    for var in contract.vars.iter().filter(|v| !v.secret) {
        var_line(out, var, profile)?;
    }
    let bucket = bucket_var(contract).and_then(|v| v.default_for(profile));
    secrets_and_bucket(out, contract, env, bucket)
}

/// A public variable's line in `vars`, with its description, or a comment when an
/// optional one has no default.
fn var_line(out: &mut String, var: &Var, profile: Profile) -> fmt::Result {
    comment(out, "# ", &var.description)?;
    let value = match var.default_for(profile) {
        Some(v) => v,
        None if var.optional => {
            return writeln!(
                out,
                "# {} is optional and has no default: add it here to set it",
                var.name
            );
        }
        None if profile == Profile::Production || var.example.is_none() => {
            let mut note = format!("{REPLACE_ME}: required, set the real value before deploying");
            if let Some(equals) = &var.equals {
                write!(note, "; must equal {equals}")?;
            }
            comment(out, "# ", &note)?;
            REPLACE_ME
        }
        None => var.example.as_deref().unwrap_or(REPLACE_ME),
    };
    writeln!(out, "{} = {}", key(&var.name), quoted(value))
}

/// The keys before the environments, the same in the committed configs and the
/// deploy-ready ones (`render/wrangler_deploy.rs`): `name`, `main`,
/// `compatibility_date`, a Rust worker's `[build]`, and `[secrets] required`.
pub(super) fn top_level(
    out: &mut String,
    contract: &Contract,
    worker: &str,
    date: &str,
) -> fmt::Result {
    let build = Build::of(contract, worker);
    writeln!(out, "name = {}", quoted(worker))?;
    writeln!(out, "main = {}", quoted(build.main()))?;
    writeln!(out, "compatibility_date = {}", quoted(date))?;
    if let Some(table) = build.table() {
        out.write_str(&table)?;
    }
    let secrets: Vec<&Var> = contract.secrets().collect();
    if !secrets.is_empty() {
        write!(out, "\n[secrets]\nrequired = {}\n", names(&secrets))?;
    }
    Ok(())
}

/// The tables after an environment's `vars`, the same in the committed configs and
/// the deploy-ready ones: `[env.<env>.secrets] required`, and the R2 binding to
/// `bucket` (the name of the bucket in that environment, when known).
pub(super) fn secrets_and_bucket(
    out: &mut String,
    contract: &Contract,
    env: &str,
    bucket: Option<&str>,
) -> fmt::Result {
    let secrets: Vec<&Var> = contract.secrets().collect();
    if !secrets.is_empty() {
        write!(
            out,
            "\n[env.{env}.secrets]\nrequired = {}\n",
            names(&secrets)
        )?;
    }
    let binding = contract
        .wrangler
        .as_ref()
        .and_then(|w| w.r2_binding.as_ref());
    if let (Some(binding), Some(bucket)) = (binding, bucket) {
        write!(
            out,
            "\n[[env.{env}.r2_buckets]]\nbinding = {}\nbucket_name = {}\n",
            quoted(binding),
            quoted(bucket)
        )?;
    }
    Ok(())
}

/// The variable that names the R2 bucket (`r2_bucket_var`), if any.
pub(super) fn bucket_var(contract: &Contract) -> Option<&Var> {
    let name = contract.wrangler.as_ref()?.r2_bucket_var.as_deref()?;
    contract.var(name)
}

/// `["A", "B"]`: a TOML array of the variables' names.
fn names(vars: &[&Var]) -> String {
    let names: Vec<String> = vars.iter().map(|v| quoted(&v.name).to_string()).collect();
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
        quoted(s).to_string()
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
        assert!(
            t.get("build").is_none(),
            "a TypeScript worker has no [build]"
        );
    }

    #[test]
    fn each_environment_names_its_profile() {
        let t = parse(&render(&fixture::edge(), "w_one"));
        assert_eq!(t["env"]["dev"]["vars"][PROFILE_VAR].as_str(), Some("local"));
        assert_eq!(
            t["env"]["production"]["vars"][PROFILE_VAR].as_str(),
            Some("production")
        );
        for (env, profile) in ENVIRONMENTS {
            assert_eq!(
                t["env"][env]["vars"][PROFILE_VAR].as_str(),
                Some(profile.as_str())
            );
        }
    }

    #[test]
    fn a_rust_worker_builds_with_the_script_beside_it_and_runs_its_output() {
        let c = fixture::edge();
        assert_eq!(Build::of(&c, "w_rs"), Build::Rust);
        assert_eq!(Build::of(&c, "w_one"), Build::TypeScript);
        let t = parse(&render(&c, "w_rs"));
        assert_eq!(t["name"].as_str(), Some("w_rs"));
        assert_eq!(t["main"].as_str(), Some("build/index.js"));
        assert_eq!(t["build"]["command"].as_str(), Some("bash build.sh"));
        // Everything else is what a TypeScript worker of the contract gets.
        let ts = parse(&render(&c, "w_one"));
        assert_eq!(t["env"], ts["env"]);
        assert_eq!(t["secrets"], ts["secrets"]);
    }
}
