//! Docker secret files: `NAME_FILE=/run/secrets/name` supplies a secret `NAME` from
//! the file it names, trailing newlines trimmed.
//!
//! The loader, `check`, the relations of [`consistency`](crate::consistency) and
//! [`SecretsDir`](super::SecretsDir) all read a secret file here, with the same
//! limits: a regular file (not a FIFO, which would block, a device or a `/proc` file,
//! see [`bounded_read`](crate::bounded_read)) of at most [`SECRET_FILE_LIMIT`] bytes.

use std::path::Path;

use zeroize::Zeroize;

use super::{NotUnicode, Source};

/// What a secret's name takes to name its Docker secret file: `JWT_SECRET_FILE`.
pub(crate) const FILE_SUFFIX: &str = "_FILE";

/// The largest Docker secret file read. A secret is far smaller; a device such as
/// `/dev/zero` must not be read forever.
pub(crate) const SECRET_FILE_LIMIT: u64 = 64 * 1024;

/// Writes `NAME_FILE` for `name` into `buf` (reused: the loader calls this once per
/// secret, and allocates once) and returns it.
pub(crate) fn file_var<'b>(name: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    buf.push_str(name);
    buf.push_str(FILE_SUFFIX);
    buf
}

/// The secret `NAME` whose file `NAME_FILE` names, for a name that ends in
/// [`FILE_SUFFIX`] after at least one character.
pub(crate) fn file_var_stem(name: &str) -> Option<&str> {
    name.strip_suffix(FILE_SUFFIX)
        .filter(|stem| !stem.is_empty())
}

/// The value of the Docker secret file at `path`, trailing newlines trimmed; `Err`
/// inside when it is not UTF-8 (its bytes are wiped).
pub(crate) fn secret_file_value(path: &Path) -> std::io::Result<Result<String, NotUnicode>> {
    let bytes = crate::bounded_read::read(path, SECRET_FILE_LIMIT)?;
    Ok(match String::from_utf8(bytes) {
        Ok(mut s) => {
            let keep = s.trim_end_matches(['\n', '\r']).len();
            s.truncate(keep);
            Ok(s)
        }
        Err(e) => {
            e.into_bytes().zeroize();
            Err(NotUnicode)
        }
    })
}

/// Whether `source` sets `name`, keeping no copy of the value (it may be a secret's):
/// the copy a look-up returns is wiped at once.
pub(crate) fn is_set(source: &(impl Source + ?Sized), name: &str) -> bool {
    let Some(mut found) = source.get(name) else {
        return false;
    };
    if let Ok(value) = &mut found.value {
        value.zeroize();
    }
    true
}
