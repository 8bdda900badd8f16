//! Reading `[wrangler]` and `[wrangler.rust]`: the Cloudflare facts of an edge
//! contract.
//!
//! The folder of a Rust worker is checked here, at the line of its entry, since only
//! a contract file can declare one; whether `[wrangler]` belongs to the contract at
//! all is a rule of [`rules`](crate::rules).

use std::borrow::Cow;

use toml::de::DeValue;

use super::reader::{Reader, Value};
use crate::{RustWorker, Wrangler};

const WRANGLER_KEYS: &[&str] = &[
    "workers",
    "r2_binding",
    "r2_bucket_var",
    "compatibility_date",
    "rust",
];

impl Reader<'_> {
    pub(super) fn wrangler(&mut self, value: &Value<'_>) -> Option<Wrangler> {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(value.span(), "`wrangler` must be a table");
            return None;
        };
        self.check_keys(table, WRANGLER_KEYS, "[wrangler]");
        let workers = self.strings(table, "workers", "[wrangler]");
        if workers.is_empty() {
            self.error(value.span(), "[wrangler] lists no `workers`");
        }
        let compatibility_date = self
            .required_string(table, value.span(), "compatibility_date", "[wrangler]")
            .unwrap_or_default();
        let rust = table
            .get("rust")
            .map(|r| self.rust_workers(r, &workers))
            .unwrap_or_default();
        Some(Wrangler {
            workers: workers
                .into_iter()
                .map(Cow::Owned)
                .collect::<Vec<_>>()
                .into(),
            r2_binding: self
                .string(table, "r2_binding", "[wrangler]")
                .map(Cow::Owned),
            r2_bucket_var: self
                .string(table, "r2_bucket_var", "[wrangler]")
                .map(Cow::Owned),
            compatibility_date: Cow::Owned(compatibility_date),
            rust: rust.into(),
        })
    }

    /// `[wrangler.rust]`: `worker = "folder/of/its/crate"`, for workers of `workers`.
    fn rust_workers(&mut self, value: &Value<'_>, workers: &[String]) -> Vec<RustWorker> {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(
                value.span(),
                "`rust` of [wrangler] must be a table of worker = \"folder\"",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, dir) in table.iter() {
            let name = key.get_ref().to_string();
            if !workers.contains(&name) {
                self.error(
                    key.span(),
                    format!(
                        "[wrangler.rust] names `{name}`, which is not one of [wrangler] `workers`"
                    ),
                );
            }
            let DeValue::String(dir_text) = dir.get_ref() else {
                self.error(
                    dir.span(),
                    format!("the folder of Rust worker `{name}` must be a string"),
                );
                continue;
            };
            let bad = dir_text.is_empty()
                || dir_text.starts_with('/')
                || dir_text.contains('\\')
                || dir_text.contains(':')
                || dir_text
                    .split('/')
                    .any(|part| part.is_empty() || part == "." || part == "..");
            if bad {
                self.error(
                    dir.span(),
                    format!("the folder `{dir_text}` of Rust worker `{name}` must be a relative path from the repository root, `/`-separated, without `.` or `..`"),
                );
                continue;
            }
            out.push(RustWorker {
                name: Cow::Owned(name),
                dir: Cow::Owned(dir_text.to_string()),
            });
        }
        out
    }
}
