//! A deploy-ready `wrangler/<worker>.toml`: one wrangler environment rendered from an
//! environment that passed `check` (`hivesync-env render workers`).
//!
//! The committed configs of [`wrangler`](super::wrangler) show contract defaults and
//! leave REPLACE_ME where only the operator knows the value (the callback URL in
//! production); this one holds the operator's real public values, so nobody edits a
//! file marked "do not edit". Its layout is the committed one's for a single
//! environment: top-level `name`, `main`, `compatibility_date`, `[secrets] required`,
//! then `[env.<env>]` with `vars` (first [`PROFILE_VAR`], the profile the worker
//! checks its bindings in), `secrets` and `r2_buckets`.
//!
//! Secrets are named, never valued: their values go to wrangler's secret store
//! (`wrangler secret bulk`), not into this file.

use std::fmt::{self, Write};

use crate::{Contract, PROFILE_VAR, Profile, Var};

use super::wrangler::{ENVIRONMENTS, bucket_var, secrets_and_bucket, top_level};
use super::{comment, quoted, written};

/// The wrangler environment a profile deploys as: `dev` for `local`, `production`
/// for `production` (see [`ENVIRONMENTS`]), else the profile's name.
pub fn environment(profile: Profile) -> &'static str {
    ENVIRONMENTS
        .iter()
        .find(|(_, p)| *p == profile)
        .map_or(profile.as_str(), |(env, _)| env)
}

/// The config of `worker`, one of `contract`'s workers, for `profile`, with
/// `value(var)` for each public variable (`None`: an optional one left unset).
///
/// ```
/// use hivesync_env_core::{Audience, Contract, Profile, Var, VarType, Wrangler};
/// use hivesync_env_core::render::wrangler_deploy::render;
/// let mut url = Var::new("CALLBACK_URL", VarType::Url);
/// url.description = "Where results go".into();
/// let mut key = Var::new("CALLBACK_KEY", VarType::String);
/// key.secret = true;
/// let contract = Contract {
///     component: "edge".into(),
///     audience: Audience::Edge,
///     description: "Workers".into(),
///     file: "edge.toml".into(),
///     vars: vec![url, key].into(),
///     compose_service: None,
///     wrangler: Some(Wrangler {
///         workers: vec!["relay".into()].into(),
///         r2_binding: None,
///         r2_bucket_var: None,
///         compatibility_date: "2026-01-01".into(),
///         rust: Vec::new().into(),
///     }),
///     forbidden: Vec::new().into(),
/// };
/// let text = render(&contract, "relay", Profile::Production, |_| Some("https://api.example.net/cb"));
/// assert!(text.contains("\n[env.production.vars]\nHIVESYNC_PROFILE = \"production\"\n"));
/// assert!(text.contains("\nCALLBACK_URL = \"https://api.example.net/cb\"\n"));
/// assert!(text.contains("\n[env.production.secrets]\nrequired = [\"CALLBACK_KEY\"]\n"));
/// ```
pub fn render<'v>(
    contract: &Contract,
    worker: &str,
    profile: Profile,
    value: impl Fn(&Var) -> Option<&'v str>,
) -> String {
    let env = environment(profile);
    written(|out| {
        comment(
            out,
            "# ",
            &format!(
                "Worker `{worker}` of `{}`, `{env}` environment, rendered by `hivesync-env render {} \
                 --profile {profile}`\nfrom an environment that passed `check`. Its secrets are not here: \
                 `wrangler secret bulk`.\nDeploy with `wrangler deploy --env {env}`.",
                contract.component, contract.component
            ),
        )?;
        out.write_char('\n')?;
        let Some(w) = &contract.wrangler else {
            return Ok(());
        };
        top_level(out, contract, worker, &w.compatibility_date)?;
        vars(out, contract, env, profile, &value)?;
        let bucket = bucket_var(contract).and_then(&value);
        secrets_and_bucket(out, contract, env, bucket)
    })
}

/// `[env.<env>.vars]`: the profile, then each public variable's value, or a comment
/// when it is unset.
fn vars<'v>(
    out: &mut String,
    contract: &Contract,
    env: &str,
    profile: Profile,
    value: impl Fn(&Var) -> Option<&'v str>,
) -> fmt::Result {
    write!(out, "\n[env.{env}]\n\n[env.{env}.vars]\n")?;
    writeln!(out, "{PROFILE_VAR} = {}", quoted(profile.as_str()))?;
    for var in contract.vars.iter().filter(|v| !v.secret) {
        comment(out, "# ", &var.description)?;
        match value(var) {
            Some(v) => writeln!(out, "{} = {}", var.name, quoted(v))?,
            None => writeln!(out, "# {} is not set", var.name)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn real_values_parse_back_and_no_secret_is_valued() {
        let c = fixture::edge();
        let text = render(&c, "w-two", Profile::Production, |v| {
            match v.name.as_ref() {
                "EDGE_BUCKET" => Some("b \"quoted\" \\ bucket"),
                "EDGE_CALLBACK" => Some("https://real.example.net/cb"),
                "EDGE_KEY" => Some("never-this"),
                _ => None,
            }
        });
        assert!(!text.contains("never-this"));
        let t: toml::Table = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(t["name"].as_str(), Some("w-two"));
        let prod = &t["env"]["production"];
        assert_eq!(prod["vars"][PROFILE_VAR].as_str(), Some("production"));
        assert_eq!(
            prod["vars"]["EDGE_CALLBACK"].as_str(),
            Some("https://real.example.net/cb")
        );
        assert_eq!(
            prod["vars"]["EDGE_BUCKET"].as_str(),
            Some("b \"quoted\" \\ bucket")
        );
        assert!(prod["vars"].get("EDGE_KEY").is_none());
        assert!(prod["vars"].get("EDGE_OPT").is_none());
        assert_eq!(prod["secrets"]["required"][0].as_str(), Some("EDGE_KEY"));
        assert_eq!(
            prod["r2_buckets"][0]["bucket_name"].as_str(),
            Some("b \"quoted\" \\ bucket")
        );
        assert_eq!(t["env"].as_table().unwrap().len(), 1);
        assert_eq!(environment(Profile::Local), "dev");
        assert_eq!(environment(Profile::Docker), "docker");
        assert_eq!(t["main"].as_str(), Some("src/index.ts"));
        assert!(t.get("build").is_none());
    }

    #[test]
    fn a_rust_worker_keeps_its_build_and_main() {
        let text = render(&fixture::edge(), "w_rs", Profile::Production, |_| None);
        let t: toml::Table = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(t["main"].as_str(), Some("build/index.js"));
        assert_eq!(t["build"]["command"].as_str(), Some("bash build.sh"));
    }
}
