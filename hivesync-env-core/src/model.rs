//! The contract: components, their variables and what each variable accepts.

use std::borrow::Cow;
use std::fmt;

use crate::{Profile, Template};

/// A string of the model: borrowed from static data emitted by the derive, or owned
/// when parsed from a file at run time.
pub type Str = Cow<'static, str>;

/// A list of the model, static or owned like [`Str`].
pub type List<T> = Cow<'static, [T]>;

/// The prefix every variable of a `client` contract carries, so a leak is visible in
/// review and a public value can never be confused with a server setting.
pub const PUBLIC_PREFIX: &str = "HIVESYNC_PUBLIC_";

/// The client components, as messages name them: where a client contract's values
/// ship to users, so no secret may reach them.
///
/// ```
/// assert_eq!(hivesync_env_core::CLIENT_COMPONENTS, "desktop, mobile, plugins or admin-ui");
/// ```
pub const CLIENT_COMPONENTS: &str = "desktop, mobile, plugins or admin-ui";

/// Who runs a component, which decides what its environment may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// A server the project operates (the backend on Linode or Docker).
    Server,
    /// A Cloudflare Worker: plain vars in `wrangler.toml`, secrets in wrangler's store.
    Edge,
    /// Code shipped to users (desktop, mobile, plugins, admin UI): public values only.
    Client,
}

impl Audience {
    /// The name used in contract files and attributes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Audience::Server => "server",
            Audience::Edge => "edge",
            Audience::Client => "client",
        }
    }

    /// Parses the name used in contract files and attributes.
    pub fn from_name(s: &str) -> Option<Audience> {
        [Audience::Server, Audience::Edge, Audience::Client]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The type of a variable's value, checked by [`Var::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VarType {
    /// A TCP port, 1 to 65535.
    Port,
    /// An absolute URL such as `https://example.com/path`.
    Url,
    /// `true` or `false`.
    Bool,
    /// A signed 64-bit integer, with an optional unit (`ms`) and bounds.
    Integer,
    /// One of the values listed in [`Var::values`].
    Enum,
    /// A filesystem path (any non-empty string).
    Path,
    /// Any string.
    String,
}

impl VarType {
    /// Every type, in the order the schema documents them.
    pub const ALL: [VarType; 7] = [
        VarType::Port,
        VarType::Url,
        VarType::Bool,
        VarType::Integer,
        VarType::Enum,
        VarType::Path,
        VarType::String,
    ];

    /// The name used in contract files.
    pub const fn as_str(self) -> &'static str {
        match self {
            VarType::Port => "port",
            VarType::Url => "url",
            VarType::Bool => "bool",
            VarType::Integer => "integer",
            VarType::Enum => "enum",
            VarType::Path => "path",
            VarType::String => "string",
        }
    }

    /// Parses the name used in contract files.
    pub fn from_name(s: &str) -> Option<VarType> {
        VarType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for VarType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One environment variable of a component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Var {
    /// The name exactly as it is set in the environment, e.g. `POSTGRES_PORT`.
    pub name: Str,
    /// What the value must parse as.
    pub ty: VarType,
    /// One line saying what the variable is for.
    pub description: Str,
    /// Whether the value is a secret: never printed, rendered or committed.
    pub secret: bool,
    /// Whether the variable may be absent (and has no default).
    pub optional: bool,
    /// The default per profile, indexed by [`Profile::index`]; `None` where the
    /// operator must supply a value.
    pub defaults: [Option<Str>; 3],
    /// The allowed values of an [`VarType::Enum`].
    pub values: List<Str>,
    /// The unit of an [`VarType::Integer`], such as `ms`.
    pub unit: Option<Str>,
    /// The smallest allowed [`VarType::Integer`].
    pub min: Option<i64>,
    /// The largest allowed [`VarType::Integer`].
    pub max: Option<i64>,
    /// The shortest allowed value (secrets), in characters.
    pub min_len: Option<u32>,
    /// Whether a [`VarType::Url`] must use https in the `production` profile.
    pub https: bool,
    /// An illustrative value for documents (never a secret).
    pub example: Option<Str>,
    /// The blank-line group of the `.env.example` this variable belongs to.
    pub group: Option<Str>,
    /// A relation to other components: the value must equal this template, where
    /// `{component.NAME}` stands for that component's value, e.g.
    /// `{backend.BASE_URL}/api/v1/workers/callback`; parsed when the contract is read.
    pub equals: Option<Template>,
    /// Extra Docker Compose services that receive this variable under the same name
    /// (the `postgres` image reads POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD).
    pub services: List<Str>,
    /// The 1-based line of the variable in its contract file.
    pub line: u32,
}

impl Var {
    /// A variable of type string with every other field at its neutral value; a
    /// starting point for contract-less structs and tests.
    pub const fn new(name: &'static str, ty: VarType) -> Var {
        Var {
            name: Cow::Borrowed(name),
            ty,
            description: Cow::Borrowed(""),
            secret: false,
            optional: false,
            defaults: [None, None, None],
            values: Cow::Borrowed(&[]),
            unit: None,
            min: None,
            max: None,
            min_len: None,
            https: false,
            example: None,
            group: None,
            equals: None,
            services: Cow::Borrowed(&[]),
            line: 0,
        }
    }

    /// The default of this variable in `profile`, if any.
    pub fn default_for(&self, profile: Profile) -> Option<&str> {
        self.defaults[profile.index()].as_deref()
    }

    /// Whether the variable must be supplied in `profile`: it has no default there
    /// and is not optional.
    pub fn is_required(&self, profile: Profile) -> bool {
        !self.optional && self.default_for(profile).is_none()
    }

    /// The default when every profile has the same one.
    pub fn uniform_default(&self) -> Option<&str> {
        let [a, b, c] = &self.defaults;
        match (a, b, c) {
            (Some(a), Some(b), Some(c)) if a == b && b == c => Some(a),
            _ => None,
        }
    }

    /// What a value must look like, in words: `a port (1-65535)`, `one of a, b`.
    pub fn expected(&self) -> String {
        match self.ty {
            VarType::Port => "a port number (1-65535)".to_owned(),
            VarType::Url if self.https => "an absolute https URL".to_owned(),
            VarType::Url => "an absolute URL such as https://host/path".to_owned(),
            VarType::Bool => "`true` or `false`".to_owned(),
            VarType::Integer => {
                let mut s = "an integer".to_owned();
                if let Some(unit) = &self.unit {
                    s.push_str(&format!(" ({unit})"));
                }
                match (self.min, self.max) {
                    (Some(lo), Some(hi)) => s.push_str(&format!(" from {lo} to {hi}")),
                    (Some(lo), None) => s.push_str(&format!(" of at least {lo}")),
                    (None, Some(hi)) => s.push_str(&format!(" of at most {hi}")),
                    (None, None) => {}
                }
                s
            }
            VarType::Enum => {
                let values: Vec<&str> = self.values.iter().map(|v| v.as_ref()).collect();
                format!("one of {}", values.join(", "))
            }
            VarType::Path => "a non-empty path".to_owned(),
            VarType::String => "a string".to_owned(),
        }
    }
}

/// Cloudflare deployment facts of an `edge` contract (N.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrangler {
    /// The worker scripts that share this contract, e.g. `preview_builder`.
    pub workers: List<Str>,
    /// The name the R2 bucket is bound to in the worker's `Env`.
    pub r2_binding: Option<Str>,
    /// The variable whose default is the R2 bucket's name.
    pub r2_bucket_var: Option<Str>,
    /// The `compatibility_date` written into each `wrangler.toml`.
    pub compatibility_date: Str,
    /// The workers of [`Wrangler::workers`] written in Rust with workers-rs
    /// (`[wrangler.rust]`); every other worker is TypeScript.
    pub rust: List<RustWorker>,
}

