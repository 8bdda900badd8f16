//! Several sources stacked, later layers winning.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use super::{EnvFile, EnvFileError, Lookup, Origin, ProcessEnv, Source};

/// Sources stacked in order; a later layer overrides an earlier one.
///
/// ```
/// use hivesync_env::source::{Layered, MapSource, Source};
/// let layered = Layered::new()
///     .with(MapSource::new("defaults file").with("LOG_LEVEL", "info"))
///     .with(MapSource::new("overrides").with("LOG_LEVEL", "debug"));
/// assert_eq!(layered.get("LOG_LEVEL").unwrap().value.unwrap(), "debug");
/// ```
#[derive(Default)]
pub struct Layered {
    layers: Vec<Box<dyn Source + Send + Sync>>,
}

impl Layered {
    /// No layers.
    pub fn new() -> Layered {
        Layered::default()
    }

    /// Adds `source` on top of the existing layers.
    pub fn with(mut self, source: impl Source + Send + Sync + 'static) -> Layered {
        self.push(source);
        self
    }

    /// Adds `source` on top of the existing layers.
    pub fn push(&mut self, source: impl Source + Send + Sync + 'static) {
        self.layers.push(Box::new(source));
    }

    /// The usual stack: each of `env_files` in order, then the process environment
    /// unless `process_env` is false. Every file is read; the errors of all files
    /// that could not be read are returned together.
    pub fn standard<P: AsRef<Path>>(
        env_files: &[P],
        process_env: bool,
    ) -> Result<Layered, Vec<EnvFileError>> {
        let mut layered = Layered::new();
        let mut errors = Vec::new();
        for path in env_files {
            match EnvFile::read(path.as_ref()) {
                Ok(file) => layered.push(file),
                Err(e) => errors.push(e),
            }
        }
        if process_env {
            layered.push(ProcessEnv);
        }
        if errors.is_empty() {
            Ok(layered)
        } else {
            Err(errors)
        }
    }
}

/// A layer, as [`Layered::union`] lists its names.
type Layer = dyn Source + Send + Sync;

impl Layered {
    /// The names `list` gives for each layer, top layer first, each name once. `list`
    /// is a `&dyn Fn`: one copy of this function for `names` and `dedicated_names`.
    fn union(&self, list: &dyn Fn(&Layer) -> Vec<(String, Origin)>) -> Vec<(String, Origin)> {
        let mut seen = HashSet::new();
        let mut names = Vec::new();
        for layer in self.layers.iter().rev() {
            for (name, origin) in list(layer.as_ref()) {
                if seen.insert(name.clone()) {
                    names.push((name, origin));
                }
            }
        }
        names
    }
}

impl fmt::Debug for Layered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Layered")
            .field("layers", &self.layers.len())
            .finish()
    }
}

impl Source for Layered {
    fn get(&self, name: &str) -> Option<Lookup> {
        self.layers.iter().rev().find_map(|layer| layer.get(name))
    }

    fn names(&self) -> Vec<(String, Origin)> {
        self.union(&|layer| layer.names())
    }

    /// The answer of the layer whose value [`get`](Source::get) returns.
    fn built_from(&self, name: &str) -> Vec<String> {
        self.layers
            .iter()
            .rev()
            .find(|layer| layer.get(name).is_some())
            .map_or_else(Vec::new, |layer| layer.built_from(name))
    }

    fn includes_process(&self) -> bool {
        self.layers.iter().any(|layer| layer.includes_process())
    }

    fn dedicated_names(&self) -> Vec<(String, Origin)> {
        self.union(&|layer| layer.dedicated_names())
    }
}
