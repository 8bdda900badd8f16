//! The files of an audited tree: how they are named in findings, the folder a file is
//! in, which files configure a Worker, and their text, read within limits.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::finding::AuditError;

/// The largest file an audit reads.
const MAX_SOURCE: u64 = 16 * 1024 * 1024;

/// The text of `root/rel`, read with [`MAX_SOURCE`] and without blocking; bytes that
/// are not UTF-8 become U+FFFD, so such a file is scanned, not skipped.
pub(crate) fn read_text(root: &Path, rel: &Path) -> Result<String, AuditError> {
    let bytes = crate::bounded_read::read_not_linked(root.join(rel), MAX_SOURCE).map_err(|e| {
        AuditError {
            file: rel.to_path_buf(),
            message: format!("cannot read: {e}"),
        }
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// `p` with `/` between its components, whatever the platform.
pub(crate) fn slashed(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The folder of the file `rel` (relative to the root; `""` for the root itself).
pub(crate) fn dir_of(rel: &Path) -> PathBuf {
    rel.parent().unwrap_or(Path::new("")).to_path_buf()
}

/// The name of the file `rel` (`""` when it has none), its bytes that are not UTF-8
/// replaced by U+FFFD: `prod\xff.env` is still an env file, so a name that is not
/// UTF-8 cannot hide a committed secret from the checks that go by the name.
pub(crate) fn file_name(rel: &Path) -> Cow<'_, str> {
    rel.file_name()
        .map_or(Cow::Borrowed(""), |n| n.to_string_lossy())
}

/// Whether a file called `name` configures a Cloudflare Worker (`wrangler.toml`,
/// `wrangler.json`, `wrangler.jsonc`): its folder belongs to the `edge` component.
pub(crate) fn is_wrangler_config(name: &str) -> bool {
    matches!(name, "wrangler.toml" | "wrangler.json" | "wrangler.jsonc")
}
