//! `hivesync-env check` run as a child process never prints a secret, in text or JSON,
//! whether the secret comes from an env file or the process environment
//! (`Command::env`, never `set_var` in this process), for every problem a secret can be
//! in: weak, placeholder, not UTF-8, conflict with NAME_FILE, a Docker secret file, a
//! leak into a client component.
//!
//! Secrets are generated from fixed seeds (the same pieces as the library's property
//! tests: other variables' names, `${NAME}`, quotes, backslashes, newlines, CR,
//! non-ASCII) between two markers that no output may contain.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;
use std::process::{Command, Output};

const CASES: u64 = 12;

/// xorshift64*: the same secrets on every run, without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "PORT",
    "BASE_URL",
    "JWT_SECRET",
    "${POSTGRES_PASSWORD}",
    "$PORT",
    "'",
    "\"",
    "\\",
    "\n",
    "\r\n",
    "#",
    " # ",
    "=",
    "\t",
    "`",
    "[redacted]",
    "********",
    "é",
    "日本",
    "🐝",
    "\u{202e}",
    "\u{feff}",
];

/// A secret between two markers, and the markers.
struct Planted {
    value: String,
    markers: [String; 2],
}

fn planted(rng: &mut Rng, max_body_chars: usize) -> Planted {
    let markers = [
        format!("Qs{:06x}", rng.next() & 0xff_ffff),
        format!("{:06x}sZ", rng.next() & 0xff_ffff),
    ];
    let mut body = String::new();
    for _ in 0..rng.below(8) {
        body.push_str(PIECES[rng.below(PIECES.len())]);
    }
    let body: String = body.chars().take(max_body_chars).collect();
    Planted {
        value: format!("{}{body}{}", markers[0], markers[1]),
        markers,
    }
}

fn double_quoted(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where a scenario's variables are given to the child.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Via {
    EnvFile,
    ProcessEnv,
}

struct Scenario {
    component: &'static str,
    profile: &'static str,
    vars: Vec<(String, OsString)>,
    secrets: Vec<Planted>,
    /// A variable and the problem kind the JSON must report for it.
    expect: (&'static str, &'static str),
}

fn run(scenario: &Scenario, via: Via, format: &str, dir: &Path) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hivesync-env"));
    cmd.env_clear()
        .args(["check", scenario.component, "--profile", scenario.profile])
        .args(["--format", format]);
    match via {
        Via::EnvFile => {
            let mut text = b"# secrets_cli\n".to_vec();
            for (name, value) in &scenario.vars {
                text.extend(name.as_bytes());
                text.push(b'=');
                match value.to_str() {
                    Some(v) => text.extend(double_quoted(v).as_bytes()),
                    None => text.extend(value.clone().into_vec()),
                }
                text.push(b'\n');
            }
            let path = dir.join("check.env");
            std::fs::write(&path, text).expect("write env file");
            cmd.arg("--env-file").arg(&path).arg("--no-process-env");
        }
        Via::ProcessEnv => {
            cmd.envs(scenario.vars.iter().map(|(k, v)| (k, v)));
        }
    }
    cmd.output().expect("run hivesync-env")
}

fn scenarios(rng: &mut Rng, dir: &Path) -> Vec<Scenario> {
    let base = || -> Vec<(String, OsString)> {
        vec![("BASE_URL".into(), "https://api.hivesync.dev".into())]
    };
    let mut out = Vec::new();

    // weak: JWT_SECRET needs 32 characters.
    let s = planted(rng, 15);
    let mut vars = base();
    vars.push(("JWT_SECRET".into(), s.value.clone().into()));
    out.push(Scenario {
        component: "backend",
        profile: "production",
        vars,
        secrets: vec![s],
        expect: ("JWT_SECRET", "weak"),
    });

    // placeholder
    let s = planted(rng, 40);
    let s = Planted {
        value: format!("REPLACE_ME{}", s.value),
        markers: s.markers,
    };
    let mut vars = base();
    vars.push(("OPENAI_API_KEY".into(), s.value.clone().into()));
    out.push(Scenario {
        component: "backend",
        profile: "local",
        vars,
        secrets: vec![s],
        expect: ("OPENAI_API_KEY", "placeholder"),
    });

    // not UTF-8
    let s = planted(rng, 0);
    let mut bytes = s.markers[0].clone().into_bytes();
    bytes.extend(b"\xff\xfe");
    bytes.extend(s.markers[1].as_bytes());
    let mut vars = base();
    vars.push(("POSTGRES_PASSWORD".into(), OsString::from_vec(bytes)));
    out.push(Scenario {
        component: "backend",
        profile: "docker",
        vars,
        secrets: vec![s],
        expect: ("POSTGRES_PASSWORD", "not_unicode"),
    });

    // conflict: both JWT_SECRET and JWT_SECRET_FILE
    let direct = planted(rng, 40);
    let in_file = planted(rng, 40);
    let conflict_file = dir.join("conflict_secret");
    std::fs::write(&conflict_file, &in_file.value).expect("write secret file");
    let mut vars = base();
    vars.push(("JWT_SECRET".into(), direct.value.clone().into()));
    vars.push(("JWT_SECRET_FILE".into(), conflict_file.into()));
    out.push(Scenario {
        component: "backend",
        profile: "production",
        vars,
        secrets: vec![direct, in_file],
        expect: ("JWT_SECRET", "conflict"),
    });

    // a Docker secret file, too short to be accepted in production
    let s = planted(rng, 15);
    let secret_file = dir.join("worker_secret");
    std::fs::write(&secret_file, format!("{}\n", s.value)).expect("write secret file");
    let vars = vec![
        (
            "WORKER_CALLBACK_URL".into(),
            "https://api.hivesync.dev/api/v1/workers/callback".into(),
        ),
        ("WORKER_CALLBACK_SECRET_FILE".into(), secret_file.into()),
    ];
    out.push(Scenario {
        component: "workers",
        profile: "production",
        vars,
        secrets: vec![s],
        expect: ("WORKER_CALLBACK_SECRET", "weak"),
    });

    // leaks: a server secret in a client environment, and a credential as a public URL
    let server = planted(rng, 40);
    let credential = planted(rng, 40);
    let credential = Planted {
        value: format!("sk-{}", credential.value),
        markers: credential.markers,
    };
    let vars = vec![
        ("R2_SECRET_ACCESS_KEY".into(), server.value.clone().into()),
        (
            "HIVESYNC_PUBLIC_API_URL".into(),
            credential.value.clone().into(),
        ),
    ];
    out.push(Scenario {
        component: "desktop",
        profile: "local",
        vars,
        secrets: vec![server, credential],
        expect: ("R2_SECRET_ACCESS_KEY", "leak"),
    });
    out
}

