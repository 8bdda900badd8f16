//! The contracts built into the CLI are exactly the files of this folder.

use std::path::Path;

#[test]
fn sources_list_every_contract_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml") && n != "Cargo.toml")
        .map(|n| format!("contracts/{n}"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = hivesync_contracts::SOURCES
        .iter()
        .map(|(f, _)| f.to_string())
        .collect();
    listed.sort();
    assert_eq!(
        listed, on_disk,
        "add new contract files to SOURCES in contracts/src/lib.rs"
    );
    // Each label goes with its own file's text (a label is what every message names):
    // `contracts/<component>.toml` holds the contract of `<component>`.
    for (file, text) in hivesync_contracts::SOURCES {
        let contract = hivesync_env_core::Contract::parse(file, text).unwrap();
        assert_eq!(
            *file,
            format!("contracts/{}.toml", contract.component),
            "SOURCES pairs {file} with the text of another file"
        );
    }
}

#[test]
fn each_struct_carries_its_contract() {
    use hivesync_contracts::*;
    use hivesync_env::EnvContract;
    let components = [
        BackendEnv::CONTRACT.component.as_ref(),
        WorkersEnv::CONTRACT.component.as_ref(),
        DesktopEnv::CONTRACT.component.as_ref(),
        MobileEnv::CONTRACT.component.as_ref(),
        PluginsEnv::CONTRACT.component.as_ref(),
        AdminUiEnv::CONTRACT.component.as_ref(),
    ];
    assert_eq!(
        components,
        [
            "backend", "workers", "desktop", "mobile", "plugins", "admin-ui"
        ]
    );
    // The static data equals what the parser reads from the same files.
    let set =
        hivesync_env_core::ContractSet::parse(hivesync_contracts::SOURCES.iter().copied()).unwrap();
    let parsed = set.get("backend").unwrap();
    assert_eq!(BackendEnv::CONTRACT.vars, parsed.vars);
    // The workers' `equals` templates, emitted by the derive as parsed offsets, are
    // the ones the parser reads.
    let workers = set.get("workers").unwrap();
    assert!(workers.vars.iter().any(|v| v.equals.is_some()));
    assert_eq!(WorkersEnv::CONTRACT.vars, workers.vars);
    assert_eq!(
        DesktopEnv::CONTRACT.forbidden,
        set.get("desktop").unwrap().forbidden
    );
}

/// The core's list of client components, which every "secret in a client" message
/// names, is the list of this folder's `client` contracts, in the order of `SOURCES`.
#[test]
fn client_components_of_messages_are_the_client_contracts() {
    let clients: Vec<String> = hivesync_contracts::SOURCES
        .iter()
        .map(|(file, text)| hivesync_env_core::Contract::parse(file, text).unwrap())
        .filter(|c| c.is_client())
        .map(|c| c.component.to_string())
        .collect();
    let (last, rest) = clients.split_last().expect("client contracts");
    assert_eq!(
        hivesync_env_core::CLIENT_COMPONENTS,
        format!("{} or {last}", rest.join(", "))
    );
}
