//! `hivesync-env docs` and `hivesync-env example`: the committed artifacts in
//! `contracts/generated/` match the contracts, parse in their formats, name every
//! variable, and never hold a secret value.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hivesync_env_core::render::{self, DriftKind};
use hivesync_env_core::{Contract, ContractSet, Profile};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn generated_dir() -> PathBuf {
    repo_root().join(render::GENERATED_DIR)
}

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hivesync-env"))
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run hivesync-env");
    (
        status.code().expect("exit code"),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

/// The contracts built into the binary, parsed the way the CLI parses them.
fn contracts() -> ContractSet {
    ContractSet::parse(hivesync_contracts::SOURCES.iter().copied()).expect("valid contracts")
}

fn contract<'a>(set: &'a ContractSet, component: &str) -> &'a Contract {
    set.get(component).expect(component)
}

/// The edge contract of the workers (the only one with `[wrangler]`).
fn workers(set: &ContractSet) -> &Contract {
    set.contracts()
        .iter()
        .find(|c| c.wrangler.is_some())
        .expect("an edge contract")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(generated_dir().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

// ---------------------------------------------------------------- up to date

#[test]
fn committed_artifacts_match_a_fresh_render() {
    let expected = render::artifacts(contracts().contracts());
    let drift = render::drift(&expected, &read_tree(&generated_dir()));
    assert!(
        drift.is_empty(),
        "contracts/generated is out of date, run `cargo run -- docs` and commit:\n{}",
        drift
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn committed_rust_worker_configs_match_a_fresh_render() {
    let placed = render::placed(contracts().contracts());
    let paths: Vec<&str> = placed.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["examples/worker-rs/wrangler.toml"]);
    for a in &placed {
        let committed = std::fs::read_to_string(repo_root().join(&a.path)).unwrap();
        assert!(
            committed == a.contents,
            "{} is out of date, run `cargo run -- docs` and commit",
            a.path
        );
    }
}

#[test]
fn docs_check_passes_on_the_committed_output() {
    let (code, stdout, stderr) = run(cli().current_dir(repo_root()).args(["docs", "--check"]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("contracts/generated is up to date"),
        "{stdout}"
    );
}

#[test]
fn a_description_edited_without_rendering_is_stale() {
    let set = contracts();
    let mut edited: Vec<Contract> = set.contracts().to_vec();
    let backend = edited
        .iter_mut()
        .find(|c| c.component == "backend")
        .unwrap();
    backend.vars.to_mut()[0].description = "Edited in memory, not re-rendered".into();
    let drift = render::drift(&render::artifacts(&edited), &read_tree(&generated_dir()));
    let stale: Vec<&str> = drift
        .iter()
        .inspect(|d| assert_eq!(d.kind, DriftKind::Stale, "{d}"))
        .map(|d| d.path.as_str())
        .collect();
    // Every artifact that shows a backend description, and only those.
    assert_eq!(
        stale,
        [
            "ENVIRONMENT.md",
            "backend.env.example",
            "docker-compose.env.yml",
            "hivesync-env.schema.json"
        ]
    );
}

#[test]
fn docs_check_names_the_stale_file_of_an_edited_contract_file() {
    let dir = tempfile::tempdir().unwrap();
    let set = contracts();
    let edge = workers(&set);
    for (file, text) in hivesync_contracts::SOURCES {
        let name = Path::new(file).file_name().unwrap();
        let description = &edge.vars[0].description;
        let text = if *file == edge.file {
            assert!(text.contains(description.as_ref()));
            text.replace(description.as_ref(), "An edited description")
        } else {
            text.to_string()
        };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let (code, _, stderr) = run(cli()
        .current_dir(repo_root())
        .arg("--contracts")
        .arg(dir.path())
        .args(["docs", "--check", "--out"])
        .arg(generated_dir()));
    assert_eq!(code, 1, "{stderr}");
    // Exactly the files that show a workers description; the contracts' load order
    // (file names here, the built-in list otherwise) changes nothing else.
    let stale: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("error:"))
        .collect();
    let mut expected = vec![
        "ENVIRONMENT.md".to_owned(),
        "hivesync-env.schema.json".to_owned(),
        "workers-env.d.ts".to_owned(),
        "workers.env.example".to_owned(),
    ];
    let wrangler = workers(&contracts()).wrangler.clone().unwrap();
    for worker in wrangler.workers.iter() {
        if wrangler.rust_worker(worker).is_none() {
            expected.push(format!("wrangler/{worker}.toml"));
        }
    }
    expected.sort();
    let expected: Vec<String> = expected
        .iter()
        .map(|p| format!("stale: {}", generated_dir().join(p).display()))
        .collect();
    // The Rust worker's config shows the description too, but it is beside its code,
    // outside the folder named by --out: not checked (see the next test).
    assert_eq!(stale, expected);
    assert!(stderr.contains("run `hivesync-env docs`"), "{stderr}");
}

#[test]
fn docs_writes_then_check_names_stale_missing_and_extra_files() {
    let dir = tempfile::tempdir().unwrap();
    // Without --out: `contracts/generated` of the current folder (no repository above
    // it holds one), and the Rust worker's config beside its code.
    let docs = |check: bool| {
        let mut cmd = cli();
        cmd.current_dir(dir.path()).arg("docs");
        if check {
            cmd.arg("--check");
        }
        run(&mut cmd)
    };
    let out = dir.path().join("contracts/generated");
    let rust_config = dir.path().join("examples/worker-rs/wrangler.toml");
    let (code, stdout, stderr) = docs(false);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("wrote "), "{stdout}");
    assert_eq!(read_tree(&out), read_tree(&generated_dir()));
    assert_eq!(
        std::fs::read_to_string(&rust_config).unwrap(),
        std::fs::read_to_string(repo_root().join("examples/worker-rs/wrangler.toml")).unwrap()
    );

    std::fs::write(out.join("backend.env.example"), "PORT=1\n").unwrap();
    std::fs::remove_file(out.join("hivesync-env.schema.json")).unwrap();
    std::fs::write(out.join("wrangler/retired_worker.toml"), "").unwrap();
    std::fs::remove_file(&rust_config).unwrap();
    let (code, _, stderr) = docs(true);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "stale: contracts/generated/backend.env.example",
            "missing: contracts/generated/hivesync-env.schema.json",
            "extra: contracts/generated/wrangler/retired_worker.toml",
            "missing: examples/worker-rs/wrangler.toml",
        ]
    );

    // Writing again repairs what it renders and warns about what it does not.
    let (code, _, stderr) = docs(false);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("retired_worker.toml is not rendered"),
        "{stderr}"
    );
    std::fs::remove_file(out.join("wrangler/retired_worker.toml")).unwrap();
    let (code, ..) = docs(true);
    assert_eq!(code, 0);
    std::fs::write(&rust_config, "name = \"edited\"\n").unwrap();
    let (code, _, stderr) = docs(true);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("stale: examples/worker-rs/wrangler.toml\n"),
        "{stderr}"
    );
}

