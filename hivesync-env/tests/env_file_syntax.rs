//! The `.env` parser's guarantees (issue 9, item 1): substitution reads earlier lines
//! of the same file and nothing else, an unclosed quote is an error on the line it
//! opened on, and a name that is no variable name or has a credential's shape is never
//! printed. Errors never show content.

use hivesync_env::source::{EnvFile, EnvFileError, Source};
use hivesync_env::{ProblemKind, Profile, check};
use hivesync_env_test_support::{backend_valid_text, contract, outputs};
use proptest::prelude::*;

fn parse(text: &str) -> EnvFile {
    EnvFile::parse("t.env", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn value(file: &EnvFile, name: &str) -> String {
    file.get(name)
        .unwrap_or_else(|| panic!("{name} not set"))
        .value
        .unwrap()
}

fn syntax(text: &str) -> (Vec<u32>, Vec<u32>, String) {
    match EnvFile::parse("t.env", text.as_bytes()) {
        Err(e @ EnvFileError::Syntax { .. }) => {
            let shown = format!("{e} {e:?}");
            let EnvFileError::Syntax {
                lines,
                unclosed_quotes,
                ..
            } = e
            else {
                unreachable!()
            };
            (lines, unclosed_quotes, shown)
        }
        Err(other) => panic!("{other}"),
        Ok(file) => panic!("parsed: {file:?}"),
    }
}

/// Process variables cargo sets for every test run, so the test does not depend on
/// the machine.
fn process_values() -> Vec<(&'static str, String)> {
    ["PATH", "CARGO_MANIFEST_DIR", "CARGO_PKG_NAME"]
        .into_iter()
        .map(|n| (n, std::env::var(n).unwrap_or_else(|_| panic!("{n} is set"))))
        .collect()
}

#[test]
fn substitution_never_reads_the_process_environment() {
    for (name, process_value) in process_values() {
        for (form, expected) in [
            (format!("${name}"), String::new()),
            (format!("${{{name}}}"), String::new()),
            (format!("\"${{{name}}}\""), String::new()),
            (format!("\"pre-${name}\""), "pre-".to_owned()),
            (format!("x${{{name}}}y"), "xy".to_owned()),
        ] {
            let file = parse(&format!("AI_MODEL={form}\n"));
            let got = value(&file, "AI_MODEL");
            assert_eq!(got, expected, "{form}");
            assert!(!got.contains(&process_value));
        }
    }
}

#[test]
fn substitution_takes_earlier_lines_of_the_same_file_only() {
    let file = parse(
        "A=one\nB=${A}-$A\nC=${D}\nD=later\nE='$A'\nF=\"\\$A\"\nA=two\nG=\"${A}\"\nH=$A_B\nI=$\nJ=a$-b\n",
    );
    assert_eq!(value(&file, "B"), "one-one");
    assert_eq!(value(&file, "C"), "", "a later line is not used");
    assert_eq!(value(&file, "E"), "$A", "single quotes are literal");
    assert_eq!(value(&file, "F"), "$A", "an escaped dollar is literal");
    assert_eq!(value(&file, "G"), "two", "the latest earlier assignment");
    assert_eq!(value(&file, "H"), "", "the name is A_B, unset");
    assert_eq!(value(&file, "I"), "$");
    assert_eq!(value(&file, "J"), "a$-b");
}

#[test]
fn braces_that_are_not_a_name_are_syntax_errors_not_empty_values() {
    for text in [
        "A=${B:-default}\n",
        "A=${\n",
        "A=\"${B\"\n",
        "A=${}\n",
        "A=${B C}\n",
        "A=${1B}\n",
    ] {
        let (lines, unclosed, shown) = syntax(text);
        assert_eq!(lines, [1], "{text:?}");
        assert!(unclosed.is_empty(), "{text:?}");
        assert!(!shown.contains("default"), "{shown}");
    }
}

#[test]
fn an_unclosed_quote_is_an_error_on_the_line_it_opened_on_showing_nothing() {
    let secrets =
        "JWT_SECRET=jwt-secret-value-0123456789abcdef\nPOSTGRES_PASSWORD=pg-secret-value-0123\n";
    for (text, line) in [
        (format!("LOG_LEVEL=\"debug\n{secrets}"), 1),
        (format!("LOG_LEVEL='debug\n{secrets}"), 1),
        (format!("PORT=4000\nexport LOG_LEVEL=\"debug\n{secrets}"), 2),
        (format!("PORT=4000\n\n# c\nAI_MODEL=a\"b\n{secrets}"), 4),
        // Closed by a later quote, after lines that read as assignments.
        (format!("LOG_LEVEL=\"debug\n{secrets}R2_BUCKET=x\"\n"), 1),
        (format!("LOG_LEVEL=\"debug\n  export {secrets}\"\n"), 1),
        // At the end of the file.
        ("PORT=4000\nAI_MODEL=\"gpt\n4".to_owned(), 2),
        ("PORT=4000\r\nAI_MODEL='gpt\r\n".to_owned(), 2),
    ] {
        let (lines, unclosed, shown) = syntax(&text);
        // (The closing quote of the fifth case opens a quote of its own.)
        assert_eq!(unclosed.first(), Some(&line), "{text:?}");
        assert!(lines.contains(&line), "{text:?}");
        assert!(
            shown.contains(&format!("the quote opened on line {line} is never closed"))
                || shown.contains(&format!("the quote opened on lines {line}, ")),
            "{shown}"
        );
        for content in ["debug", "jwt-secret", "pg-secret", "gpt"] {
            assert!(!shown.contains(content), "{shown}");
        }
    }
}

#[test]
fn parsing_resumes_after_an_unclosed_quote_and_names_every_error() {
    let (lines, unclosed, shown) =
        syntax("A=\"open\nJWT_SECRET=abcdefabcdef\nnot an assignment\nB='x\n");
    assert_eq!(lines, [1, 3, 4]);
    assert_eq!(unclosed, [1, 4]);
    assert_eq!(
        shown.split(" Syntax {").next().unwrap(),
        "t.env: cannot parse line 3: expected `NAME=value`; the quote opened on lines 1, 4 is never closed (the content is not shown, it may be a secret)"
    );
}

#[test]
fn multi_line_values_that_do_not_read_as_assignments_still_parse() {
    let pem = "KEY=\"-----BEGIN KEY-----\nMIIBvQIBADANBg+/kqhkiG9w0==\nAB==\nlower=case\n-----END KEY-----\"\nNEXT=1\n";
    let file = parse(pem);
    assert_eq!(
        value(&file, "KEY"),
        "-----BEGIN KEY-----\nMIIBvQIBADANBg+/kqhkiG9w0==\nAB==\nlower=case\n-----END KEY-----"
    );
    assert_eq!(file.get("NEXT").unwrap().origin.to_string(), "t.env:6");
}

/// A base64 secret pasted on a line of its own under an empty `JWT_SECRET=`, and
/// other tokens that read as names: none of them is printed anywhere.
#[test]
fn names_with_the_shape_of_a_credential_are_never_printed() {
    for token in [
        "c2VjcmV0LXZhbHVlLTEyMw==",
        "aGVsbG8gd29ybGQhIQ=",
        "deadbeefcafebabe0123456789abcdef=",
        "ghp_abcdefghijklmnopqrstuvwxyz012345=",
        "AKIAIOSFODNN7EXAMPLE=x",
        "xY9kQ2mP7wR4=",
    ] {
        let text = format!("{}JWT_SECRET=\n{token}\n", backend_valid_text());
        let file = parse(&text);
        let name = token.trim_end_matches(['=', 'x']);
        let checked = check(contract("backend"), &file, Profile::Production);
        let unknown: Vec<_> = checked.report.of_kind(ProblemKind::Unknown).collect();
        assert_eq!(unknown.len(), 1, "{token}: {}", checked.report);
        assert_eq!(unknown[0].var, "(a name not shown)");
        assert!(
            unknown[0].message.contains("t.env:12"),
            "{}",
            unknown[0].message
        );
        let shown = format!("{}{file:?}", outputs(&checked));
        assert!(!shown.contains(name), "{token}: {shown}");
    }
    // An ordinary unknown name is still shown.
    let file = parse(&format!("{}POSTGRES_PASWORD_OLD=x\n", backend_valid_text()));
    let checked = check(contract("backend"), &file, Profile::Production);
    assert!(checked.report.to_string().contains("POSTGRES_PASWORD_OLD"));
}

#[test]
fn names_that_are_not_variable_names_are_syntax_errors() {
    for text in ["sk-proj-abc=1\n", "1ABC=1\n", "A.B=1\n", "A-B=1\n", "é=1\n"] {
        let (lines, _, shown) = syntax(text);
        assert_eq!(lines, [1], "{text:?}");
        assert!(!shown.contains("proj") && !shown.contains("ABC"), "{shown}");
    }
}

/// Pieces that break quoting: quotes, newlines, `${...}`, `=`, `#`, backslashes,
/// non-ASCII, the names of other variables.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "'",
        "\"",
        "\\",
        "\n",
        "\r\n",
        "$",
        "${",
        "}",
        "${JWT_SECRET}",
        "$PATH",
        "=",
        "#",
        " # ",
        " ",
        "\t",
        "é",
        "日本",
        "🐝",
        "JWT_SECRET=",
        "export ",
        "a",
        "Z",
        "0",
    ])
}

