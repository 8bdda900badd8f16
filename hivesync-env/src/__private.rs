//! What the derive's generated code names, by absolute path
//! (`::hivesync_env::__private::...`). Not public API: it may change in any release.

pub use core::option::Option;
pub use core::result::Result;
pub use std::borrow::Cow;

pub use hivesync_env_core::{Audience, Contract, Var, VarType, Wrangler};

pub use crate::load::Loader;
pub use crate::source::Source;
pub use crate::{EnvContract, Profile, Report, Secret};

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
