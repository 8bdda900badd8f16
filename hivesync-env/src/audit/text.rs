//! Helpers shared by the scanners of sources: the [`Read`] they find, and for the
//! line-oriented ones of scripts (TS/JS, Python), blanking comments while keeping
//! string literals, and matching a member access after a word.

/// A literal read found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Read {
    pub(crate) name: String,
    pub(crate) line: u32,
}

/// The comment syntax of a language, for [`blank_comments`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Lang {
    /// `//`, `/* */`; strings `'`, `"`, `` ` ``.
    Script,
    /// `#`; strings `'`, `"`; triple-quoted strings are blanked like comments (they are
    /// almost always docstrings).
    Python,
}

/// `src` with every comment replaced by spaces; newlines and string literals are kept,
/// so byte offsets and lines stay those of the file.
pub(crate) fn blank_comments(src: &str, lang: Lang) -> String {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for x in &mut out[from..to] {
            if *x != b'\n' {
                *x = b' ';
            }
        }
    };
    while i < b.len() {
        let ch = b[i];
        match lang {
            Lang::Script if ch == b'/' && b.get(i + 1) == Some(&b'/') => {
                let end = find_from(b, i, b"\n").unwrap_or(b.len());
                blank(&mut out, i, end);
                i = end;
            }
            Lang::Script if ch == b'/' && b.get(i + 1) == Some(&b'*') => {
                let end = find_from(b, i + 2, b"*/").map_or(b.len(), |e| e + 2);
                blank(&mut out, i, end);
                i = end;
            }
            Lang::Python if ch == b'#' => {
                let end = find_from(b, i, b"\n").unwrap_or(b.len());
                blank(&mut out, i, end);
                i = end;
            }
            Lang::Python if (ch == b'"' || ch == b'\'') && b[i..].starts_with(&[ch, ch, ch]) => {
                let end = find_from(b, i + 3, &[ch, ch, ch]).map_or(b.len(), |e| e + 3);
                blank(&mut out, i, end);
                i = end;
            }
            _ if ch == b'"' || ch == b'\'' || (ch == b'`' && matches!(lang, Lang::Script)) => {
                // Skip the literal, keeping it: it may hold a name (`process.env["X"]`).
                let mut j = i + 1;
                while j < b.len() && b[j] != ch && (ch == b'`' || b[j] != b'\n') {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes outside literals were replaced, so this stays valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

fn find_from(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

pub(crate) fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// The offsets of `word` in `text` where it is a whole word; `dotted` says whether a
/// `.` right before it is allowed (`globalThis.process`) or not (`this.env`).
pub(crate) fn words<'a>(
    text: &'a str,
    word: &'a str,
    dotted: bool,
) -> impl Iterator<Item = usize> + 'a {
    let b = text.as_bytes();
    text.match_indices(word).map(|(i, _)| i).filter(move |&i| {
        let before = i.checked_sub(1).map(|p| b[p]);
        let after = b.get(i + word.len()).copied();
        !before.is_some_and(|c| is_ident_byte(c) || (!dotted && c == b'.'))
            && !after.is_some_and(is_ident_byte)
    })
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// At `i`, `"X"` or `'X'` (spaces before allowed): the name and its offset, and the
/// offset after the closing quote.
pub(crate) fn quoted(text: &str, i: usize) -> Option<(String, usize, usize)> {
    let b = text.as_bytes();
    let i = skip_ws(b, i);
    let q = *b.get(i)?;
    if q != b'"' && q != b'\'' && q != b'`' {
        return None;
    }
    let start = i + 1;
    // A name never spans lines: stop at the end of the line, so an unclosed quote
    // costs one line, not the rest of the file.
    let len = b.get(start..)?.iter().position(|&c| c == q || c == b'\n')?;
    if b[start + len] != q {
        return None;
    }
    let name = &text[start..start + len];
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|c| is_ident_byte(c) || c == b'-' || c == b'.');
    plain.then(|| (name.to_owned(), start, start + len + 1))
}

/// At `i` (right after an object expression), `.X`, `?.X` or `["X"]`: the name and its
/// offset. `upper` restricts the dotted form to `UPPER_SNAKE` names.
pub(crate) fn member(text: &str, i: usize, upper: bool) -> Option<(String, usize)> {
    let b = text.as_bytes();
    let i = skip_ws(b, i);
    let dot = if b[i..].starts_with(b"?.") {
        Some(i + 2)
    } else if b.get(i) == Some(&b'.') {
        Some(i + 1)
    } else {
        None
    };
    if let Some(start) = dot {
        let start = skip_ws(b, start);
        let len = b[start..].iter().take_while(|&&c| is_ident_byte(c)).count();
        let name = &text[start..start + len];
        let ok = len > 0
            && !name.as_bytes()[0].is_ascii_digit()
            && (!upper
                || name
                    .bytes()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_'));
        return ok.then(|| (name.to_owned(), start));
    }
    let open = if b[i..].starts_with(b"?.[") {
        i + 3
    } else if b.get(i) == Some(&b'[') {
        i + 1
    } else {
        return None;
    };
    let (name, at, end) = quoted(text, open)?;
    (b.get(skip_ws(b, end)) == Some(&b']')).then_some((name, at))
}

/// At `i`, `(` followed by a quoted name: the name and its offset.
pub(crate) fn call_arg(text: &str, i: usize) -> Option<(String, usize)> {
    let b = text.as_bytes();
    let i = skip_ws(b, i);
    (b.get(i) == Some(&b'(')).then_some(())?;
    let (name, at, _) = quoted(text, i + 1)?;
    Some((name, at))
}

/// The reads found at byte offsets of `text`, in the order they appear. Lines are
/// counted in one pass over the sorted offsets (from each offset to the next), so a
/// file of many reads costs its length once, not once per read.
pub(crate) fn into_reads(text: &str, mut found: Vec<(usize, String)>) -> Vec<Read> {
    found.sort();
    let b = text.as_bytes();
    let (mut at, mut line) = (0usize, 1u32);
    found
        .into_iter()
        .map(|(pos, name)| {
            let pos = pos.min(b.len());
            line += b[at..pos].iter().filter(|&&c| c == b'\n').count() as u32;
            at = pos;
            Read { name, line }
        })
        .collect()
}
