//! Where values come from: the process environment, `.env` files, in-memory maps,
//! and layers of those.
//!
//! # Precedence
//!
//! A [`Layered`] source asks its layers from the last added to the first and takes the
//! first answer, so **later layers win**. [`Layered::standard`] builds the usual stack:
//! the `.env` files in the order given (a later file overrides an earlier one), then
//! the process environment on top, as `dotenvy` and Docker Compose do: a value exported
//! in the shell beats one written in a file.
//!
//! Docker secrets (`NAME_FILE=/run/secrets/name`) are resolved by the loader on top of
//! any source; see [`check`](crate::check).
//!
//! # `.env` files
//!
//! [`EnvFile`] reads the dotenv syntax with a parser of this crate (dotenvy's reads the
//! process environment while parsing and has no switch to stop it):
//!
//! - `NAME=value`, `export NAME=value`, `# comments`, blank lines, a byte-order mark,
//!   CRLF line endings; a name is `[A-Za-z_][A-Za-z0-9_]*`;
//! - `'single quotes'` are literal; `"double quotes"` and unquoted values take the
//!   escapes `\\ \' \" \$ \n` and `\ `; a quoted value may span lines;
//! - `$NAME` and `${NAME}` take the value of the latest **earlier** assignment of NAME
//!   in the same file, or nothing: never the process environment, another file or a
//!   later line (Compose's rule for one file); `${NAME:-x}` is a syntax error;
//! - a quote not closed before the end of the file, or before a later line that reads
//!   as an assignment, is an error on the line where it opened.
//!
//! Errors name lines, never content. A name that is not a variable name is a syntax
//! error; one with the shape of a credential (a base64 secret pasted on a line of its
//! own reads as `c2VjcmV0=`) is reported without being shown
//! ([`name_is_hidden`](crate::name_is_hidden)).

mod contract_env;
mod env_file;
pub(crate) mod env_syntax;
mod layered;
mod map;
mod process;
pub(crate) mod secret_file;
mod secrets_dir;

use std::ffi::OsString;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

pub(crate) use contract_env::{ContractEnv, for_each_process_name};
pub use env_file::{ENV_FILE_LIMIT, EnvFile, EnvFileError};
pub use layered::Layered;
pub use map::MapSource;
pub use process::ProcessEnv;
pub use secrets_dir::{SecretsDir, read_secret_file, secret_path};

/// A value that is not valid Unicode. It carries nothing of the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUnicode;

/// What a [`Source`] holds for a name.
#[derive(Clone, PartialEq, Eq)]
pub struct Lookup {
    /// The value, or [`NotUnicode`] when its bytes are not UTF-8.
    pub value: Result<String, NotUnicode>,
    /// Where the value was found.
    pub origin: Origin,
}

/// Redacted: a lookup may hold a secret.
impl fmt::Debug for Lookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lookup")
            .field("value", &"[redacted]")
            .field("origin", &self.origin)
            .finish()
    }
}

impl Lookup {
    /// A lookup from an `OsString`, keeping the bytes only when they are UTF-8.
    pub fn from_os(value: OsString, origin: Origin) -> Lookup {
        let value = value.into_string().map_err(|bytes| {
            wipe_os(bytes);
            NotUnicode
        });
        Lookup { value, origin }
    }
}

/// Overwrites a rejected non-UTF-8 value before it is freed: it may be a secret.
fn wipe_os(bytes: OsString) {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        zeroize::Zeroize::zeroize(&mut bytes.into_vec());
    }
    #[cfg(not(unix))]
    drop(bytes);
}

/// Where a value came from; shown by `hivesync-env check`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// The process environment.
    Process,
    /// A `.env` file, at a 1-based line.
    File {
        /// The file as it was named when read.
        path: Arc<Path>,
        /// The line the assignment starts on.
        line: u32,
    },
    /// An in-memory [`MapSource`], by its label.
    Map(Arc<str>),
    /// A Docker secret file named by `NAME_FILE`.
    SecretFile(Arc<Path>),
    /// The contract's default for the profile.
    Default,
    /// Not set anywhere.
    Unset,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Process => f.write_str("process"),
            Origin::File { path, line } => write!(f, "{}:{line}", path.display()),
            Origin::Map(label) => f.write_str(label),
            Origin::SecretFile(path) => write!(f, "secret file {}", path.display()),
            Origin::Default => f.write_str("default"),
            Origin::Unset => f.write_str("unset"),
        }
    }
}

