//! Property tests of the two promises a config loader must keep under any input:
//!
//! - a secret's value never reaches an output: `Display`/`Debug` of every public type,
//!   the JSON report, for every problem a secret can be involved in (`weak`, `invalid`,
//!   `placeholder`, `not_unicode`, `conflict`, a Docker secret file, `leak`);
//! - a non-secret value comes back unchanged, from a map and from an env file.
//!
//! Each secret is planted between two random markers (`Qs1a2b3c` ... `4d5e6fsZ`), so a
//! leak shows even when the value is escaped (`escape_debug`, JSON) or cut short: the
//! markers are ASCII letters and digits that no message, name or escape contains. The
//! body between them holds what tends to break quoting and redaction: other variables'
//! names and `${NAME}` references, quotes, backslashes, `#`, `=`, newlines, CR, tabs
//! and non-ASCII text.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::sync::OnceLock;

use hivesync_env::source::{EnvFile, Layered, MapSource, Origin, Source};
use hivesync_env::{Checked, Contract, ProblemKind, Profile, Secret, Severity, check};
use hivesync_env_test_support::contract;
use proptest::prelude::*;
use proptest::sample::select;

/// A server contract whose secrets have types other than string, so a secret's value
/// can be `invalid` (the real contracts' secrets are all strings).
fn typed_secrets() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let toml = r#"
component = "typed"
audience = "server"
description = "secrets of every type"

[[var]]
name = "SECRET_PORT"
type = "port"
secret = true
description = "a port that is a secret"

[[var]]
name = "SECRET_URL"
type = "url"
https = true
secret = true
description = "a URL with credentials in it"

[[var]]
name = "SECRET_NUMBER"
type = "integer"
min = 1
max = 99
secret = true
description = "a number that is a secret"

[[var]]
name = "SECRET_FLAG"
type = "bool"
secret = true
description = "a flag that is a secret"

[[var]]
name = "SECRET_CHOICE"
type = "enum"
values = ["alpha", "beta"]
secret = true
description = "a choice that is a secret"

[[var]]
name = "SECRET_LONG"
type = "string"
min_len = 64
secret = true
description = "a long key"
"#;
        hivesync_env_core::Contract::parse("typed.toml", toml).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// Names a secret's body may contain: every contract's names and a few words of the
/// messages themselves.
const NAMES: &[&str] = &[
    "PORT",
    "BASE_URL",
    "JWT_SECRET",
    "JWT_SECRET_FILE",
    "POSTGRES_PASSWORD",
    "OPENAI_API_KEY",
    "WORKER_CALLBACK_SECRET",
    "HIVESYNC_PUBLIC_API_URL",
    "LOG_LEVEL",
    "secret",
    "[redacted]",
    "not shown",
    "REPLACE_ME",
];

const SPECIALS: &[&str] = &[
    "'", "\"", "\\", "\n", "\r\n", "\r", "#", " #", "=", "$", "${", "}", " ", "\t", "`", "\\n",
    "\\\"", "export ", "\u{feff}",
];

/// One piece of a secret's body.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        select(NAMES).prop_map(String::from),
        select(NAMES).prop_map(|n| format!("${{{n}}}")),
        select(NAMES).prop_map(|n| format!("${n}")),
        select(SPECIALS).prop_map(String::from),
        "[\\p{L}\\p{So}\\p{Sc}]{1,3}",
        any::<char>().prop_map(String::from),
    ]
}

fn body(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max_pieces).prop_map(|v| v.concat())
}

/// A secret value between two markers that no output may contain.
#[derive(Debug, Clone)]
struct Planted {
    value: String,
    markers: [String; 2],
}

impl Planted {
    fn new(start: u32, end: u32, body: &str) -> Planted {
        let markers = [format!("Qs{start:06x}"), format!("{end:06x}sZ")];
        Planted {
            value: format!("{}{body}{}", markers[0], markers[1]),
            markers,
        }
    }

