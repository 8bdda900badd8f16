//! Deployment profiles (N.2 of the deployment plan).

use std::fmt;
use std::str::FromStr;

/// The variable a running HiveSync process (a server, a container, a worker) reads its
/// [`Profile`] from: `local`, `docker` or `production`.
///
/// It belongs to hivesync-env itself, not to any component's contract, so it never
/// appears in a component's `.env.example`. Renderers set it where they know the
/// profile (the Compose fragment, deploy-ready files, a worker's wrangler
/// environments).
///
/// ```
/// assert_eq!(hivesync_env_core::PROFILE_VAR, "HIVESYNC_PROFILE");
/// ```
pub const PROFILE_VAR: &str = "HIVESYNC_PROFILE";

/// The profile of a running process whose [`PROFILE_VAR`] is not set: `production`,
/// the strict one, so a deployment that forgot the variable is never checked
/// leniently. On a developer machine, set `HIVESYNC_PROFILE=local`.
///
/// ```
/// assert_eq!(hivesync_env_core::DEFAULT_PROFILE.as_str(), "production");
/// ```
pub const DEFAULT_PROFILE: Profile = Profile::Production;

/// A deployment target. Defaults and strictness depend on it.
///
/// ```
/// use hivesync_env_core::Profile;
/// assert_eq!("docker".parse::<Profile>().unwrap(), Profile::Docker);
/// assert!(Profile::Production.is_strict());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// A developer's machine (N.2.1); wrangler's `[env.dev]` is rendered from it.
    Local,
    /// The full system inside Docker Compose (N.2.2).
    Docker,
    /// Linode and Cloudflare production (N.2.3, N.2.4): placeholders are errors,
    /// public URLs must be https, secrets must meet their minimum length.
    Production,
}

impl Profile {
    /// Every profile, in the order documents list them.
    pub const ALL: [Profile; 3] = [Profile::Local, Profile::Docker, Profile::Production];

    /// The name used on the command line and in contract files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Profile::Local => "local",
            Profile::Docker => "docker",
            Profile::Production => "production",
        }
    }

    /// Index into per-profile arrays such as [`Var::defaults`](crate::Var::defaults).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Whether warnings of the relaxed profiles are errors here.
    pub const fn is_strict(self) -> bool {
        matches!(self, Profile::Production)
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`Profile`] from a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProfileError(pub String);

impl fmt::Display for ParseProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown profile `{}`: expected one of local, docker, production",
            self.0
        )
    }
}

impl std::error::Error for ParseProfileError {}

impl FromStr for Profile {
    type Err = ParseProfileError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| ParseProfileError(s.to_owned()))
    }
}