#[test]
fn docs_with_out_writes_and_checks_only_that_folder() {
    let dir = tempfile::tempdir().unwrap();
    let docs = |check: bool| {
        let mut cmd = cli();
        cmd.current_dir(dir.path()).arg("docs");
        if check {
            cmd.arg("--check");
        }
        run(cmd.args(["--out", "gen"]))
    };
    let (code, stdout, stderr) = docs(false);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("wrote "), "{stdout}");
    // Everything written is inside gen/: the Rust worker's config, beside its code,
    // is outside it.
    let top: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(top, ["gen"]);
    assert_eq!(
        read_tree(&dir.path().join("gen")),
        read_tree(&generated_dir())
    );
    // The check, likewise, does not ask for a file beside the code.
    let (code, stdout, stderr) = docs(true);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("is up to date"), "{stdout}");
}

// ---------------------------------------------------------------- no secret values

#[test]
fn no_secret_value_reaches_any_artifact_whatever_the_environment_holds() {
    let set = contracts();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let marker = format!("leak-marker-{nanos:x}-{}", std::process::id());
    let secrets: Vec<String> = set
        .contracts()
        .iter()
        .flat_map(|c| c.secrets().map(|v| v.name.to_string()))
        .collect();
    assert!(secrets.len() >= 7, "{secrets:?}");
    let with_secrets = |cmd: &mut Command| {
        for (i, name) in secrets.iter().enumerate() {
            cmd.env(name, format!("{marker}-{i}"));
        }
    };

    let dir = tempfile::tempdir().unwrap();
    let mut cmd = cli();
    cmd.current_dir(dir.path())
        .args(["docs", "--out"])
        .arg(dir.path().join("gen"));
    with_secrets(&mut cmd);
    let (code, stdout, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains(&marker) && !stderr.contains(&marker));
    // The generated folder, and nothing outside it.
    let files = read_tree(dir.path());
    assert_eq!(files.len(), render::artifacts(set.contracts()).len());
    for (path, text) in &files {
        assert!(!text.contains(&marker), "a secret value leaked into {path}");
    }

    for c in set.contracts() {
        let mut cmd = cli();
        cmd.args(["example", &c.component]);
        with_secrets(&mut cmd);
        let (code, stdout, _) = run(&mut cmd);
        assert_eq!(code, 0);
        assert!(
            !stdout.contains(&marker),
            "a secret value leaked into `example {}`",
            c.component
        );
    }
}

