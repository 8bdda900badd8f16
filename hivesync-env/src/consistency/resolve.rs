//! The value of `component.NAME` for a relation, read as `check` reads it: the
//! environment, then the Docker secret file `NAME_FILE` for a secret, then the
//! contract's default; and what a message may show of it.

use std::path::Path;

use hivesync_env_core::{
    Contract, Profile, Var, looks_like_credential, name_is_hidden, public_holds_secret,
};
use zeroize::Zeroizing;

use super::Environments;
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

    /// The value of `component.name` (see the module docs).
    pub fn value(&self, component: &str, name: &str) -> Result<Zeroizing<String>, Unusable> {
        let env = self.envs.get(component).ok_or(Unusable::Unset(None))?;
        let var = self.var(component, name);
        match (env.lookup)(name) {
            Some(Ok(v)) => return Ok(Zeroizing::new(v)),
            Some(Err(NotUnicode)) => return Err(Unusable::NotUnicode),
            None => {}
        }
        if var.is_some_and(|v| v.secret) {
            match (env.lookup)(&format!("{name}_FILE")) {
                Some(Ok(path)) => {
                    return match crate::load::secret_file_value(Path::new(&path)) {
                        Ok(Ok(v)) => Ok(Zeroizing::new(v)),
                        Ok(Err(NotUnicode)) => Err(Unusable::NotUnicode),
                        Err(e) => Err(Unusable::Unreadable(path, e)),
                    };
                }
                Some(Err(NotUnicode)) => return Err(Unusable::NotUnicode),
                None => {}
            }
        }
        match var.and_then(|v| v.default_for(self.profile)) {
            Some(default) => Ok(Zeroizing::new(default.to_owned())),
            None => Err(Unusable::Unset(self.near_miss(component, name))),
        }
    }

    /// A name of `component`'s environment one or two edits from `name`.
    fn near_miss(&self, component: &str, name: &str) -> Option<String> {
        let names = (self.envs.get(component)?.names.as_ref()?)();
        names
            .into_iter()
            .filter(|n| n.len().abs_diff(name.len()) <= 2 && !name_is_hidden(n))
            .map(|n| (strsim::levenshtein(&n, name), n))
            .filter(|(d, _)| (1..=2).contains(d))
            .min()
            .map(|(_, n)| n)
    }

    /// The values of every secret of every component that has an environment.
    pub fn secret_values(&self) -> Vec<Zeroizing<String>> {
        self.contracts
            .iter()
            .filter(|c| self.envs.get(&c.component).is_some())
            .flat_map(|c| c.vars.iter().filter(|v| v.secret).map(move |v| (c, v)))
            .filter_map(|(c, v)| self.value(&c.component, &v.name).ok())
            .filter(|v| !v.is_empty())
            .collect()
    }
}

/// Whether a value of a relation without secrets may be shown: it holds no secret's
/// value of the run and has no credential's shape.
pub(super) fn may_show(value: &str, secrets: &[Zeroizing<String>]) -> bool {
    !looks_like_credential(value) && !secrets.iter().any(|s| public_holds_secret(value, s))
}
