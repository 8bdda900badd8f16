//! The fuzz harness: what each fuzz target runs on one input. It lives in a library
//! so `hivesync-env/tests/fuzz_corpus.rs` runs the very same code over the committed
//! corpus in `cargo test` (it includes this file with `#[path]`).
//!
//! Both functions panic only when a promise is broken: a parser or the loader panics,
//! an error names a line outside the input, or a secret's marker reaches an output.

use std::sync::OnceLock;

use hivesync_env::source::{EnvFile, EnvFileError, Lookup, MapSource, Origin, Source};
use hivesync_env::{Checked, Contract, Profile, check};
use hivesync_env_core::ContractSet;

/// The real contracts, read at build time from the repository's `contracts/`.
const CONTRACT_FILES: &[(&str, &str)] = &[
    (
        "contracts/backend.toml",
        include_str!("../../../contracts/backend.toml"),
    ),
    (
        "contracts/workers.toml",
        include_str!("../../../contracts/workers.toml"),
    ),
    (
        "contracts/desktop.toml",
        include_str!("../../../contracts/desktop.toml"),
    ),
    (
        "contracts/mobile.toml",
        include_str!("../../../contracts/mobile.toml"),
    ),
    (
        "contracts/plugins.toml",
        include_str!("../../../contracts/plugins.toml"),
    ),
    (
        "contracts/admin-ui.toml",
        include_str!("../../../contracts/admin-ui.toml"),
    ),
];

/// Seeds put this marker in secret values (`JWT_SECRET=@@SECRET@@...`); no output may
/// show it unless the input also puts it somewhere that is shown (a name, or the
/// value of a variable that is not a secret).
pub const SECRET_MARKER: &str = "@@SECRET@@";

fn contracts() -> &'static ContractSet {
    static SET: OnceLock<ContractSet> = OnceLock::new();
    SET.get_or_init(|| {
        ContractSet::parse(CONTRACT_FILES.iter().copied())
            .unwrap_or_else(|e| panic!("the real contracts: {e}"))
    })
}

/// The 1-based number of the last line of `text`, as error messages count lines.
fn last_line(text: &[u8]) -> u32 {
    text.iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

/// Fuzz target `contract_parse`: one contract file alone, then among the real ones.
pub fn contract_toml(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let last = last_line(text.as_bytes());
    match hivesync_env_core::Contract::parse("fuzz.toml", &text) {
        Ok(contract) => exercise(&contract),
        Err(errors) => {
            assert!(!errors.errors().is_empty(), "an Err without errors");
            for e in errors.errors() {
                assert!(
                    (1..=last).contains(&e.line),
                    "line {} of a {last}-line file: {e}",
                    e.line
                );
            }
            let _ = errors.to_string();
        }
    }
    let files = CONTRACT_FILES
        .iter()
        .copied()
        .chain([("fuzz.toml", text.as_ref())]);
    match ContractSet::parse(files) {
        Ok(set) => set.contracts().iter().for_each(exercise),
        Err(errors) => {
            for e in errors.errors().iter().filter(|e| e.file == "fuzz.toml") {
                assert!(
                    (1..=last).contains(&e.line),
                    "line {} of {last}: {e}",
                    e.line
                );
            }
            let _ = errors.to_string();
        }
    }
}

/// Runs a parsed contract through the loader: from nothing, and from a source that
/// holds each variable's example, default or a word, in every profile.
fn exercise(contract: &Contract) {
    let empty = MapSource::new("empty");
    let mut full = MapSource::new("full");
    for var in contract.vars.iter() {
        let _ = var.expected();
        let value = var
            .example
            .as_deref()
            .or(var.default_for(Profile::Local))
            .unwrap_or("x");
        full.insert(var.name.to_string(), value);
    }
    for profile in Profile::ALL {
        for source in [&empty, &full] {
            let checked = check(contract, source, profile);
            let _ = format!("{} {checked:?}", checked.report);
        }
    }
}

/// Hides `NAME_FILE` values the loader would read as paths, unless they are a plain
/// word (a file in the current folder, which does not exist or is a folder): a fuzzer
/// must not make the loader read `/dev/zero` or wait on `/dev/stdin`.
struct SafeFiles<'a>(&'a EnvFile);

