//! Hostile environments: each gives a defined result (loaded, a named problem, or a
//! named error line), never a panic. Bounded work is shown by the tests finishing; no
//! test measures time.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use hivesync_env::source::{EnvFile, EnvFileError, Layered, MapSource, NotUnicode, Source};
use hivesync_env::{Checked, Contract, ProblemKind, Profile, Severity, check};
use hivesync_env_test_support::{BACKEND_VALID as VALID, backend_valid_text, contract};

const MIB: usize = 1 << 20;

/// How a report names a name that is not a variable name or has a credential's shape.
const HIDDEN: &str = "(a name not shown)";

fn backend() -> &'static Contract {
    contract("backend")
}

fn valid_map() -> MapSource {
    VALID.iter().copied().collect()
}

fn parse(bytes: &[u8]) -> EnvFile {
    EnvFile::parse("hostile.env", bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn syntax_lines(bytes: &[u8]) -> Vec<u32> {
    match EnvFile::parse("hostile.env", bytes) {
        Err(EnvFileError::Syntax { lines, .. }) => lines,
        Err(other) => panic!("not a syntax error: {other}"),
        Ok(file) => panic!("parsed: {file:?}"),
    }
}

fn value(source: &dyn Source, name: &str) -> Result<String, NotUnicode> {
    source
        .get(name)
        .unwrap_or_else(|| panic!("{name} is not set"))
        .value
}

fn kinds(checked: &Checked, var: &str) -> Vec<ProblemKind> {
    checked
        .report
        .problems()
        .iter()
        .filter(|p| p.var == var)
        .map(|p| p.kind)
        .collect()
}

fn status<'a>(checked: &'a Checked, var: &str) -> Option<&'a str> {
    checked
        .vars
        .iter()
        .find(|v| v.name == var)
        .expect("declared")
        .value
        .as_deref()
}

#[test]
fn ten_thousand_unrelated_variables_in_a_map() {
    let mut map = valid_map();
    for i in 0..10_000 {
        map.insert(format!("UNRELATED_{i:05}"), format!("value {i}"));
    }
    let checked = check(backend(), &map, Profile::Production);
    assert!(checked.report.is_ok(), "{}", checked.report);
    let unknown: Vec<_> = checked.report.of_kind(ProblemKind::Unknown).collect();
    assert_eq!(unknown.len(), 10_000);
    assert!(unknown.iter().all(|p| p.severity == Severity::Warning));
    assert_eq!(unknown[0].var, "UNRELATED_00000");
    assert_eq!(
        status(&checked, "BASE_URL"),
        Some("https://api.hivesync.dev")
    );
}

#[test]
fn ten_thousand_unrelated_variables_in_an_env_file() {
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(&format!("UNRELATED_{i:05}=value{i}\n"));
    }
    text.push_str(&backend_valid_text());
    let file = parse(text.as_bytes());
    assert_eq!(file.assigned_names().count(), 10_000 + VALID.len());
    let checked = check(backend(), &file, Profile::Production);
    assert!(checked.report.is_ok(), "{}", checked.report);
    assert_eq!(checked.report.of_kind(ProblemKind::Unknown).count(), 10_000);
    let origin = &checked.vars[backend().position("BASE_URL").unwrap()].origin;
    assert_eq!(origin.to_string(), "hostile.env:10001");
}

#[test]
fn a_one_mebibyte_value_loads_and_is_quoted_short() {
    let big = "a".repeat(MIB);
    let digits = "9".repeat(MIB);
    let secret = "s".repeat(MIB);
    let pairs = [
        ("POSTGRES_DB", big.as_str()),
        ("PORT", digits.as_str()),
        ("JWT_SECRET", secret.as_str()),
    ];
    let map: MapSource = VALID.iter().copied().chain(pairs).collect();
    let mut text = backend_valid_text();
    for (k, v) in pairs {
        text.push_str(&format!("{k}={v}\n"));
    }
    let file = parse(text.as_bytes());
    assert_eq!(value(&file, "POSTGRES_DB").unwrap().len(), MIB);
    for source in [&map as &dyn Source, &file] {
        let checked = check(backend(), source, Profile::Production);
        assert_eq!(status(&checked, "POSTGRES_DB"), Some(big.as_str()));
        assert_eq!(kinds(&checked, "PORT"), [ProblemKind::Invalid]);
        assert_eq!(kinds(&checked, "JWT_SECRET"), []);
        assert_eq!(kinds(&checked, "POSTGRES_DB"), []);
        // The invalid port is quoted cut short: the whole report stays small.
        let report = checked.report.to_string();
        assert!(report.len() < 1_000, "{} bytes", report.len());
        assert!(report.contains("found `999999999"), "{report}");
    }
}

