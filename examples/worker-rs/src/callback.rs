//! Where a worker reads `WORKER_CALLBACK_SECRET`: to sign the job results it sends
//! back to the backend (`WORKER_CALLBACK_URL`), which checks the signature with the
//! same secret (N.3: the two values must be equal).
//!
//! The HMAC itself belongs to HiveSync's callback crate, which the backend shares;
//! here it is the `sign` function the caller passes in. The secret leaves its
//! [`Secret`](hivesync_env::Secret) wrapper in one place, [`signed_callback`], for
//! the length of that call, and never reaches a log line or a response.

use hivesync_contracts::WorkersEnv;
use worker::{Headers, Method, Request, RequestInit, Result};

/// The header that carries the signature of the body.
pub const SIGNATURE_HEADER: &str = "X-HiveSync-Signature";

/// The `POST` of `body` (a job result, JSON) to the backend's callback endpoint,
/// signed with the shared secret: `sign(key, body)` returns the signature.
pub fn signed_callback(
    config: &WorkersEnv,
    body: &str,
    sign: impl FnOnce(&[u8], &[u8]) -> String,
) -> Result<Request> {
    // The only read of WORKER_CALLBACK_SECRET's value in this worker.
    let key = config.worker_callback_secret.expose_secret().as_bytes();
    let signature = sign(key, body.as_bytes());
    let headers = Headers::new();
    headers.set("Content-Type", "application/json")?;
    headers.set(SIGNATURE_HEADER, &signature)?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(body.into()));
    Request::new_with_init(&config.worker_callback_url, &init)
}
