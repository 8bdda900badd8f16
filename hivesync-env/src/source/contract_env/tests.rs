//! Tests of the one-pass read: every answer as `ProcessEnv` gives it.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::Command;

use super::*;

const MARKER: &str = "HIVESYNC_CONTRACT_ENV_CHILD";

fn contract() -> Contract {
    let mut toml = String::from("component = \"t\"\naudience = \"server\"\ndescription = \"d\"\n");
    for name in ["PORT", "PORT_X", "EMPTY", "BAD", "ABSENT", "EQ", "P", "KEY"] {
        toml.push_str(&format!(
            "[[var]]\nname = \"{name}\"\ntype = \"string\"\noptional = true\ndescription = \"d\"\n"
        ));
    }
    for name in ["TOKEN", "TOKENS", "NO_FILE"] {
        toml.push_str(&format!(
            "[[var]]\nname = \"{name}\"\ntype = \"string\"\nsecret = true\noptional = true\ndescription = \"d\"\n"
        ));
    }
    Contract::parse("t.toml", &toml).expect("a valid contract")
}

/// Every answer equals `ProcessEnv`'s, asked in contract order, out of order,
/// twice, and for names outside the contract. The environment is set up by
/// running this test binary again (the library never writes its own); the child
/// runs only [`contract_env_child`].
#[test]
fn answers_as_process_env() {
    let env: Vec<(OsString, OsString)> = [
        ("PORT_X", b"x".to_vec()),
        ("PORT", b"4000".to_vec()),
        ("PORTS", b"no".to_vec()),
        ("EMPTY", Vec::new()),
        ("BAD", vec![b'a', 0xff, b'b']),
        ("EQ", b"a=b=c".to_vec()),
        ("P", b"p".to_vec()),
        ("PORT_FILE", b"/run/secrets/port".to_vec()),
        ("KEYS", b"k".to_vec()),
        ("TOKEN_FILEX", b"/not/this".to_vec()),
        ("TOKEN_FIL", b"/nor/this".to_vec()),
        ("TOKEN_FILE", b"/run/secrets/token".to_vec()),
        ("TOKENS_FILE", b"/run/secrets/tokens".to_vec()),
    ]
    .into_iter()
    .map(|(k, v)| (OsString::from(k), OsString::from_vec(v)))
    .collect();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "source::contract_env::tests::contract_env_child"])
        .env_clear()
        .envs(env)
        .env(MARKER, "1")
        .status()
        .unwrap();
    assert!(status.success(), "the child's comparisons failed: {status}");
}

/// An ASCII value is taken as it is, without the UTF-8 check; any other is
/// checked: kept when it is UTF-8, `NotUnicode` when it is not.
#[test]
fn ascii_values_are_strings_as_is() {
    let every_ascii: Vec<u8> = (0..=127).collect();
    let ascii = [
        b"".to_vec(),
        b"4000".to_vec(),
        b"a=b=c".to_vec(),
        every_ascii,
    ];
    let utf8 = [
        "\u{e9}",
        "caf\u{e9}",
        "\u{65e5}\u{672c}\u{1f41d}",
        "\u{7f}\u{80}",
    ];
    let wanted = ascii
        .into_iter()
        .map(|v| (v.clone(), Ok(String::from_utf8(v).unwrap())))
        .chain(utf8.map(|v| (v.as_bytes().to_vec(), Ok(v.to_owned()))));
    let invalid = [
        &b"a\xffb"[..],
        b"\x80",
        b"\xc0\x80",
        b"\xed\xa0\x80",
        b"caf\xc3",
    ];
    let wanted = wanted.chain(invalid.map(|v| (v.to_vec(), Err(crate::source::NotUnicode))));
    for (bytes, value) in wanted {
        let origin = Origin::Process;
        assert_eq!(lookup(bytes.clone()), Lookup { value, origin }, "{bytes:?}");
    }
}

/// The child of [`answers_as_process_env`]; without its marker it has nothing to
/// compare and returns.
#[test]
fn contract_env_child() {
    if std::env::var_os(MARKER).is_none() {
        return;
    }
    let contract = contract();
    let names: Vec<&str> = contract.vars.iter().map(|v| v.name.as_ref()).collect();
    let env = ContractEnv::new(&contract).expect("Linux");
    // The walk kept the secrets' NAME_FILE values, and no other variable's.
    let mut kept: Vec<&str> = env.files.borrow().iter().map(|(i, _)| names[*i]).collect();
    kept.sort_unstable();
    assert_eq!(kept, ["TOKEN", "TOKENS"]);
    let mut asked = names.clone();
    asked.extend(["PORT_FILE", "PORTS", "NOT_SET", "", "PO=RT"]);
    asked.extend(["TOKEN_FILE", "TOKENS_FILE", "NO_FILE_FILE", "TOKEN_FILEX"]);
    asked.extend(["_FILE", "TOKEN_FIL", "TOKEN_FILE", "KEY_FILE"]);
    asked.extend(names.iter().rev());
    for name in asked {
        assert_eq!(env.get(name), ProcessEnv.get(name), "{name:?}");
    }
    // The secrets' NAME_FILE were answered from the walk.
    let token = names.iter().position(|&n| n == "TOKEN").unwrap();
    assert!(env.files.borrow().is_empty());
    assert_ne!(env.files_asked.get() & 1 << token, 0);
    assert_eq!(
        env.files_asked.get().count_ones(),
        3,
        "TOKEN, TOKENS, NO_FILE"
    );
    assert_eq!(env.get("PORT").unwrap().value.as_deref(), Ok("4000"));
    assert_eq!(env.get("EQ").unwrap().value.as_deref(), Ok("a=b=c"));
    assert!(env.get("ABSENT").is_none());
    assert_eq!(
        ContractEnv::new(&contract)
            .unwrap()
            .get("TOKEN_FILE")
            .unwrap()
            .value
            .as_deref(),
        Ok("/run/secrets/token")
    );
}

const FILE_MARKER: &str = "HIVESYNC_CONTRACT_ENV_FILE_CHILD";

/// A secret given as a Docker secret file named in the process environment loads the
/// file's value through the walk's `NAME_FILE`, as it does through `ProcessEnv`.
#[test]
fn a_secret_file_named_in_the_environment_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, "token-from-the-file\n").unwrap();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "source::contract_env::tests::secret_file_child"])
        .env_clear()
        .env("TOKEN_FILE", &path)
        .env("PORT", "4000")
        .env(FILE_MARKER, "1")
        .status()
        .unwrap();
    assert!(status.success(), "the child's load failed: {status}");
}

/// The child of [`a_secret_file_named_in_the_environment_is_read`].
#[test]
fn secret_file_child() {
    if std::env::var_os(FILE_MARKER).is_none() {
        return;
    }
    // The loader's contract is `'static`, as a derived type's is.
    let contract: &'static Contract = Box::leak(Box::new(contract()));
    let token = contract
        .vars
        .iter()
        .position(|v| v.name == "TOKEN")
        .unwrap();
    let env = ContractEnv::new(contract).expect("Linux");
    let mut loader = crate::load::Loader::new(contract, &env, crate::Profile::Local);
    let value: Option<Option<String>> = loader.optional_owned_field(token);
    assert_eq!(value, Some(Some("token-from-the-file".to_owned())));
    assert!(env.files.borrow().is_empty(), "answered from the walk");
    assert!(loader.finish().is_ok());
}
