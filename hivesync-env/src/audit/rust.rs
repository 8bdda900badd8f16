//! Reads of environment variables in Rust sources.
//!
//! A small lexer turns the file into identifiers, punctuation and string literals, with
//! comments dropped and every literal kept whole. Matching on tokens rather than on
//! lines is what keeps `r#"std::env::var("X")"#` in a test fixture, or a read in a doc
//! comment, from counting as a read.
//!
//! Recognised (the name must be a string literal):
//!
//! ```text
//! env!("X")  option_env!("X")  std::env::var("X")  std::env::var_os("X")  dotenvy::var("X")
//! use std::env;             env::var("X")
//! use std::env as e;        e::var("X")
//! use std::env::var as get; get("X")
//! use std::env::{self, var_os}; var_os("X")
//! ```
//!
//! `use` declarations apply to the whole file, whatever block they are in.

mod lex;

use std::collections::BTreeMap;

use super::text::Read;
use lex::{Tok, lex};

/// Every literal read of an environment variable in `source`.
pub(crate) fn reads(source: &str) -> Vec<Read> {
    let toks = lex(source);
    let aliases = use_aliases(&toks);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let starts_path = matches!(toks[i].0, Tok::Ident(_))
            || (is_path_sep(&toks, i) && matches!(toks.get(i + 2), Some((Tok::Ident(_), _))));
        let after_sep_or_dot = i > 0
            && (matches!(toks[i - 1].0, Tok::Punct('.')) || (i > 1 && is_path_sep(&toks, i - 2)));
        if !starts_path || after_sep_or_dot || is_use(&toks, i) {
            i += 1;
            continue;
        }
        let (segs, next) = path_at(&toks, i);
        let read = match (toks.get(next), toks.get(next + 1), toks.get(next + 2)) {
            (Some((Tok::Punct('!'), _)), Some((Tok::Punct('('), _)), Some((Tok::Str(s), line)))
                if matches!(segs.last().map(String::as_str), Some("env" | "option_env")) =>
            {
                Some((s.clone(), *line))
            }
            (Some((Tok::Punct('('), _)), Some((Tok::Str(s), line)), _)
                if is_env_fn(&resolve(&segs, &aliases)) =>
            {
                Some((s.clone(), *line))
            }
            _ => None,
        };
        if let Some((name, line)) = read {
            out.push(Read { name, line });
        }
        i = next.max(i + 1);
    }
    out
}

fn is_use(toks: &[(Tok, u32)], i: usize) -> bool {
    matches!(&toks[i].0, Tok::Ident(s) if s == "use")
}

fn is_path_sep(toks: &[(Tok, u32)], i: usize) -> bool {
    matches!(
        (toks.get(i), toks.get(i + 1)),
        (Some((Tok::Punct(':'), _)), Some((Tok::Punct(':'), _)))
    )
}

/// The path `a::b::c` starting at `i` (an optional leading `::` dropped) and the index
/// after it.
fn path_at(toks: &[(Tok, u32)], mut i: usize) -> (Vec<String>, usize) {
    let mut segs = Vec::new();
    if is_path_sep(toks, i) {
        i += 2;
    }
    while let Some((Tok::Ident(s), _)) = toks.get(i) {
        segs.push(s.clone());
        i += 1;
        if is_path_sep(toks, i) && matches!(toks.get(i + 2), Some((Tok::Ident(_), _))) {
            i += 2;
        } else {
            break;
        }
    }
    (segs, i)
}

fn resolve(segs: &[String], aliases: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    match segs.split_first() {
        Some((first, rest)) => match aliases.get(first) {
            Some(full) => full.iter().chain(rest).cloned().collect(),
            // `env::var` without a `use` in sight (a glob import, a macro): still std's.
            None if first == "env" => ["std", "env"]
                .iter()
                .map(|s| s.to_string())
                .chain(rest.iter().cloned())
                .collect(),
            None => segs.to_vec(),
        },
        None => Vec::new(),
    }
}

fn is_env_fn(path: &[String]) -> bool {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    matches!(
        p.as_slice(),
        ["std" | "core", "env", "var" | "var_os"] | ["dotenvy" | "dotenv", "var"]
    )
}

/// `alias -> full path` for every `use` declaration of the file.
fn use_aliases(toks: &[(Tok, u32)]) -> BTreeMap<String, Vec<String>> {
    let mut aliases = BTreeMap::new();
    let mut i = 0;
    while i < toks.len() {
        if is_use(toks, i) {
            // Go on after the tree: a `use` token inside it is not read twice.
            i = use_tree(toks, i + 1, &mut aliases).max(i + 1);
        } else {
            i += 1;
        }
    }
    aliases
}

/// How one path of a use tree ended.
enum PathEnd {
    /// `a::b::c` or `a::b as c`: the alias is named.
    Named,
    /// `a::{`: a group opens.
    Group,
    /// `a::*`, or a token that starts no path.
    Other,
}

