//! Loading from many threads at once gives the same result, and nothing in the library
//! writes the process environment (which `std::env::set_var` would make a data race
//! with every other thread reading it).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use hivesync_env::source::{EnvFile, Layered, MapSource, Source};
use hivesync_env::{Checked, Contract, Profile, check};
use hivesync_env_test_support::{contracts, repo};

const THREADS: usize = 8;
const ROUNDS: usize = 20;

/// A backend env file with a bit of everything: valid values, a weak secret, an
/// invalid port, a placeholder, an unknown name, a near miss, a non-UTF-8 value.
const ENV_FILE: &[u8] = b"# backend, for the thread tests
BASE_URL=http://api.hivesync.dev
JWT_SECRET='too short'
POSTGRES_PASSWORD=\"pg password with \\\"quotes\\\"\"
RESEND_API_KEY=REPLACE_ME
PORT=http
REDIS_PORT=6380
LOG_LEVL=debug
UNRELATED=1
AI_MODEL=gpt-\xff
export OPENAI_API_KEY=sk-threads-0123456789
";

fn map() -> MapSource {
    MapSource::new("threads map")
        .with("BASE_URL", "https://api.hivesync.dev")
        .with("PREVIEW_MAX_TIMEOUT_MS", "-5")
        .with("R2_ACCOUNT_ID", "acct")
        .with("WORKER_CALLBACK_SECRET", "x".repeat(40))
        .with("HIVESYNC_PUBLIC_API_URL", "sk-live-threads")
        .with("JWT_SECRET", "")
}

fn layered() -> Layered {
    Layered::new()
        .with(EnvFile::parse("threads.env", ENV_FILE).expect("parses"))
        .with(map())
}

/// Every component in every profile, from `source`.
fn check_all(source: &dyn Source) -> Vec<Checked> {
    let mut out = Vec::new();
    for contract in contracts().contracts() {
        for profile in Profile::ALL {
            out.push(check(contract, source, profile));
        }
    }
    out
}

#[test]
fn eight_threads_checking_the_same_sources_agree() {
    let file = EnvFile::parse("threads.env", ENV_FILE).expect("parses");
    let map = map();
    let layered = layered();
    let sources: [&(dyn Source + Sync); 3] = [&file, &map, &layered];
    let expected: Vec<Vec<Checked>> = sources.iter().map(|s| check_all(*s)).collect();
    // The fixture reaches past the happy path, so the results compared are rich.
    let problems: usize = expected
        .iter()
        .flatten()
        .map(|c| c.report.problems().len())
        .sum();
    assert!(problems > 50, "only {problems} problems");

    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let expected = &expected;
                scope.spawn(move || {
                    for round in 0..ROUNDS {
                        // Threads start on different sources so every pair overlaps.
                        let i = (t + round) % sources.len();
                        assert_eq!(
                            check_all(sources[i]),
                            expected[i],
                            "thread {t} round {round}"
                        );
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("a checking thread panicked");
        }
    });
}

#[test]
fn eight_threads_parsing_the_same_env_file_agree() {
    let contract: &Contract = contracts().get("backend").expect("backend");
    let reference = EnvFile::parse("threads.env", ENV_FILE).expect("parses");
    let names: Vec<(String, u32)> = reference
        .assigned_names()
        .map(|(n, l)| (n.to_owned(), l))
        .collect();
    let expected = check(contract, &reference, Profile::Production);
    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let (names, expected) = (&names, &expected);
            scope.spawn(move || {
                for _ in 0..ROUNDS {
                    let file = EnvFile::parse("threads.env", ENV_FILE).expect("parses");
                    let got: Vec<(String, u32)> = file
                        .assigned_names()
                        .map(|(n, l)| (n.to_owned(), l))
                        .collect();
                    assert_eq!(&got, names, "thread {t}");
                    assert_eq!(&check(contract, &file, Profile::Production), expected);
                }
            });
        }
    });
}

fn process_env() -> BTreeMap<OsString, OsString> {
    std::env::vars_os().collect()
}

/// Behaviour, not just source text: reading files, layering them over the process
/// environment and checking every contract leaves the environment as it was.
#[test]
fn loading_leaves_the_process_environment_unchanged() {
    let sentinel = format!("HIVESYNC_THREADS_SENTINEL_{}", std::process::id());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("backend.env");
    let mut text = ENV_FILE.to_vec();
    text.extend(format!("{sentinel}=written\nJWT_SECRET_FILE={}\n", path.display()).as_bytes());
    std::fs::write(&path, &text).expect("write env file");

    let before = process_env();
    for process in [false, true] {
        let layered = Layered::standard(&[&path, &path], process).expect("readable");
        assert!(layered.get(&sentinel).is_some());
        check_all(&layered);
        let file = EnvFile::read(&path).expect("readable");
        check_all(&file);
    }
    assert_eq!(std::env::var_os(&sentinel), None);
    assert_eq!(process_env(), before);
}

