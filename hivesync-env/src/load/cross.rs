//! Checks across the values of one run, once every variable is resolved.
//!
//! - `leak`: a public value equal to, or containing, the value of a secret of the same
//!   run (`AI_MODEL=${JWT_SECRET}`, `BASE_URL=https://x/?k=<secret>`): an error on the
//!   public variable, which replaces its other problems (their messages may quote the
//!   value) and is hidden wherever values are shown;
//! - `weak`: a secret equal to a public value (`POSTGRES_PASSWORD` = `POSTGRES_USER`):
//!   anyone who reads the public one knows the secret.

use hivesync_env_core::public_holds_secret;

use super::Loader;
use crate::report::{ProblemKind, Severity};

impl Loader<'_> {
    /// Runs the checks across values (see the module docs).
    pub(super) fn check_across_values(&mut self) {
        let contract = self.contract;
        let secrets: Vec<usize> = (0..self.slots.len())
            .filter(|&i| contract.vars[i].secret)
            .filter(|&i| {
                self.slots[i]
                    .value
                    .as_deref()
                    .is_some_and(|v| !v.is_empty())
            })
            .collect();
        if secrets.is_empty() {
            return;
        }
        let mut weak = Vec::new();
        for (index, var) in contract.vars.iter().enumerate() {
            let Some(public) = self.slots[index].value.as_deref().filter(|_| !var.secret) else {
                continue;
            };
            let held = secrets.iter().copied().find(|&s| {
                public_holds_secret(public, self.slots[s].value.as_deref().unwrap_or_default())
            });
            let Some(secret) = held else { continue };
            let equal = self.slots[secret].value.as_deref() == Some(public);
            let secret_name = &contract.vars[secret].name;
            let message = format!(
                "holds the value of the secret {secret_name} (not shown): a value that is shown must not copy a secret; set its own value"
            );
            let after = |p: &crate::Problem| {
                contract
                    .position(&p.var)
                    .is_none_or(|i| i > index || p.kind == ProblemKind::Unknown)
            };
            self.report.replace(
                &var.name,
                ProblemKind::Leak,
                Severity::Error,
                message,
                after,
            );
            if equal && !weak.contains(&secret) {
                weak.push(secret);
                let severity = if self.profile.is_strict() {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let message = format!(
                    "has the same value as {}, which is not a secret: choose a secret value of its own",
                    var.name
                );
                self.report
                    .push(secret_name, ProblemKind::Weak, severity, message);
            }
        }
    }
}
