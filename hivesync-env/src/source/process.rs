//! The process environment, read only.

use super::{Lookup, Origin, Source};

/// The environment of the running process. It is only ever read: nothing in this
/// library writes the process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl Source for ProcessEnv {
    fn get(&self, name: &str) -> Option<Lookup> {
        if name.is_empty() || name.contains(['=', '\0']) {
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
}