#[test]
fn empty_names_are_unknown_in_a_map_and_a_syntax_error_in_a_file() {
    let map = valid_map().with("", "orphan value");
    let checked = check(backend(), &map, Profile::Production);
    assert!(checked.report.is_ok(), "{}", checked.report);
    // Not a variable name: reported, and never printed.
    assert_eq!(kinds(&checked, HIDDEN), [ProblemKind::Unknown]);

    let mut text = backend_valid_text();
    text.push_str("=orphan value\n  = spaced\n");
    let first = VALID.len() as u32 + 1;
    assert_eq!(syntax_lines(text.as_bytes()), [first, first + 1]);
}

#[test]
fn equals_signs_in_values_and_names() {
    let text = "BASE_URL=https://api.hivesync.dev/?a=b&c==d\nAI_MODEL='x=y=z'\nR2_BUCKET==\n";
    let file = parse(text.as_bytes());
    assert_eq!(
        value(&file, "BASE_URL").unwrap(),
        "https://api.hivesync.dev/?a=b&c==d"
    );
    assert_eq!(value(&file, "AI_MODEL").unwrap(), "x=y=z");
    assert_eq!(value(&file, "R2_BUCKET").unwrap(), "=");

    // A map may hold names with `=` (an OS environment cannot): they are unknown
    // names, and never shadow the variable before the `=`.
    let map = valid_map().with("PORT=80", "80").with("=PORT", "81");
    let checked = check(backend(), &map, Profile::Production);
    assert_eq!(status(&checked, "PORT"), Some("4000"));
    // Neither is a variable name: both reported, neither printed.
    assert_eq!(
        kinds(&checked, HIDDEN),
        [ProblemKind::Unknown, ProblemKind::Unknown]
    );
    assert!(!checked.report.to_string().contains("=PORT"));
}

#[test]
fn non_utf8_bytes_are_not_unicode_values_or_named_lines() {
    let mut text = backend_valid_text().into_bytes();
    text.extend(b"AI_MODEL=gpt-\xff\xfe\nLOG_LEVEL=debug\n");
    let file = parse(&text);
    assert_eq!(value(&file, "AI_MODEL"), Err(NotUnicode));
    assert_eq!(value(&file, "LOG_LEVEL").unwrap(), "debug");
    let checked = check(backend(), &file, Profile::Production);
    assert_eq!(kinds(&checked, "AI_MODEL"), [ProblemKind::NotUnicode]);
    assert_eq!(
        checked.vars[backend().position("AI_MODEL").unwrap()]
            .origin
            .to_string(),
        format!("hostile.env:{}", VALID.len() + 1)
    );

    // A line whose name cannot be read is a syntax error on that line.
    assert_eq!(syntax_lines(b"A=1\n\xff\xfeNAME=1\nB=2\n"), [2]);
    assert_eq!(syntax_lines(b"A=1\nB=2\n\xc3"), [3]);

    let map = valid_map().with("AI_MODEL", OsString::from_vec(b"gpt-\xff".to_vec()));
    let checked = check(backend(), &map, Profile::Production);
    assert_eq!(kinds(&checked, "AI_MODEL"), [ProblemKind::NotUnicode]);
    assert_eq!(status(&checked, "AI_MODEL"), None);
}

