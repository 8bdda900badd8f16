//! The renderers' output for small contracts, compared with text written and checked
//! by hand, line by line: a renderer regression fails here even after someone
//! regenerates and commits `contracts/generated/` (which only the drift check of
//! `hivesync-env docs --check` compares). One module per renderer, the contracts in
//! `contracts.rs`, and the defences every renderer shares (hostile text, secrets) in
//! `hostile.rs`.
#![cfg(all(feature = "parse", feature = "render"))]

mod compose;
mod contracts;
mod env_example;
mod hostile;
mod json_schema;
mod markdown;
mod typescript;
mod wrangler;
mod wrangler_deploy;

use hivesync_env_core::Contract;
use hivesync_env_core::render::artifacts;

/// The text of the artifact at `path` rendered from `contracts`.
pub fn artifact(contracts: &[Contract], path: &str) -> String {
    artifacts(contracts)
        .into_iter()
        .find(|a| a.path == path)
        .unwrap_or_else(|| panic!("no artifact {path}"))
        .contents
}

/// `actual` is `expected`, one line each, every line ending with a newline; on a
/// difference, names the first line that differs.
#[track_caller]
pub fn assert_lines(actual: &str, expected: &[&str]) {
    let want: String = expected.iter().map(|l| format!("{l}\n")).collect();
    if actual == want {
        return;
    }
    let got: Vec<&str> = actual.split('\n').collect();
    let wanted: Vec<&str> = want.split('\n').collect();
    let at = got
        .iter()
        .zip(&wanted)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(wanted.len()));
    panic!(
        "line {} differs:\n  expected: {:?}\n  found:    {:?}\nwhole output:\n{actual}",
        at + 1,
        wanted.get(at),
        got.get(at)
    );
}