#[test]
fn secrets_appear_only_as_replace_me_or_references() {
    let set = contracts();
    for c in set.contracts() {
        let text = read(&format!("{}.env.example", c.component));
        for var in c.secrets() {
            let line = format!("\n{}=", var.name);
            let at = text
                .find(&line)
                .unwrap_or_else(|| panic!("{} in {}", var.name, c.component));
            let value = text[at + line.len()..].lines().next().unwrap();
            assert_eq!(value, render::REPLACE_ME, "{}", var.name);
        }
    }
    let dev_vars = read(&format!("{}.dev.vars.example", workers(&set).component));
    let assignments: Vec<&str> = dev_vars
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    let expected: Vec<String> = workers(&set)
        .secrets()
        .map(|v| format!("{}=REPLACE_ME", v.name))
        .collect();
    assert_eq!(assignments, expected);
}

// ---------------------------------------------------------------- .env.example

/// N.3 "Backend required variables", copied by hand from phase-n-deployment.md.
const N3_BACKEND: &str = "\
PORT=4000
BASE_URL=https://yourdomain.com
JWT_SECRET=REPLACE_ME

POSTGRES_HOST=postgres
POSTGRES_PORT=5432
POSTGRES_DB=hivesync
POSTGRES_USER=hivesync
POSTGRES_PASSWORD=REPLACE_ME

REDIS_HOST=redis
REDIS_PORT=6379

EMAIL_PROVIDER=resend
RESEND_API_KEY=REPLACE_ME

AI_PRIMARY=openai
AI_MODEL=gpt-4.1
OPENAI_API_KEY=REPLACE_ME

LOCAL_AI_ENABLED=false
LOCAL_AI_MODEL_PATH=/models/llama

PREVIEW_MAX_TIMEOUT_MS=8000
LOG_LEVEL=info

R2_ACCOUNT_ID=REPLACE_ME
R2_ACCESS_KEY_ID=REPLACE_ME
R2_SECRET_ACCESS_KEY=REPLACE_ME
R2_BUCKET=hivesync-r2
R2_PUBLIC_URL=REPLACE_ME (if using public assets)

WORKER_CALLBACK_SECRET=REPLACE_ME
";

