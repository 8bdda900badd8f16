//! The values `init` writes: for every variable of the components asked for, and of
//! the components their `equals` relations name, one value, decided in one run so the
//! relations hold.
//!
//! For each variable, in this order:
//!
//! 0. a component outside the run (named by a relation) whose env file exists:
//!    the value there;
//! 1. `equals = "..."`: the template filled in from the other values of this run
//!    (the workers' WORKER_CALLBACK_SECRET is the backend's, their WORKER_CALLBACK_URL
//!    the backend's BASE_URL + path); [`REPLACE_ME`] when a value it needs is one;
//! 2. a `string` secret: a new one from [`secret::new`]; a secret of another type (a
//!    URL with a password, a number): [`REPLACE_ME`], for the operator;
//! 3. the contract's default in the profile;
//! 4. optional: left out (written commented, as in the `.env.example`);
//! 5. outside `production`, a URL of a component that has a `PORT`:
//!    `http://localhost:<PORT>`, which works on a laptop;
//! 6. outside `production`, the contract's example;
//! 7. else [`REPLACE_ME`]: a public value only the operator can choose.

use std::collections::HashMap;

use hivesync_env::Profile;
use hivesync_env_core::render::REPLACE_ME;
use hivesync_env_core::{Contract, ContractSet, Template, Var, VarType};
use zeroize::Zeroizing;

use super::secret;

/// The value of one variable.
pub enum Planned {
    /// A value to write (a secret's too).
    Value(Zeroizing<String>),
    /// An optional variable without a value: written commented out.
    Unset,
}

/// The values of one run, by component and name.
#[derive(Default)]
pub struct Plan {
    values: HashMap<(String, String), Planned>,
}

impl Plan {
    /// The value planned for `component`'s `name`.
    pub fn get(&self, component: &str, name: &str) -> Option<&Planned> {
        self.values.get(&(component.to_owned(), name.to_owned()))
    }

    fn value(&self, component: &str, name: &str) -> Option<&str> {
        match self.get(component, name)? {
            Planned::Value(v) => Some(v.as_str()),
            Planned::Unset => None,
        }
    }
}

/// Plans `components` and every component their relations name, in `profile`. A
/// named component that is not in the run takes the values `existing` has for it
/// (its env file from an earlier run), so `init workers` after `init backend`
/// shares the backend's secret and URL.
pub fn plan(
    set: &ContractSet,
    components: &[&Contract],
    profile: Profile,
    existing: &dyn Fn(&Contract, &Var) -> Option<Zeroizing<String>>,
) -> Result<Plan, getrandom::Error> {
    let mut plan = Plan::default();
    let all = with_referenced(set, components);
    for c in &all {
        let in_run = components.iter().any(|r| r.component == c.component);
        for var in c.vars.iter().filter(|v| v.equals.is_none()) {
            let value = match existing(c, var).filter(|_| !in_run) {
                Some(v) => Planned::Value(v),
                None => own_value(c, var, profile)?,
            };
            plan.values
                .insert((c.component.to_string(), var.name.to_string()), value);
        }
    }
    // Relations may name other relations' variables: fill them until none is left
    // (each pass fills at least one, or the rest name something outside the run).
    let mut pending: Vec<(&Contract, &Var)> = all
        .iter()
        .flat_map(|c| {
            c.vars
                .iter()
                .filter(|v| v.equals.is_some())
                .map(move |v| (*c, v))
        })
        .collect();
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|(c, var)| {
            let Some(value) = related_value(&plan, var) else {
                return true;
            };
            plan.values
                .insert((c.component.to_string(), var.name.to_string()), value);
            false
        });
        if pending.len() == before {
            break;
        }
    }
    for (c, var) in pending {
        let value = own_value(c, var, profile)?;
        plan.values
            .insert((c.component.to_string(), var.name.to_string()), value);
    }
    Ok(plan)
}

/// `components`, then every component their `equals` templates name, each once.
fn with_referenced<'a>(set: &'a ContractSet, components: &[&'a Contract]) -> Vec<&'a Contract> {
    let mut out: Vec<&Contract> = components.to_vec();
    let mut i = 0;
    while i < out.len() {
        let templates: Vec<&Template> = out[i]
            .vars
            .iter()
            .filter_map(|v| v.equals.as_ref())
            .collect();
        for t in templates {
            for (component, _) in t.references() {
                if let Some(c) = set.get(component) {
                    if !out.iter().any(|o| o.component == c.component) {
                        out.push(c);
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// The value of `var` from its relation; `None` while a value it names is not
/// planned yet.
fn related_value(plan: &Plan, var: &Var) -> Option<Planned> {
    let template = var.equals.as_ref()?;
    let mut placeholder = false;
    for (c, n) in template.references() {
        match plan.get(c, n)? {
            Planned::Value(v) if v.as_str() == REPLACE_ME => placeholder = true,
            Planned::Value(_) => {}
            Planned::Unset => placeholder = true,
        }
    }
    if placeholder {
        return Some(Planned::Value(Zeroizing::new(REPLACE_ME.to_owned())));
    }
    let value = template.render(|c, n| plan.value(c, n).map(str::to_owned))?;
    Some(Planned::Value(Zeroizing::new(value)))
}

/// The value of a variable with no relation (rules 2 to 7).
fn own_value(
    contract: &Contract,
    var: &Var,
    profile: Profile,
) -> Result<Planned, getrandom::Error> {
    let value = |s: &str| Planned::Value(Zeroizing::new(s.to_owned()));
    // A random string is a `string` secret only: a URL, a number or an enum value
    // that is secret (a database URL with its password) is the operator's to write.
    if var.secret && var.ty == VarType::String {
        return Ok(Planned::Value(secret::new(var.min_len)?));
    }
    if var.secret {
        return Ok(value(REPLACE_ME));
    }
    if let Some(default) = var.default_for(profile) {
        return Ok(value(default));
    }
    if var.optional {
        return Ok(Planned::Unset);
    }
    if profile.is_strict() {
        return Ok(value(REPLACE_ME));
    }
    if var.ty == VarType::Url {
        let port = contract
            .var("PORT")
            .filter(|p| p.ty == VarType::Port)
            .and_then(|p| p.default_for(profile));
        if let Some(port) = port {
            return Ok(value(&format!("http://localhost:{port}")));
        }
    }
    Ok(value(var.example.as_deref().unwrap_or(REPLACE_ME)))
}
