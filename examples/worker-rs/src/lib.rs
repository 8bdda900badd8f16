//! The healthcheck worker of N.6.1, written in Rust with workers-rs.
//!
//! Every request loads the workers' contract ([`WorkersEnv`]) from the worker's `env`
//! through [`hivesync_env::worker`], in the profile its `HIVESYNC_PROFILE` var names
//! (`wrangler dev --env dev`: `local`):
//!
//! - on success, `200` and the public values as JSON (never a secret's value);
//! - on failure, `500` and the report as JSON: every problem, each naming its
//!   variable, never a secret's value.
//!
//! [`callback`] shows where a worker reads `WORKER_CALLBACK_SECRET` to sign the
//! callbacks it sends to the backend.

pub mod callback;

use hivesync_contracts::WorkersEnv;
use hivesync_env::Report;
use serde::Serialize;
use worker::{Context, Env, Request, Response, Result, event};

/// What a healthy worker answers: its profile and its public configuration.
#[derive(Debug, Serialize)]
struct Health<'a> {
    status: &'static str,
    profile: &'static str,
    r2_bucket: &'a str,
    worker_callback_url: &'a str,
    ai_model: &'a str,
}

/// What a misconfigured worker answers: the report of every problem.
#[derive(Serialize)]
struct Misconfigured<'a> {
    status: &'static str,
    report: &'a Report,
    /// The report as `hivesync-env check` prints it.
    text: String,
}

#[event(fetch)]
async fn fetch(_req: Request, env: Env, _ctx: Context) -> Result<Response> {
    match hivesync_env::worker::load::<WorkersEnv>(&env) {
        Ok((config, profile)) => Response::from_json(&Health {
            status: "ok",
            profile: profile.as_str(),
            r2_bucket: &config.r2_bucket,
            worker_callback_url: &config.worker_callback_url,
            ai_model: &config.ai_model,
        }),
        Err(report) => {
            let body = Misconfigured {
                status: "misconfigured",
                text: report.to_string(),
                report: &report,
            };
            Ok(Response::from_json(&body)?.with_status(500))
        }
    }
}
