//! Recognising values that are not real: placeholders, and credentials in the wrong place.

/// Whether `value` is a placeholder an operator forgot to replace: empty, `REPLACE_ME`,
/// `changeme`, `your_..._here`, `xxx`, `<...>`, `TODO`, or a URL on a documentation
/// domain such as `yourdomain.com`, in any case.
///
/// ```
/// use hivesync_env_core::looks_like_placeholder;
/// assert!(looks_like_placeholder("REPLACE_ME"));
/// assert!(looks_like_placeholder("your_openai_key_here"));
/// assert!(looks_like_placeholder("<jwt secret>"));
/// assert!(!looks_like_placeholder("hivesync"));
/// ```
pub fn looks_like_placeholder(value: &str) -> bool {
    // Runs on every value the loader reads: it compares bytes in place, ASCII case
    // folded, allocates nothing, and looks only at the rules the first byte allows.
    let bytes = value.as_bytes();
    let v = match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => bytes,
        _ => value.trim().as_bytes(),
    };
    let Some(&first) = v.first() else {
        return true;
    };
    const DOC_HOSTS: [&str; 4] = [
        "yourdomain.com",
        "your-domain.com",
        "example.com",
        "example.org",
    ];
    let is = |words: &[&str]| words.iter().any(|w| v.eq_ignore_ascii_case(w.as_bytes()));
    let starts = |words: &[&str]| words.iter().any(|w| starts_with_ci(v, w));
    let by_first_byte = match first.to_ascii_lowercase() {
        b'r' => starts(&["replace_me", "replace-me", "replaceme"]),
        b'c' => starts(&["changeme", "change_me", "change-me"]),
        b't' => is(&["todo", "tbd"]),
        b'f' => is(&["fixme"]),
        b'p' => is(&["placeholder", "password"]),
        b's' => is(&["secret"]),
        b'n' => is(&["null"]),
        b'u' => is(&["undefined"]),
        b'x' | b'*' => v.len() >= 3 && v.iter().all(|&c| matches!(c, b'x' | b'X' | b'*')),
        b'<' => v.ends_with(b">"),
        b'y' => {
            starts_with_ci(v, "your")
                && (ends_with_ci(v, "here") || matches!(v.get(4), Some(b'_' | b'-')))
        }
        _ => false,
    };
    by_first_byte
        || url_host(v).is_some_and(|h| {
            DOC_HOSTS.iter().any(|d| {
                let d = d.as_bytes();
                h.eq_ignore_ascii_case(d)
                    || (h.len() > d.len() && h[h.len() - d.len() - 1] == b'.' && ends_with_ci(h, d))
            })
        })
}

