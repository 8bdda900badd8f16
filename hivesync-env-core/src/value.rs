//! Checking a value against its variable's type.

use std::fmt;

use crate::{Var, VarType};

/// A value that does not fit its variable's type.
///
/// It carries no copy of the value, so it is safe to show for secrets too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeMismatch {
    /// What the value must look like, in words.
    pub expected: String,
}

impl fmt::Display for TypeMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}", self.expected)
    }
}

impl std::error::Error for TypeMismatch {}

impl Var {
    /// Checks `value` against the variable's type, allowed values and bounds.
    ///
    /// The checks agree with the standard `FromStr` of the field types the derive
    /// accepts (`u16` for ports, `bool`, `i64`), so a value that passes here parses
    /// there. Length limits of secrets are not type errors: see [`Var::min_len`].
    ///
    /// ```
    /// use hivesync_env_core::{Var, VarType};
    /// let port = Var::new("PORT", VarType::Port);
    /// assert!(port.check("4000").is_ok());
    /// assert_eq!(
    ///     port.check("http").unwrap_err().to_string(),
    ///     "expected a port number (1-65535)"
    /// );
    /// ```
    pub fn check(&self, value: &str) -> Result<(), TypeMismatch> {
        if self.fits(value) {
            Ok(())
        } else {
            Err(TypeMismatch {
                expected: self.expected(),
            })
        }
    }

    /// [`Var::check`] without the words: allocates nothing.
    pub(crate) fn fits(&self, value: &str) -> bool {
        match self.ty {
            VarType::Port => value.parse::<u16>().is_ok_and(|p| p != 0),
            VarType::Url => is_absolute_url(value),
            VarType::Bool => value == "true" || value == "false",
            VarType::Integer => value.parse::<i64>().is_ok_and(|n| {
                self.min.is_none_or(|lo| n >= lo) && self.max.is_none_or(|hi| n <= hi)
            }),
            VarType::Enum => self.values.iter().any(|v| v == value),
            VarType::Path => !value.is_empty(),
            VarType::String => true,
        }
    }
}

/// `scheme://host[...]` with a letter-first scheme, a non-empty host and no whitespace.
fn is_absolute_url(value: &str) -> bool {
    let b = value.as_bytes();
    // A scheme holds no `:`, so a valid URL's first `:` starts its `://`.
    let Some(colon) = b.iter().position(|&c| c == b':') else {
        return false;
    };
    let (scheme, rest) = b.split_at(colon);
    let Some(after) = rest.strip_prefix(b"://") else {
        return false;
    };
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    let host_len = after
        .iter()
        .position(|c| matches!(c, b'/' | b'?' | b'#'))
        .unwrap_or(after.len());
    scheme_ok && host_len > 0 && !has_space_or_control(value)
}

/// Whether `value` holds white space or a control character (an ANSI escape, DEL,
/// NEL, ...), neither of which a URL may hold: `http://x\u{1b}]0;t\u{7}.com` is not a
/// URL. Byte by byte while it is ASCII.
fn has_space_or_control(value: &str) -> bool {
    if value.is_ascii() {
        value.bytes().any(|b| b == b' ' || b.is_ascii_control())
    } else {
        value.chars().any(|c| c.is_whitespace() || c.is_control())
    }
}

/// Whether `value` is a URL with the `https` scheme.
pub(crate) fn is_https(value: &str) -> bool {
    value
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
}

impl Var {
    /// Whether this variable's `value` breaks its https rule in `production`.
    pub fn is_insecure_url(&self, value: &str) -> bool {
        self.ty == VarType::Url && self.https && !is_https(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(ty: VarType) -> Var {
        Var::new("X", ty)
    }

    #[test]
    fn ports() {
        let v = var(VarType::Port);
        assert!(v.check("1").is_ok());
        assert!(v.check("65535").is_ok());
        for bad in ["0", "65536", "-1", "", " 80", "80a"] {
            assert!(v.check(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn urls() {
        let v = var(VarType::Url);
        assert!(v.check("https://hivesync.dev/api").is_ok());
        assert!(v.check("http://localhost:4000").is_ok());
        for bad in [
            "hivesync.dev",
            "https://",
            "://x",
            "1http://x",
            "https://a b",
            "",
            // Control characters: a terminal title escape, DEL, NEL, a NUL.
            "http://x\u{1b}]0;pwned\u{7}.com",
            "https://api.hivesync.dev/\u{7f}",
            "https://api.hivesync.dev/\u{85}x",
            "https://a\u{0}b",
        ] {
            assert!(v.check(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn https_rule_only_applies_to_marked_urls() {
        let mut v = var(VarType::Url);
        assert!(!v.is_insecure_url("http://x"));
        v.https = true;
        assert!(v.is_insecure_url("http://x"));
        assert!(!v.is_insecure_url("HTTPS://x"));
    }

    #[test]
    fn bools_match_std_from_str() {
        let v = var(VarType::Bool);
        for s in ["true", "false", "TRUE", "1", "yes", ""] {
            assert_eq!(v.check(s).is_ok(), s.parse::<bool>().is_ok(), "{s:?}");
        }
    }

    #[test]
    fn integers_respect_bounds() {
        let mut v = var(VarType::Integer);
        v.min = Some(1);
        v.max = Some(10);
        assert!(v.check("1").is_ok());
        assert!(v.check("0").is_err());
        assert!(v.check("11").is_err());
        assert!(v.check("1.5").is_err());
        assert_eq!(v.expected(), "an integer from 1 to 10");
    }

    #[test]
    fn enums_are_exact() {
        let mut v = var(VarType::Enum);
        v.values = vec!["info".into(), "debug".into()].into();
        assert!(v.check("info").is_ok());
        let err = v.check("INFO").unwrap_err();
        assert_eq!(err.expected, "one of info, debug");
    }

    #[test]
    fn paths_must_not_be_empty() {
        let v = var(VarType::Path);
        assert!(v.check("/models").is_ok());
        assert!(v.check("").is_err());
    }
}
