//! The process environment, read only.

use super::{Lookup, OnlyProcess, Origin, Source};

/// The environment of the running process. It is only ever read: nothing in this
/// library writes the process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl Source for ProcessEnv {
    fn get(&self, name: &str) -> Option<Lookup> {
        // std answers `None` for a name with NUL; a name with `=` could match the wrong
        // entry in libc's getenv. (`[u8]::contains` is a memchr: this runs per variable.)
        if name.is_empty() || name.as_bytes().contains(&b'=') {
            return None;
        }
        std::env::var_os(name).map(|v| Lookup::from_os(v, Origin::Process))
    }

    fn names(&self) -> Vec<(String, Origin)> {
        std::env::vars_os()
            .filter_map(|(k, _)| k.into_string().ok())
            .map(|k| (k, Origin::Process))
            .collect()
    }

    fn includes_process(&self) -> bool {
        true
    }

    fn dedicated_names(&self) -> Vec<(String, Origin)> {
        Vec::new()
    }

    fn only_process(&self) -> Option<OnlyProcess> {
        Some(OnlyProcess::PROOF)
    }
}
