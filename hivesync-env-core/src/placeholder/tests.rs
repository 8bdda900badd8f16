//! Unit tests of `placeholder.rs`, beside it so they can reach its private
//! `credential_shape` (the slow reference the quick test must agree with).

use super::*;

#[test]
fn placeholders_in_any_case() {
    for p in [
        "",
        "  ",
        "REPLACE_ME",
        "replace_me",
        "REPLACE_ME (if using public assets)",
        "changeme",
        "CHANGE_ME",
        "your_api_key_here",
        "YOUR-KEY-HERE",
        "your_secret",
        "xxx",
        "XXXXXXXX",
        "<your jwt>",
        "TODO",
        "https://yourdomain.com",
        "https://api.example.com/x",
    ] {
        assert!(looks_like_placeholder(p), "{p:?}");
    }
}

/// The first implementation (a lowercase copy, `format!` per host), kept to show
/// that the allocation-free one answers the same.
fn reference(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    if v.is_empty() {
        return true;
    }
    let exact = [
        "todo",
        "tbd",
        "fixme",
        "placeholder",
        "secret",
        "password",
        "null",
        "undefined",
    ];
    let prefixes = [
        "replace_me",
        "replace-me",
        "replaceme",
        "changeme",
        "change_me",
        "change-me",
    ];
    let hosts = [
        "yourdomain.com",
        "your-domain.com",
        "example.com",
        "example.org",
    ];
    let host = v.split_once("://").map(|(_, rest)| {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        authority
            .rsplit('@')
            .next()
            .unwrap_or("")
            .split(':')
            .next()
            .unwrap_or("")
    });
    exact.contains(&v.as_str())
        || prefixes.iter().any(|p| v.starts_with(p))
        || (v.len() >= 3 && v.chars().all(|c| c == 'x' || c == '*'))
        || (v.starts_with('<') && v.ends_with('>'))
        || (v.starts_with("your") && (v.ends_with("here") || v[4..].starts_with(['_', '-'])))
        || host.is_some_and(|h| {
            hosts
                .iter()
                .any(|d| h == *d || h.ends_with(&format!(".{d}")))
        })
}

#[test]
fn agrees_with_the_first_implementation() {
    let pieces = [
        "",
        " ",
        "x",
        "X",
        "*",
        "your",
        "YOUR",
        "_",
        "-",
        "here",
        "HERE",
        "<",
        ">",
        "://",
        "https://",
        "user@",
        ":8080",
        "/path",
        "?q",
        "#f",
        ".",
        "example.com",
        "EXAMPLE.ORG",
        "yourdomain.com",
        "your-domain.com",
        "api.",
        "todo",
        "TBD",
        "null",
        "Secret",
        "replace_me",
        "CHANGE-ME",
        "changeme",
        "é",
        "ß",
        "\u{212a}",
        "\t",
        "hivesync",
        "0",
    ];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                let v = format!("{a}{b}{c}");
                assert_eq!(looks_like_placeholder(&v), reference(&v), "{v:?}");
            }
        }
    }
}

#[test]
fn real_values_are_not_placeholders() {
    for v in [
        "hivesync",
        "postgres",
        "4000",
        "https://hivesync.dev",
        "x",
        "xx1",
        "s3cr3t-but-real-0123456789abcdef",
        "yours-truly",
        "/models/llama",
    ] {
        assert!(!looks_like_placeholder(v), "{v:?}");
    }
}

#[test]
fn credentials() {
    for c in [
        "sk-abc",
        "sk_live_123",
        "ghp_abcdef",
        "github_pat_x",
        "AKIAIOSFODNN7EXAMPLE",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
    ] {
        assert!(looks_like_credential(c), "{c:?}");
    }
    for v in [
        "https://api.hivesync.dev",
        "AKIA",
        "akiaiosfodnn7example",
        "a.b.c",
        "skeleton",
        "https://cdn.hivesync.dev/sk-board/ghp_logo.png",
        "https://ask-the-team.hivesync.dev/task-sk-0123456789abcdefgh",
        "gpt-4.1",
    ] {
        assert!(!looks_like_credential(v), "{v:?}");
    }
}

use proptest::strategy::Strategy;

proptest::proptest! {
    /// The quick test never changes an answer: values built of the shapes' own
    /// pieces, in any order, get the same answer with and without it.
    #[test]
    fn the_quick_test_keeps_every_credential(
        parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::sample::select(vec![
                "sk-", "sk_live_", "rk_live_", "ghp_", "github_pat_", "xoxb-", "AKIA",
                "ASIA", "eyJ", "Bearer ", "bEaReR\t", "://", "u:p@", "s://u:p@", "@", ".", "-", "_",
            ]).prop_map(str::to_owned),
            "[A-Za-z0-9]{0,20}",
            "[ -~]{0,6}",
        ], 0..6)
    ) {
        let v = parts.concat();
        proptest::prop_assert_eq!(looks_like_credential(&v), credential_shape(&v), "{:?}", v);
    }
}