/// The `NAME=value` lines of a `.env.example`, commented-out ones included (without
/// their `# `), grouped by blank lines; the header block is dropped.
fn assignment_groups(text: &str) -> Vec<Vec<String>> {
    let is_assignment = |l: &str| {
        let l = l.strip_prefix("# ").unwrap_or(l);
        l.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
    };
    text.split("\n\n")
        .map(|block| {
            block
                .lines()
                .filter(|l| is_assignment(l))
                .map(|l| l.strip_prefix("# ").unwrap_or(l).to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|g| !g.is_empty())
        .collect()
}

#[test]
fn backend_example_has_the_shape_of_n3() {
    let (code, stdout, _) = run(cli().args(["example", "backend"]));
    assert_eq!(code, 0);
    assert_eq!(stdout, read("backend.env.example"));
    let ours = assignment_groups(&stdout);
    let seed = assignment_groups(N3_BACKEND);
    // Same names, same order, same grouping.
    let names = |groups: &[Vec<String>]| -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|l| l.split('=').next().unwrap().to_owned())
                    .collect()
            })
            .collect()
    };
    assert_eq!(names(&ours), names(&seed));
    // ... and the contract's names, in its order.
    let contract_names: Vec<String> = contract(&contracts(), "backend")
        .vars
        .iter()
        .map(|v| v.name.to_string())
        .collect();
    assert_eq!(names(&ours).concat(), contract_names);
    // Same values, but the optional R2_PUBLIC_URL whose seed value is a note.
    for (ours, seed) in ours.concat().iter().zip(seed.concat()) {
        if seed.ends_with("(if using public assets)") {
            assert_eq!(*ours, "R2_PUBLIC_URL=REPLACE_ME");
        } else {
            assert_eq!(*ours, seed);
        }
    }
    // The optional variable is commented out, and described above.
    assert!(stdout.contains(
        "# Public URL of the R2 bucket, if public assets are served from it\n\
         # an absolute https URL; optional: uncomment to set\n\
         # R2_PUBLIC_URL=REPLACE_ME\n"
    ));
    // The per-profile default shows docker and names the others.
    assert!(stdout.contains(
        "# docker value; local: localhost, production: postgres\nPOSTGRES_HOST=postgres\n"
    ));
}

#[test]
fn workers_example_by_hand() {
    let (code, stdout, _) = run(cli().args(["example", "workers"]));
    assert_eq!(code, 0);
    let body = stdout.split_once("\n\n").unwrap().1;
    assert_eq!(
        body,
        "# R2 bucket the workers read and write; must equal the backend's\n\
         R2_BUCKET=hivesync-r2\n\
         # Backend endpoint that receives signed job results\n\
         # an absolute https URL; required\n\
         WORKER_CALLBACK_URL=https://yourdomain.com/api/v1/workers/callback\n\
         # Shared key that signs callbacks to the backend (HMAC); must equal the backend's value\n\
         # secret of at least 32 characters: never commit the real value\n\
         WORKER_CALLBACK_SECRET=REPLACE_ME\n\
         # Model name the AI docs processor requests; must equal the backend's\n\
         AI_MODEL=gpt-4.1\n"
    );
}

#[test]
fn example_of_an_unknown_component_is_a_usage_error() {
    let (code, stdout, stderr) = run(cli().args(["example", "frontend"]));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("unknown component `frontend`"), "{stderr}");
}

#[test]
fn every_component_has_an_example_naming_all_its_variables() {
    for c in contracts().contracts() {
        let text = read(&format!("{}.env.example", c.component));
        let names: Vec<String> = assignment_groups(&text)
            .concat()
            .iter()
            .map(|l| l.split('=').next().unwrap().to_owned())
            .collect();
        let expected: Vec<String> = c.vars.iter().map(|v| v.name.to_string()).collect();
        assert_eq!(names, expected, "{}", c.component);
    }
}

// ---------------------------------------------------------------- wrangler.toml