/// Whether `v` starts with the lowercase ASCII `prefix`, in any case.
fn starts_with_ci(v: &[u8], prefix: &str) -> bool {
    v.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `v` ends with the lowercase ASCII `suffix`, in any case.
fn ends_with_ci(v: &[u8], suffix: impl AsRef<[u8]>) -> bool {
    let suffix = suffix.as_ref();
    v.len() >= suffix.len() && v[v.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// The host of `scheme://[user@]host[:port][/...]`, if `v` has a `://`.
fn url_host(v: &[u8]) -> Option<&[u8]> {
    // The first `://`: the first `:` followed by `//`, else any later one.
    let at = match v.iter().position(|&b| b == b':') {
        Some(colon) if v[colon..].starts_with(b"://") => colon,
        Some(_) => v.windows(3).position(|w| w == b"://")?,
        None => return None,
    };
    let rest = &v[at + 3..];
    let authority = rest
        .split(|&b| matches!(b, b'/' | b'?' | b'#'))
        .next()
        .unwrap_or_default();
    let host = authority.rsplit(|&b| b == b'@').next().unwrap_or_default();
    Some(host.split(|&b| b == b':').next().unwrap_or_default())
}

/// Whether `value` has the shape of a credential: an OpenAI or Stripe key (`sk-`,
/// `sk_live_`), an AWS access key (`AKIA...`), a GitHub token (`ghp_`,
/// `github_pat_`), a Slack token (`xoxb-`), a JSON Web Token, an HTTP
/// `Bearer <token>`, or a URL with a password (`scheme://user:password@host`).
///
/// A public value of that shape is reported as a leak and never shown.
///
/// ```
/// use hivesync_env_core::looks_like_credential;
/// assert!(looks_like_credential("sk-proj-abc123"));
/// assert!(looks_like_credential("AKIAIOSFODNN7EXAMPLE"));
/// assert!(looks_like_credential("Bearer abc.def"));
/// assert!(looks_like_credential("postgres://app:hunter2@db:5432/app"));
/// assert!(!looks_like_credential("https://api.hivesync.dev"));
/// assert!(!looks_like_credential("postgres://app@db:5432/app"));
/// ```
pub fn looks_like_credential(value: &str) -> bool {
    may_hold_credential(value.as_bytes()) && credential_shape(value)
}

/// A test every credential shape passes, one pass over the bytes: each shape starts
/// with one of these byte pairs (`sk-`, `rk_live_`, `ghp_`, `github_pat_`, `xoxb-`,
/// `AKIA`, `ASIA`, `eyJ`, `Bearer` in any case), or, for a URL with a password, holds
/// an `@`. Nearly every value of a run fails it, and skips the costly rules.
fn may_hold_credential(v: &[u8]) -> bool {
    // A pair (b, next) hits when `STARTS[b] & ENDS[next]` is not 0; the last byte is
    // paired with 0, which ends only `@`'s class. Eight pairs a chunk, OR-ed: a value
    // with no hit takes one branch per chunk, not one per byte.
    let pair = |b: u8, next: u8| STARTS[usize::from(b)] & ENDS[usize::from(next)];
    let mut rest = v;
    while let Some((chunk, _)) = rest.split_first_chunk::<9>() {
        let mut hit = 0;
        for j in 0..8 {
            hit |= pair(chunk[j], chunk[j + 1]);
        }
        if hit != 0 {
            return true;
        }
        rest = &rest[8..];
    }
    let mut hit = 0;
    for (j, &b) in rest.iter().enumerate() {
        hit |= pair(b, rest.get(j + 1).copied().unwrap_or(0));
    }
    hit != 0
}

/// The classes of [`may_hold_credential`]'s pairs, a bit each: `@` then anything,
/// `s`/`r` then `k`, `g` then `h`/`i`, `x` then `o`, `A` then `k`/`s`, `e` then `y`,
/// `b`/`B` then `e`; the second byte in any case.
const CLASSES: [(&[u8], &[u8]); 7] = [
    (b"@", b""),
    (b"sr", b"k"),
    (b"g", b"hi"),
    (b"x", b"o"),
    (b"A", b"ks"),
    (b"e", b"y"),
    (b"bB", b"e"),
];

/// Bit c of `STARTS[b]`: the class c of [`CLASSES`] starts with the byte b.
const STARTS: [u8; 256] = {
    let mut t = [0; 256];
    let mut c = 0;
    while c < CLASSES.len() {
        let firsts = CLASSES[c].0;
        let mut i = 0;
        while i < firsts.len() {
            t[firsts[i] as usize] |= 1 << c;
            i += 1;
        }
        c += 1;
    }
    t
};

/// Bit c of `ENDS[n]`: the byte n (in any case) may follow a start of the class c.
/// `@`'s class takes any byte, and the 0 that stands after the last one.
const ENDS: [u8; 256] = {
    let mut t = [1; 256];
    let mut c = 0;
    while c < CLASSES.len() {
        let nexts = CLASSES[c].1;
        let mut i = 0;
        while i < nexts.len() {
            t[nexts[i] as usize] |= 1 << c;
            t[nexts[i].to_ascii_uppercase() as usize] |= 1 << c;
            i += 1;
        }
        c += 1;
    }
    t
};

/// [`looks_like_credential`] without the quick test.
fn credential_shape(value: &str) -> bool {
    let v = value.trim();
    if is_bearer(v) || url_has_password(v.as_bytes()) {
        return true;
    }
    PREFIXES.iter().any(|p| v.starts_with(p))
        || is_aws_access_key(v)
        || is_jwt(v)
        || has_embedded_token(v)
}

/// The prefixes of provider tokens.
const PREFIXES: [&str; 9] = [
    "sk-",
    "sk_live_",
    "sk_test_",
    "rk_live_",
    "ghp_",
    "gho_",
    "ghs_",
    "github_pat_",
    "xoxb-",
];

/// Characters a prefixed token carries after its prefix before it counts as one
/// inside a longer value (`sk-board` in a path is a word, not a key).
const EMBEDDED_TOKEN_MIN: usize = 16;

/// A token inside a longer value, as a word of its own (between characters that are
/// not `[A-Za-z0-9._-]`): `https://api.hivesync.dev/?key=sk-proj-...`,
/// `token AKIA...`, a JSON Web Token in a query. A value that is a whole token is
/// caught by the checks above, with no minimum length.
fn has_embedded_token(v: &str) -> bool {
    v.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .any(|word| {
            PREFIXES
                .iter()
                .any(|p| word.starts_with(p) && word.len() >= p.len() + EMBEDDED_TOKEN_MIN)
                || is_aws_access_key(word)
                || is_jwt(word)
        })
}

/// `Bearer <token>`, in any case.
fn is_bearer(v: &str) -> bool {
    let b = v.as_bytes();
    starts_with_ci(b, "bearer") && b.get(6).is_some_and(u8::is_ascii_whitespace) && {
        let token = v[7..].trim();
        !token.is_empty() && !token.contains(char::is_whitespace)
    }
}

/// `scheme://user:password@host...` with a password that is not empty.
fn url_has_password(v: &[u8]) -> bool {
    let Some(at) = v.windows(3).position(|w| w == b"://") else {
        return false;
    };
    let rest = &v[at + 3..];
    let authority_end = rest
        .iter()
        .position(|&b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(userinfo_end) = authority.iter().rposition(|&b| b == b'@') else {
        return false;
    };
    let userinfo = &authority[..userinfo_end];
    userinfo
        .iter()
        .position(|&b| b == b':')
        .is_some_and(|colon| colon + 1 < userinfo.len())
}

/// Whether a variable name read from a file or an environment must not be printed:
/// it is not a valid environment variable name (`[A-Za-z_][A-Za-z0-9_]*`), it has
/// the shape of a credential, or it reads as a random token (a part between `_` of 16
/// characters or more, or of 8 or more mixing upper case, lower case and digits).
/// A base64 secret pasted on a line of its own (`c2VjcmV0LXZhbHVlLTEyMw==`) reads as
/// the name `c2VjcmV0LXZhbHVlLTEyMw` assigned `=`.
///
/// ```
/// use hivesync_env_core::name_is_hidden;
/// assert!(!name_is_hidden("POSTGRES_PASSWORD"));
/// assert!(!name_is_hidden("npm_config_cache"));
/// assert!(name_is_hidden("c2VjcmV0LXZhbHVlLTEyMw"));
/// assert!(name_is_hidden("ghp_abcdefghijklmnop1234"));
/// assert!(name_is_hidden("NAME WITH SPACES"));
/// ```
pub fn name_is_hidden(name: &str) -> bool {
    let valid = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    !valid || looks_like_credential(name) || name.split('_').any(looks_random)
}

fn looks_random(part: &str) -> bool {
    let has = |f: fn(&u8) -> bool| part.bytes().any(|b| f(&b));
    part.len() >= 16
        || (part.len() >= 8
            && has(u8::is_ascii_uppercase)
            && has(u8::is_ascii_lowercase)
            && has(u8::is_ascii_digit))
}

fn is_aws_access_key(v: &str) -> bool {
    (v.starts_with("AKIA") || v.starts_with("ASIA"))
        && v.len() == 20
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn is_jwt(v: &str) -> bool {
    // The prefix first and no collecting: this runs on every word of every public value
    // of every load, and nearly every word fails here.
    if !v.starts_with("eyJ") {
        return false;
    }
    let mut parts = v.split('.');
    let (Some(header), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    [header, payload].iter().all(|p| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

#[cfg(test)]
mod tests;
