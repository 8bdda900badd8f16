//! Typed fields from resolved values: what the derive's generated `load` calls, one
//! method per kind of field (parsed with `FromStr`, moved as is, parsed by a given
//! function; each also for an optional variable).

use std::str::FromStr;

use hivesync_env_core::{found, looks_like_credential};

use super::Loader;
use crate::report::{ProblemKind, Severity};

impl Loader<'_> {
    /// The typed value of variable `index`, parsed with `FromStr`. `None` when it is
    /// missing, unusable or does not parse (the problem is then in the report).
    pub fn field<T: FromStr>(&mut self, index: usize) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        self.parse_with(index, |s| s.parse::<T>().map_err(|e| e.to_string()))
    }

    /// The value of variable `index` moved into a field that holds the string as is
    /// (`String`, `PathBuf`, `Secret<String>`): no copy, nothing to parse. `None`
    /// when it is missing or unusable (the problem is then in the report).
    pub fn owned_field<T: FromOwned>(&mut self, index: usize) -> Option<T> {
        let slot = &mut self.slots[index];
        if !slot.usable {
            return None;
        }
        slot.value.take().map(T::from_owned)
    }

    /// Like [`Loader::owned_field`] for an optional variable.
    pub fn optional_owned_field<T: FromOwned>(&mut self, index: usize) -> Option<Option<T>> {
        if self.slots[index].value.is_none() && self.slots[index].usable {
            return Some(None);
        }
        self.owned_field(index).map(Some)
    }

    /// Like [`Loader::field`] for an optional variable: `Some(None)` when it is unset.
    pub fn optional_field<T: FromStr>(&mut self, index: usize) -> Option<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        if self.slots[index].value.is_none() && self.slots[index].usable {
            return Some(None);
        }
        self.field(index).map(Some)
    }

    /// Like [`Loader::parse_with`] for an optional variable.
    pub fn optional_parse_with<T>(
        &mut self,
        index: usize,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        if self.slots[index].value.is_none() && self.slots[index].usable {
            return Some(None);
        }
        self.parse_with(index, parse).map(Some)
    }

    /// Parses variable `index` with `parse`; a parse error becomes an `invalid`
    /// problem that quotes the value only when it is not a secret.
    pub fn parse_with<T>(
        &mut self,
        index: usize,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let slot = &self.slots[index];
        if !slot.usable {
            return None;
        }
        let value = slot.value.as_deref()?;
        match parse(value) {
            Ok(v) => Some(v),
            Err(e) => {
                let var = &self.contract.vars[index];
                // A field's own parse error may quote its input: neither is shown for a
                // secret, nor for a public value with a credential's shape (reported
                // as such already, and hidden everywhere else).
                let hidden = if var.secret {
                    Some("secret")
                } else if looks_like_credential(value) {
                    Some("it has the shape of a credential")
                } else {
                    None
                };
                let message = if let Some(why) = hidden {
                    format!(
                        "expected {}; the value did not parse (not shown: {why})",
                        var.expected()
                    )
                } else {
                    format!(
                        "expected {}, found {}: {e}",
                        var.expected(),
                        found(var, value)
                    )
                };
                self.report
                    .push(&var.name, ProblemKind::Invalid, Severity::Error, message);
                None
            }
        }
    }
}

/// A field type that takes the value's string as is, without parsing or copying it.
///
/// The derive moves values into fields of these types; any other type parses through
/// `FromStr`.
pub trait FromOwned {
    /// Wraps the value.
    fn from_owned(value: String) -> Self;
}

impl FromOwned for String {
    fn from_owned(value: String) -> Self {
        value
    }
}

impl FromOwned for std::path::PathBuf {
    fn from_owned(value: String) -> Self {
        value.into()
    }
}

impl FromOwned for std::ffi::OsString {
    fn from_owned(value: String) -> Self {
        value.into()
    }
}

impl FromOwned for crate::secret::Secret<String> {
    fn from_owned(value: String) -> Self {
        crate::secret::Secret::new(value)
    }
}
