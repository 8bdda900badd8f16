//! `startup_in`: the profile variable, `.env` discovery and the precedence of the
//! sources, with a folder per test and a map standing for the process environment.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;

use hivesync_env::source::MapSource;
use hivesync_env::startup::{SetupError, StartupError, startup_in};
use hivesync_env::{EnvContract, PROFILE_VAR, Profile, Report, Secret};
use tempfile::TempDir;

/// A server with a secret whose minimum length only `production` enforces.
#[derive(Debug, EnvContract)]
#[env(component = "api", audience = "server")]
struct ApiEnv {
    /// Port to listen on
    #[env(default = "4000")]
    port: u16,
    /// Key of the upstream API
    #[env(min_len = 16)]
    api_key: Secret<String>,
}

const LONG_KEY: &str = "0123456789abcdef-long";
const SHORT_KEY: &str = "short-key";

/// A folder with `.env` holding `dotenv`, or none when it is `None`.
fn folder(dotenv: Option<&str>) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    if let Some(text) = dotenv {
        std::fs::write(dir.path().join(".env"), text).unwrap();
    }
    dir
}

fn env() -> MapSource {
    MapSource::new("process")
}

fn start(dir: &TempDir, process: MapSource) -> Result<(ApiEnv, Report), StartupError> {
    startup_in::<ApiEnv>(dir.path(), process)
}

fn key(api: &ApiEnv) -> &str {
    api.api_key.expose_secret()
}

#[test]
fn unset_profile_is_production_and_the_failure_says_how_to_relax_it() {
    let dir = folder(None);
    let err = start(&dir, env().with("API_KEY", SHORT_KEY)).unwrap_err();
    let StartupError::Contract { report, defaulted } = &err else {
        panic!("expected a contract failure, got {err}");
    };
    assert!(defaulted);
    assert_eq!(report.profile, Profile::Production);
    let text = err.to_string();
    assert!(text.starts_with("api (production): 1 error"), "{text}");
    assert!(
        text.ends_with(
            "note: HIVESYNC_PROFILE is not set, so the profile is production; \
             on a developer machine set HIVESYNC_PROFILE=local (in .env or the shell)"
        ),
        "{text}"
    );
    assert!(!text.contains(SHORT_KEY), "{text}");

    let (api, warnings) = start(&dir, env().with("API_KEY", LONG_KEY)).unwrap();
    assert_eq!(
        (key(&api), warnings.profile),
        (LONG_KEY, Profile::Production)
    );
}

#[test]
fn each_profile_is_read_and_only_production_is_strict() {
    let dir = folder(None);
    for profile in Profile::ALL {
        let process = env()
            .with(PROFILE_VAR, profile.as_str())
            .with("API_KEY", SHORT_KEY);
        match start(&dir, process) {
            Ok((_, warnings)) => {
                assert_ne!(profile, Profile::Production);
                assert_eq!(warnings.profile, profile);
                assert_eq!(warnings.problems().len(), 1, "{warnings}");
                assert_eq!(warnings.problems()[0].kind.as_str(), "weak");
            }
            Err(StartupError::Contract { report, defaulted }) => {
                assert_eq!(profile, Profile::Production);
                assert_eq!((report.profile, defaulted), (Profile::Production, false));
                assert!(!report.to_string().contains("note:"));
            }
            Err(e) => panic!("{profile}: {e}"),
        }
    }
}

#[test]
fn an_unknown_profile_is_an_error_and_nothing_is_loaded() {
    let dir = folder(None);
    let cases: [(OsString, &str); 4] = [
        ("prod".into(), "`prod`"),
        ("".into(), "empty"),
        ("Local".into(), "`Local`"),
        (OsString::from_vec(vec![0xff, b'x']), "not valid Unicode"),
    ];
    for (value, shown) in cases {
        // Every variable is valid in every profile: only the profile can fail.
        let process = env().with(PROFILE_VAR, value).with("API_KEY", LONG_KEY);
        let err = start(&dir, process).unwrap_err();
        assert!(
            matches!(&err, StartupError::Setup(e) if e.len() == 1),
            "{err}"
        );
        assert!(err.report().is_none());
        assert_eq!(
            err.to_string(),
            format!(
                "error: HIVESYNC_PROFILE (process) is {shown}: expected one of local, docker, production"
            )
        );
    }
}

#[test]
fn a_long_unknown_profile_is_cut_short() {
    let dir = folder(None);
    let long = "x".repeat(500);
    let err = start(&dir, env().with(PROFILE_VAR, long.as_str())).unwrap_err();
    let text = err.to_string();
    assert!(text.contains(&format!("`{}...`", "x".repeat(40))), "{text}");
    assert!(!text.contains(&"x".repeat(41)), "{text}");
}