#[test]
fn duplicate_keys_the_last_one_wins() {
    let mut text = backend_valid_text();
    text.push_str("LOG_LEVEL=debug\nLOG_LEVEL=nonsense\nexport LOG_LEVEL=warn\n");
    let file = parse(text.as_bytes());
    assert_eq!(
        file.assigned_names()
            .filter(|(n, _)| *n == "LOG_LEVEL")
            .count(),
        3
    );
    let checked = check(backend(), &file, Profile::Production);
    assert!(checked.report.is_ok(), "{}", checked.report);
    assert_eq!(status(&checked, "LOG_LEVEL"), Some("warn"));
    let origin = &checked.vars[backend().position("LOG_LEVEL").unwrap()].origin;
    assert_eq!(
        origin.to_string(),
        format!("hostile.env:{}", VALID.len() + 3)
    );
}

#[test]
fn a_byte_order_mark_is_skipped_at_the_start_and_rejected_elsewhere() {
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend(backend_valid_text().as_bytes());
    let file = parse(&text);
    assert_eq!(
        value(&file, "BASE_URL").unwrap(),
        "https://api.hivesync.dev"
    );
    assert!(check(backend(), &file, Profile::Production).report.is_ok());

    // Only the first three bytes are a BOM: on a later line it is part of the name.
    assert_eq!(syntax_lines(b"A=1\n\xEF\xBB\xBFB=2\n"), [2]);
    // Two BOMs: the second starts the first line's name.
    assert_eq!(syntax_lines(b"\xEF\xBB\xBF\xEF\xBB\xBFA=1\n"), [1]);
}

#[test]
fn crlf_and_cr_line_endings() {
    let text = backend_valid_text().replace('\n', "\r\n") + "AI_MODEL=\"two\r\nlines\"\r\n";
    let file = parse(text.as_bytes());
    let checked = check(backend(), &file, Profile::Production);
    assert!(checked.report.is_ok(), "{}", checked.report);
    assert_eq!(
        status(&checked, "BASE_URL"),
        Some("https://api.hivesync.dev")
    );
    assert_eq!(value(&file, "AI_MODEL").unwrap(), "two\r\nlines");

    // CR alone does not end a line: the first assignment takes the rest as its value.
    let file = parse(b"AI_MODEL=a\rLOG_LEVEL=debug\r");
    assert_eq!(value(&file, "AI_MODEL").unwrap(), "a\rLOG_LEVEL=debug");
    assert!(file.get("LOG_LEVEL").is_none());
}

#[test]
fn nul_bytes_in_names_and_values() {
    let mut text = backend_valid_text();
    text.push_str("PORT=40\u{0}00\nAI_MODEL=\"gpt\u{0}4\"\n");
    let file = parse(text.as_bytes());
    assert_eq!(value(&file, "PORT").unwrap(), "40\u{0}00");
    let checked = check(backend(), &file, Profile::Production);
    assert_eq!(kinds(&checked, "PORT"), [ProblemKind::Invalid]);
    let message = &checked
        .report
        .of_kind(ProblemKind::Invalid)
        .next()
        .unwrap()
        .message;
    assert!(message.contains("found `40\\000`"), "{message}");
    assert_eq!(status(&checked, "AI_MODEL"), Some("gpt\u{0}4"));

    assert_eq!(syntax_lines(b"A=1\nPO\x00RT=1\n"), [2]);

    let map = valid_map()
        .with("PO\u{0}RT", "1")
        .with("AI_MODEL", "gpt\u{0}4")
        .with("JWT_SECRET", "\u{0}".repeat(40));
    let checked = check(backend(), &map, Profile::Production);
    assert_eq!(kinds(&checked, HIDDEN), [ProblemKind::Unknown]);
    assert!(!checked.report.to_string().contains("PO\u{0}RT"));
    assert_eq!(status(&checked, "AI_MODEL"), Some("gpt\u{0}4"));
    assert_eq!(kinds(&checked, "JWT_SECRET"), []);
    assert_eq!(status(&checked, "PORT"), Some("4000"));
}

