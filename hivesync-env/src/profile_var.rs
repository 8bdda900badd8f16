//! The one reading of [`PROFILE_VAR`] from a source, and the one wording of what is
//! wrong with it: [`startup`](crate::startup) (a server's `.env` and process
//! environment) and a worker's named profile (`crate::worker`) both read it here.

use std::fmt;

use hivesync_env_core::{PROFILE_VAR, Profile};

use crate::report::ProblemKind;
use crate::source::{Lookup, NotUnicode, Origin, Source};

/// What [`PROFILE_VAR`] must hold, as messages say it.
pub(crate) const EXPECTED: &str = "one of local, docker, production";

/// The longest part of a value a message quotes before cutting it short.
const QUOTE_LIMIT: usize = 40;

/// [`PROFILE_VAR`] is set to something that is not a profile. `Display` says so,
/// without the name: `is `prod`: expected one of local, docker, production`.
pub(crate) struct BadProfile {
    /// The value as a message shows it: quoted and cut short, `empty`, or `not valid
    /// Unicode`.
    pub found: String,
    /// `invalid`, or `not_unicode`: the kind of the worker's report problem (startup
    /// reports a `SetupError`, without a kind).
    #[cfg_attr(not(any(feature = "worker", test)), allow(dead_code))]
    pub kind: ProblemKind,
    /// Where it is set.
    pub origin: Origin,
}

impl fmt::Display for BadProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "is {}: expected {EXPECTED}", self.found)
    }
}

/// The profile [`PROFILE_VAR`] names in `source`; `Ok(None)` when it is unset.
pub(crate) fn read(source: &dyn Source) -> Result<Option<Profile>, BadProfile> {
    let Some(Lookup { value, origin }) = source.get(PROFILE_VAR) else {
        return Ok(None);
    };
    let (found, kind) = match &value {
        Ok(v) => match v.parse::<Profile>() {
            Ok(profile) => return Ok(Some(profile)),
            Err(_) if v.is_empty() => ("empty".to_owned(), ProblemKind::Invalid),
            Err(_) => (quote(v), ProblemKind::Invalid),
        },
        Err(NotUnicode) => ("not valid Unicode".to_owned(), ProblemKind::NotUnicode),
    };
    Err(BadProfile {
        found,
        kind,
        origin,
    })
}

/// A value as a message shows it: escaped, in backquotes, at most [`QUOTE_LIMIT`]
/// characters of the escaped text, then `...`.
fn quote(value: &str) -> String {
    let escaped = value.escape_debug().to_string();
    match escaped.char_indices().nth(QUOTE_LIMIT) {
        Some((end, _)) => format!("`{}...`", &escaped[..end]),
        None => format!("`{escaped}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expected_list_names_every_profile_in_order() {
        let names: Vec<&str> = Profile::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(EXPECTED, format!("one of {}", names.join(", ")));
    }

    #[test]
    fn values_are_escaped_and_cut_short() {
        assert_eq!(quote("prod"), "`prod`");
        assert_eq!(quote("a\nb"), "`a\\nb`");
        assert_eq!(quote(&"x".repeat(41)), format!("`{}...`", "x".repeat(40)));
        assert_eq!(quote(&"x".repeat(40)), format!("`{}`", "x".repeat(40)));
    }
}
