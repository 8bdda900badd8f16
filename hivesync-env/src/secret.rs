//! `Secret<T>`: a value that is never printed and is wiped from memory on drop.

use std::fmt;
use std::str::FromStr;

use zeroize::Zeroize;

/// A secret configuration value: `JWT_SECRET`, `POSTGRES_PASSWORD`, an API key.
///
/// - `Debug` and `Display` print `[redacted]`, never the value;
/// - it does not implement `serde::Serialize`, so it cannot be written out by accident;
/// - the value is zeroized when the secret is dropped;
/// - reading it is an explicit call to [`Secret::expose_secret`], easy to find in review.
///
/// The value is held inline, not in a second box as [`secrecy::SecretBox`] holds it:
/// a `Secret<String>` costs no allocation beyond the `String`'s own. The bytes of a
/// `String` (or `Vec`) live in its heap buffer, which a move of the `Secret` does not
/// copy, so wiping that buffer on drop wipes the only copy the wrapper ever held. A
/// value stored inline in `T` itself (`Secret<u16>`) is copied by a move, as it would
/// be by the `Box::new` that puts it in a `SecretBox`; only the last copy is wiped.
///
/// ```
/// use hivesync_env::Secret;
/// let key: Secret<String> = "sk-live-0123456789".parse().unwrap();
/// assert_eq!(format!("{key:?} {key}"), "Secret([redacted]) [redacted]");
/// assert_eq!(key.expose_secret(), "sk-live-0123456789");
/// ```
pub struct Secret<T: Zeroize = String>(T);

impl<T: Zeroize> Secret<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    /// The secret value. Every call is a place where a secret leaves its wrapper:
    /// keep the result in a narrow scope and never log it.
    pub fn expose_secret(&self) -> &T {
        &self.0
    }
}

/// Wipes the value (for a `String`, its whole buffer, capacity included).
impl<T: Zeroize> Drop for Secret<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl Secret<String> {
    /// Compares two secrets in time independent of where they differ (with
    /// [`subtle`]), as a check of a shared signing key should.
    ///
    /// ```
    /// use hivesync_env::Secret;
    /// let a = Secret::new("same-key".to_owned());
    /// assert!(a.ct_eq(&Secret::new("same-key".to_owned())));
    /// assert!(!a.ct_eq(&Secret::new("other-key".to_owned())));
    /// ```
    pub fn ct_eq(&self, other: &Secret<String>) -> bool {
        constant_time_eq(
            self.expose_secret().as_bytes(),
            other.expose_secret().as_bytes(),
        )
    }
}

/// Whether `a` equals `b`, in time that does not depend on where they differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
}

impl<T: Zeroize> secrecy::ExposeSecret<T> for Secret<T> {
    fn expose_secret(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize + Clone> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Secret::new(self.expose_secret().clone())
    }
}

impl<T: Zeroize + Default> Default for Secret<T> {
    fn default() -> Self {
        Secret::new(T::default())
    }
}

impl<T: Zeroize> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Secret::new(value)
    }
}

/// Parses the inner value. The error is the inner type's; the loader never shows it
/// for secrets, since a parse error may quote its input.
impl<T: Zeroize + FromStr> FromStr for Secret<T> {
    type Err = T::Err;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(Secret::new)
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl<T: Zeroize> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_value() {
        let s = Secret::new("hunter2-hunter2".to_owned());
        for out in [
            format!("{s}"),
            format!("{s:?}"),
            format!("{s:#?}"),
            format!("{s:>40}"),
        ] {
            assert!(!out.contains("hunter2"), "{out}");
        }
    }

    /// A value that records being wiped, in a flag it shares with the test.
    struct Recorder(std::rc::Rc<std::cell::Cell<bool>>);

    impl Zeroize for Recorder {
        fn zeroize(&mut self) {
            self.0.set(true);
        }
    }

    #[test]
    fn drop_wipes_the_value() {
        let wiped = std::rc::Rc::new(std::cell::Cell::new(false));
        let s = Secret::new(Recorder(wiped.clone()));
        let moved = Some(s);
        assert!(!wiped.get(), "a move wipes nothing");
        drop(moved);
        assert!(wiped.get(), "dropping the secret wipes its value");
    }

    #[test]
    fn no_allocation_beyond_the_value() {
        assert_eq!(size_of::<Secret<String>>(), size_of::<String>());
        let s = Secret::new("sk-live-0123456789".to_owned());
        let p = s.expose_secret().as_ptr();
        let moved = Box::new(s);
        assert_eq!(moved.expose_secret().as_ptr(), p, "the buffer never moves");
    }

    #[test]
    fn clone_keeps_the_value() {
        let s = Secret::new(vec![1u8, 2, 3]);
        assert_eq!(s.clone().expose_secret(), &[1, 2, 3]);
    }
}
