//! Loading a contract inside a Cloudflare Worker written in Rust with
//! [workers-rs](https://github.com/cloudflare/workers-rs) (feature `worker`).
//!
//! A worker receives its configuration as one `env` object ([`worker::Env`]): the
//! vars of its `wrangler.toml` environment (`[env.<name>.vars]`), and its secrets
//! (`wrangler secret put`, or `.dev.vars` under `wrangler dev`). [`WorkerSource`]
//! reads both as a [`Source`]; [`load`] loads a contract struct through it in the
//! worker's profile.
//!
//! # The profile of a worker
//!
//! A worker has no command line: its profile is the var [`PROFILE_VAR`]
//! (`HIVESYNC_PROFILE`), which `hivesync-env docs` renders into each wrangler
//! environment of the worker's config: `local` in `[env.dev.vars]`, `production` in
//! `[env.production.vars]`. So the wrangler environment (`--env dev`,
//! `--env production`) chooses the profile. A missing or unknown value is an error
//! in the report, never a silent fallback to a lax profile (see [`load`]).
//!
//! # What does not apply in a worker
//!
//! - **The process environment**: a worker has none. [`WorkerSource`] reads only the
//!   `env` object, and [`Source::includes_process`] is `false`.
//! - **`NAME_FILE`** (Docker secrets): a worker has no file system. A secret comes
//!   from `wrangler secret put` (`.dev.vars` locally); a `NAME_FILE` var set anyway is
//!   reported `unreadable`, as no file can be opened on `wasm32-unknown-unknown`.
//! - **Non-string bindings**: an R2 bucket, a KV namespace, a service binding are not
//!   variables. [`WorkerSource::names`] lists only the vars and secrets (strings,
//!   numbers and booleans), so the bindings of `wrangler.toml` are never reported as
//!   unknown; neither is [`PROFILE_VAR`], which belongs to hivesync-env itself.
//!
//! ```ignore
//! // Runs only inside a worker (wasm32, under workerd); see examples/worker-rs/ for
//! // the whole worker and its end-to-end test under `wrangler dev`.
//! use hivesync_contracts::WorkersEnv;
//!
//! #[worker::event(fetch)]
//! async fn fetch(_req: worker::Request, env: worker::Env, _ctx: worker::Context) -> worker::Result<worker::Response> {
//!     match hivesync_env::worker::load::<WorkersEnv>(&env) {
//!         Ok((config, profile)) => worker::Response::ok(format!("{} in {profile}", config.r2_bucket)),
//!         // Every problem, never a secret's value.
//!         Err(report) => Ok(worker::Response::error(report.to_string(), 500)?),
//!     }
//! }
//! ```

use worker::Env;
use worker::js_sys::{JSON, Object, Reflect};
use worker::wasm_bindgen::{JsCast, JsValue};

use crate::source::{Lookup, Origin, Source};
use crate::{EnvContract, PROFILE_VAR, Profile, Report};

/// The origin shown for every value a worker reads.
const ORIGIN: &str = "worker env";

/// A [`Source`] over a worker's [`Env`]: its vars and secrets.
///
/// workers-rs reads a var with [`Env::var`] and a secret with [`Env::secret`]; both
/// are the same string binding (`worker::Var` and `worker::Secret` are one type), so
/// one lookup serves both and the contract says which names are secrets.
pub struct WorkerSource<'a> {
    env: &'a Env,
}

impl<'a> WorkerSource<'a> {
    /// The vars and secrets of `env`.
    pub fn new(env: &'a Env) -> WorkerSource<'a> {
        WorkerSource { env }
    }
}

/// `value` as the text of a variable: a string as it is; a number, a boolean or an
/// object var (`wrangler.toml` allows them) as JSON; `None` for `undefined`.
fn text(value: &JsValue) -> Option<String> {
    if value.is_undefined() {
        return None;
    }
    if let Some(s) = value.as_string() {
        return Some(s);
    }
    JSON::stringify(value).ok()?.as_string()
}

/// Whether `value` is a var or a secret rather than a binding (a bucket, a service).
fn is_variable(value: &JsValue) -> bool {
    value.is_string() || value.as_f64().is_some() || value.as_bool().is_some()
}

impl Source for WorkerSource<'_> {
    fn get(&self, name: &str) -> Option<Lookup> {
        let value = match self.env.var(name) {
            Ok(var) => var.as_ref().as_string()?,
            // Not a string: a number or an object var, a binding, or nothing.
            Err(_) => text(&Reflect::get(self.env, &JsValue::from_str(name)).ok()?)?,
        };
        Some(Lookup {
            value: Ok(value),
            origin: Origin::Map(ORIGIN.into()),
        })
    }

    fn names(&self) -> Vec<(String, Origin)> {
        let env: &Object = self.env.unchecked_ref();
        Object::keys(env)
            .iter()
            .filter_map(|key| {
                let name = key.as_string()?;
                let value = Reflect::get(env, &key).ok()?;
                (name != PROFILE_VAR && is_variable(&value))
                    .then(|| (name, Origin::Map(ORIGIN.into())))
            })
            .collect()
    }
}

/// Loads `T` from the worker's `env` in the profile its [`PROFILE_VAR`] names, and
/// returns that profile too.
///
/// # Errors
///
/// The [`Report`] of every problem, which never holds a secret's value. A missing or
/// unknown [`PROFILE_VAR`] is one of them (first): the variables are then checked in
/// `production`, the strictest profile, so the one report still names every other
/// problem, and the load fails whatever they are.
pub fn load<T: EnvContract>(env: &Env) -> Result<(T, Profile), Report> {
    crate::named_profile::load(&WorkerSource::new(env))
}
