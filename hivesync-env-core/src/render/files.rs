//! The list of files the renderers produce: [`artifacts`], committed under
//! `contracts/generated/`, and [`placed`], rendered beside the code they configure.

use crate::Contract;

use super::{compose, env_example, json_schema, markdown, typescript, wrangler};

/// One rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// The path relative to the output folder, `/`-separated, e.g. `wrangler/preview_builder.toml`.
    pub path: String,
    /// The full text of the file.
    pub contents: String,
}

/// Every artifact of `contracts`, sorted by path.
///
/// - `ENVIRONMENT.md`: the reference of every component ([`markdown::document`]);
/// - `<component>.env.example` ([`env_example::render`]);
/// - `<component>.dev.vars.example` for edge components with secrets ([`env_example::dev_vars`]);
/// - `wrangler/<worker>.toml` for each TypeScript worker of an edge component
///   ([`wrangler::render`]; a Rust worker's is one of the [`placed`] files);
/// - `docker-compose.env.yml` when a contract names a Compose service ([`compose::render`]);
/// - `<component>-env.d.ts` for each edge component ([`typescript::render`]);
/// - `hivesync-env.schema.json` ([`json_schema::render`]).
pub fn artifacts(contracts: &[Contract]) -> Vec<Artifact> {
    let mut out = Vec::new();
    let mut add = |path: String, contents: String| out.push(Artifact { path, contents });
    add("ENVIRONMENT.md".to_owned(), markdown::document(contracts));
    for c in contracts {
        add(
            format!("{}.env.example", c.component),
            env_example::render(c),
        );
        if let Some(text) = env_example::dev_vars(c) {
            add(format!("{}.dev.vars.example", c.component), text);
        }
        if c.wrangler.is_some() {
            add(format!("{}-env.d.ts", c.component), typescript::render(c));
        }
        for worker in c.wrangler.iter().flat_map(|w| w.workers.iter()) {
            if wrangler::Build::of(c, worker) == wrangler::Build::Rust {
                continue;
            }
            add(
                format!("wrangler/{worker}.toml"),
                wrangler::render(c, worker),
            );
        }
    }
    if let Some(text) = compose::render(contracts) {
        add("docker-compose.env.yml".to_owned(), text);
    }
    add(
        "hivesync-env.schema.json".to_owned(),
        json_schema::render(contracts),
    );
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The files rendered into the repository beside the code they configure, paths
/// relative to the repository root and `/`-separated, sorted by path: the
/// `wrangler.toml` of each Rust worker, in its crate's folder (`[wrangler.rust]`), so
/// that `wrangler dev` runs there as is. Compare them with [`drift`](super::drift())
/// too (no file on disk is ever [`DriftKind::Extra`](super::DriftKind::Extra) here:
/// the rest of the repository is not rendered).
///
/// ```
/// use hivesync_env_core::{Audience, Contract, RustWorker, Var, VarType, Wrangler};
/// use hivesync_env_core::render::{artifacts, placed};
/// let contract = Contract {
///     component: "edge".into(),
///     audience: Audience::Edge,
///     description: "Workers".into(),
///     file: "edge.toml".into(),
///     vars: vec![Var::new("CALLBACK_URL", VarType::Url)].into(),
///     compose_service: None,
///     wrangler: Some(Wrangler {
///         workers: vec!["api".into(), "health".into()].into(),
///         r2_binding: None,
///         r2_bucket_var: None,
///         compatibility_date: "2026-01-01".into(),
///         rust: vec![RustWorker { name: "health".into(), dir: "workers/health".into() }].into(),
///     }),
///     forbidden: Vec::new().into(),
/// };
/// let beside = placed(std::slice::from_ref(&contract));
/// assert_eq!(beside.len(), 1);
/// assert_eq!(beside[0].path, "workers/health/wrangler.toml");
/// assert!(beside[0].contents.contains("main = \"build/index.js\""));
/// let generated = artifacts(std::slice::from_ref(&contract));
/// assert!(generated.iter().any(|a| a.path == "wrangler/api.toml"));
/// assert!(!generated.iter().any(|a| a.path == "wrangler/health.toml"));
/// ```
pub fn placed(contracts: &[Contract]) -> Vec<Artifact> {
    let mut out: Vec<Artifact> = contracts
        .iter()
        .flat_map(|c| {
            c.wrangler.iter().flat_map(move |w| {
                w.rust.iter().map(move |r| Artifact {
                    path: format!("{}/wrangler.toml", r.dir),
                    contents: wrangler::render(c, &r.name),
                })
            })
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn artifacts_are_sorted_and_end_with_a_newline() {
        let all = artifacts(&fixture::all());
        let paths: Vec<&str> = all.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "ENVIRONMENT.md",
                "client.env.example",
                "docker-compose.env.yml",
                "edge-env.d.ts",
                "edge.dev.vars.example",
                "edge.env.example",
                "hivesync-env.schema.json",
                "server.env.example",
                "wrangler/w-two.toml",
                "wrangler/w_one.toml",
            ]
        );
        for a in &all {
            assert!(a.contents.ends_with('\n'), "{}", a.path);
            assert!(!a.contents.ends_with("\n\n"), "{}", a.path);
            assert!(
                a.contents.contains("generated by `hivesync-env docs`"),
                "{}",
                a.path
            );
        }
    }

    #[test]
    fn a_rust_worker_is_placed_in_its_folder_and_not_generated() {
        let placed = placed(&fixture::all());
        let paths: Vec<&str> = placed.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths, ["workers/w-rs/wrangler.toml"]);
        assert_eq!(
            placed[0].contents,
            wrangler::render(&fixture::edge(), "w_rs")
        );
        assert!(
            !artifacts(&fixture::all())
                .iter()
                .any(|a| a.path.contains("w_rs"))
        );
    }

    #[test]
    fn output_does_not_depend_on_the_order_contracts_are_loaded_in() {
        let mut reversed = fixture::all();
        reversed.reverse();
        assert_eq!(artifacts(&reversed), artifacts(&fixture::all()));
    }
}
