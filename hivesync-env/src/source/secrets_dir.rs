//! A folder of secret files, one per secret: the layout Docker Compose mounts at
//! `/run/secrets/<name>` and `hivesync-env init --secrets-dir` writes.

use std::fmt;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::secret_file::{file_var_stem, is_set, secret_file_value};
use super::{Lookup, NotUnicode, Origin, Source};

/// A source with a folder of secret files under it: a secret `NAME` that `inner`
/// does not set (neither as `NAME` nor as `NAME_FILE`) is read from
/// `dir/<name in lowercase>` when that file exists.
///
/// It answers the loader's `NAME_FILE` look-up with that path, so the file is read
/// with the same limits and messages as a `NAME_FILE` the environment sets (a
/// regular file of at most 64 KiB, trailing newlines trimmed, the path named and the
/// content never shown). A value set otherwise wins, and is not a conflict.
///
/// ```
/// use hivesync_env::source::{MapSource, SecretsDir, Source};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("jwt_secret"), "from-the-file\n").unwrap();
/// let source = SecretsDir::new(MapSource::new("env"), dir.path());
/// let path = source.get("JWT_SECRET_FILE").unwrap().value.unwrap();
/// assert_eq!(path, dir.path().join("jwt_secret").to_str().unwrap());
/// assert!(source.get("OTHER_SECRET_FILE").is_none());
/// assert_eq!(source.read("JWT_SECRET").unwrap().unwrap().as_str(), "from-the-file");
///
/// // Set in the environment: the folder is not consulted.
/// let set = SecretsDir::new(MapSource::new("env").with("JWT_SECRET", "x"), dir.path());
/// assert!(set.get("JWT_SECRET_FILE").is_none());
/// ```
pub struct SecretsDir<S> {
    inner: S,
    dir: PathBuf,
}

impl<S> fmt::Debug for SecretsDir<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretsDir")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl<S: Source> SecretsDir<S> {
    /// `inner`, with the secrets of `dir` under it.
    pub fn new(inner: S, dir: impl Into<PathBuf>) -> SecretsDir<S> {
        SecretsDir {
            inner,
            dir: dir.into(),
        }
    }

    /// The file a secret `name` is read from: `dir/<name in lowercase>`.
    pub fn path_of(&self, name: &str) -> PathBuf {
        secret_path(&self.dir, name)
    }

    /// The value of the secret `name` from its file, trailing newlines trimmed;
    /// `Ok(None)` when there is no such file. The error names the file, never its
    /// content; a file that is not UTF-8 is an error too.
    pub fn read(&self, name: &str) -> Result<Option<Zeroizing<String>>, String> {
        let path = self.path_of(name);
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(None);
        }
        read_secret_file(&path).map(Some)
    }
}

/// The value in a secret file (a Docker secret, a `NAME_FILE`), trailing newlines
/// trimmed, with the loader's limits: a regular file of at most 64 KiB, UTF-8. The
/// error names the file, never its content.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("jwt_secret");
/// std::fs::write(&path, "s3cret\n").unwrap();
/// assert_eq!(hivesync_env::source::read_secret_file(&path).unwrap().as_str(), "s3cret");
/// let err = hivesync_env::source::read_secret_file(&dir.path().join("none")).unwrap_err();
/// assert!(err.starts_with("cannot read "), "{err}");
/// ```
pub fn read_secret_file(path: &Path) -> Result<Zeroizing<String>, String> {
    let cannot = |why: &dyn fmt::Display| format!("cannot read {}: {why}", path.display());
    match secret_file_value(path) {
        Ok(Ok(value)) => Ok(Zeroizing::new(value)),
        Ok(Err(NotUnicode)) => Err(cannot(&"it is not valid UTF-8")),
        Err(e) => Err(cannot(&e)),
    }
}

/// The file of secret `name` in a secrets folder `dir`: `dir/<name in lowercase>`,
/// where Docker Compose's `secrets:` mounts it as `/run/secrets/<name in lowercase>`.
///
/// ```
/// use std::path::Path;
/// let path = hivesync_env::source::secret_path(Path::new("secrets"), "JWT_SECRET");
/// assert_eq!(path, Path::new("secrets/jwt_secret"));
/// ```
pub fn secret_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(name.to_ascii_lowercase())
}

impl<S: Source> Source for SecretsDir<S> {
    fn get(&self, name: &str) -> Option<Lookup> {
        if let Some(found) = self.inner.get(name) {
            return Some(found);
        }
        let stem = file_var_stem(name)?;
        if is_set(&self.inner, stem) {
            return None;
        }
        let path = self.path_of(stem);
        std::fs::symlink_metadata(&path).ok()?;
        let value = path.into_os_string();
        Some(Lookup::from_os(
            value,
            Origin::Map(format!("secrets folder {}", self.dir.display()).into()),
        ))
    }

    fn names(&self) -> Vec<(String, Origin)> {
        self.inner.names()
    }

    fn built_from(&self, name: &str) -> Vec<String> {
        self.inner.built_from(name)
    }

    fn includes_process(&self) -> bool {
        self.inner.includes_process()
    }

    fn dedicated_names(&self) -> Vec<(String, Origin)> {
        self.inner.dedicated_names()
    }
}