#[test]
fn wrangler_files_parse_and_carry_what_wrangler_reads() {
    let set = contracts();
    let c = workers(&set);
    let w = c.wrangler.as_ref().unwrap();
    // The four workers of N.6.1 stay TypeScript; the Rust example is the fifth.
    let n61 = [
        "preview_builder",
        "ai_docs_processor",
        "worker_callback_relayer",
        "healthcheck_worker",
    ];
    assert_eq!(w.workers.len(), 5);
    assert!(n61.iter().all(|n| w.workers.iter().any(|x| x == n)));
    let secrets: Vec<toml::Value> = c.secrets().map(|v| v.name.to_string().into()).collect();
    for worker in w.workers.iter() {
        let (text, main) = match w.rust_worker(worker) {
            Some(r) => {
                assert!(!n61.contains(&worker.as_ref()), "{worker}");
                let path = repo_root().join(&*r.dir).join("wrangler.toml");
                (std::fs::read_to_string(path).unwrap(), "build/index.js")
            }
            None => (read(&format!("wrangler/{worker}.toml")), "src/index.ts"),
        };
        let t: toml::Table = text.parse().unwrap_or_else(|e| panic!("{worker}: {e}"));
        assert_eq!(t["name"].as_str(), Some(worker.as_ref()));
        assert_eq!(t["main"].as_str(), Some(main));
        let build = t.get("build").map(|b| b["command"].as_str().unwrap());
        let expected_build = (main == "build/index.js").then_some("bash build.sh");
        assert_eq!(build, expected_build, "{worker}");
        assert_eq!(
            t["compatibility_date"].as_str(),
            Some(w.compatibility_date.as_ref())
        );
        assert_eq!(t["secrets"]["required"].as_array(), Some(&secrets));
        for (env, profile) in [("dev", Profile::Local), ("production", Profile::Production)] {
            let e = &t["env"][env];
            let vars = e["vars"].as_table().unwrap();
            assert_eq!(
                vars[hivesync_env_core::PROFILE_VAR].as_str(),
                Some(profile.as_str()),
                "{worker} {env}"
            );
            for var in c.vars.iter() {
                if var.secret {
                    assert!(
                        !vars.contains_key(var.name.as_ref()),
                        "secret {} as a var",
                        var.name
                    );
                } else {
                    let expected = var
                        .default_for(profile)
                        .or(var.example.as_deref().filter(|_| profile == Profile::Local))
                        .unwrap_or(render::REPLACE_ME);
                    assert_eq!(
                        vars[var.name.as_ref()].as_str(),
                        Some(expected),
                        "{env} {}",
                        var.name
                    );
                }
            }
            assert_eq!(e["secrets"]["required"].as_array(), Some(&secrets), "{env}");
            let buckets = e["r2_buckets"].as_array().unwrap();
            assert_eq!(buckets.len(), 1);
            assert_eq!(buckets[0]["binding"].as_str(), w.r2_binding.as_deref());
            let bucket_var = c.var(w.r2_bucket_var.as_deref().unwrap()).unwrap();
            assert_eq!(
                buckets[0]["bucket_name"].as_str(),
                bucket_var.default_for(profile)
            );
        }
        for var in c.secrets() {
            let command = format!("\n#   wrangler secret put {} --env production\n", var.name);
            assert!(text.contains(&command), "{worker}: {command}");
        }
    }
}

// ---------------------------------------------------------------- compose

#[test]
fn compose_parses_and_holds_only_references() {
    use serde_norway::Value;
    let set = contracts();
    let doc: Value = serde_norway::from_str(&read("docker-compose.env.yml")).unwrap();
    let backend = contract(&set, "backend");
    let service = backend.compose_service.as_deref().unwrap();
    let env = doc["services"][service]["environment"]
        .as_mapping()
        .unwrap();
    // Every variable, and the profile the backend runs in.
    assert_eq!(env.len(), backend.vars.len() + 1);
    assert_eq!(
        env["HIVESYNC_PROFILE"].as_str(),
        Some("${HIVESYNC_PROFILE:-docker}")
    );
    let check = |env: &serde_norway::Mapping, var: &hivesync_env_core::Var| {
        if var.secret {
            // A file Compose mounts, never the value nor an interpolation of it.
            let lower = var.name.to_ascii_lowercase();
            assert!(env.get(var.name.as_ref()).is_none(), "{}", var.name);
            let file = &env[format!("{}_FILE", var.name).as_str()];
            assert_eq!(
                file.as_str(),
                Some(format!("/run/secrets/{lower}").as_str())
            );
            assert_eq!(
                doc["secrets"][lower.as_str()]["file"].as_str(),
                Some(format!("./secrets/{lower}").as_str())
            );
            return;
        }
        let value = &env[var.name.as_ref()];
        if let Some(d) = var.default_for(Profile::Docker) {
            assert_eq!(
                value.as_str(),
                Some(format!("${{{}:-{d}}}", var.name).as_str())
            );
        } else if var.optional {
            assert!(value.is_null(), "{}", var.name);
        } else {
            assert!(
                value
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("${{{}:?", var.name))
            );
        }
    };
    for var in backend.vars.iter() {
        check(env, var);
    }
    // The postgres image reads the variables that name its service, under the same names.
    let mut extra: BTreeMap<&str, Vec<&hivesync_env_core::Var>> = BTreeMap::new();
    for var in backend.vars.iter() {
        for s in var.services.iter() {
            extra.entry(s.as_ref()).or_default().push(var);
        }
    }
    assert!(!extra.is_empty());
    for (service, vars) in extra {
        let env = doc["services"][service]["environment"]
            .as_mapping()
            .unwrap();
        assert_eq!(env.len(), vars.len(), "{service}");
        for var in vars {
            check(env, var);
        }
    }
}