    /// Wraps the value, keeping the markers: `REPLACE_ME...`, `sk-...`.
    fn wrapped(&self, before: &str, after: &str) -> Planted {
        Planted {
            value: format!("{before}{}{after}", self.value),
            markers: self.markers.clone(),
        }
    }
}

fn planted(max_pieces: usize) -> impl Strategy<Value = Planted> {
    (0u32..0xff_ffff, 0u32..0xff_ffff, body(max_pieces))
        .prop_map(|(a, b, body)| Planted::new(a, b, &body))
}

/// A planted secret of at most `max_chars` characters (a `weak` one).
fn short_planted(max_chars: usize) -> impl Strategy<Value = Planted> {
    (0u32..0xff_ffff, 0u32..0xff_ffff, body(4)).prop_map(move |(a, b, body)| {
        let room = max_chars - 16;
        let body: String = body.chars().take(room).collect();
        Planted::new(a, b, &body)
    })
}

/// `value` as a double-quoted env-file value: dotenvy unescapes `\\`, `\"`, `\$` and
/// `\n`; everything else, CR and non-ASCII included, is taken literally.
fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn env_file_text(pairs: &[(&str, &str)]) -> String {
    let mut text = String::from("# written by the property tests\n");
    for (name, value) in pairs {
        text.push_str(&format!("{name}={}\n", double_quoted(value)));
    }
    text
}

/// Everything a user can print of a check's result.
fn check_outputs(checked: &Checked) -> Vec<String> {
    let mut out = vec![
        checked.report.to_string(),
        format!("{:?}", checked.report),
        format!("{checked:?}"),
        format!("{checked:#?}"),
        serde_json::to_string(&checked.report).expect("report serializes"),
        serde_json::to_string_pretty(&checked.vars).expect("vars serialize"),
    ];
    for p in checked.report.problems() {
        out.push(p.to_string());
        out.push(format!("{p:?}"));
    }
    for v in &checked.vars {
        out.push(format!("{v:?}"));
        out.push(v.origin.to_string());
    }
    out
}

/// Everything a user can print of a source: its `Debug`, and every lookup's.
fn source_outputs(source: &dyn Source, debug: String) -> Vec<String> {
    let mut out = vec![debug];
    for (name, origin) in source.names() {
        out.push(format!("{name} {origin} {origin:?}"));
        out.push(format!("{:?}", source.get(&name)));
    }
    out
}

fn assert_hidden(secrets: &[&Planted], outputs: &[String]) -> Result<(), TestCaseError> {
    for out in outputs {
        for secret in secrets {
            for marker in &secret.markers {
                prop_assert!(
                    !out.contains(marker.as_str()),
                    "secret marker {marker} in output:\n{out}"
                );
            }
        }
    }
    Ok(())
}

fn kinds_of(checked: &Checked, var: &str) -> Vec<ProblemKind> {
    checked
        .report
        .problems()
        .iter()
        .filter(|p| p.var == var)
        .map(|p| p.kind)
        .collect()
}