/// Library source folders, relative to the repository root.
const LIBRARY_SOURCES: &[&str] = &[
    "hivesync-env/src",
    "hivesync-env-core/src",
    "hivesync-env-derive/src",
    "contracts/src",
];

/// What may be named after `dotenvy::`: the iterators that only parse. Everything
/// else there (`dotenv`, `from_path`, `from_read`, `Iter::load`...) writes the
/// process environment.
const DOTENVY_ALLOWED: &[&str] = &[
    "from_read_iter",
    "from_path_iter",
    "from_filename_iter",
    "Error",
];

#[test]
fn the_library_sources_never_write_the_process_environment() {
    let mut files = Vec::new();
    for dir in LIBRARY_SOURCES {
        collect_rust_files(&repo().join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {files:?}");
    let mut offences = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable source");
        for offence in env_writes(&text) {
            offences.push(format!("{}: {offence}", file.display()));
        }
    }
    assert!(
        offences.is_empty(),
        "the library writes the process environment:\n{}",
        offences.join("\n")
    );
}

/// The scanner finds calls however they are imported, and ignores mentions in
/// comments and strings (the audit module may name `set_var` in a message).
#[test]
fn the_source_scanner_finds_writes_and_skips_comments_and_strings() {
    for writes in [
        "fn f() { std::env::set_var(\"A\", \"1\"); }",
        "use std::env::{self, remove_var};",
        "unsafe { env::set_var(k, v) }",
        "let _ = dotenvy::dotenv();",
        "dotenvy::from_path(p).ok();",
        "use dotenvy::{from_read_iter, from_read};",
        "fn g<'a>(x: &'a str) -> char { let _ = 'x'; std::env::remove_var(x); 'y' }",
    ] {
        assert!(!env_writes(writes).is_empty(), "missed: {writes}");
    }
    for clean in [
        "// std::env::set_var is never called\nfn f() {}",
        "/* set_var /* nested */ remove_var */ fn f() {}",
        "const MSG: &str = \"do not call set_var\";",
        "let re = r#\"remove_var(\"x\")\"#;",
        "let c = '\"'; let s = \"set_var\"; let t = b\"remove_var\";",
        "for item in dotenvy::from_read_iter(bytes) {}",
        "fn g<'a>(x: &'a str) -> &'a str { x } // set_var",
        "let reset_var = 1; let remove_variable = 2;",
    ] {
        assert_eq!(env_writes(clean), Vec::<String>::new(), "flagged: {clean}");
    }
}

fn collect_rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("readable folder").path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Calls that write the process environment, found in the code of `text` (comments,
/// strings and character literals removed first).
fn env_writes(text: &str) -> Vec<String> {
    let code = strip_comments_and_literals(text);
    let tokens = tokens(&code);
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if matches!(*token, "set_var" | "remove_var") {
            found.push(format!("calls or imports `{token}`"));
        }
        if *token == "dotenvy" && tokens.get(i + 1) == Some(&"::") {
            let mut j = i + 2;
            if tokens.get(j) == Some(&"{") {
                // `use dotenvy::{a, b}`: every name in the braces.
                j += 1;
                while let Some(t) = tokens.get(j).filter(|t| **t != "}") {
                    if t.starts_with(|c: char| c.is_alphabetic() || c == '_')
                        && !DOTENVY_ALLOWED.contains(t)
                    {
                        found.push(format!("imports `dotenvy::{t}`"));
                    }
                    j += 1;
                }
            } else if let Some(t) = tokens.get(j).filter(|t| !DOTENVY_ALLOWED.contains(t)) {
                found.push(format!("uses `dotenvy::{t}`"));
            }
        }
    }
    found
}

/// Identifiers, `::`, and single punctuation characters.
fn tokens(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push(&code[start..i]);
        } else if code[i..].starts_with("::") {
            out.push("::");
            i += 2;
        } else if b.is_ascii_punctuation() {
            out.push(&code[i..i + 1]);
            i += 1;
        } else {
            i += 1;
        }
    }
    out
}

/// `text` with comments, string literals (plain, byte, raw) and character literals
/// replaced by spaces; lifetimes are kept.
fn strip_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if let Some(hashes) = raw_string_start(&chars, i) {
            // r"..." / r#"..."# / br#"..."#: ends at a quote followed by the hashes.
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            i += chars[i..]
                .iter()
                .position(|&c| c == '"')
                .expect("an opening quote")
                + 1;
            while i < chars.len() && !at(i, &close) {
                i += 1;
            }
            i += close.len();
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}'), or a lifetime ('a) kept as is.
            if chars.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
            continue;
        }
        out.push(' ');
    }
    out
}

/// The number of `#` of a raw string literal starting at `i` (`r"`, `r#"`, `br"`).
fn raw_string_start(chars: &[char], i: usize) -> Option<usize> {
    let prev_is_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    if prev_is_ident {
        return None;
    }
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = chars[j..].iter().take_while(|&&c| c == '#').count();
    (chars.get(j + hashes) == Some(&'"')).then_some(hashes)
}