// ---------------------------------------------------------------- schema, TypeScript, markdown

#[test]
fn schema_parses_and_covers_every_variable() {
    let set = contracts();
    let schema: serde_json::Value =
        serde_json::from_str(&read("hivesync-env.schema.json")).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(schema["$comment"].as_str().unwrap().contains("do not edit"));
    for c in set.contracts() {
        let def = &schema["$defs"][c.component.as_ref()];
        assert_eq!(def["type"], "object", "{}", c.component);
        let required: Vec<&str> = c
            .vars
            .iter()
            .filter(|v| v.is_required(Profile::Production))
            .map(|v| v.name.as_ref())
            .collect();
        assert_eq!(
            def["required"],
            serde_json::json!(required),
            "{}",
            c.component
        );
        for var in c.vars.iter() {
            let p = &def["properties"][var.name.as_ref()];
            assert_eq!(p["type"], "string", "{}", var.name);
            assert_eq!(
                p["description"]
                    .as_str()
                    .map(|d| d.starts_with(var.description.as_ref())),
                Some(true)
            );
            if var.secret {
                assert_eq!(p["writeOnly"], true, "{}", var.name);
                assert!(p.get("default").is_none() && p.get("examples").is_none());
            }
            if let Some(d) = var.uniform_default() {
                assert_eq!(p["default"], d);
            }
        }
    }
}

#[test]
fn typescript_env_names_every_worker_binding() {
    let set = contracts();
    let c = workers(&set);
    let text = read(&format!("{}-env.d.ts", c.component));
    assert!(text.starts_with("// generated by `hivesync-env docs`"));
    assert!(text.contains("declare namespace Cloudflare {\n\tinterface Env {\n"));
    assert!(text.ends_with("}\ninterface Env extends Cloudflare.Env {}\n"));
    let binding = c.wrangler.as_ref().unwrap().r2_binding.as_deref().unwrap();
    assert!(text.contains(&format!("\n\t\t{binding}: R2Bucket;\n")));
    for var in c.vars.iter() {
        assert!(
            text.contains(&format!("\n\t\t{}: string;\n", var.name)),
            "{}",
            var.name
        );
    }
}

#[test]
fn environment_md_has_a_table_per_component_and_the_relations() {
    let set = contracts();
    let md = read("ENVIRONMENT.md");
    for c in set.contracts() {
        let section = format!("\n## {}\n", c.component);
        assert!(md.contains(&section), "{section}");
        assert!(
            md.contains(&render::markdown::vars_table(c)),
            "{}",
            c.component
        );
    }
    let relations = md.split_once("\n## Cross-component relations\n").unwrap().1;
    for c in set.contracts() {
        for var in c.vars.iter().filter(|v| v.equals.is_some()) {
            let row = format!(
                "| `{}.{}` | `{}` |",
                c.component,
                var.name,
                var.equals.as_ref().unwrap()
            );
            assert!(relations.contains(&row), "{row}");
        }
    }
    assert!(relations.contains(
        "| `workers.WORKER_CALLBACK_URL` | `{backend.BASE_URL}/api/v1/workers/callback` | built from `backend.BASE_URL` |"
    ));
}

#[test]
fn the_profile_variable_is_documented_as_the_tools_own_and_in_no_env_example() {
    let md = read("ENVIRONMENT.md");
    let own = md.split_once("\n## hivesync-env itself\n").unwrap().1;
    let own = own.split("\n## ").next().unwrap();
    assert!(
        own.contains("| `HIVESYNC_PROFILE` | `local`, `docker`, `production` | `production` |"),
        "{own}"
    );
    for c in contracts().contracts() {
        assert!(c.var("HIVESYNC_PROFILE").is_none(), "{}", c.component);
        let example = read(&format!("{}.env.example", c.component));
        assert!(!example.contains("HIVESYNC_PROFILE"), "{}", c.component);
    }
}
