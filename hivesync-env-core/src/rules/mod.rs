//! Contract rules that hold however a contract was built: read from TOML
//! ([`Contract::parse`], [`ContractSet`](crate::ContractSet)) or from a struct's
//! `#[env(...)]` attributes (the derive). One named function per rule, each with an
//! example of what it rejects, in the spirit of serde's `internals/check.rs`:
//!
//! - [`var`](self#per-variable) rules, one variable at a time: names and the client
//!   prefix, secrets in clients, keys that fit the type, defaults that parse and are
//!   no placeholders, a secret holds no value;
//! - `text` rules over the whole contract: safe file names, no line hazards, unique
//!   names, the `[wrangler]` facts;
//! - `set` rules across contracts: one contract per component, a secret is a secret
//!   everywhere, `equals` names what exists.
//!
//! [`contract`] runs the rules of one contract and returns every [`Problem`], tied to
//! the variable and key at fault so each caller can place it (a line in a file, a span
//! in a struct). [`set`] runs the rules that span contracts. No message ever quotes a
//! secret's value.
//!
//! # Per variable
//!
//! See the private functions of `rules/var.rs`; each names the rule it checks.

mod set;
mod text;
mod var;

use std::fmt;

use crate::parse::ContractError;
use crate::{CLIENT_COMPONENTS, Contract};

pub use text::is_safe_file_name;

/// One broken rule of a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The position in [`Contract::vars`] of the variable at fault, or `None` for
    /// the contract itself.
    pub var: Option<usize>,
    /// The key at fault: `name`, `secret`, `default`, `component`, `wrangler`, ...
    /// (`var` for a variable as a whole).
    pub key: &'static str,
    /// What is wrong and what to do, lowercase, without a trailing period.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every rule of one contract, every problem found: first those of each variable in
/// order, then those of the contract as a whole.
///
/// ```
/// use hivesync_env_core::{Audience, Contract, Var, VarType, rules};
/// let mut c = Contract {
///     component: "../etc".into(),
///     audience: Audience::Server,
///     description: "fine".into(),
///     file: "c.toml".into(),
///     vars: vec![Var::new("PORT", VarType::Port)].into(),
///     compose_service: None,
///     wrangler: None,
///     forbidden: Vec::new().into(),
/// };
/// c.vars.to_mut()[0].description = "Port\r  privileged: true".into();
/// let problems = rules::contract(&c);
/// assert_eq!(problems.len(), 2);
/// assert_eq!((problems[0].var, problems[0].key), (None, "component"));
/// assert_eq!((problems[1].var, problems[1].key), (Some(0), "description"));
/// ```
pub fn contract(c: &Contract) -> Vec<Problem> {
    let mut out = Vec::new();
    for index in 0..c.vars.len() {
        var::rules(c, index, &mut out);
    }
    text::rules(c, &mut out);
    out
}

/// Every rule that spans contracts, as errors at the file and line at fault.
pub fn set(contracts: &[Contract]) -> Vec<ContractError> {
    set::rules(contracts)
}

/// The message of a secret in a client contract or struct: it would ship to users.
///
/// ```
/// let m = hivesync_env_core::rules::secret_in_client("HIVESYNC_PUBLIC_KEY");
/// assert_eq!(m, "client variable HIVESYNC_PUBLIC_KEY is a secret: secrets must never reach desktop, mobile, plugins or admin-ui; keep it on the server");
/// ```
pub fn secret_in_client(name: &str) -> String {
    format!(
        "client variable {name} is a secret: secrets must never reach {CLIENT_COMPONENTS}; keep it on the server"
    )
}

fn problem(var: Option<usize>, key: &'static str, message: String) -> Problem {
    Problem { var, key, message }
}
