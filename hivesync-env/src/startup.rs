//! Starting a process: the profile from [`PROFILE_VAR`], `.env` from the working
//! directory, Docker secret files and the process environment, in one call.
//!
//! [`EnvContract::startup`] and [`EnvContract::startup_or_exit`] run [`startup_in`]
//! on the working directory and the process environment:
//!
//! ```no_run
//! use hivesync_env::EnvContract;
//! # #[derive(hivesync_env::EnvContract)]
//! # #[env(component = "backend", audience = "server")]
//! # struct BackendEnv { #[env(default = "4000")] port: u16 }
//!
//! fn main() {
//!     // On failure: every problem on stderr, then exit 78 (EX_CONFIG).
//!     let env = BackendEnv::startup_or_exit();
//!     println!("listening on {}", env.port);
//! }
//! ```
//!
//! # The profile
//!
//! [`PROFILE_VAR`] (`HIVESYNC_PROFILE`) names it: `local`, `docker` or `production`,
//! read from the process environment, else from `.env`. **Unset, the profile is
//! [`DEFAULT_PROFILE`], `production`**, the strict one: a server whose deployment
//! forgot to set it is checked as a production server, never silently relaxed. On a
//! developer machine, write `HIVESYNC_PROFILE=local` in `.env`. Any other value,
//! including an empty one, is an error; nothing is loaded.
//!
//! # Precedence
//!
//! For each variable of the contract, the first of these that has it wins:
//!
//! 1. `NAME` in the process environment;
//! 2. for a secret, the file `NAME_FILE` names in the process environment (a Docker
//!    secret), which hides a `NAME` written in `.env`;
//! 3. `NAME` in `.env` in the working directory, when that file exists;
//! 4. for a secret, the file `NAME_FILE` names in `.env`;
//! 5. the contract's default for the profile.
//!
//! A `.env` that exists but cannot be read or parsed is an error, reported together
//! with a bad profile; the contract is then not checked. Nothing is written to the
//! process environment.

use std::fmt;
use std::path::Path;

use crate::profile_var::{self, EXPECTED};
use crate::source::secret_file::{file_var, is_set};
use crate::source::{EnvFile, EnvFileError, Layered, Lookup, Origin, Source};
use crate::{Contract, EnvContract, PROFILE_VAR, Profile, Report};

pub use crate::DEFAULT_PROFILE;

/// The exit code of [`EnvContract::startup_or_exit`] on failure: `EX_CONFIG` of
/// `sysexits.h`, "configuration error".
pub const EX_CONFIG: u8 = 78;

/// The file read from the working directory when present.
pub const DOTENV: &str = ".env";

/// Why a process could not start. Its `Display` is every problem, one per line; it
/// never shows a secret's value.
#[derive(Debug)]
#[non_exhaustive]
pub enum StartupError {
    /// The profile or the `.env` file cannot be used (each problem): the contract was
    /// not checked.
    Setup(Vec<SetupError>),
    /// The environment does not meet the contract.
    Contract {
        /// Every problem.
        report: Report,
        /// Whether the profile is [`DEFAULT_PROFILE`] because [`PROFILE_VAR`] is unset.
        defaulted: bool,
    },
}

/// A problem found before the contract is checked.
#[derive(Debug)]
#[non_exhaustive]
pub enum SetupError {
    /// [`PROFILE_VAR`] is set to something that is not a profile.
    Profile {
        /// The value as shown (quoted and cut short), `empty`, or `not valid Unicode`.
        found: String,
        /// Where it is set.
        origin: Origin,
    },
    /// `.env` exists but cannot be read or parsed.
    EnvFile(EnvFileError),
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetupError::Profile { found, origin } => {
                write!(
                    f,
                    "{PROFILE_VAR} ({origin}) is {found}: expected {EXPECTED}"
                )
            }
            SetupError::EnvFile(e) => fmt::Display::fmt(e, f),
        }
    }
}

/// `EnvFile` is transparent: its message and its source are the file error's.
impl std::error::Error for SetupError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SetupError::Profile { .. } => None,
            SetupError::EnvFile(e) => std::error::Error::source(e),
        }
    }
}

impl From<EnvFileError> for SetupError {
    fn from(e: EnvFileError) -> SetupError {
        SetupError::EnvFile(e)
    }
}

