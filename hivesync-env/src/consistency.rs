//! Relations between components: values that must agree across contracts.
//!
//! A contract variable may carry `equals = "{backend.BASE_URL}/api/v1/workers/callback"`
//! ([`Var::equals`](crate::Var::equals)): its value must equal the template with each `{component.NAME}`
//! filled in from that component's environment. The relations live in the contract
//! files, not here; this module only evaluates them. With HiveSync's contracts they say
//! that the workers' `WORKER_CALLBACK_SECRET` is the backend's, their
//! `WORKER_CALLBACK_URL` is the backend's `BASE_URL` + `/api/v1/workers/callback`, and
//! `R2_BUCKET` and `AI_MODEL` agree.
//!
//! A variable that is unset takes its contract default for the profile. A relation is
//! checked only when every component it touches has an environment in
//! [`Environments`]. Values of secrets (a secret on either side) are compared in
//! constant time and never appear in a [`RelationProblem`].
//!
//! ```
//! use hivesync_env::{Audience, Contract, Profile, Template, Var, VarType};
//! use hivesync_env::consistency::{Environments, RelationProblemKind, check_relations};
//!
//! let contract = |component: &'static str, audience, vars: Vec<Var>| Contract {
//!     component: component.into(), audience, description: "".into(), file: "".into(),
//!     vars: vars.into(), compose_service: None, wrangler: None, forbidden: Vec::new().into(),
//! };
//! let mut callback = Var::new("WORKER_CALLBACK_URL", VarType::Url);
//! callback.equals = Template::parse("{backend.BASE_URL}/api/v1/workers/callback").ok();
//! let contracts = [
//!     contract("backend", Audience::Server, vec![Var::new("BASE_URL", VarType::Url)]),
//!     contract("workers", Audience::Edge, vec![callback]),
//! ];
//! let envs = Environments::new()
//!     .with("backend", |name| (name == "BASE_URL").then(|| "https://hivesync.dev".to_owned()))
//!     .with("workers", |name| {
//!         (name == "WORKER_CALLBACK_URL").then(|| "https://old.hivesync.dev/api/v1/workers/callback".to_owned())
//!     });
//! let problems = check_relations(&contracts, &envs, Profile::Production);
//! assert_eq!(problems.len(), 1);
//! assert_eq!(problems[0].kind, RelationProblemKind::Mismatch);
//! assert_eq!(problems[0].name, "WORKER_CALLBACK_URL");
//! ```

use std::fmt;

use hivesync_env_core::{Contract, Profile, Template, Var};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::source::{NotUnicode, Source};

mod resolve;

use resolve::{Resolver, Unusable, may_show};

/// A component's raw lookup: the value of a name, `Err` when it is not UTF-8.
type Lookup<'a> = Box<dyn Fn(&str) -> Option<Result<String, NotUnicode>> + 'a>;
/// Every name a component's environment holds, for "did you mean".
type Names<'a> = Box<dyn Fn() -> Vec<String> + 'a>;

struct Env<'a> {
    component: String,
    lookup: Lookup<'a>,
    names: Option<Names<'a>>,
}

/// The environment of each component taking part in a check: a lookup by name.
#[derive(Default)]
pub struct Environments<'a> {
    envs: Vec<Env<'a>>,
}

impl fmt::Debug for Environments<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.envs.iter().map(|e| &e.component))
            .finish()
    }
}

