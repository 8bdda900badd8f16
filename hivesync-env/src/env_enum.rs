//! Rust enums bound to a contract `enum` variable.

use std::fmt;

/// A fieldless enum whose variants are the values of a contract `enum` variable.
///
/// Derive it with `#[derive(EnvEnum)]` (with `Clone` and `Copy`): each variant stands
/// for its name in snake_case (`SmtpRelay` is `smtp_relay`), or for the value of its
/// `#[env(value = "...")]`. The derive also implements [`FromStr`](std::str::FromStr)
/// (exact match, error [`ParseEnumError`]), [`Display`](fmt::Display), and an inherent
/// `const fn as_str(self) -> &'static str`.
///
/// A struct field of such a type is checked against its contract variable when the
/// struct is compiled: a value the contract allows with no variant, and a variant the
/// contract does not allow, are build errors naming the value and the contract line,
/// all of them in one build. [`bake!`](crate::bake) bakes such a field as the variant
/// itself: nothing is parsed at run time.
///
/// ```
/// use hivesync_env::{EnvContract, EnvEnum, Profile, source::MapSource};
///
/// #[derive(Debug, Clone, Copy, PartialEq, Eq, EnvEnum)]
/// pub enum Theme {
///     Light,
///     Dark,
///     #[env(value = "high-contrast")]
///     HighContrast,
/// }
///
/// assert_eq!("high-contrast".parse::<Theme>(), Ok(Theme::HighContrast));
/// assert_eq!(Theme::Dark.as_str(), "dark");
/// assert_eq!(Theme::Light.to_string(), "light");
/// assert_eq!(<Theme as EnvEnum>::VALUES, ["light", "dark", "high-contrast"]);
/// assert_eq!(
///     "sepia".parse::<Theme>().unwrap_err().to_string(),
///     "expected one of light, dark, high-contrast"
/// );
///
/// #[derive(Debug, EnvContract)]
/// #[env(component = "themed", audience = "server")]
/// struct ThemedEnv {
///     /// Colour theme
///     #[env(default = "dark")]
///     theme: Theme,
/// }
/// let env = ThemedEnv::load(&MapSource::new("test"), Profile::Production).unwrap();
/// assert_eq!(env.theme, Theme::Dark);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an `EnvEnum`",
    label = "a contract enum, or a field `bake!` builds, needs an `EnvEnum` here",
    note = "add `#[derive(Clone, Copy, EnvEnum)]` to `{Self}`, or hold the value in a `String`"
)]
pub trait EnvEnum: Copy + Sized + 'static {
    /// The value each variant stands for, in declaration order.
    const VALUES: &'static [&'static str];
    /// The variants, in the order of [`EnvEnum::VALUES`].
    const VARIANTS: &'static [Self];
}

/// A string that is none of an [`EnvEnum`]'s values. It names the allowed values, not
/// the string found (the loader's report shows that, unless it is a secret).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseEnumError {
    /// The values the enum accepts.
    pub expected: &'static [&'static str],
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written value by value: `join` on `&str` would be a copy of its own of the
        // standard library's join in this crate's build.
        f.write_str("expected one of ")?;
        for (i, value) in self.expected.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(value)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseEnumError {}