impl fmt::Display for StartupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartupError::Setup(errors) => {
                let lines: Vec<String> = errors.iter().map(|e| format!("error: {e}")).collect();
                f.write_str(&lines.join("\n"))
            }
            StartupError::Contract { report, defaulted } => {
                write!(f, "{report}")?;
                if *defaulted {
                    write!(
                        f,
                        "\nnote: {PROFILE_VAR} is not set, so the profile is {DEFAULT_PROFILE}; \
                         on a developer machine set {PROFILE_VAR}=local (in .env or the shell)"
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for StartupError {}

impl StartupError {
    /// The report of a failed contract check, if the check ran.
    pub fn report(&self) -> Option<&Report> {
        match self {
            StartupError::Contract { report, .. } => Some(report),
            StartupError::Setup(_) => None,
        }
    }
}

/// The profile [`PROFILE_VAR`] names in `source`, and whether it is the default
/// because the variable is unset.
///
/// ```
/// use hivesync_env::{PROFILE_VAR, Profile, source::MapSource};
/// use hivesync_env::startup::profile_from;
///
/// assert_eq!(profile_from(&MapSource::new("env")).unwrap(), (Profile::Production, true));
/// let docker = MapSource::new("env").with(PROFILE_VAR, "docker");
/// assert_eq!(profile_from(&docker).unwrap(), (Profile::Docker, false));
/// let typo = MapSource::new("env").with(PROFILE_VAR, "prod");
/// assert_eq!(
///     profile_from(&typo).unwrap_err().to_string(),
///     "HIVESYNC_PROFILE (env) is `prod`: expected one of local, docker, production"
/// );
/// ```
pub fn profile_from(source: &dyn Source) -> Result<(Profile, bool), SetupError> {
    match profile_var::read(source) {
        Ok(Some(profile)) => Ok((profile, false)),
        Ok(None) => Ok((DEFAULT_PROFILE, true)),
        Err(bad) => Err(SetupError::Profile {
            found: bad.found,
            origin: bad.origin,
        }),
    }
}

/// Loads `T` as a process starting in `dir` with the environment `process` would:
/// the profile from [`PROFILE_VAR`], `dir/.env` when present, Docker secret files and
/// `process` on top (see [the precedence](self#precedence)). Returns the value and
/// the warnings of the load.
///
/// [`EnvContract::startup`] is `startup_in(Path::new("."), ProcessEnv)`; tests pass a
/// folder and a [`MapSource`](crate::source::MapSource).
///
/// ```
/// use hivesync_env::{EnvContract, PROFILE_VAR, Profile, source::MapSource};
/// use hivesync_env::startup::startup_in;
///
/// #[derive(Debug, EnvContract)]
/// #[env(component = "api", audience = "server")]
/// struct ApiEnv {
///     /// Port to listen on
///     #[env(default = "4000")]
///     port: u16,
/// }
///
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join(".env"), "HIVESYNC_PROFILE=local\nPORT=8080\n").unwrap();
/// let (api, warnings) = startup_in::<ApiEnv>(dir.path(), MapSource::new("env")).unwrap();
/// assert_eq!((api.port, warnings.profile), (8080, Profile::Local));
///
/// // The process environment wins over `.env`.
/// let shell = MapSource::new("env").with("PORT", "9090").with(PROFILE_VAR, "docker");
/// let (api, warnings) = startup_in::<ApiEnv>(dir.path(), shell).unwrap();
/// assert_eq!((api.port, warnings.profile), (9090, Profile::Docker));
/// ```
pub fn startup_in<T: EnvContract>(
    dir: &Path,
    process: impl Source + Send + Sync + 'static,
) -> Result<(T, Report), StartupError> {
    let mut errors = Vec::new();
    let mut source = Layered::new();
    match read_dotenv(dir) {
        Ok(Some(file)) => source.push(DotEnv::new(file, T::CONTRACT, &process)),
        Ok(None) => {}
        Err(e) => errors.push(SetupError::EnvFile(e)),
    }
    source.push(process);
    let profile = profile_from(&source);
    let (profile, defaulted) = match profile {
        Ok(found) => found,
        Err(e) => {
            errors.insert(0, e);
            return Err(StartupError::Setup(errors));
        }
    };
    if !errors.is_empty() {
        return Err(StartupError::Setup(errors));
    }
    T::load_with_warnings(&source, profile)
        .map_err(|report| StartupError::Contract { report, defaulted })
}

/// `dir/.env`, `None` when there is no such file.
fn read_dotenv(dir: &Path) -> Result<Option<EnvFile>, EnvFileError> {
    let path = if dir == Path::new(".") {
        Path::new(DOTENV).to_path_buf()
    } else {
        dir.join(DOTENV)
    };
    match EnvFile::read(&path) {
        Ok(file) => Ok(Some(file)),
        Err(EnvFileError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// `.env` under the process environment: a secret whose `NAME_FILE` the process
/// environment sets is hidden here, so the Docker secret wins over the file.
struct DotEnv {
    file: EnvFile,
    hidden: Vec<&'static str>,
}

impl DotEnv {
    fn new(file: EnvFile, contract: &'static Contract, process: &dyn Source) -> DotEnv {
        let mut file_name = String::new();
        let hidden = contract
            .secrets()
            .filter(|v| is_set(process, file_var(&v.name, &mut file_name)))
            .map(|v| v.name.as_ref())
            .collect();
        DotEnv { file, hidden }
    }

    fn shows(&self, name: &str) -> bool {
        !self.hidden.contains(&name)
    }
}

impl Source for DotEnv {
    fn get(&self, name: &str) -> Option<Lookup> {
        self.shows(name).then(|| self.file.get(name)).flatten()
    }

    fn names(&self) -> Vec<(String, Origin)> {
        let mut names = self.file.names();
        names.retain(|(name, _)| self.shows(name));
        names
    }
}
