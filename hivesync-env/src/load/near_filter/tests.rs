//! The filter never rules out a pair of names `strsim` puts one or two edits apart.

use std::borrow::Cow;

use hivesync_env_core::{Audience, Var, VarType};
use proptest::prelude::*;

use super::*;

/// A contract of string variables called `names`, the secrets among them marked.
pub(crate) fn contract_of(names: &[&str], secrets: &[&str]) -> Contract {
    let vars = names
        .iter()
        .map(|name| {
            let mut var = Var::new("", VarType::String);
            var.name = Cow::Owned((*name).to_owned());
            var.secret = secrets.contains(name);
            var.optional = true;
            var
        })
        .collect::<Vec<_>>();
    Contract {
        component: Cow::Borrowed("t"),
        audience: Audience::Server,
        description: Cow::Borrowed("t"),
        file: Cow::Borrowed("t.toml"),
        vars: Cow::Owned(vars),
        compose_service: None,
        wrangler: None,
        forbidden: Cow::Borrowed(&[]),
    }
}

/// Every contract name `strsim` puts one or two edits from `name` is among the
/// filter's candidates and is kept by the byte sets.
fn assert_never_ruled_out(names: &[&str], name: &str) {
    let contract = contract_of(names, &[]);
    let (mut front, mut back) = ([0; SLOTS], [0; SLOTS]);
    let filter = NearFilter::new(&contract, &mut front, &mut back).unwrap();
    let candidates = filter.candidates(name.as_bytes());
    let kept = near_by_bytes(&contract, name.as_bytes(), candidates, &mut [0; 64]);
    for (i, other) in names.iter().enumerate() {
        if edits_apart(other, name).is_some() {
            assert!(candidates >> i & 1 == 1, "{name:?} ruled out of {other:?}");
            assert!(
                kept >> i & 1 == 1,
                "{name:?} ruled out of {other:?} by bytes"
            );
        }
    }
}

#[test]
fn edits_at_both_ends_and_in_the_middle_are_never_ruled_out() {
    let names = [
        "POSTGRES_HOST",
        "PORT",
        "R2_SECRET_ACCESS_KEY",
        "A",
        "AB",
        "WORKER_CALLBACK_SECRET",
    ];
    for name in [
        "XOSTGRES_HOSX",
        "OPSTGRES_HOTS",
        "POSTGRESHOST",
        "POSTGRES__HOST",
        "PPOSTGRES_HOSTT",
        "POSTGRES_HÖST",
        "PÖSTGRES_HÖST",
        "PROT",
        "PO",
        "R2_SECRET_ACESS_KEY",
        "R2_SECRET_ACCESS_KE",
        "2R_SECRET_ACCESS_KEY",
        "WORKER_CALLBACK_SECRETS",
        "ORKER_CALLBACK_SECRE",
        "B",
        "",
    ] {
        assert_never_ruled_out(&names, name);
    }
    // Two changes in the first 5 pairs (or the last 5), so that only the fifth
    // is whole.
    let names = ["ABCDEFGHIJKL"];
    for name in [
        "AXCYEFGHIJKL",
        "ABCDEFGHXJYL",
        "XBYDEFGHIJKL",
        "ACEFGHIJKL",
        "ABCDEFGHIJ",
        "ABCDEFGHIKL",
        "AXBCXDEFGHIJKL",
    ] {
        assert_never_ruled_out(&names, name);
    }
}

#[test]
fn the_filter_rules_out_names_far_from_every_contract_name() {
    let contract = contract_of(&["POSTGRES_HOST", "WORKER_CALLBACK_SECRET"], &[]);
    let (mut front, mut back) = ([0; SLOTS], [0; SLOTS]);
    let filter = NearFilter::new(&contract, &mut front, &mut back).unwrap();
    for name in [
        "PATH",
        "KUBERNETES_SERVICE_HOST_PORT",
        "XDG_RUNTIME_DIR_001",
    ] {
        assert_eq!(filter.candidates(name.as_bytes()), 0, "{name}");
    }
}

/// A name made of a few bytes, often near another (ASCII, a two-byte and a
/// three-byte character), and sometimes longer than the length table.
fn name() -> impl Strategy<Value = String> {
    let mut chars: Vec<char> = ('A'..='Z').chain('0'..='9').collect();
    chars.extend(['_', 'é', '日']);
    let char = prop::sample::select(chars);
    prop_oneof![
        4 => prop::collection::vec(char.clone(), 0..16),
        1 => prop::collection::vec(char, 60..70),
    ]
    .prop_map(|chars| chars.into_iter().collect())
}

/// `name` after `edits`: (position, kind, character) each.
fn edited(name: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    for &(at, kind, c) in edits {
        let at = at % (chars.len() + 1);
        match kind % 4 {
            0 => chars.insert(at, c),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            2 if at < chars.len() => chars[at] = c,
            _ if at + 1 < chars.len() => chars.swap(at, at + 1),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn the_filter_never_rules_out_a_near_name(
        names in prop::collection::vec(name(), 1..20),
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), name()), 0..3),
        random in name(),
        use_random in any::<bool>(),
    ) {
        let edits: Vec<(usize, u8, char)> = edits
            .into_iter()
            .map(|(at, kind, s)| (at, kind, s.chars().next().unwrap_or('Q')))
            .collect();
        let name = if use_random {
            random
        } else {
            edited(&names[pick.index(names.len())], &edits)
        };
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_never_ruled_out(&names, &name);
    }
}