#[test]
fn dotenv_in_the_folder_is_read_when_present() {
    let with = folder(Some(
        "HIVESYNC_PROFILE=local\nPORT=8080\nAPI_KEY=short-from-file\n",
    ));
    let (api, warnings) = start(&with, env()).unwrap();
    assert_eq!((api.port, key(&api)), (8080, "short-from-file"));
    assert_eq!(warnings.profile, Profile::Local);
    // HIVESYNC_PROFILE in .env is not an unknown name; the short key is a warning.
    let kinds: Vec<&str> = warnings
        .problems()
        .iter()
        .map(|p| p.kind.as_str())
        .collect();
    assert_eq!(kinds, ["weak"], "{warnings}");

    let without = folder(None);
    let err = start(&without, env().with(PROFILE_VAR, "local")).unwrap_err();
    let report = err.report().expect("a contract failure");
    assert_eq!(report.problems().len(), 1, "{report}");
    assert_eq!(report.problems()[0].var, "API_KEY");
    assert_eq!(report.problems()[0].kind.as_str(), "missing");
}

#[test]
fn an_unusable_dotenv_is_reported_with_a_bad_profile() {
    let dir = folder(Some("PORT=1\nthis is not an assignment\n"));
    let err = start(&dir, env().with(PROFILE_VAR, "staging")).unwrap_err();
    let StartupError::Setup(errors) = &err else {
        panic!("{err}")
    };
    assert!(matches!(errors[0], SetupError::Profile { .. }), "{err}");
    assert!(matches!(errors[1], SetupError::EnvFile(_)), "{err}");
    let text = err.to_string();
    assert!(text.contains("cannot parse line 2"), "{text}");
    assert!(!text.contains("this is not"), "{text}");

    // A `.env` that is a folder cannot be read: an error, not a missing file.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".env")).unwrap();
    let err = start(
        &dir,
        env().with(PROFILE_VAR, "local").with("API_KEY", LONG_KEY),
    );
    let err = err.unwrap_err();
    assert!(err.to_string().starts_with("error: cannot read "), "{err}");
    // `SetupError::EnvFile` is transparent: the same message as the file error, and
    // the same source, the I/O error (one level, not the file error again).
    let StartupError::Setup(errors) = &err else {
        panic!("{err}")
    };
    let SetupError::EnvFile(file_error) = &errors[0] else {
        panic!("{err}")
    };
    assert_eq!(errors[0].to_string(), file_error.to_string());
    let io = std::error::Error::source(&errors[0]).expect("the I/O error");
    assert!(io.is::<std::io::Error>(), "{io:?}");
    let from_file = std::error::Error::source(file_error).expect("the I/O error");
    assert_eq!(io.to_string(), from_file.to_string());
    assert!(
        file_error.to_string().ends_with(&format!(": {io}")),
        "{err}"
    );
    let profile = start(&dir, env().with(PROFILE_VAR, "staging")).unwrap_err();
    let StartupError::Setup(errors) = &profile else {
        panic!("{profile}")
    };
    assert!(std::error::Error::source(&errors[0]).is_none(), "{profile}");
}

/// A Docker secret file holding `value`, in `dir`.
fn secret_file(dir: &Path, name: &str, value: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("{value}\n")).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn precedence_process_then_secret_file_then_dotenv_then_default() {
    let secrets = tempfile::tempdir().unwrap();
    let from_process_file = secret_file(secrets.path(), "a", "key-from-process-file");
    let from_dotenv_file = secret_file(secrets.path(), "b", "key-from-dotenv-file");
    let dotenv = format!(
        "HIVESYNC_PROFILE=docker\nPORT=5000\nAPI_KEY=key-from-the-dotenv\nAPI_KEY_FILE={from_dotenv_file}\n"
    );
    let dir = folder(Some(&dotenv));

    // 1. NAME in the process environment beats everything.
    let process = env()
        .with("API_KEY", "key-from-the-process")
        .with("API_KEY_FILE", from_process_file.as_str())
        .with("PORT", "6000");
    let (api, _) = start(&dir, process).unwrap();
    assert_eq!((api.port, key(&api)), (6000, "key-from-the-process"));

    // 2. NAME_FILE in the process environment beats NAME in .env.
    let process = env().with("API_KEY_FILE", from_process_file.as_str());
    let (api, _) = start(&dir, process).unwrap();
    assert_eq!((api.port, key(&api)), (5000, "key-from-process-file"));

    // 3. NAME in .env beats NAME_FILE in .env.
    let (api, warnings) = start(&dir, env()).unwrap();
    assert_eq!(key(&api), "key-from-the-dotenv");
    assert_eq!(warnings.profile, Profile::Docker);

    // 4. NAME_FILE in .env, when .env has no NAME.
    let dir = folder(Some(&format!("API_KEY_FILE={from_dotenv_file}\n")));
    let (api, _) = start(&dir, env().with(PROFILE_VAR, "local")).unwrap();
    // 5. The default, for PORT.
    assert_eq!((api.port, key(&api)), (4000, "key-from-dotenv-file"));
}

#[test]
fn the_process_profile_beats_the_dotenv_one() {
    let dir = folder(Some("HIVESYNC_PROFILE=local\nAPI_KEY=short-key\n"));
    let err = start(&dir, env().with(PROFILE_VAR, "production")).unwrap_err();
    assert_eq!(err.report().unwrap().profile, Profile::Production);
    let dir = folder(Some("HIVESYNC_PROFILE=nope\n"));
    let err = start(&dir, env()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("HIVESYNC_PROFILE ("), "{text}");
    assert!(text.contains(".env:1) is `nope`"), "{text}");
}