fn shown(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn check_never_prints_a_secret_in_text_or_json() {
    let mut rng = Rng(0x5eed_0fb3_3500);
    let mut ran = 0;
    for case in 0..CASES {
        let dir = tempfile::tempdir().expect("temp dir");
        for scenario in scenarios(&mut rng, dir.path()) {
            for via in [Via::EnvFile, Via::ProcessEnv] {
                for format in ["text", "json"] {
                    let output = run(&scenario, via, format, dir.path());
                    let what = format!(
                        "case {case}: {} {} via {via:?} as {format}",
                        scenario.component, scenario.profile
                    );
                    let shown = shown(&output);
                    for secret in &scenario.secrets {
                        for marker in &secret.markers {
                            assert!(
                                !shown.contains(marker.as_str()),
                                "{what}: secret marker {marker} printed:\n{shown}"
                            );
                        }
                    }
                    // Every scenario has an error: exit 1, not a usage error.
                    assert_eq!(output.status.code(), Some(1), "{what}:\n{shown}");
                    if format == "json" {
                        let json: serde_json::Value = serde_json::from_slice(&output.stdout)
                            .unwrap_or_else(|e| panic!("{what}: not JSON ({e}):\n{shown}"));
                        let (var, kind) = scenario.expect;
                        let reported = json["problems"].as_array().is_some_and(|ps| {
                            ps.iter().any(|p| p["var"] == var && p["kind"] == kind)
                        });
                        assert!(reported, "{what}: no {kind} for {var}:\n{shown}");
                    }
                    ran += 1;
                }
            }
        }
    }
    assert_eq!(ran, CASES as usize * 6 * 4);
}

/// A secret that passes every check is masked in the text table and absent from the
/// JSON `vars`, from a file and from the process environment.
#[test]
fn a_valid_secret_is_masked_not_printed() {
    let mut rng = Rng(0xb335_5eed);
    let dir = tempfile::tempdir().expect("temp dir");
    for _ in 0..CASES {
        let secret = planted(&mut rng, 40);
        let long = format!("{}-0123456789abcdef0123456789", secret.value);
        let scenario = Scenario {
            component: "workers",
            profile: "production",
            vars: vec![
                (
                    "WORKER_CALLBACK_URL".into(),
                    "https://api.hivesync.dev/api/v1/workers/callback".into(),
                ),
                ("WORKER_CALLBACK_SECRET".into(), long.into()),
            ],
            secrets: vec![],
            expect: ("", ""),
        };
        for via in [Via::EnvFile, Via::ProcessEnv] {
            let text = run(&scenario, via, "text", dir.path());
            let json = run(&scenario, via, "json", dir.path());
            for output in [&text, &json] {
                let shown = shown(output);
                assert_eq!(output.status.code(), Some(0), "{via:?}:\n{shown}");
                for marker in &secret.markers {
                    assert!(!shown.contains(marker.as_str()), "{via:?}:\n{shown}");
                }
            }
            let line = String::from_utf8_lossy(&text.stdout)
                .lines()
                .find(|l| l.trim_start().starts_with("WORKER_CALLBACK_SECRET "))
                .map(str::to_owned)
                .expect("a line for the secret");
            assert!(line.ends_with("(secret)"), "{line}");
            let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
            let var = json["vars"]
                .as_array()
                .and_then(|vs| vs.iter().find(|v| v["name"] == "WORKER_CALLBACK_SECRET"))
                .expect("the secret's status");
            assert_eq!(var["secret"], true);
            assert!(var.get("value").is_none(), "{var}");
        }
    }
}
