//! Fixtures shared by the test files that `mod support;` this folder: the real
//! contracts, a valid backend environment, and every output a check can print.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use hivesync_env::{Checked, Contract};
use hivesync_env_core::ContractSet;

/// The repository's contracts, parsed once.
pub fn contracts() -> &'static ContractSet {
    static SET: OnceLock<ContractSet> = OnceLock::new();
    SET.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts");
        ContractSet::from_dir(&dir).unwrap_or_else(|e| panic!("contracts: {e}"))
    })
}

/// One of the real contracts.
pub fn contract(component: &str) -> &'static Contract {
    contracts()
        .get(component)
        .unwrap_or_else(|| panic!("no {component} contract"))
}

/// A complete, valid production environment of the backend, as env-file lines.
pub const BACKEND_VALID: &str = "BASE_URL=https://api.hivesync.dev
JWT_SECRET=0123456789abcdef0123456789abcdef-jwt
POSTGRES_PASSWORD=pg-password-for-the-tests-0123
RESEND_API_KEY=re_tests_0123456789
OPENAI_API_KEY=openai-tests-0123456789
PREVIEW_MAX_TIMEOUT_MS=30000
R2_ACCOUNT_ID=account-0123
R2_ACCESS_KEY_ID=r2-access-0123
R2_SECRET_ACCESS_KEY=r2-secret-0123456789
WORKER_CALLBACK_SECRET=0123456789abcdef0123456789abcdef-cb
";

/// Everything a user can print of a check's result: the report's `Display` and
/// `Debug`, every problem, the JSON of the report and of the variables, and the
/// variables' `Debug`.
pub fn outputs(checked: &Checked) -> String {
    let mut out = format!("{}\n{:?}\n", checked.report, checked.report);
    for p in checked.report.problems() {
        out.push_str(&format!("{p}\n{p:?}\n"));
    }
    out.push_str(&serde_json::to_string(&checked.report).unwrap());
    out.push_str(&serde_json::to_string(&checked.vars).unwrap());
    out.push_str(&format!("{:?}", checked.vars));
    out
}
