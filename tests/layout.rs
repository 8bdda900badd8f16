//! The layout rules of issue 10, enforced on every non-test source file of the
//! repository: at most 400 lines per file, at most 60 lines per function, and no
//! module that imports a module that imports it back.
//!
//! Checked: every `*.rs` file under the repository root, except test files (folders
//! named `tests`: integration tests, trybuild UI cases; files named `tests.rs`: a
//! module's `#[cfg(test)] mod tests;`), `fuzz` (cargo-fuzz targets, built
//! by their own tool), `target` and `node_modules` (build output), and hidden
//! folders. Benches and examples are checked: they are code a reader opens.
//!
//! - **Files**: the number of lines of the file, inline `#[cfg(test)]` modules
//!   included (move big ones to `tests/` or to `src/<module>/tests.rs`).
//! - **Functions**: every `fn` item, `impl` method and default trait method, nested
//!   ones included, from its `fn` line to its closing brace (attributes and docs not
//!   counted). A function may be longer only if a comment directly above it (or its
//!   doc comment) says `layout: long` followed by the reason, e.g.
//!   `// layout: long: a lexer loop over the line's bytes, one arm per token`.
//! - **Import cycles** (an approximation, parsed with `syn`): a file's module is
//!   named by its path (`src/lib.rs`/`src/main.rs` is the crate, `src/a.rs` and
//!   `src/a/mod.rs` are `a`, `src/a/b.rs` is `a::b`; `#[path]` is not followed). Its
//!   imports are the paths in its `use` items and every other path in its code that
//!   starts with `crate`, `super`, `self` or the name of a child module file (types,
//!   calls, patterns), but not the
//!   tokens inside macro calls. Each path is resolved to the longest prefix that
//!   names a module file of the same crate; modules inline in a file (`mod x {}`)
//!   count as the file. A cycle is two module files that each import the other,
//!   except a module and its own parent: a `mod.rs` re-exporting its children's
//!   items while they use the parent's types is how a module presents itself.
//!   Longer cycles (a -> b -> c -> a) are not looked for.
//!
//! Offenders that existed when the test landed are listed in [`ALLOWED`]. The list
//! may only shrink: an entry that no longer offends fails the test too, so whoever
//! fixes an offender removes its entry.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// Most lines a source file may have.
const MAX_FILE_LINES: usize = 400;
/// Most lines a function may have without a `layout: long` comment.
const MAX_FN_LINES: usize = 60;
/// What a comment must say, followed by a reason, to allow a longer function.
const LONG_MARKER: &str = "layout: long";

/// Today's offenders, each as the test names it in its failure message:
/// `file <path>`, `fn <path> <name>` or `cycle <module> <-> <module>`.
const ALLOWED: &[&str] = &[];

#[test]
fn source_files_functions_and_imports_keep_the_layout_rules() {
    let root = repo();
    let mut offences = BTreeMap::new();
    let mut crates: BTreeMap<PathBuf, Vec<SourceFile>> = BTreeMap::new();
    for path in source_files(&root) {
        let file = SourceFile::read(&root, &path);
        file.check_lengths(&mut offences);
        if let Some(src) = file.crate_src.clone() {
            crates.entry(src).or_default().push(file);
        }
    }
    for files in crates.values() {
        import_cycles(files, &mut offences);
    }
    let allowed: BTreeSet<&str> = ALLOWED.iter().copied().collect();
    let mut message = String::new();
    for (key, detail) in &offences {
        if !allowed.contains(key.as_str()) {
            writeln!(message, "  {key}: {detail}").unwrap();
        }
    }
    if !message.is_empty() {
        message.insert_str(
            0,
            "the layout rules of issue 10 are broken (see tests/layout.rs):\n",
        );
    }
    let stale: Vec<&&str> = allowed
        .iter()
        .filter(|a| !offences.contains_key(**a))
        .collect();
    if !stale.is_empty() {
        writeln!(
            message,
            "no longer offending, remove from ALLOWED in tests/layout.rs:"
        )
        .unwrap();
        for key in stale {
            writeln!(message, "  {key}").unwrap();
        }
    }
    assert!(message.is_empty(), "{message}");
}

