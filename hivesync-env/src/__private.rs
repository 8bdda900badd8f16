//! What the derive's generated code names, by absolute path
//! (`::hivesync_env::__private::...`). Not public API: it may change in any release.

pub use std::borrow::Cow;

pub use hivesync_env_core::{Audience, Contract, RustWorker, Template, Var, VarType, Wrangler};

pub use crate::load::Loader;
pub use crate::load::fields::FromOwned;
pub use crate::source::Source;
pub use crate::{EnvContract, EnvEnum, Profile, Report};
#[cfg(feature = "derive")]
pub use hivesync_env_derive::{__bake_values as bake_values, __check_enum as check_enum};

use std::time::Duration;

/// The contract of a struct whose derive failed: the impl exists only so that the
/// user sees the derive's errors and not one per use of the struct.
pub const EMPTY_CONTRACT: &Contract = &Contract {
    component: Cow::Borrowed(""),
    audience: Audience::Server,
    description: Cow::Borrowed(""),
    file: Cow::Borrowed(""),
    vars: Cow::Borrowed(&[]),
    compose_service: None,
    wrangler: None,
    forbidden: Cow::Borrowed(&[]),
};

/// Parses `s` through `serde::Deserialize`, for fields marked `#[env(serde)]`.
#[cfg(feature = "serde")]
pub fn from_str_serde<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, String> {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = s.into_deserializer();
    T::deserialize(de).map_err(|e| e.to_string())
}

/// Structs `bake!` accepts: those derived from a `client` contract.
#[diagnostic::on_unimplemented(
    message = "only client structs can be baked, and `{Self}` is not one",
    note = "`bake!` embeds values in the binary, which is only safe for the public values of a client contract (desktop, mobile, plugins or admin-ui)"
)]
pub trait Bakeable: EnvContract {
    /// The field types, in field order, as a tuple.
    type Fields;
    /// The struct from its fields, built by `bake!` in the client crate (the fields
    /// need not be visible there).
    fn from_baked(fields: Self::Fields) -> Self;
}

/// The type of field `I` of a baked struct, so that `bake!` can name it in the client
/// crate, where the type's own path may not resolve.
pub trait BakeField<const I: usize> {
    /// The field's type.
    type Ty;
}

/// The variant of `T` for `value`, evaluated in a `const` block by `bake!`: a value
/// with no variant fails the build (the derive has already reported it against the
/// contract), never the program.
pub const fn enum_variant<T: EnvEnum>(value: &str) -> T {
    let mut i = 0;
    while i < T::VALUES.len() {
        if str_eq(T::VALUES[i], value) {
            return T::VARIANTS[i];
        }
        i += 1;
    }
    panic!("a baked value has no variant in its enum")
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// What a `bake!` that failed to compile expands to beside its errors, so that the
/// user sees them without follow-on errors. The build fails, so this never runs.
pub fn not_built<T>() -> T {
    unreachable!("a `bake!` with errors does not compile")
}

/// The `FromStr` of an [`EnvEnum`]: the variant whose value is `s`.
pub fn parse_enum<T: EnvEnum>(s: &str) -> Result<T, crate::ParseEnumError> {
    T::VALUES
        .iter()
        .position(|v| *v == s)
        .map(|i| T::VARIANTS[i])
        .ok_or(crate::ParseEnumError {
            expected: T::VALUES,
        })
}

/// Parses a whole number of milliseconds, for a `Duration` field of an `integer`
/// variable with `unit = "ms"`.
pub fn duration_ms(s: &str) -> Result<Duration, String> {
    s.parse::<u64>()
        .map(Duration::from_millis)
        .map_err(|e| format!("not a number of milliseconds: {e}"))
}

/// Parses a whole number of seconds, for a `Duration` field of an `integer` variable
/// with `unit = "s"`.
pub fn duration_s(s: &str) -> Result<Duration, String> {
    s.parse::<u64>()
        .map(Duration::from_secs)
        .map_err(|e| format!("not a number of seconds: {e}"))
}

/// A small contract for documentation examples.
#[doc(hidden)]
pub fn demo_contract() -> Contract {
    let mut port = Var::new("PORT", VarType::Port);
    port.description = Cow::Borrowed("Port to listen on");
    Contract {
        component: Cow::Borrowed("demo"),
        audience: Audience::Server,
        description: Cow::Borrowed("A demo"),
        file: Cow::Borrowed("demo.toml"),
        vars: Cow::Owned(vec![port]),
        compose_service: None,
        wrangler: None,
        forbidden: Cow::Borrowed(&[]),
    }
}