fn text_of(pieces: Vec<&'static str>) -> String {
    pieces.concat()
}

/// `value` double-quoted with every escape the syntax has; newlines are written raw.
fn double_quoted(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '\\' | '"' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Any values, double-quoted and escaped, read back exactly, whatever they hold.
    #[test]
    fn quoted_values_round_trip(
        values in prop::collection::vec(prop::collection::vec(piece(), 0..12).prop_map(text_of), 1..5),
        crlf in any::<bool>(),
    ) {
        let names = ["AI_MODEL", "R2_BUCKET", "POSTGRES_DB", "LOG_LEVEL", "EXTRA"];
        let eol = if crlf { "\r\n" } else { "\n" };
        // A raw newline in a quoted value before a line that reads as an assignment
        // ends the value (an unclosed quote): there, newlines are written escaped.
        let text: String = names.iter().zip(&values).map(|(n, v)| {
            let quoted = double_quoted(v);
            let quoted = if quoted.split('\n').skip(1).any(|l| l.contains('=')) {
                quoted.replace('\n', "\\n")
            } else {
                quoted
            };
            format!("{n}={quoted}{eol}")
        }).collect();
        let file = EnvFile::parse("p.env", text.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
        for (n, v) in names.iter().zip(&values) {
            let got = file.get(n).unwrap().value.unwrap();
            prop_assert_eq!(&got, v, "{} in {:?}", n, text);
        }
    }

    /// Whatever follows an unclosed quote, the error names its line and shows nothing.
    #[test]
    fn an_unclosed_quote_never_shows_what_follows(
        before in 0usize..4,
        body in prop::collection::vec(piece(), 0..8).prop_map(text_of),
        secret in "[a-zA-Z0-9+/]{12,40}",
        quote in prop::sample::select(vec!['"', '\'']),
    ) {
        let body: String = body.chars().filter(|&c| c != quote && c != '\\' && c != '$').collect();
        prop_assume!(!body.split('\n').skip(1).any(|l| l.contains('=')));
        let mut text: String = (0..before).map(|i| format!("V{i}=ok\n")).collect();
        text.push_str(&format!("LOG_LEVEL={quote}{body}\nJWT_SECRET={secret}\nPOSTGRES_PASSWORD={secret}\n"));
        let err = EnvFile::parse("p.env", text.as_bytes()).err();
        let Some(EnvFileError::Syntax { unclosed_quotes, .. }) = &err else {
            return Err(TestCaseError::fail(format!("{err:?} for {text:?}")));
        };
        prop_assert_eq!(unclosed_quotes.clone(), vec![before as u32 + 1]);
        let shown = format!("{} {:?}", err.as_ref().unwrap(), err);
        prop_assert!(!shown.contains(&secret), "{}", shown);
    }

    /// Random bytes around `${NAME}` never bring in a process value.
    #[test]
    fn no_process_value_ever_enters_a_value(
        pieces in prop::collection::vec(piece(), 0..16),
        name in prop::sample::select(vec!["PATH", "CARGO_MANIFEST_DIR", "CARGO_PKG_NAME"]),
    ) {
        let process_value = std::env::var(name).unwrap();
        let text = format!("A=${{{name}}}{}\nB=\"${name}{}\"\n", pieces.concat(), pieces.concat());
        match EnvFile::parse("p.env", text.as_bytes()) {
            Ok(file) => {
                for (n, _) in file.names() {
                    if let Some(Ok(v)) = file.get(&n).map(|l| l.value) {
                        prop_assert!(!v.contains(&process_value), "{}={:?}", n, v);
                    }
                }
            }
            // A file that does not parse brings in nothing either: its error shows no
            // value, the process's included.
            Err(e) => {
                let shown = format!("{e} {e:?}");
                prop_assert!(!shown.contains(&process_value), "{}", shown);
            }
        }
    }
}
