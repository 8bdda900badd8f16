//! The value of `component.NAME` for a relation, read as `check` reads it: the
//! environment, then the Docker secret file `NAME_FILE` for a secret, then the
//! contract's default; and what a message may show of it.

use hivesync_env_core::{Contract, Profile, Var, looks_like_credential, public_holds_secret};
use zeroize::Zeroizing;

use super::Environments;
use crate::load::near_miss::nearest_set_name;
use crate::load::resolve::{Found, find};
use crate::source::NotUnicode;

/// Why a side of a relation has no value to compare.
pub(super) enum Unusable {
    /// Not set, no default: with a near miss of the environment, if any.
    Unset(Option<String>),
    NotUnicode,
    /// `NAME_FILE`'s path, and why it cannot be read.
    Unreadable(String, std::io::Error),
}

pub(super) struct Resolver<'r, 'a> {
    pub contracts: &'r [Contract],
    pub envs: &'r Environments<'a>,
    pub profile: Profile,
}

impl Resolver<'_, '_> {
    fn var(&self, component: &str, name: &str) -> Option<&Var> {
        self.contracts
            .iter()
            .find(|c| c.component == component)
            .and_then(|c| c.var(name))
    }

    /// The value of `component.name` (see the module docs), looked up as the loader
    /// does ([`find`]).
    pub fn value(&self, component: &str, name: &str) -> Result<Zeroizing<String>, Unusable> {
        let env = self.envs.get(component).ok_or(Unusable::Unset(None))?;
        let var = self.var(component, name);
        let secret = var.is_some_and(|v| v.secret);
        match find(|n| (env.lookup)(n), name, secret, &mut String::new()) {
            Found::Direct(Ok(v)) | Found::File { value: Ok(v), .. } => Ok(Zeroizing::new(v)),
            Found::Direct(Err(NotUnicode))
            | Found::File {
                value: Err(NotUnicode),
                ..
            }
            | Found::FileNameNotUnicode(_) => Err(Unusable::NotUnicode),
            Found::Unreadable { path, error } => Err(Unusable::Unreadable(path, error)),
            Found::Unset => match var.and_then(|v| v.default_for(self.profile)) {
                Some(default) => Ok(Zeroizing::new(default.to_owned())),
                None => Err(Unusable::Unset(self.near_miss(component, name))),
            },
        }
    }

    /// A name of `component`'s environment one or two edits from `name`.
    fn near_miss(&self, component: &str, name: &str) -> Option<String> {
        let names = (self.envs.get(component)?.names.as_ref()?)();
        nearest_set_name(name, names)
    }

    /// The values of every secret of every component that has an environment.
    pub fn secret_values(&self) -> Vec<Zeroizing<String>> {
        let mut values = Vec::new();
        for c in self.contracts.iter() {
            if self.envs.get(&c.component).is_none() {
                continue;
            }
            for v in c.vars.iter().filter(|v| v.secret) {
                if let Ok(value) = self.value(&c.component, &v.name)
                    && !value.is_empty()
                {
                    values.push(value);
                }
            }
        }
        values
    }
}

/// Whether a value of a relation without secrets may be shown: it holds no secret's
/// value of the run and has no credential's shape.
pub(super) fn may_show(value: &str, secrets: &[Zeroizing<String>]) -> bool {
    !looks_like_credential(value) && !secrets.iter().any(|s| public_holds_secret(value, s))
}
