//! What the derive's generated code names, by absolute path
//! (`::hivesync_env::__private::...`). Not public API: it may change in any release.

pub use std::borrow::Cow;

pub use hivesync_env_core::{Audience, Contract, Var, VarType, Wrangler};

pub use crate::load::{FromOwned, Loader};
pub use crate::source::Source;
pub use crate::{EnvContract, Profile, Report};

use crate::source::MapSource;

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
    note = "`bake!` embeds values in the binary, which is only safe for the public values of a client contract (desktop, mobile, plugins, admin-ui)"
)]
pub trait Bakeable: EnvContract {
    /// For each variable, the message of a build that lacks it.
    const MISSING: &'static [&'static str];
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

/// Fails compilation, naming the variable, when a required variable of `T` is not
/// among `baked`.
pub const fn assert_baked<T: Bakeable>(baked: &[(&str, Option<&str>)], profile: Profile) {
    let vars: &[Var] = match &T::CONTRACT.vars {
        Cow::Borrowed(vars) => vars,
        Cow::Owned(_) => &[],
    };
    let mut i = 0;
    while i < vars.len() {
        let var = &vars[i];
        let name: &str = match &var.name {
            Cow::Borrowed(name) => name,
            Cow::Owned(_) => "",
        };
        let mut present = false;
        let mut j = 0;
        while j < baked.len() {
            if str_eq(baked[j].0, name) && baked[j].1.is_some() {
                present = true;
            }
            j += 1;
        }
        if !present && !var.optional && var.defaults[profile.index()].is_none() {
            panic!("{}", T::MISSING[i]);
        }
        i += 1;
    }
}

/// Builds `T` from the values `bake!` embedded. (`assert_baked`, in the same
/// expansion, already requires a client struct.)
///
/// # Panics
///
/// When a baked value does not pass its checks (presence is checked at compile time,
/// types here); the message is the report, which holds no secret: client contracts
/// have none.
pub fn load_baked<T: EnvContract>(baked: &[(&str, Option<&str>)], profile: Profile) -> T {
    let source: MapSource = baked
        .iter()
        .filter_map(|(k, v)| v.map(|v| (*k, v)))
        .collect();
    match T::load(&source, profile) {
        Ok(value) => value,
        Err(report) => panic!("the values baked into this build are not valid:\n{report}"),
    }
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