/// The root of this repository.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// Every checked `*.rs` file under `root`, sorted.
fn source_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().unwrap().is_dir() {
                let skipped = ["tests", "fuzz", "target", "node_modules"];
                if !name.starts_with('.') && !skipped.contains(&name.as_str()) {
                    folders.push(path);
                }
            } else if name.ends_with(".rs") && name != "tests.rs" {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// One checked file, parsed.
struct SourceFile {
    /// The path from the repository root, with `/`.
    shown: String,
    text: String,
    ast: syn::File,
    /// The `src` folder of the crate the file belongs to, if it is under one.
    crate_src: Option<PathBuf>,
    /// The module the file is, from its path under `crate_src`.
    module: Vec<String>,
}

impl SourceFile {
    fn read(root: &Path, path: &Path) -> SourceFile {
        let shown = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap();
        let crate_src = path
            .ancestors()
            .find(|a| a.file_name().is_some_and(|n| n == "src"))
            .map(Path::to_path_buf);
        let module = crate_src
            .as_deref()
            .map(|src| module_of(src, path))
            .unwrap_or_default();
        SourceFile::parse(shown, text, crate_src, module)
    }

    fn parse(
        shown: String,
        text: String,
        crate_src: Option<PathBuf>,
        module: Vec<String>,
    ) -> SourceFile {
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{shown}: {e}"));
        SourceFile {
            shown,
            text,
            ast,
            crate_src,
            module,
        }
    }

    fn check_lengths(&self, offences: &mut BTreeMap<String, String>) {
        let lines = self.text.lines().count();
        if lines > MAX_FILE_LINES {
            offences.insert(
                format!("file {}", self.shown),
                format!("{lines} lines, at most {MAX_FILE_LINES}"),
            );
        }
        let mut functions = Functions {
            lines: self.text.lines().collect(),
            owner: Vec::new(),
            long: Vec::new(),
        };
        functions.visit_file(&self.ast);
        for (name, length) in functions.long {
            offences.insert(
                format!("fn {} {name}", self.shown),
                format!(
                    "{length} lines, at most {MAX_FN_LINES} without a `// {LONG_MARKER}: <reason>` comment"
                ),
            );
        }
    }
}

/// `["a", "b"]` for `<src>/a/b.rs` and `<src>/a/b/mod.rs`; `[]` for the crate root.
fn module_of(src: &Path, path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = path
        .strip_prefix(src)
        .unwrap()
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.len() == 1 && ["lib", "main"].contains(&parts[0].as_str()) {
        parts.clear();
    }
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Collects the functions of a file that are longer than allowed.
struct Functions<'a> {
    lines: Vec<&'a str>,
    /// Names of the enclosing `impl` type, trait or function.
    owner: Vec<String>,
    /// `(name, lines)` of each offender.
    long: Vec<(String, usize)>,
}

impl Functions<'_> {
    fn check(&mut self, attrs: &[syn::Attribute], sig: &syn::Signature, block: &syn::Block) {
        let first = sig.fn_token.span.start().line;
        let last = block.brace_token.span.close().end().line;
        let length = last + 1 - first;
        let top = attrs
            .iter()
            .map(|a| a.pound_token.span.start().line)
            .min()
            .unwrap_or(first);
        if length > MAX_FN_LINES && !self.says_long(top, first) {
            let mut name = self.owner.join("::");
            if !name.is_empty() {
                name.push_str("::");
            }
            name.push_str(&sig.ident.to_string());
            self.long.push((name, length));
        }
    }

    /// Whether a line from the comments right above `top` to the `fn` line (1-based)
    /// holds [`LONG_MARKER`] followed by a reason.
    fn says_long(&self, top: usize, fn_line: usize) -> bool {
        let mut from = top - 1;
        while from > 0 && self.lines[from - 1].trim_start().starts_with("//") {
            from -= 1;
        }
        self.lines[from..fn_line].iter().any(|line| {
            line.split_once(LONG_MARKER)
                .is_some_and(|(before, reason)| {
                    before.contains("//") && reason.trim_start_matches([':', ' ', '-']).len() >= 10
                })
        })
    }

    fn nested(&mut self, owner: String, visit: impl FnOnce(&mut Self)) {
        self.owner.push(owner);
        visit(self);
        self.owner.pop();
    }
}

