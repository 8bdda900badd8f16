//! Reads of environment variables in Python.
//!
//! Recognised (the name must be a string literal):
//!
//! ```text
//! os.environ["X"]   os.environ.get("X")   os.getenv("X")
//! environ["X"]   environ.get("X")   getenv("X")   after `from os import environ, getenv`
//! ```

use super::text::Read;
use super::text::{Lang, blank_comments, call_arg, into_reads, member, words};

/// Every literal read of an environment variable in `source`.
pub(crate) fn reads(source: &str) -> Vec<Read> {
    let text = blank_comments(source, Lang::Python);
    let b = text.as_bytes();
    let mut found: Vec<(usize, String)> = Vec::new();
    // `environ` alone or as `os.environ`, never `x.environ`.
    let ok_prefix = |at: usize| at < 1 || b[at - 1] != b'.' || text[..at].ends_with("os.");
    for at in words(&text, "environ", true).filter(|&at| ok_prefix(at)) {
        let after = at + "environ".len();
        if let Some((name, pos)) = subscript(&text, after) {
            found.push((pos, name));
        } else if text[after..]
            .trim_start_matches([' ', '\t'])
            .starts_with(".get")
        {
            let get = after + text[after..].find(".get").unwrap_or(0) + 4;
            if let Some((name, pos)) = call_arg(&text, get) {
                found.push((pos, name));
            }
        }
    }
    for at in words(&text, "getenv", true).filter(|&at| ok_prefix(at)) {
        if let Some((name, pos)) = call_arg(&text, at + "getenv".len()) {
            found.push((pos, name));
        }
    }
    into_reads(&text, found)
}

/// `["X"]` only: `environ.X` is not a Python read.
fn subscript(text: &str, i: usize) -> Option<(String, usize)> {
    let rest = text[i..].trim_start_matches([' ', '\t']);
    if rest.starts_with('[') {
        member(text, i, false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<(String, u32)> {
        reads(src).into_iter().map(|r| (r.name, r.line)).collect()
    }

    #[test]
    fn os_environ_and_getenv() {
        let src = "import os\nfrom os import environ, getenv\na = os.environ[\"A\"]\nb = os.environ.get('B', 'x')\nc = os.getenv(\"C\")\nd = environ['D'] + getenv('E')\n";
        let expected = [("A", 3), ("B", 4), ("C", 5), ("D", 6), ("E", 6)];
        assert_eq!(names(src), expected.map(|(n, l)| (n.to_owned(), l)));
    }

    #[test]
    fn comments_docstrings_and_other_objects_are_not_reads() {
        let src = "# os.getenv(\"COMMENT\")\ndef f():\n    \"\"\"Reads os.environ[\"DOC\"].\"\"\"\n    return self.environ[\"ATTR\"], os.environ[name], config.getenv(\"CFG\")\n";
        assert_eq!(names(src), []);
    }
}
