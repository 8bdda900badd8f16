//! Contract validation: every rule names the file and the line at fault.
#![cfg(feature = "parse")]

use hivesync_env_core::{Audience, Contract, ContractSet, Profile, VarType};

fn errors(text: &str) -> Vec<String> {
    match Contract::parse("c.toml", text) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

const HEAD: &str = "component = \"demo\"\naudience = \"server\"\ndescription = \"d\"\n";

#[test]
fn the_shipped_contracts_parse_as_a_set() {
    let set = ContractSet::from_dir(std::path::Path::new("../contracts")).unwrap();
    let backend = set.get("backend").unwrap();
    assert_eq!(backend.vars.len(), 25);
    assert_eq!(backend.audience, Audience::Server);
    let host = backend.var("POSTGRES_HOST").unwrap();
    assert_eq!(host.default_for(Profile::Local), Some("localhost"));
    assert_eq!(host.default_for(Profile::Docker), Some("postgres"));
    assert_eq!(
        backend.var("PREVIEW_MAX_TIMEOUT_MS").unwrap().ty,
        VarType::Integer
    );
    let desktop = set.get("desktop").unwrap();
    assert!(desktop.forbidden.iter().any(|n| n == "OPENAI_API_KEY"));
    assert!(backend.forbidden.is_empty());
}

#[test]
fn one_pass_reports_every_error_with_its_line() {
    let text = format!(
        "{HEAD}
[[var]]
name = \"PORT\"
type = \"port\"
default = \"http\"
description = \"p\"

[[var]]
name = \"PORT\"
type = \"port\"
description = \"again\"

[[var]]
name = \"LEVEL\"
type = \"level\"
description = \"l\"
colour = \"red\"
"
    );
    assert_eq!(
        errors(&text),
        [
            "c.toml:8: default `http` of variable PORT does not parse as port: expected a port number (1-65535)",
            "c.toml:11: duplicate variable PORT: first declared on line 5",
            "c.toml:18: unknown type `level` of variable LEVEL: expected one of port, url, bool, integer, enum, path, string",
            "c.toml:20: unknown key `colour` in variable LEVEL: expected one of name, type, description, secret, optional, default, values, unit, min, max, min_len, https, example, group, equals, services",
        ]
    );
}

#[test]
fn client_contracts_hold_only_prefixed_public_values() {
    let text = "component = \"desktop\"\naudience = \"client\"\ndescription = \"d\"\n
[[var]]
name = \"API_URL\"
type = \"url\"
description = \"u\"

[[var]]
name = \"HIVESYNC_PUBLIC_TOKEN\"
type = \"string\"
secret = true
description = \"t\"
";
    assert_eq!(
        errors(text),
        [
            "c.toml:6: client variable `API_URL` must start with `HIVESYNC_PUBLIC_`: rename it `HIVESYNC_PUBLIC_API_URL`",
            "c.toml:13: client variable HIVESYNC_PUBLIC_TOKEN is a secret: secrets must never reach desktop, mobile, plugins or admin-ui; keep it on the server",
        ]
    );
}

#[test]
fn a_client_variable_that_is_a_secret_elsewhere_is_rejected() {
    let server = format!(
        "{HEAD}[[var]]\nname = \"HIVESYNC_PUBLIC_KEY\"\ntype = \"string\"\nsecret = true\ndescription = \"k\"\n"
    );
    let client = "component = \"mobile\"\naudience = \"client\"\ndescription = \"m\"\n\n[[var]]\nname = \"HIVESYNC_PUBLIC_KEY\"\ntype = \"string\"\ndescription = \"k\"\n";
    let err = ContractSet::parse([("server.toml", server.as_str()), ("mobile.toml", client)])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "mobile.toml:5: client variable HIVESYNC_PUBLIC_KEY is a secret in the demo contract (server.toml): secrets must never reach desktop, mobile, plugins or admin-ui"
    );
}

#[test]
fn secrets_cannot_have_defaults_and_defaults_cannot_be_placeholders() {
    let text = format!(
        "{HEAD}[[var]]\nname = \"KEY\"\ntype = \"string\"\nsecret = true\ndefault = \"abc\"\ndescription = \"k\"\n\n[[var]]\nname = \"URL\"\ntype = \"url\"\ndefault = \"REPLACE_ME\"\ndescription = \"u\"\n"
    );
    assert_eq!(
        errors(&text),
        [
            "c.toml:8: secret KEY has a default: a secret's value never belongs in the repository, remove `default`",
            "c.toml:14: default `REPLACE_ME` of variable URL is a placeholder: remove `default` to make the variable required",
        ]
    );
}

