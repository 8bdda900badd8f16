//! The environments the loaders are measured in.

/// How many unrelated variables the crowded workload adds (see [`Workload::Crowded`]).
pub const UNRELATED: usize = 200;

/// The three required secrets (no default in `production`) the error path lacks.
pub const MISSING: [&str; 3] = [
    "POSTGRES_PASSWORD",
    "OPENAI_API_KEY",
    "WORKER_CALLBACK_SECRET",
];

/// The contract's one optional variable, left unset: the workloads set the other 24.
pub const UNSET: &str = "R2_PUBLIC_URL";

/// The backend's 25 variables, every one valid in `production`. The workloads set all
/// but [`UNSET`].
pub const BACKEND: [(&str, &str); 25] = [
    ("PORT", "4000"),
    ("BASE_URL", "https://api.hivesync.dev"),
    ("JWT_SECRET", "f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4"),
    ("POSTGRES_HOST", "postgres"),
    ("POSTGRES_PORT", "5432"),
    ("POSTGRES_DB", "hivesync"),
    ("POSTGRES_USER", "hivesync"),
    ("POSTGRES_PASSWORD", "pg-9d8c7b6a5f4e3d2c1b0a"),
    ("REDIS_HOST", "redis"),
    ("REDIS_PORT", "6379"),
    ("EMAIL_PROVIDER", "resend"),
    ("RESEND_API_KEY", "re_4f3e2d1c0b9a8f7e6d5c4b3a"),
    ("AI_PRIMARY", "openai"),
    ("AI_MODEL", "gpt-4.1"),
    ("OPENAI_API_KEY", "sk-proj-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d"),
    ("LOCAL_AI_ENABLED", "false"),
    ("LOCAL_AI_MODEL_PATH", "/models/llama"),
    ("PREVIEW_MAX_TIMEOUT_MS", "8000"),
    ("LOG_LEVEL", "info"),
    ("R2_ACCOUNT_ID", "c0ffee00c0ffee00c0ffee00c0ffee00"),
    ("R2_ACCESS_KEY_ID", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"),
    (
        "R2_SECRET_ACCESS_KEY",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978",
    ),
    ("R2_BUCKET", "hivesync-r2"),
    ("R2_PUBLIC_URL", "https://assets.hivesync.dev"),
    (
        "WORKER_CALLBACK_SECRET",
        "5e4d3c2b1a09f8e7d6c5b4a3928170f5e4d3c2b1",
    ),
];

/// What a container's process finds besides its configuration: `PATH`, `HOME` and
/// eight variables a container runtime or orchestrator sets.
pub const CONTAINER: [(&str, &str); 10] = [
    (
        "PATH",
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    ),
    ("HOME", "/home/hivesync"),
    ("HOSTNAME", "backend-7f9c6d5b8-x2k4q"),
    ("TERM", "xterm"),
    ("LANG", "C.UTF-8"),
    ("TZ", "UTC"),
    ("PWD", "/app"),
    ("SHLVL", "1"),
    ("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
    ("KUBERNETES_SERVICE_PORT", "443"),
];

/// The environments a loader is measured in. Besides these variables the profile and
/// benchmark processes hold one more, their marker `HIVESYNC_BENCH_ENV`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// Issue 15's workload, 34 variables: the contract's 24 set ones and [`CONTAINER`].
    Container,
    /// 234 variables: [`Workload::Container`] and [`UNRELATED`] more.
    Crowded,
}

impl Workload {
    /// Both, smaller first.
    pub const ALL: [Workload; 2] = [Workload::Container, Workload::Crowded];

    /// How many variables its success environment holds, also its name on a command
    /// line (`34`, `234`).
    pub fn vars(self) -> usize {
        match self {
            Workload::Container => BACKEND.len() - 1 + CONTAINER.len(),
            Workload::Crowded => BACKEND.len() - 1 + CONTAINER.len() + UNRELATED,
        }
    }

    /// The workload named by its number of variables.
    pub fn from_vars(vars: &str) -> Option<Workload> {
        Workload::ALL
            .into_iter()
            .find(|w| w.vars().to_string() == vars)
    }

    /// The success path's environment: every variable valid.
    pub fn success_env(self) -> Vec<(String, String)> {
        let owned = |(k, v): &(&str, &str)| ((*k).to_owned(), (*v).to_owned());
        let mut env: Vec<(String, String)> = BACKEND
            .iter()
            .filter(|(k, _)| *k != UNSET)
            .chain(CONTAINER.iter())
            .map(owned)
            .collect();
        if self == Workload::Crowded {
            env.extend(unrelated());
        }
        env
    }

    /// The error path's environment: [`Workload::success_env`] without [`MISSING`].
    pub fn error_env(self) -> Vec<(String, String)> {
        self.success_env()
            .into_iter()
            .filter(|(k, _)| !MISSING.contains(&k.as_str()))
            .collect()
    }
}

/// The unrelated variables: names and values shaped like a real container's
/// environment (`XDG_...`, `KUBERNETES_...`, paths), none a near miss of a contract
/// name.
pub fn unrelated() -> Vec<(String, String)> {
    const PREFIXES: [&str; 8] = [
        "KUBERNETES_SERVICE",
        "XDG_RUNTIME",
        "NODE_EXTRA",
        "CARGO_PKG_META",
        "SYSTEMD_UNIT_PROP",
        "OTEL_EXPORTER_SETTING",
        "LC_VARIANT",
        "TERM_PROGRAM_OPT",
    ];
    (0..UNRELATED)
        .map(|i| {
            let name = format!("{}_{i:03}", PREFIXES[i % PREFIXES.len()]);
            let value = format!("/opt/vendor/tool-{i}/lib:/usr/local/share/item-{}", i * 7);
            (name, value)
        })
        .collect()
}