/// Reads the use tree starting at `start` into `aliases`; returns the index after
/// it. Nested groups (`a::{b::{c, d}, e}`) are followed with an explicit stack of
/// prefix lengths over one path, so input cannot nest it into a stack overflow and
/// depth costs nothing extra.
fn use_tree(
    toks: &[(Tok, u32)],
    start: usize,
    aliases: &mut BTreeMap<String, Vec<String>>,
) -> usize {
    let mut i = start;
    let mut path: Vec<String> = Vec::new();
    // The path length at each open `{`.
    let mut groups: Vec<usize> = Vec::new();
    loop {
        let begin = i;
        match use_path(toks, &mut i, &mut path, aliases) {
            PathEnd::Group => {
                groups.push(path.len());
                continue;
            }
            PathEnd::Named | PathEnd::Other => {}
        }
        // After a path: `,` starts the next one of the group, `}` closes it.
        loop {
            let Some(&base) = groups.last() else {
                return i;
            };
            match toks.get(i).map(|t| &t.0) {
                None => return i,
                Some(Tok::Punct(',')) => i += 1,
                Some(Tok::Punct('}')) => {
                    i += 1;
                    groups.pop();
                    continue;
                }
                // A token that starts no path: skip it.
                Some(_) if i == begin => i += 1,
                Some(_) => {}
            }
            path.truncate(base);
            break;
        }
    }
}

/// One path of a use tree from `*i`, its segments appended to `path`.
fn use_path(
    toks: &[(Tok, u32)],
    i: &mut usize,
    path: &mut Vec<String>,
    aliases: &mut BTreeMap<String, Vec<String>>,
) -> PathEnd {
    if is_path_sep(toks, *i) {
        *i += 2;
    }
    loop {
        match toks.get(*i) {
            Some((Tok::Ident(s), _)) if s == "self" && !path.is_empty() => *i += 1,
            Some((Tok::Ident(s), _)) => {
                path.push(s.clone());
                *i += 1;
            }
            Some((Tok::Punct('{'), _)) => {
                *i += 1;
                return PathEnd::Group;
            }
            Some((Tok::Punct('*'), _)) => {
                *i += 1;
                // `use std::env::*;` brings `var` and `var_os` in.
                for f in ["var", "var_os"] {
                    let mut full = path.clone();
                    full.push(f.to_owned());
                    if is_env_fn(&full) {
                        aliases.insert(f.to_owned(), full);
                    }
                }
                return PathEnd::Other;
            }
            _ => return PathEnd::Other,
        }
        if is_path_sep(toks, *i) {
            *i += 2;
            continue;
        }
        let alias = match (toks.get(*i), toks.get(*i + 1)) {
            (Some((Tok::Ident(a), _)), Some((Tok::Ident(name), _))) if a == "as" => {
                *i += 2;
                Some(name.clone())
            }
            _ => path.last().cloned(),
        };
        if let Some(alias) = alias.filter(|a| a != "_") {
            aliases.insert(alias, path.clone());
        }
        return PathEnd::Named;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<(String, u32)> {
        reads(src).into_iter().map(|r| (r.name, r.line)).collect()
    }

    fn n(name: &str, line: u32) -> (String, u32) {
        (name.to_owned(), line)
    }

    #[test]
    fn direct_paths_and_macros() {
        let src = "fn main() {\n    let a = std::env::var(\"A\");\n    let b = ::std::env::var_os(\"B\");\n    let c = env!(\"C\");\n    let d = option_env!(\"D\");\n    let e = dotenvy::var(\"E\");\n}\n";
        assert_eq!(
            names(src),
            [n("A", 2), n("B", 3), n("C", 4), n("D", 5), n("E", 6)]
        );
    }

    #[test]
    fn use_declarations_and_aliases() {
        let src = "use std::env;\nuse std::env as e;\nuse std::env::var as get;\nuse std::{env::{self as environ, var_os}, fs};\nfn f() {\n    env::var(\"A\");\n    e::var(\"B\");\n    get(\"C\");\n    var_os(\"D\");\n    environ::var(\"E\");\n}\n";
        assert_eq!(
            names(src),
            [n("A", 6), n("B", 7), n("C", 8), n("D", 9), n("E", 10)]
        );
    }

    #[test]
    fn literals_comments_and_non_literal_names_are_not_reads() {
        let src = r####"
// std::env::var("COMMENT")
/* env!("BLOCK") /* nested */ env!("STILL_BLOCK") */
/// std::env::var("DOC")
const FIXTURE: &str = r#"std::env::var("IN_RAW_STRING")"#;
const OTHER: &str = "env!(\"IN_STRING\")";
fn f(name: &str) {
    std::env::var(name);
    my::var("NOT_ENV");
    x.var("METHOD");
    let c = '"'; std::env::var("AFTER_CHAR");
    let l: &'static str = "x"; env!("AFTER_LIFETIME");
}
"####;
        assert_eq!(names(src), [n("AFTER_CHAR", 11), n("AFTER_LIFETIME", 12)]);
    }

    #[test]
    fn lines_are_counted_through_multi_line_literals_and_comments() {
        let src = "const A: &str = \"one\\\ntwo\n\";\nenv!(\"B\");\nconst R: &str = r#\"x\ny\"#;\n/* a\n/* b\n*/ */ env!(\"C\");\nlet c = b'\\n'; let r#type = 1; 'l: loop {}\nenv!(\"D\");\n";
        assert_eq!(names(src), [n("B", 4), n("C", 9), n("D", 11)]);
    }

    #[test]
    fn a_glob_import_of_std_env() {
        assert_eq!(
            names("use std::env::*;\nfn f() { var(\"A\"); }"),
            [n("A", 2)]
        );
    }
}