#[test]
fn malformed_toml_names_the_line() {
    let err =
        Contract::parse("bad.toml", "component = \"x\"\naudience = = \"server\"\n").unwrap_err();
    assert_eq!(err.0.len(), 1);
    assert_eq!(err.0[0].line, 2);
    assert!(err.0[0].message.starts_with("not valid TOML"), "{}", err);
}

#[test]
fn relations_must_name_existing_variables() {
    let a = format!(
        "{HEAD}[[var]]\nname = \"X\"\ntype = \"string\"\nequals = \"{{nowhere.X}}/a\"\ndescription = \"x\"\n\n[[var]]\nname = \"Y\"\ntype = \"string\"\nequals = \"{{demo.NOPE}}\"\ndescription = \"y\"\n"
    );
    let err = ContractSet::parse([("a.toml", a.as_str())]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a.toml:4: `equals` of X: no component `nowhere`\na.toml:10: `equals` of Y: component `demo` declares no NOPE"
    );
}

#[test]
fn misplaced_keys_and_empty_enums() {
    let text = format!(
        "{HEAD}[[var]]\nname = \"MODE\"\ntype = \"enum\"\nunit = \"ms\"\ndescription = \"m\"\n"
    );
    assert_eq!(
        errors(&text),
        [
            "c.toml:6: variable MODE is an enum with no `values`: list the allowed values",
            "c.toml:7: `unit` applies only to type integer, but variable MODE is a enum",
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_folder_reports_every_unreadable_file_with_the_errors_of_the_others() {
    let dir = std::env::temp_dir().join(format!("hivesync-contracts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.toml"), b"component = \"a\"\naudience = \"sever\"\ndescription = \"a\"\n[[var]]\nname = \"X\"\ntype = \"string\"\ndescription = \"x\"\n").unwrap();
    // Not UTF-8: read_to_string fails.
    std::fs::write(dir.join("b.toml"), b"\xff\xfe").unwrap();
    std::fs::write(dir.join("c.toml"), b"\xff").unwrap();
    let err = ContractSet::from_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    let files: Vec<&str> = err
        .0
        .iter()
        .map(|e| e.file.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(files, ["a.toml", "b.toml", "c.toml"], "{err}");
    assert!(
        err.0[0].message.starts_with("unknown audience `sever`"),
        "{err}"
    );
    assert!(err.0[1].message.starts_with("cannot read: "), "{err}");
}

const EDGE: &str = "component = \"edge\"\naudience = \"edge\"\ndescription = \"d\"\n";
const ONE_VAR: &str = "\n[[var]]\nname = \"X\"\ntype = \"string\"\ndescription = \"x\"\n";

#[test]
fn rust_workers_are_read_from_wrangler_rust() {
    let text = format!(
        "{EDGE}
[wrangler]
workers = [\"api\", \"health\"]
compatibility_date = \"2026-01-01\"

[wrangler.rust]
health = \"workers/health-rs\"
{ONE_VAR}"
    );
    let c = Contract::parse("c.toml", &text).unwrap();
    let w = c.wrangler.unwrap();
    assert_eq!(w.rust.len(), 1);
    assert_eq!(&*w.rust[0].name, "health");
    assert_eq!(&*w.rust[0].dir, "workers/health-rs");
    assert!(w.rust_worker("api").is_none());
}

#[test]
fn a_rust_worker_must_be_listed_and_its_folder_relative() {
    let text = format!(
        "{EDGE}
[wrangler]
workers = [\"api\", \"a\", \"b\", \"c\", \"d\"]
compatibility_date = \"2026-01-01\"

[wrangler.rust]
retired = \"x\"
a = \"/abs\"
b = \"../up\"
c = \"a//b\"
d = 3
{ONE_VAR}"
    );
    assert_eq!(
        errors(&text),
        [
            "c.toml:10: [wrangler.rust] names `retired`, which is not one of [wrangler] `workers`",
            "c.toml:11: the folder `/abs` of Rust worker `a` must be a relative path from the repository root, `/`-separated, without `.` or `..`",
            "c.toml:12: the folder `../up` of Rust worker `b` must be a relative path from the repository root, `/`-separated, without `.` or `..`",
            "c.toml:13: the folder `a//b` of Rust worker `c` must be a relative path from the repository root, `/`-separated, without `.` or `..`",
            "c.toml:14: the folder of Rust worker `d` must be a string",
        ]
    );
    let not_a_table = format!(
        "{EDGE}\n[wrangler]\nworkers = [\"api\"]\ncompatibility_date = \"2026-01-01\"\nrust = [\"api\"]\n{ONE_VAR}"
    );
    assert_eq!(
        errors(&not_a_table),
        ["c.toml:8: `rust` of [wrangler] must be a table of worker = \"folder\""]
    );
}
