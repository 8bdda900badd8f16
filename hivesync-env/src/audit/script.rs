//! Reads of environment variables in TypeScript and JavaScript.
//!
//! Recognised (the name must be written out):
//!
//! ```text
//! process.env.X   process.env?.X   process.env["X"]   import.meta.env.X
//! env.X   env["X"]        on a Worker's `Env` parameter; `X` must be UPPER_SNAKE
//! ```
//!
//! Destructuring (`const { X } = process.env`) and computed names are out of scope.

use super::text::Read;
use super::text::{Lang, blank_comments, into_reads, member, words};

/// Every literal read of an environment variable in `source`.
pub(crate) fn reads(source: &str) -> Vec<Read> {
    let text = blank_comments(source, Lang::Script);
    let mut found: Vec<(usize, String)> = Vec::new();
    for object in ["process.env", "import.meta.env"] {
        for at in words(&text, object, true) {
            if let Some((name, pos)) = member(&text, at + object.len(), false) {
                found.push((pos, name));
            }
        }
    }
    // A bare `env` (not `process.env`, not `this.env`): the Worker's `Env` binding.
    for at in words(&text, "env", false) {
        if let Some((name, pos)) = member(&text, at + 3, true) {
            found.push((pos, name));
        }
    }
    into_reads(&text, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<(String, u32)> {
        reads(src).into_iter().map(|r| (r.name, r.line)).collect()
    }

    #[test]
    fn node_vite_and_worker_reads() {
        let src = "const a = process.env.A;\nconst b = process.env[\"B\"] ?? process.env?.C;\nconst d = import.meta.env.VITE_D;\nexport default { async fetch(req: Request, env: Env) {\n  return env.R2_BUCKET + env['AI_MODEL'];\n} };\n";
        let expected = [
            ("A", 1),
            ("B", 2),
            ("C", 2),
            ("VITE_D", 3),
            ("R2_BUCKET", 5),
            ("AI_MODEL", 5),
        ];
        assert_eq!(names(src), expected.map(|(n, l)| (n.to_owned(), l)));
    }

    #[test]
    fn comments_lowercase_members_and_other_objects_are_not_reads() {
        let src = "// process.env.COMMENTED\n/* env.BLOCK\n */\nconst url = \"http://x\"; const y = this.env.NOT_THIS;\nconst z = env.fetch; const w = myenv.X; const v = process.env[name];\n";
        assert_eq!(names(src), []);
    }
}