#[test]
fn a_file_of_only_garbage_names_every_line() {
    let garbage: &[u8] = b"}{][ \x01\x02\x03\n!!!\n\"unterminated\n= = =\n\x00\x00\x00\n";
    let err = EnvFile::parse("hostile.env", garbage).unwrap_err();
    // A quote before any name is not a value's quote: every line is named.
    match &err {
        EnvFileError::Syntax { lines, .. } => assert_eq!(lines, &[1, 2, 3, 4, 5]),
        other => panic!("{other}"),
    }
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("unterminated") && !shown.contains("!!!"),
        "{shown}"
    );

    let lines: Vec<u8> = (0..20_000)
        .flat_map(|i| format!("garbage line {i}\n").into_bytes())
        .collect();
    assert_eq!(syntax_lines(&lines), (1..=20_000).collect::<Vec<u32>>());
}

/// xorshift64*: pseudo-random bytes without a dependency, the same on every run.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

#[test]
fn random_garbage_parses_or_names_lines_within_the_file() {
    for seed in 1..200u64 {
        let len = (seed as usize * 37) % 4_000;
        let mut bytes = noise(seed, len);
        // Every third file is mostly text, so more of it reaches dotenvy.
        if seed % 3 == 0 {
            const TEXT: &[u8] = b"AZ_=\"'\\$#{} \n\rx9";
            for b in &mut bytes {
                *b = TEXT[(*b as usize) % TEXT.len()];
            }
        }
        let line_count = bytes.split(|&b| b == b'\n').count() as u32;
        match EnvFile::parse("noise.env", &bytes) {
            Ok(file) => {
                let layered = Layered::new().with(file).with(valid_map());
                for profile in Profile::ALL {
                    let checked = check(backend(), &layered, profile);
                    assert_eq!(checked.vars.len(), backend().vars.len());
                }
            }
            Err(EnvFileError::Syntax { lines, .. }) => {
                assert!(!lines.is_empty());
                assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
                assert!(
                    lines.iter().all(|l| (1..=line_count).contains(l)),
                    "seed {seed}: {lines:?} of {line_count} lines"
                );
            }
            Err(other) => panic!("seed {seed}: {other}"),
        }
    }
}

#[test]
fn long_lines_names_and_substitutions() {
    // One mebibyte without a newline, of each kind.
    for line in [
        "x".repeat(MIB),
        format!("A={}", "\"".repeat(MIB)),
        format!("A=\"{}", "${".repeat(MIB / 2)),
        format!("{}=1", "N".repeat(MIB)),
    ] {
        match EnvFile::parse("long.env", line.as_bytes()) {
            Ok(file) => {
                let checked = check(backend(), &file, Profile::Local);
                assert_eq!(checked.vars.len(), backend().vars.len());
            }
            Err(EnvFileError::Syntax { lines, .. }) => assert_eq!(lines, [1]),
            Err(other) => panic!("{other}"),
        }
    }
    // A 1 MiB name is an unknown name, reported once.
    let map = valid_map().with("N".repeat(MIB), "1");
    let checked = check(backend(), &map, Profile::Production);
    assert_eq!(checked.report.of_kind(ProblemKind::Unknown).count(), 1);
    // A value referring to itself, or to a name that is nowhere, is empty-substituted.
    let file =
        parse(b"AI_MODEL=${AI_MODEL}${AI_MODEL}\nR2_BUCKET=${HIVESYNC_HOSTILE_UNSET_NAME}\n");
    assert_eq!(value(&file, "AI_MODEL").unwrap(), "");
    assert_eq!(value(&file, "R2_BUCKET").unwrap(), "");
}

/// Found by the `env_file_check` fuzz target: dotenvy reads `export` followed by any
/// whitespace (here a vertical tab) as the prefix, the line pre-scan did not, and the
/// error for `R` was put on line 5 of a 4-line file.
#[test]
fn export_with_any_whitespace_keeps_line_numbers_inside_the_file() {
    assert_eq!(syntax_lines(b"export\x0bE=\nE=\nR\n\xff"), [3, 4]);
    let file = parse(b"export\tA=1\nexport\x0bA=2\nexport =3\nB=4");
    let lines: Vec<_> = file.assigned_names().collect();
    assert_eq!(lines, [("A", 1), ("A", 2), ("export", 3), ("B", 4)]);
    assert_eq!(value(&file, "A").unwrap(), "2");
    assert_eq!(file.get("B").unwrap().origin.to_string(), "hostile.env:4");
}