impl<'ast> Visit<'ast> for Functions<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.check(&f.attrs, &f.sig, &f.block);
        self.nested(f.sig.ident.to_string(), |v| syn::visit::visit_item_fn(v, f));
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.check(&f.attrs, &f.sig, &f.block);
        self.nested(f.sig.ident.to_string(), |v| {
            syn::visit::visit_impl_item_fn(v, f)
        });
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.check(&f.attrs, &f.sig, block);
        }
        self.nested(f.sig.ident.to_string(), |v| {
            syn::visit::visit_trait_item_fn(v, f)
        });
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let owner = match &*i.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        self.nested(owner.unwrap_or_else(|| "impl".into()), |v| {
            syn::visit::visit_item_impl(v, i)
        });
    }

    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        self.nested(t.ident.to_string(), |v| syn::visit::visit_item_trait(v, t));
    }
}

/// Adds a `cycle` offence for each pair of module files of one crate that import each
/// other, a module and its parent aside.
fn import_cycles(files: &[SourceFile], offences: &mut BTreeMap<String, String>) {
    let modules: BTreeSet<&[String]> = files.iter().map(|f| f.module.as_slice()).collect();
    let mut imports: BTreeMap<&[String], BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in files {
        let mut paths = Paths {
            here: &file.module,
            modules: &modules,
            found: Vec::new(),
        };
        paths.visit_file(&file.ast);
        let targets = imports.entry(file.module.as_slice()).or_default();
        for path in paths.found {
            let target = (0..=path.len())
                .rev()
                .map(|n| &path[..n])
                .find(|prefix| modules.contains(prefix))
                .unwrap_or_default();
            if target != file.module.as_slice() {
                targets.insert(target.to_vec());
            }
        }
    }
    let src = files[0].crate_src.as_deref().unwrap();
    let krate = src
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    for (a, targets) in &imports {
        for b in targets {
            let back = imports.get(b.as_slice()).is_some_and(|t| t.contains(*a));
            let parent = |x: &[String], y: &[String]| x.len() + 1 == y.len() && y.starts_with(x);
            if a.to_vec() < *b && back && !parent(a, b) && !parent(b, a) {
                let name = |m: &[String]| {
                    format!("{krate}::{}", m.join("::"))
                        .trim_end_matches("::")
                        .to_string()
                };
                offences.insert(
                    format!("cycle {} <-> {}", name(a), name(b)),
                    "each module imports the other; move what both need to a third module, or pass it in".into(),
                );
            }
        }
    }
}

/// Collects a file's paths that name modules of its own crate, made absolute.
struct Paths<'a> {
    here: &'a [String],
    /// The crate's module files.
    modules: &'a BTreeSet<&'a [String]>,
    found: Vec<Vec<String>>,
}

impl Paths<'_> {
    /// `segments` resolved from the file's module, if they start with `crate`,
    /// `super` or `self`.
    fn add(&mut self, segments: &[String]) {
        let mut absolute: Vec<String> = match segments.first().map(String::as_str) {
            Some("crate") => Vec::new(),
            Some("self" | "super") => self.here.to_vec(),
            Some(child) if self.is_child(child) => self.here.to_vec(),
            _ => return,
        };
        let mut rest = segments;
        if rest[0] == "crate" || rest[0] == "self" {
            rest = &rest[1..];
        }
        while let Some(("super", tail)) = rest.split_first().map(|(h, t)| (h.as_str(), t)) {
            absolute.pop();
            rest = tail;
        }
        absolute.extend(rest.iter().cloned());
        self.found.push(absolute);
    }

    /// Whether `name` is a module file declared in the file's module (since edition
    /// 2018, `use child::Item;` needs no `self::`).
    fn is_child(&self, name: &str) -> bool {
        let mut child = self.here.to_vec();
        child.push(name.to_string());
        self.modules.contains(child.as_slice())
    }

    /// Every full path of a `use` tree.
    fn tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.leaf(prefix, &n.ident),
            syn::UseTree::Rename(r) => self.leaf(prefix, &r.ident),
            syn::UseTree::Glob(_) => self.add(&prefix.clone()),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.tree(prefix, item);
                }
            }
        }
    }

    fn leaf(&mut self, prefix: &[String], ident: &syn::Ident) {
        let mut path = prefix.to_vec();
        if ident != "self" {
            path.push(ident.to_string());
        }
        self.add(&path);
    }
}