impl<'a> Environments<'a> {
    /// No environment yet.
    pub fn new() -> Environments<'a> {
        Environments::default()
    }

    /// Adds `component`'s environment as a lookup from name to value (before
    /// defaults).
    pub fn with(
        mut self,
        component: impl Into<String>,
        lookup: impl Fn(&str) -> Option<String> + 'a,
    ) -> Environments<'a> {
        self.envs.push(Env {
            component: component.into(),
            lookup: Box::new(move |name| lookup(name).map(Ok)),
            names: None,
        });
        self
    }

    /// Adds `component`'s environment from a [`Source`] (a `.env` file, a map), read
    /// as [`check`](crate::check) reads it: a secret that is not set is read from the
    /// Docker secret file `NAME_FILE` names, a value that is not UTF-8 is reported as
    /// such, and a name that is not set is looked for among near misses.
    pub fn with_source(
        mut self,
        component: impl Into<String>,
        source: &'a dyn Source,
    ) -> Environments<'a> {
        self.envs.push(Env {
            component: component.into(),
            lookup: Box::new(move |name| source.get(name).map(|l| l.value)),
            names: Some(Box::new(move || {
                source.names().into_iter().map(|(n, _)| n).collect()
            })),
        });
        self
    }

    fn get(&self, component: &str) -> Option<&Env<'a>> {
        self.envs.iter().find(|e| e.component == component)
    }
}

/// A relation declared in a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The component of the constrained variable, e.g. `workers`.
    pub component: String,
    /// The constrained variable, e.g. `WORKER_CALLBACK_URL`.
    pub name: String,
    /// The template it must equal, e.g. `{backend.BASE_URL}/api/v1/workers/callback`.
    pub template: String,
    /// Whether a secret takes part, on either side.
    pub secret: bool,
    /// The components it touches, each once: that of the constrained variable, then
    /// those the template names, e.g. `["workers", "backend"]`. It is checked when
    /// each has an environment.
    pub components: Vec<String>,
}

/// Every relation of `contracts`, in contract and variable order.
pub fn relations(contracts: &[Contract]) -> Vec<Relation> {
    let mut relations = Vec::new();
    for (relation, _) in with_templates(contracts) {
        relations.push(relation);
    }
    relations
}

/// Every relation with its template, as parsed when the contract was read. Loops
/// rather than iterator adapters: each adapter and closure is code of its own in this
/// crate's build, which every user of `hivesync-env` compiles.
fn with_templates(contracts: &[Contract]) -> Vec<(Relation, &Template)> {
    let mut found = Vec::new();
    for c in contracts.iter() {
        for var in c.vars.iter() {
            if let Some(template) = &var.equals {
                found.push((relation(contracts, c, var, template), template));
            }
        }
    }
    found
}

/// The relation `var` of `c` declares with `template`.
fn relation(contracts: &[Contract], c: &Contract, var: &Var, template: &Template) -> Relation {
    let mut secret = var.secret;
    let mut components = vec![c.component.to_string()];
    for (rc, rn) in template.references() {
        let referenced = contracts.iter().find(|o| o.component == rc);
        secret |= referenced.and_then(|o| o.var(rn)).is_some_and(|v| v.secret);
        if !components.iter().any(|k| k == rc) {
            components.push(rc.to_owned());
        }
    }
    Relation {
        component: c.component.to_string(),
        name: var.name.to_string(),
        template: template.to_string(),
        secret,
        components,
    }
}

/// What is wrong with a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationProblemKind {
    /// The two sides differ.
    Mismatch,
    /// A side has no value and no default in the profile, so nothing can be compared.
    Unset,
    /// A side's value is not valid UTF-8.
    NotUnicode,
    /// A side's secret is named by `NAME_FILE`, and that file cannot be read.
    Unreadable,
}

impl RelationProblemKind {
    /// `mismatch`, `unset`, `not_unicode` or `unreadable`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RelationProblemKind::Mismatch => "mismatch",
            RelationProblemKind::Unset => "unset",
            RelationProblemKind::NotUnicode => "not_unicode",
            RelationProblemKind::Unreadable => "unreadable",
        }
    }
}

/// A relation that does not hold. It never holds a secret's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationProblem {
    /// The component of the constrained variable.
    pub component: String,
    /// The constrained variable.
    pub name: String,
    /// The relation's template.
    pub template: String,
    /// What is wrong.
    pub kind: RelationProblemKind,
    /// The whole message; values only for non-secrets.
    pub message: String,
}