impl Origin {
    /// A short word for the kind of origin: `process`, `file`, `map`, `secret_file`,
    /// `default` or `unset` (the JSON `source` of `hivesync-env check`).
    pub fn kind(&self) -> &'static str {
        match self {
            Origin::Process => "process",
            Origin::File { .. } => "file",
            Origin::Map(_) => "map",
            Origin::SecretFile(_) => "secret_file",
            Origin::Default => "default",
            Origin::Unset => "unset",
        }
    }
}

/// A place variables are read from.
///
/// Implement it to load from anything that maps names to strings: Cloudflare
/// bindings, a vault client, a test fixture.
///
/// ```
/// use hivesync_env::source::{Lookup, Origin, Source};
///
/// /// Bindings handed to a worker, as pairs.
/// struct Bindings(Vec<(String, String)>);
///
/// impl Source for Bindings {
///     fn get(&self, name: &str) -> Option<Lookup> {
///         let (_, v) = self.0.iter().find(|(k, _)| k == name)?;
///         Some(Lookup { value: Ok(v.clone()), origin: Origin::Map("bindings".into()) })
///     }
///     fn names(&self) -> Vec<(String, Origin)> {
///         self.0.iter().map(|(k, _)| (k.clone(), Origin::Map("bindings".into()))).collect()
///     }
/// }
/// ```
pub trait Source {
    /// The value of `name`, if this source has one.
    fn get(&self, name: &str) -> Option<Lookup>;

    /// Every name this source holds, with where it is; used to report unknown names
    /// and near misses ("did you mean"), never on the success path of loading.
    ///
    /// Names whose origin is [`Origin::Process`] are treated as ambient: only near
    /// misses of contract names are reported. Names from files and maps are meant for
    /// the component, so any name the contract does not declare is reported.
    fn names(&self) -> Vec<(String, Origin)>;

    /// The names whose values `name`'s value was built from by substitution, directly
    /// or not (`AI_MODEL=${JWT_SECRET}` in a `.env` file gives `["JWT_SECRET"]`): the
    /// loader reports a public value built from a secret as a `leak`, even when the
    /// secret's value in the run is another one. Empty for sources that do not
    /// substitute, the default.
    fn built_from(&self, name: &str) -> Vec<String> {
        let _ = name;
        Vec::new()
    }

    /// Whether this source reads the process environment. A failed typed load then
    /// reports every name of [`Source::dedicated_names`] the contract does not
    /// declare, and only the near misses among the process environment's names.
    fn includes_process(&self) -> bool {
        false
    }

    /// The names of [`Source::names`] that do not come from the process environment.
    fn dedicated_names(&self) -> Vec<(String, Origin)> {
        let mut names = self.names();
        names.retain(|(_, origin)| *origin != Origin::Process);
        names
    }

    /// Not part of the stable API: `Some` only for this crate's sources that are the
    /// process environment and nothing else ([`ProcessEnv`] and the reader of
    /// [`EnvContract::from_env`](crate::EnvContract::from_env)), whose names are those
    /// of `std::env::vars_os` and whose lookups are `getenv`'s. A failed load then
    /// reads the names from the environment in place rather than through
    /// [`Source::names`], which copies every name and value of it. No other crate can
    /// make an [`OnlyProcess`].
    #[doc(hidden)]
    fn only_process(&self) -> Option<OnlyProcess> {
        None
    }
}

/// What [`Source::only_process`] answers for a source that is the process environment
/// and nothing else. Not part of the stable API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct OnlyProcess(());

impl OnlyProcess {
    /// For this crate's sources of the process environment.
    pub(crate) const PROOF: OnlyProcess = OnlyProcess(());
}

/// `Source` for references and boxes of a source: every method forwarded.
macro_rules! forward_source {
    ($($ptr:ty),*) => {$(
        impl<S: Source + ?Sized> Source for $ptr {
            fn get(&self, name: &str) -> Option<Lookup> {
                (**self).get(name)
            }
            fn names(&self) -> Vec<(String, Origin)> {
                (**self).names()
            }
            fn built_from(&self, name: &str) -> Vec<String> {
                (**self).built_from(name)
            }
            fn includes_process(&self) -> bool {
                (**self).includes_process()
            }
            fn dedicated_names(&self) -> Vec<(String, Origin)> {
                (**self).dedicated_names()
            }
            fn only_process(&self) -> Option<OnlyProcess> {
                (**self).only_process()
            }
        }
    )*};
}

forward_source!(&S, Box<S>);
