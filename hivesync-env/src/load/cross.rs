//! Checks across the values of one run, once every variable is resolved.
//!
//! - `leak`: a public value equal to, or containing, the value of a secret of the same
//!   run (`AI_MODEL=${JWT_SECRET}`, `BASE_URL=https://x/?k=<secret>`): an error on the
//!   public variable, which replaces its other problems (their messages may quote the
//!   value) and is hidden wherever values are shown;
//! - `leak` too: a public value built by substitution from a secret's name
//!   (`AI_MODEL=${JWT_SECRET}` in a `.env` file), even when the run's secret is another
//!   value (the process environment overrides the file's);
//! - `weak`: a secret equal to a public value (`POSTGRES_PASSWORD` = `POSTGRES_USER`):
//!   anyone who reads the public one knows the secret. A public variable left at the
//!   contract's default copied nothing: when that default equals or contains a secret
//!   (`JWT_SECRET=hivesync-r2`, R2_BUCKET's default), only the secret is reported,
//!   `weak`, since the contract and every document show the default.

use hivesync_env_core::public_holds_secret;

use super::{Loader, Slot};
use crate::report::{ProblemKind, Severity};

impl Loader<'_> {
    /// Runs the checks across values (see the module docs).
    pub(super) fn check_across_values(&mut self) {
        self.check_built_from_secrets();
        let contract = self.contract;
        let secrets = SetSecrets::of(&self.slots);
        if secrets.is_empty() {
            return;
        }
        let mut weak = Vec::new();
        for (index, var) in contract.vars.iter().enumerate() {
            let Some(public) = self.slots[index].value.as_deref().filter(|_| !var.secret) else {
                continue;
            };
            // A value holds a secret by equality or containment: one shorter than
            // every secret holds none.
            if public.len() < secrets.min_len {
                continue;
            }
            let held = secrets.iter().find(|&s| {
                public_holds_secret(public, self.slots[s].value.as_deref().unwrap_or_default())
            });
            let Some(secret) = held else { continue };
            let equal = self.slots[secret].value.as_deref() == Some(public);
            if self.slots[index].default {
                // The public value is the contract's own default, in every document:
                // nothing leaked from the secret, which anyone can read there.
                if !weak.contains(&secret) {
                    weak.push(secret);
                    let part = if equal { "" } else { "part of " };
                    self.weak(secret, &format!("{part}the default of {}", var.name));
                }
                continue;
            }
            let reported = self
                .report
                .of_kind(ProblemKind::Leak)
                // An error leak: the substitution check's. A credential's shape is a
                // leak too, but may be a warning, and must not stand in for this error.
                .any(|p| p.var == var.name.as_ref() && p.severity == Severity::Error);
            let secret_name = &contract.vars[secret].name;
            let message = format!(
                "holds the value of the secret {secret_name} (not shown): a value that is shown must not copy a secret; set its own value"
            );
            // Built from the secret by substitution: reported already.
            if !reported {
                self.replace_problems(index, ProblemKind::Leak, message);
            }
            if equal && !weak.contains(&secret) {
                weak.push(secret);
                self.weak(secret, &format!("the value of {}", var.name));
            }
        }
    }

    /// The secret `index` is `public`'s value (or, for a public default, inside it):
    /// `weak`, an error in a strict profile.
    fn weak(&mut self, index: usize, public: &str) {
        let severity = if self.profile.is_strict() {
            Severity::Error
        } else {
            Severity::Warning
        };
        let message = format!(
            "is {public}, which is not a secret: anyone who can read it knows this secret; choose a new secret value"
        );
        let name = &self.contract.vars[index].name;
        self.report.push(name, ProblemKind::Weak, severity, message);
    }

    /// A public value a source built by substitution from a secret's name.
    fn check_built_from_secrets(&mut self) {
        // The process environment never builds a value by substitution: `built_from`
        // would answer nothing for every public variable.
        if self.source.only_process().is_some() {
            return;
        }
        let contract = self.contract;
        for (index, var) in contract.vars.iter().enumerate() {
            if var.secret || self.slots[index].value.is_none() {
                continue;
            }
            let built_from = self.source.built_from(&var.name);
            let Some(secret) = built_from.iter().find(|n| {
                contract.var(n).is_some_and(|v| v.secret)
                    || contract.forbidden.iter().any(|f| f == n.as_str())
            }) else {
                continue;
            };
            let message = format!(
                "is built from the secret {secret} by substitution (not shown): a value that is shown must not copy a secret; set its own value"
            );
            self.replace_problems(index, ProblemKind::Leak, message);
        }
    }
}

/// The secret slots whose value is not empty, in contract order: a bit each for the
/// first 64 variables, the indices of later ones in a `Vec` (empty, so never
/// allocated, unless a contract of more than 64 variables sets a secret past them).
struct SetSecrets {
    /// Bit `i`: the variable `i` (< 64) is a secret with a value that is not empty.
    first: u64,
    /// The secrets with a value past the 64th variable, in order.
    rest: Vec<usize>,
    /// The length of the shortest of those values (`usize::MAX` when there is none).
    min_len: usize,
}

impl SetSecrets {
    fn of(slots: &[Slot]) -> SetSecrets {
        let mut set = SetSecrets {
            first: 0,
            rest: Vec::new(),
            min_len: usize::MAX,
        };
        for (index, slot) in slots.iter().enumerate() {
            let Some(value) = slot
                .value
                .as_deref()
                .filter(|v| slot.secret && !v.is_empty())
            else {
                continue;
            };
            set.min_len = set.min_len.min(value.len());
            if index < 64 {
                set.first |= 1 << index;
            } else {
                set.rest.push(index);
            }
        }
        set
    }

    fn is_empty(&self) -> bool {
        self.first == 0 && self.rest.is_empty()
    }

    /// The indices, in increasing order.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let mut bits = self.first;
        let first = std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                i
            })
        });
        first.chain(self.rest.iter().copied())
    }
}