impl fmt::Display for RelationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Checks every relation of `contracts` whose components all have an environment in
/// `envs`; unset variables take their contract default in `profile`. A value is shown
/// in a message only when no secret takes part, it holds no secret's value of the run
/// and has no credential's shape; it is then escaped (`\n`, `\u{1b}`).
pub fn check_relations(
    contracts: &[Contract],
    envs: &Environments<'_>,
    profile: Profile,
) -> Vec<RelationProblem> {
    let resolver = Resolver {
        contracts,
        envs,
        profile,
    };
    let secrets = resolver.secret_values();
    let mut problems = Vec::new();
    for (rel, template) in with_templates(contracts) {
        if !rel.components.iter().all(|c| envs.get(c).is_some()) {
            continue;
        }
        if let Some(problem) = check_relation(&resolver, &rel, template, &secrets) {
            problems.push(problem);
        }
    }
    problems
}

/// The problem of one relation whose components all have an environment, if any.
fn check_relation(
    resolver: &Resolver<'_, '_>,
    rel: &Relation,
    template: &Template,
    secrets: &[Zeroizing<String>],
) -> Option<RelationProblem> {
    let what = format!("{} {} must equal {}", rel.component, rel.name, rel.template);
    let problem = |(kind, message)| RelationProblem {
        component: rel.component.clone(),
        name: rel.name.clone(),
        template: rel.template.clone(),
        kind,
        message,
    };
    let profile = resolver.profile;
    let found = match resolver.value(&rel.component, &rel.name) {
        Ok(v) => v,
        Err(why) => {
            let side = (rel.component.as_str(), rel.name.as_str());
            return Some(problem(unusable(&what, side, why, profile)));
        }
    };
    let mut missing = None;
    let expected = template.render(|c, n| match resolver.value(c, n) {
        Ok(v) => Some(v.to_string()),
        Err(why) => {
            missing.get_or_insert((c.to_owned(), n.to_owned(), why));
            None
        }
    });
    let Some(expected) = expected.map(Zeroizing::new) else {
        let (c, n, why) = missing?;
        return Some(problem(unusable(&what, (&c, &n), why, profile)));
    };
    let equal: bool = found.as_bytes().ct_eq(expected.as_bytes()).into();
    if equal {
        return None;
    }
    let message = mismatch(&what, rel.secret, &found, &expected, secrets);
    Some(problem((RelationProblemKind::Mismatch, message)))
}

/// The message of a relation whose sides differ: the values only when no secret
/// takes part and neither holds a secret's value of the run or looks like a
/// credential.
fn mismatch(
    what: &str,
    secret: bool,
    found: &str,
    expected: &str,
    secrets: &[Zeroizing<String>],
) -> String {
    if secret {
        format!("{what}: the values differ (secret, not shown); set the same value on both sides")
    } else if !(may_show(found, secrets) && may_show(expected, secrets)) {
        format!(
            "{what}: the values differ (not shown: a value holds a secret's value or has the shape of a credential)"
        )
    } else {
        format!(
            "{what}: expected `{}`, found `{}`",
            expected.escape_debug(),
            found.escape_debug()
        )
    }
}

/// The problem of a side that has no value to compare.
fn unusable(
    what: &str,
    (component, name): (&str, &str),
    why: Unusable,
    profile: Profile,
) -> (RelationProblemKind, String) {
    match why {
        Unusable::Unset(guess) => {
            let hint = guess.map_or(String::new(), |g| format!("; did you mean {g}?"));
            (
                RelationProblemKind::Unset,
                format!(
                    "{what}, but {component} {name} is not set and has no default in profile {profile}{hint}"
                ),
            )
        }
        Unusable::NotUnicode => (
            RelationProblemKind::NotUnicode,
            format!("{what}, but {component} {name} is not valid UTF-8"),
        ),
        Unusable::Unreadable(path, e) => (
            RelationProblemKind::Unreadable,
            format!(
                "{what}, but {component} {name}_FILE names {}, which cannot be read: {e}",
                path.escape_debug()
            ),
        ),
    }
}
