//! An in-memory source: tests, and platforms that hand values over as a map.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::sync::Arc;

use super::{Lookup, Origin, Source};

/// Variables held in memory, under a label shown as their origin.
///
/// ```
/// use hivesync_env::source::{MapSource, Source};
/// let bindings = MapSource::new("cloudflare bindings")
///     .with("R2_BUCKET", "hivesync-r2")
///     .with("AI_MODEL", "gpt-4.1");
/// assert_eq!(bindings.get("AI_MODEL").unwrap().value.unwrap(), "gpt-4.1");
/// ```
#[derive(Clone, Default)]
pub struct MapSource {
    label: Option<Arc<str>>,
    entries: BTreeMap<String, OsString>,
}

impl MapSource {
    /// An empty map labelled `label`.
    pub fn new(label: &str) -> MapSource {
        MapSource {
            label: Some(label.into()),
            entries: BTreeMap::new(),
        }
    }

    /// Adds or replaces `name`.
    pub fn with(mut self, name: impl Into<String>, value: impl Into<OsString>) -> MapSource {
        self.insert(name, value);
        self
    }

    /// Adds or replaces `name`.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<OsString>) {
        self.entries.insert(name.into(), value.into());
    }

    fn origin(&self) -> Origin {
        Origin::Map(self.label.clone().unwrap_or_else(|| "map".into()))
    }
}

impl<K: Into<String>, V: Into<OsString>> FromIterator<(K, V)> for MapSource {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = MapSource::default();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

/// Lists names only: values may be secrets.
impl fmt::Debug for MapSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapSource")
            .field("label", &self.label)
            .field("names", &self.entries.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Source for MapSource {
    fn get(&self, name: &str) -> Option<Lookup> {
        let value = self.entries.get(name)?;
        Some(Lookup::from_os(value.clone(), self.origin()))
    }

    fn names(&self) -> Vec<(String, Origin)> {
        self.entries
            .keys()
            .map(|k| (k.clone(), self.origin()))
            .collect()
    }
}