/// Checks `pairs` from a map, from an env file and from both layered, in every
/// profile; asserts no secret is in any output and hands each result to `expect`.
fn check_everywhere(
    component: &Contract,
    pairs: &[(&str, &str)],
    secrets: &[&Planted],
    mut expect: impl FnMut(&Checked, Profile) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    let map: MapSource = pairs.iter().map(|(k, v)| (*k, *v)).collect();
    let text = env_file_text(pairs);
    let file = EnvFile::parse("props.env", text.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("a correctly quoted file failed: {e}")))?;
    for (name, value) in pairs {
        let got = file.get(name).map(|l| l.value);
        prop_assert_eq!(got, Some(Ok((*value).to_owned())), "{} from the file", name);
    }
    let mut outputs = source_outputs(&map, format!("{map:?} {map:#?}"));
    outputs.extend(source_outputs(&file, format!("{file:?} {file:#?}")));
    let layered = Layered::new()
        .with(MapSource::new("under"))
        .with(EnvFile::parse("props.env", text.as_bytes()).expect("parsed above"));
    outputs.extend(source_outputs(&layered, format!("{layered:?}")));
    for profile in Profile::ALL {
        for source in [&map as &dyn Source, &file, &layered] {
            let checked = check(component, source, profile);
            expect(&checked, profile)?;
            outputs.extend(check_outputs(&checked));
        }
    }
    assert_hidden(secrets, &outputs)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_secret_wrapper_never_formats_its_value(secret in planted(12)) {
        let s = Secret::new(secret.value.clone());
        let outputs = vec![
            format!("{s}"),
            format!("{s:?}"),
            format!("{s:#?}"),
            format!("{s:>80}"),
            format!("{:?}", s.clone()),
            format!("{:?}", Some(&s)),
        ];
        assert_hidden(&[&secret], &outputs)?;
        prop_assert_eq!(s.expose_secret(), &secret.value);
        let parsed: Secret = secret.value.parse().expect("a String parses from anything");
        prop_assert!(parsed.ct_eq(&s));
    }

    /// `weak`: JWT_SECRET and WORKER_CALLBACK_SECRET need 32 characters. The other
    /// secrets are set to long values, which must be accepted and hidden too.
    #[test]
    fn short_secrets_are_weak_and_hidden(
        jwt in short_planted(31),
        callback in short_planted(31),
        others in prop::collection::vec(planted(10), 4),
    ) {
        let names = ["POSTGRES_PASSWORD", "OPENAI_API_KEY", "RESEND_API_KEY", "R2_SECRET_ACCESS_KEY"];
        let mut pairs = vec![
            ("BASE_URL", "https://api.hivesync.dev"),
            ("JWT_SECRET", jwt.value.as_str()),
            ("WORKER_CALLBACK_SECRET", callback.value.as_str()),
        ];
        pairs.extend(names.iter().zip(&others).map(|(n, p)| (*n, p.value.as_str())));
        let mut secrets = vec![&jwt, &callback];
        secrets.extend(&others);
        check_everywhere(contract("backend"), &pairs, &secrets, |checked, profile| {
            for name in ["JWT_SECRET", "WORKER_CALLBACK_SECRET"] {
                let weak: Vec<_> = checked.report.of_kind(ProblemKind::Weak).filter(|p| p.var == name).collect();
                prop_assert_eq!(weak.len(), 1, "{} in {}: {}", name, profile, checked.report);
                let expected = if profile == Profile::Production { Severity::Error } else { Severity::Warning };
                prop_assert_eq!(weak[0].severity, expected);
            }
            for name in names {
                prop_assert_eq!(kinds_of(checked, name), vec![], "{} in {}", name, profile);
            }
            for v in checked.vars.iter().filter(|v| v.secret) {
                prop_assert_eq!(&v.value, &None, "{} has a value in VarStatus", &v.name);
            }
            Ok(())
        })?;
    }

    /// `invalid` (and `weak`, `insecure`) for secrets of every type: the message says
    /// what was expected and never what was found.
    #[test]
    fn secrets_of_every_type_are_checked_and_hidden(
        values in prop::collection::vec(planted(8), 6),
    ) {
        let contract = typed_secrets();
        let pairs: Vec<(&str, &str)> = contract
            .vars
            .iter()
            .zip(&values)
            .map(|(v, p)| (v.name.as_ref(), p.value.as_str()))
            .collect();
        let secrets: Vec<&Planted> = values.iter().collect();
        check_everywhere(contract, &pairs, &secrets, |checked, profile| {
            for (var, value) in contract.vars.iter().zip(&values) {
                let kinds = kinds_of(checked, &var.name);
                prop_assert_eq!(
                    kinds.contains(&ProblemKind::Invalid),
                    var.check(&value.value).is_err(),
                    "{} in {}: {:?}", &var.name, profile, kinds
                );
            }
            // The planted value is never a valid port, number, flag or choice.
            for name in ["SECRET_PORT", "SECRET_NUMBER", "SECRET_FLAG", "SECRET_CHOICE"] {
                prop_assert!(kinds_of(checked, name).contains(&ProblemKind::Invalid), "{}", name);
            }
            Ok(())
        })?;
    }

    #[test]
    fn placeholder_secrets_are_reported_and_hidden(
        secret in planted(8),
        wrap in select(&[("REPLACE_ME", ""), ("changeme-", ""), ("your_", "_here"), ("<", ">"), ("  Replace-Me ", "  ")][..]),
        name in select(&["JWT_SECRET", "POSTGRES_PASSWORD", "OPENAI_API_KEY", "WORKER_CALLBACK_SECRET"][..]),
    ) {
        let value = secret.wrapped(wrap.0, wrap.1);
        prop_assume!(hivesync_env::looks_like_placeholder(&value.value));
        let pairs = [("BASE_URL", "https://api.hivesync.dev"), (name, value.value.as_str())];
        check_everywhere(contract("backend"), &pairs, &[&value], |checked, profile| {
            let kinds = kinds_of(checked, name);
            prop_assert!(kinds.contains(&ProblemKind::Placeholder), "{} in {}: {:?}", name, profile, kinds);
            Ok(())
        })?;
    }

    /// A value that is not UTF-8 is reported without a byte of it, from a map and from
    /// an env file (bytes the env-file syntax gives a meaning to, quotes, `\\`, `$`,
    /// spaces, are left out of the junk: with them a line is a syntax error, which
    /// shows no content either).
    #[test]
    fn non_utf8_secrets_are_reported_and_hidden(
        secret in planted(4),
        junk in prop::collection::vec(prop_oneof![0x80u8..=0xff, 0x20u8..0x7f], 1..24),
    ) {
        // A map takes any bytes; the env file gets the junk without its syntax bytes.
        let planted = |junk: &mut dyn Iterator<Item = u8>| {
            let mut bytes = secret.markers[0].clone().into_bytes();
            bytes.push(0xff);
            bytes.extend(junk);
            bytes.extend(secret.markers[1].as_bytes());
            bytes
        };
        let raw = planted(&mut junk.iter().copied());
        let bytes = planted(&mut junk.iter().map(|&b| if b"'\"\\$ #".contains(&b) { b'x' } else { b }));
        let map = MapSource::new("map")
            .with("BASE_URL", "https://api.hivesync.dev")
            .with("JWT_SECRET", OsString::from_vec(raw));
        let mut text = b"BASE_URL=https://api.hivesync.dev\nJWT_SECRET=".to_vec();
        text.extend(&bytes);
        text.extend(b"\nPOSTGRES_PASSWORD=");
        text.extend(&bytes);
        text.push(b'\n');
        let file = EnvFile::parse("bytes.env", &text)
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let mut outputs = source_outputs(&map, format!("{map:?}"));
        outputs.extend(source_outputs(&file, format!("{file:?}")));
        for profile in Profile::ALL {
            for (source, names) in [(&map as &dyn Source, &["JWT_SECRET"][..]), (&file, &["JWT_SECRET", "POSTGRES_PASSWORD"][..])] {
                let checked = check(contract("backend"), source, profile);
                for name in names {
                    prop_assert_eq!(kinds_of(&checked, name), vec![ProblemKind::NotUnicode], "{}", name);
                }
                outputs.extend(check_outputs(&checked));
            }
        }
        assert_hidden(&[&secret], &outputs)?;
    }

    /// Both JWT_SECRET and JWT_SECRET_FILE set: a `conflict`, and neither the value
    /// nor the file's content is shown.
    #[test]
    fn a_secret_and_its_secret_file_conflict_and_stay_hidden(
        direct in planted(8),
        in_file in planted(8),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("jwt");
        std::fs::write(&path, format!("{}\n", in_file.value)).expect("write secret file");
        let path = path.to_str().expect("temp paths are UTF-8").to_owned();
        let pairs = [
            ("BASE_URL", "https://api.hivesync.dev"),
            ("JWT_SECRET", direct.value.as_str()),
            ("JWT_SECRET_FILE", path.as_str()),
        ];
        check_everywhere(contract("backend"), &pairs, &[&direct, &in_file], |checked, _| {
            prop_assert_eq!(kinds_of(checked, "JWT_SECRET"), vec![ProblemKind::Conflict]);
            prop_assert_eq!(kinds_of(checked, "JWT_SECRET_FILE"), vec![]);
            Ok(())
        })?;
    }

    /// A Docker secret file (`NAME_FILE`) supplies the value, trailing newlines trimmed;
    /// the checks run on it as on any value, and it is never shown.
    #[test]
    fn docker_secret_files_are_checked_and_hidden(
        secret in planted(14),
        ending in select(&["", "\n", "\r\n", "\n\n"][..]),
        not_unicode in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("jwt_secret");
        let mut content = secret.value.clone().into_bytes();
        if not_unicode {
            content.insert(secret.markers[0].len(), 0xff);
        }
        content.extend(ending.as_bytes());
        std::fs::write(&path, &content).expect("write secret file");
        let path = path.to_str().expect("temp paths are UTF-8").to_owned();
        let pairs = [("BASE_URL", "https://api.hivesync.dev"), ("JWT_SECRET_FILE", path.as_str())];
        let long_enough = secret.value.chars().count() >= 32;
        check_everywhere(contract("backend"), &pairs, &[&secret], |checked, profile| {
            let jwt = &checked.vars[contract("backend").position("JWT_SECRET").expect("declared")];
            prop_assert!(matches!(jwt.origin, Origin::SecretFile(_)), "{:?}", jwt.origin);
            prop_assert_eq!(&jwt.value, &None);
            let expected = match (not_unicode, long_enough) {
                (true, _) => vec![ProblemKind::NotUnicode],
                (false, true) => vec![],
                (false, false) => vec![ProblemKind::Weak],
            };
            prop_assert_eq!(kinds_of(checked, "JWT_SECRET"), expected, "in {}", profile);
            Ok(())
        })?;
    }

    /// A client component's environment holding a server secret, or a public variable
    /// holding something shaped like a credential: `leak`, never shown.
    #[test]
    fn leaks_into_client_environments_are_reported_and_hidden(
        component in select(&["desktop", "mobile", "plugins", "admin-ui"][..]),
        server_secret in planted(10),
        name in select(&["JWT_SECRET", "POSTGRES_PASSWORD", "OPENAI_API_KEY", "R2_SECRET_ACCESS_KEY", "WORKER_CALLBACK_SECRET"][..]),
        credential in planted(6),
        shape in select(&[("sk-", ""), ("sk_live_", ""), ("ghp_", ""), ("github_pat_", ""), ("xoxb-", ""), ("eyJhbGciOiJIUzI1NiJ9.eyJ", "")][..]),
    ) {
        let credential = credential.wrapped(shape.0, shape.1);
        prop_assume!(hivesync_env::looks_like_credential(&credential.value));
        let pairs = [(name, server_secret.value.as_str()), ("HIVESYNC_PUBLIC_API_URL", credential.value.as_str())];
        check_everywhere(contract(component), &pairs, &[&server_secret, &credential], |checked, profile| {
            prop_assert_eq!(kinds_of(checked, name), vec![ProblemKind::Leak], "{} in {}", name, profile);
            prop_assert_eq!(kinds_of(checked, "HIVESYNC_PUBLIC_API_URL"), vec![ProblemKind::Leak]);
            prop_assert!(!checked.report.is_ok());
            Ok(())
        })?;
    }

    /// Two secrets of the same length give the same report, byte for byte: nothing
    /// about a long enough secret but its presence reaches the report.
    #[test]
    fn the_report_does_not_depend_on_a_secrets_value(
        chars in prop::collection::vec((any::<char>(), any::<char>()), 1..48),
        profile in select(&Profile::ALL[..]),
    ) {
        let a: String = chars.iter().map(|c| c.0).collect();
        let b: String = chars.iter().map(|c| c.1).collect();
        for v in [&a, &b] {
            prop_assume!(!hivesync_env::looks_like_placeholder(v));
        }
        let env = |v: &str| MapSource::new("m").with("BASE_URL", "https://api.hivesync.dev").with("JWT_SECRET", v).with("OPENAI_API_KEY", v);
        let (ca, cb) = (check(contract("backend"), &env(&a), profile), check(contract("backend"), &env(&b), profile));
        prop_assert_eq!(&ca, &cb);
        prop_assert_eq!(check_outputs(&ca), check_outputs(&cb));
    }

    /// What goes in comes out: any value of a non-secret variable, whatever it holds,
    /// is the `value` of its `VarStatus`, from a map and through a layered source.
    #[test]
    fn non_secret_values_round_trip_through_check(
        component in select(&["backend", "workers", "desktop"][..]),
        index in any::<prop::sample::Index>(),
        value in prop_oneof![any::<String>(), body(12)],
        profile in select(&Profile::ALL[..]),
    ) {
        let contract = contract(component);
        let public: Vec<_> = contract.vars.iter().filter(|v| !v.secret).collect();
        let var = public[index.index(public.len())];
        prop_assume!(!(contract.is_client() && hivesync_env::looks_like_credential(&value)));
        let map = MapSource::new("m").with(var.name.as_ref(), value.as_str());
        let layered = Layered::new().with(map.clone()).with(MapSource::new("empty"));
        for source in [&map as &dyn Source, &layered] {
            let checked = check(contract, source, profile);
            let status = checked.vars.iter().find(|s| s.name == var.name).expect("every variable has a status");
            prop_assert_eq!(status.value.as_deref(), Some(value.as_str()));
            prop_assert_eq!(&status.origin, &Origin::Map("m".into()));
        }
    }

    /// Written with the quoting dotenvy reads (double quotes with `\\ \" \$ \n`
    /// escaped; single quotes for values with neither `'` nor `\`), any value reads
    /// back unchanged and reaches `VarStatus` unchanged.
    #[test]
    fn non_secret_values_round_trip_through_env_files(
        values in prop::collection::vec(prop_oneof![any::<String>(), body(12)], 1..6),
        single in any::<bool>(),
    ) {
        let names = ["POSTGRES_DB", "POSTGRES_USER", "AI_MODEL", "R2_ACCOUNT_ID", "R2_BUCKET"];
        let mut text = String::from("# round trip\r\n\n");
        for (name, value) in names.iter().zip(&values) {
            if single && !value.contains(['\'', '\\']) {
                text.push_str(&format!("export {name}='{value}'\n"));
            } else {
                text.push_str(&format!("{name} = {}   # trailing comment\n", double_quoted(value)));
            }
        }
        let file = EnvFile::parse("round.env", text.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e} in {text:?}")))?;
        let checked = check(contract("backend"), &file, Profile::Local);
        for (name, value) in names.iter().zip(&values) {
            prop_assert_eq!(file.get(name).map(|l| l.value), Some(Ok(value.clone())), "{} in {:?}", name, text);
            let status = checked.vars.iter().find(|s| s.name == *name).expect("declared");
            prop_assert_eq!(status.value.as_deref(), Some(value.as_str()));
        }
    }
}

/// The fixed example of the credential check, so a failure reads plainly.
#[test]
fn a_credential_in_a_public_url_is_a_leak_not_an_invalid_url() {
    let env = MapSource::new("m").with("HIVESYNC_PUBLIC_API_URL", "sk-live-0123456789abcdef");
    let checked = check(contract("desktop"), &env, Profile::Production);
    let problems = checked.report.problems();
    assert_eq!(problems.len(), 1, "{}", checked.report);
    assert_eq!(problems[0].kind, ProblemKind::Leak);
    assert_eq!(checked.vars[0].value, None);
    assert!(!format!("{checked:?}").contains("0123456789abcdef"));
}
