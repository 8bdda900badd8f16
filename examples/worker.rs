//! A Cloudflare Worker's configuration, loaded from the bindings the platform hands
//! over instead of a process environment.
//!
//! ```text
//! cargo run --example worker
//! ```
//!
//! A Worker receives its vars (from `wrangler.toml`) and its secrets (from
//! `wrangler secret put`) as one `env` object. `Bindings` adapts such an object to
//! `hivesync_env::Source`; here it is filled by hand, standing in for the real one.

use std::collections::BTreeMap;

use hivesync_contracts::WorkersEnv;
use hivesync_env::source::{Lookup, Origin, Source};
use hivesync_env::{EnvContract, Profile};

/// The worker's `env`: plain vars and secrets, as Cloudflare passes them.
struct Bindings {
    vars: BTreeMap<&'static str, String>,
    secrets: BTreeMap<&'static str, String>,
}

impl Source for Bindings {
    fn get(&self, name: &str) -> Option<Lookup> {
        let (value, origin) = match (self.vars.get(name), self.secrets.get(name)) {
            (Some(v), _) => (v, "wrangler var"),
            (None, Some(s)) => (s, "wrangler secret"),
            (None, None) => return None,
        };
        Some(Lookup {
            value: Ok(value.clone()),
            origin: Origin::Map(origin.into()),
        })
    }

    fn names(&self) -> Vec<(String, Origin)> {
        let vars = self
            .vars
            .keys()
            .map(|k| (k.to_string(), Origin::Map("wrangler var".into())));
        let secrets = self
            .secrets
            .keys()
            .map(|k| (k.to_string(), Origin::Map("wrangler secret".into())));
        vars.chain(secrets).collect()
    }
}

fn main() {
    let bindings = Bindings {
        vars: BTreeMap::from([
            ("R2_BUCKET", "hivesync-r2".to_owned()),
            (
                "WORKER_CALLBACK_URL",
                "https://hivesync.dev/api/v1/workers/callback".to_owned(),
            ),
        ]),
        secrets: BTreeMap::from([(
            "WORKER_CALLBACK_SECRET",
            "example-only-callback-secret-0123456789".to_owned(),
        )]),
    };
    match WorkersEnv::load(&bindings, Profile::Production) {
        Ok(env) => {
            println!("{env:#?}");
            println!(
                "signing callbacks to {} for model {}",
                env.worker_callback_url, env.ai_model
            );
        }
        Err(report) => {
            eprintln!("{report}");
            std::process::exit(1);
        }
    }
}