impl Wrangler {
    /// The Rust worker called `worker`, if it is one.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use hivesync_env_core::{RustWorker, Wrangler};
    /// let w = Wrangler {
    ///     workers: vec!["api".into(), "health".into()].into(),
    ///     r2_binding: None,
    ///     r2_bucket_var: None,
    ///     compatibility_date: "2026-01-01".into(),
    ///     rust: vec![RustWorker { name: "health".into(), dir: "workers/health".into() }].into(),
    /// };
    /// assert_eq!(w.rust_worker("health").map(|r| &*r.dir), Some("workers/health"));
    /// assert!(w.rust_worker("api").is_none());
    /// ```
    pub fn rust_worker(&self, worker: &str) -> Option<&RustWorker> {
        self.rust.iter().find(|r| r.name == worker)
    }
}

/// A worker written in Rust with workers-rs and built to wasm by `worker-build`: its
/// `wrangler.toml` is rendered into the crate's folder, beside the build script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustWorker {
    /// The worker's name, one of [`Wrangler::workers`].
    pub name: Str,
    /// The crate's folder relative to the repository root, `/`-separated, e.g.
    /// `examples/worker-rs`.
    pub dir: Str,
}

/// The environment contract of one HiveSync component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// The component's name, e.g. `backend` or `admin-ui`.
    pub component: Str,
    /// Who runs the component.
    pub audience: Audience,
    /// One line about the component.
    pub description: Str,
    /// The file the contract was read from, as given to the parser (for messages).
    pub file: Str,
    /// The variables, in the order of the contract file.
    pub vars: List<Var>,
    /// The Docker Compose service that runs this component, if any.
    pub compose_service: Option<Str>,
    /// Cloudflare facts of an `edge` component.
    pub wrangler: Option<Wrangler>,
    /// Names that are secrets in another contract of the same set: a `client`
    /// component's environment must not hold them. Filled in when the contracts are
    /// read as a set.
    pub forbidden: List<Str>,
}

impl Contract {
    /// The variable called `name`.
    pub fn var(&self, name: &str) -> Option<&Var> {
        self.vars.iter().find(|v| v.name == name)
    }

    /// The variable's position in [`Contract::vars`].
    pub fn position(&self, name: &str) -> Option<usize> {
        self.vars.iter().position(|v| v.name == name)
    }

    /// Whether this is a `client` contract (desktop, mobile, plugins, admin UI).
    pub fn is_client(&self) -> bool {
        self.audience == Audience::Client
    }

    /// The secret variables.
    pub fn secrets(&self) -> impl Iterator<Item = &Var> {
        self.vars.iter().filter(|v| v.secret)
    }
}