fn is_safe_path(lookup: &Lookup) -> bool {
    lookup
        .value
        .as_ref()
        .is_ok_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
}

impl Source for SafeFiles<'_> {
    fn get(&self, name: &str) -> Option<Lookup> {
        let lookup = self.0.get(name)?;
        if name.ends_with("_FILE") && !is_safe_path(&lookup) {
            return None;
        }
        Some(lookup)
    }

    fn names(&self) -> Vec<(String, Origin)> {
        self.0.names()
    }
}

/// What [`env_file`] did with one input.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EnvFileRun {
    /// The file parsed (else its syntax error lines were checked).
    pub parsed: bool,
    /// A secret held the marker and nothing else shown did, so the outputs were
    /// searched for it.
    pub marker_checked: bool,
}

/// Fuzz target `env_file_check`: parse, then check against the backend and the
/// desktop contracts in every profile.
pub fn env_file(data: &[u8]) -> EnvFileRun {
    let file = match EnvFile::parse("fuzz.env", data) {
        Ok(file) => file,
        Err(e) => {
            syntax_error_is_sound(data, &e);
            return EnvFileRun::default();
        }
    };
    let source = SafeFiles(&file);
    let set = contracts();
    let names = names_shown(&file, &source, set);
    let mut outputs = names.outputs;
    for component in ["backend", "desktop"] {
        let contract = set.get(component).expect("a real component");
        for profile in Profile::ALL {
            let checked = check(contract, &source, profile);
            assert_eq!(checked.vars.len(), contract.vars.len());
            outputs.extend(shown(&checked));
        }
    }
    let marker_checked = names.marker_in_secret && !names.marker_shown_elsewhere;
    if marker_checked {
        for out in &outputs {
            assert!(
                !out.contains(SECRET_MARKER),
                "a secret reached an output:\n{out}"
            );
        }
    }
    EnvFileRun {
        parsed: true,
        marker_checked,
    }
}

/// An error of a file that does not parse shows none of it, and names lines that it
/// has.
fn syntax_error_is_sound(data: &[u8], e: &EnvFileError) {
    let shown = format!("{e} {e:?}");
    assert!(
        !shown.contains(SECRET_MARKER),
        "an error shows content: {shown}"
    );
    if let EnvFileError::Syntax { lines, .. } = e {
        let last = last_line(data);
        assert!(!lines.is_empty());
        assert!(
            lines.iter().all(|l| (1..=last).contains(l)),
            "{lines:?} of {last}"
        );
    }
}

/// What a parsed file shows of its names, and where the input put the marker.
struct Names {
    /// The file's `Debug`, and each name with its origin and lookup.
    outputs: Vec<String>,
    /// A secret's value holds the marker.
    marker_in_secret: bool,
    /// A name, or the value of a variable that is not a secret, holds the marker.
    marker_shown_elsewhere: bool,
}

fn names_shown(file: &EnvFile, source: &SafeFiles<'_>, set: &ContractSet) -> Names {
    let is_secret = |name: &str| {
        set.contracts()
            .iter()
            .any(|c| c.var(name).is_some_and(|v| v.secret))
    };
    let mut names = Names {
        outputs: vec![format!("{file:?}")],
        marker_in_secret: false,
        marker_shown_elsewhere: false,
    };
    for (name, origin) in file.names() {
        let lookup = source.get(&name);
        names.outputs.push(format!("{name} {origin} {lookup:?}"));
        let in_value = lookup
            .and_then(|l| l.value.ok())
            .is_some_and(|v| v.contains(SECRET_MARKER));
        if name.contains(SECRET_MARKER) || (in_value && !is_secret(&name)) {
            names.marker_shown_elsewhere = true;
        } else if in_value {
            names.marker_in_secret = true;
        }
    }
    names
}

fn shown(checked: &Checked) -> Vec<String> {
    let mut out = vec![
        checked.report.to_string(),
        format!("{checked:?}"),
        serde_json::to_string(&checked.report).expect("the report serializes"),
        serde_json::to_string(&checked.vars).expect("the statuses serialize"),
    ];
    out.extend(checked.report.problems().iter().map(|p| p.to_string()));
    out
}