impl<'ast> Visit<'ast> for Paths<'_> {
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.tree(&mut Vec::new(), &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.add(&segments);
        syn::visit::visit_path(self, p);
    }

    fn visit_vis_restricted(&mut self, _: &'ast syn::VisRestricted) {
        // `pub(crate)`, `pub(super)`, `pub(in crate::a)` name who may see, not a use.
    }
}

/// The checks above find what they look for (a check that finds nothing would pass).
mod self_test {
    use super::*;

    fn file(module: &str, text: String) -> SourceFile {
        let module = module
            .split("::")
            .filter(|m| !m.is_empty())
            .map(String::from)
            .collect();
        SourceFile::parse(
            format!("{module:?}"),
            text,
            Some(PathBuf::from("k/src")),
            module,
        )
    }

    fn function(comment: &str, lines: usize) -> String {
        let body = "    let _ = 1;\n".repeat(lines - 2);
        format!("//! a module\n\n{comment}\n#[inline]\nfn f() {{\n{body}}}\n")
    }

    fn lengths(file: &SourceFile) -> Vec<String> {
        let mut offences = BTreeMap::new();
        file.check_lengths(&mut offences);
        offences
            .into_iter()
            .map(|(key, detail)| format!("{key}: {detail}"))
            .collect()
    }

    #[test]
    fn a_function_over_60_lines_offends_unless_a_comment_says_why() {
        assert!(lengths(&file("a", function("/// doc", 60))).is_empty());
        let long = file("a", function("/// doc", 61));
        assert_eq!(
            lengths(&long),
            ["fn [\"a\"] f: 61 lines, at most 60 without a `// layout: long: <reason>` comment"]
        );
        let reasoned = "// layout: long: one arm per token of the lexer\n/// doc";
        assert!(lengths(&file("a", function(reasoned, 61))).is_empty());
        let no_reason = "/// doc\n// layout: long";
        assert_eq!(lengths(&file("a", function(no_reason, 61))).len(), 1);
        let nested = format!("impl T {{\n fn g() {{\n{}\n}}\n}}\n", function("", 70));
        let keys: Vec<String> = lengths(&file("a", nested))
            .iter()
            .map(|o| o.split_once(": ").unwrap().0.to_string())
            .collect();
        assert_eq!(keys, ["fn [\"a\"] T::g", "fn [\"a\"] T::g::f"]);
    }

    #[test]
    fn a_file_over_400_lines_offends() {
        assert!(lengths(&file("a", "//\n".repeat(400))).is_empty());
        assert_eq!(
            lengths(&file("a", "//\n".repeat(401))),
            ["file [\"a\"]: 401 lines, at most 400"]
        );
    }

    fn cycles(files: &[SourceFile]) -> Vec<String> {
        let mut offences = BTreeMap::new();
        import_cycles(files, &mut offences);
        offences.into_keys().collect()
    }

    #[test]
    fn two_modules_importing_each_other_offend_but_a_parent_and_its_child_do_not() {
        let files = [
            file("", "mod a; mod b; pub use a::A;".into()),
            file(
                "a",
                "pub struct A; fn f() -> crate::b::B { todo!() }".into(),
            ),
            file("b", "use super::{a::{self}, Root}; pub struct B;".into()),
            file("c", "use crate::a::A; use crate::*;".into()),
        ];
        assert_eq!(cycles(&files), ["cycle k::a <-> k::b"]);
        assert!(
            cycles(
                &files[..3]
                    .iter()
                    .map(|f| file(&f.module.join("::"), f.text.replace("crate::b::B", "()")))
                    .collect::<Vec<_>>()
            )
            .is_empty()
        );
    }
}