#[test]
fn credentials_inside_longer_values() {
    // A client URL carrying a key in its query would be baked into the app, and a
    // message quoting a value that is not a URL would print the key.
    for c in [
        "https://api.hivesync.dev/?key=sk-proj-abcdefghijklmnop1234",
        "https://api.hivesync.dev/v1?a=1&token=ghp_abcdefghijklmnopqrstuvwxyz0123",
        "x sk-proj-abcdefghijklmnop1234",
        "key AKIAIOSFODNN7EXAMPLE",
        "https://api.hivesync.dev/?jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
        "'xoxb-1234567890-abcdefghijkl'",
    ] {
        assert!(looks_like_credential(c), "{c:?}");
    }
}

/// The bytewise `may_hold_credential` the table-based one replaced: a byte at a time,
/// the next byte looked at only when the first is a pair's.
fn may_hold_credential_bytewise(v: &[u8]) -> bool {
    const FIRST: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        let firsts = b"srgxAebB@";
        while i < firsts.len() {
            t[firsts[i] as usize] = true;
            i += 1;
        }
        t
    };
    let mut i = 0;
    while i < v.len() {
        let b = v[i];
        if FIRST[b as usize] {
            let next = v.get(i + 1).map_or(0, u8::to_ascii_lowercase);
            let hit = match b {
                b'@' => true,
                b's' | b'r' => next == b'k',
                b'g' => matches!(next, b'h' | b'i'),
                b'x' => next == b'o',
                b'A' => matches!(next, b'k' | b's'),
                b'e' => next == b'y',
                _ => next == b'e',
            };
            if hit {
                return true;
            }
        }
        i += 1;
    }
    false
}

#[test]
fn the_pair_table_agrees_on_the_edge_cases() {
    for v in [
        "",
        "@",
        "x@",
        "abcdefg@",
        "abcdefgh@",
        "abcdefgh",
        // Pairs across the boundary of the first chunk (bytes 7 and 8) and the second.
        "0123456sk",
        "0123456sK",
        "0123456Be",
        "0123456bE",
        "0123456789abcdeBE",
        "0123456789abcdeAs",
        "0123456789abcdeAS",
        // A pair's first byte last: nothing follows.
        "0123456s",
        "01234567s",
        "012345678B",
        "0123456789abcdefb",
        "0123456789abcdef@",
        "B",
        "b",
        "Bearer x",
        "bEARER x",
        "aKIA",
        "Akia",
        "EY",
        "eY",
        "Xo",
        "xO",
        "gI",
        "Gh",
        "sk\u{e9}",
        "\u{e9}@",
    ] {
        let v = v.as_bytes();
        assert_eq!(
            may_hold_credential(v),
            may_hold_credential_bytewise(v),
            "{v:?}"
        );
    }
}

/// Every byte pair at every place of values that fill one chunk and part of a
/// second and a third, the rest `.`; and every byte last in values of 1 to 18 bytes.
#[test]
fn the_pair_table_agrees_on_every_pair_at_every_place() {
    for len in [2, 9, 10, 17, 18] {
        for at in 0..len - 1 {
            let mut v = vec![b'.'; len];
            for a in 0..=255 {
                for b in 0..=255 {
                    v[at] = a;
                    v[at + 1] = b;
                    let want = may_hold_credential_bytewise(&v);
                    assert_eq!(may_hold_credential(&v), want, "{v:?}");
                }
            }
        }
    }
    for len in 1..=18 {
        let mut v = vec![b'.'; len];
        for last in 0..=255 {
            v[len - 1] = last;
            assert_eq!(
                may_hold_credential(&v),
                may_hold_credential_bytewise(&v),
                "{v:?}"
            );
        }
    }
}

proptest::proptest! {
    /// Random bytes, drawn mostly from the pairs' own bytes in both cases, agree.
    #[test]
    fn the_pair_table_agrees_with_the_bytewise_test(
        v in proptest::collection::vec(proptest::prop_oneof![
            proptest::sample::select(b"@srgxAebBkKhHiIoOsSyYeE.\0".to_vec()),
            proptest::num::u8::ANY,
        ], 0..40)
    ) {
        proptest::prop_assert_eq!(may_hold_credential(&v), may_hold_credential_bytewise(&v), "{:?}", v);
    }
}
