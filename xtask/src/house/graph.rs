//! The module graph of a crate at file level, read from its sources: which file's code names
//! which other file's module, by `use` declarations and paths (`crate::…`, `super::…`, `self::…`,
//! a child module's name), with the files found through the `mod` declarations.
//!
//! It reads the sources as text, not as the compiler does: comments, strings and `#[cfg(test)]`
//! modules are left out, `#[path]` attributes and macros that make modules are not followed, and a
//! path is taken to name the deepest module that its leading segments name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::tokens::{tokens, Tok, Token};

/// A module path from the crate root: `["ui", "results"]` for `crate::ui::results`.
pub type ModPath = Vec<String>;

/// What one file says: the modules it declares (inline or in files of their own) and the module
/// paths its code names, each with its line.
#[derive(Debug, Default)]
struct FileFacts {
    /// (module, [`name.rs`, `name/mod.rs`]) of every `mod name;` outside `#[cfg(test)]`.
    file_modules: Vec<(ModPath, [PathBuf; 2])>,
    /// Every inline `mod name { … }` outside `#[cfg(test)]`.
    inline_modules: Vec<ModPath>,
    /// (line, the path as written, the path from the crate root).
    references: Vec<(usize, String, ModPath)>,
    /// (module, name, the path from the crate root) of every `pub use` that names one item.
    reexports: Vec<(ModPath, String, ModPath)>,
}

/// A module scope while a file is read: the module, the folder its `mod name;` files are in,
/// the brace depth at which it closes, and whether it is test code.
struct Scope {
    module: ModPath,
    dir: PathBuf,
    closes_at: usize,
    test: bool,
}

fn ident(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

fn punct(t: Option<&Token>, c: char) -> bool {
    t.is_some_and(|t| t.tok == Tok::Punct(c))
}

/// Whether the attribute starting at `toks[i]` (`#`) is `#[cfg(…test…)]` without `not`; and the
/// index after it.
fn cfg_test_attribute(toks: &[Token], i: usize) -> Option<(bool, usize)> {
    if !punct(toks.get(i + 1), '[') {
        return None;
    }
    let mut depth = 0;
    let mut j = i + 1;
    let mut words = Vec::new();
    while j < toks.len() {
        match &toks[j].tok {
            Tok::Punct('[') => depth += 1,
            Tok::Punct(']') => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Tok::Ident(w) => words.push(w.as_str()),
            _ => {}
        }
        j += 1;
    }
    let test = words.first() == Some(&"cfg") && words.contains(&"test") && !words.contains(&"not");
    Some((test, j + 1))
}

/// One path of a use tree: its line, its segments, and the name it brings into scope (`None` for
/// a glob).
type UsePath = (usize, Vec<String>, Option<String>);

/// The paths of the use tree starting at `toks[*i]`, up to its `;`; `*i` is left after it.
fn use_tree(toks: &[Token], i: &mut usize, prefix: &[String], out: &mut Vec<UsePath>) {
    let mut path = prefix.to_vec();
    let mut alias = None;
    let mut glob = false;
    let line = toks.get(*i).map_or(0, |t| t.line);
    loop {
        match toks.get(*i).map(|t| &t.tok) {
            Some(Tok::Ident(w)) if w == "as" => {
                alias = ident(toks.get(*i + 1)).map(str::to_string);
                *i += 2;
            }
            Some(Tok::Ident(w)) => {
                if w == "self" && !path.is_empty() && path.len() == prefix.len() {
                    // `{self, …}`: the prefix itself.
                } else {
                    path.push(w.clone());
                }
                *i += 1;
            }
            Some(Tok::Colons) => *i += 1,
            Some(Tok::Punct('*')) => {
                glob = true;
                *i += 1;
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                while *i < toks.len() && !punct(toks.get(*i), '}') {
                    use_tree(toks, i, &path, out);
                    if punct(toks.get(*i), ',') {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            _ => {
                if !path.is_empty() {
                    let name = if glob {
                        None
                    } else {
                        alias.or(path.last().cloned())
                    };
                    out.push((line, path, name));
                }
                return;
            }
        }
    }
}

/// Reads one file of module `module`, whose `mod name;` files are in `dir`.
fn read_file(src: &str, module: &ModPath, dir: &Path) -> FileFacts {
    let toks = tokens(src);
    let mut facts = FileFacts::default();
    let mut scopes = vec![Scope {
        module: module.clone(),
        dir: dir.to_path_buf(),
        closes_at: 0,
        test: false,
    }];
    let mut depth = 0;
    let mut pending_test = false;
    // The child modules of each module of the file, for paths relative to it (`ui::render`).
    let mut children: BTreeMap<ModPath, BTreeSet<String>> = BTreeMap::new();
    {
        // A first pass over the `mod` declarations, wherever they stand in the file.
        let mut stack = vec![(module.clone(), 0usize)];
        let mut depth = 0;
        let mut k = 0;
        while k < toks.len() {
            match &toks[k].tok {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') => {
                    if stack.len() > 1 && stack.last().is_some_and(|s| s.1 == depth) {
                        stack.pop();
                    }
                    depth -= 1;
                }
                Tok::Ident(w) if w == "mod" => {
                    if let Some(name) = ident(toks.get(k + 1)) {
                        let current = stack.last().map(|s| s.0.clone()).unwrap_or_default();
                        children
                            .entry(current.clone())
                            .or_default()
                            .insert(name.to_string());
                        if punct(toks.get(k + 2), '{') {
                            let mut inner = current;
                            inner.push(name.to_string());
                            stack.push((inner, depth + 1));
                        }
                    }
                }
                _ => {}
            }
            k += 1;
        }
    }
    let mut i = 0;
    while i < toks.len() {
        let scope = scopes.last().expect("the file's scope");
        let in_test = scope.test;
        match &toks[i].tok {
            Tok::Punct('#') => {
                if let Some((test, next)) = cfg_test_attribute(&toks, i) {
                    pending_test |= test;
                    i = next;
                    continue;
                }
            }
            Tok::Punct('{') => {
                depth += 1;
                pending_test = false;
            }
            Tok::Punct('}') => {
                if scopes.len() > 1 && scope.closes_at == depth {
                    scopes.pop();
                }
                depth -= 1;
                pending_test = false;
            }
            Tok::Punct(';') => pending_test = false,
            Tok::Ident(w) if w == "mod" => {
                if let Some(name) = ident(toks.get(i + 1)) {
                    let mut module = scope.module.clone();
                    module.push(name.to_string());
                    let test = in_test || pending_test;
                    pending_test = false;
                    if punct(toks.get(i + 2), ';') {
                        if !test {
                            let files = [
                                scope.dir.join(format!("{name}.rs")),
                                scope.dir.join(name).join("mod.rs"),
                            ];
                            facts.file_modules.push((module, files));
                        }
                        i += 3;
                        continue;
                    }
                    if punct(toks.get(i + 2), '{') {
                        if !test {
                            facts.inline_modules.push(module.clone());
                        }
                        let dir = scope.dir.join(name);
                        depth += 1;
                        scopes.push(Scope {
                            module,
                            dir,
                            closes_at: depth,
                            test,
                        });
                        i += 3;
                        continue;
                    }
                }
            }
            Tok::Ident(w) if w == "use" => {
                let test = in_test || pending_test;
                pending_test = false;
                // `pub use`, `pub(crate) use`: a re-export, which a path through this module follows.
                let public = toks[i.saturating_sub(5)..i]
                    .iter()
                    .rev()
                    .take_while(|t| !matches!(t.tok, Tok::Punct(';' | '{' | '}')))
                    .any(|t| t.tok == Tok::Ident("pub".into()));
                i += 1;
                let mut paths = Vec::new();
                use_tree(&toks, &mut i, &[], &mut paths);
                if !test {
                    let scope = scopes.last().expect("the file's scope");
                    for (line, path, name) in paths {
                        if let Some(abs) = absolute(&path, &scope.module, &children) {
                            if let (true, Some(name)) = (public, name) {
                                facts
                                    .reexports
                                    .push((scope.module.clone(), name, abs.clone()));
                            }
                            facts.references.push((line, path.join("::"), abs));
                        }
                    }
                }
                continue;
            }
            Tok::Ident(first)
                if !in_test && matches!(toks.get(i + 1).map(|t| &t.tok), Some(Tok::Colons)) =>
            {
                let after_path = i > 0 && toks[i - 1].tok == Tok::Colons;
                if !after_path {
                    let mut path = vec![first.clone()];
                    let mut j = i + 1;
                    while toks.get(j).map(|t| &t.tok) == Some(&Tok::Colons) {
                        match ident(toks.get(j + 1)) {
                            Some(w) => path.push(w.to_string()),
                            None => break,
                        }
                        j += 2;
                    }
                    if let Some(abs) = absolute(&path, &scope.module, &children) {
                        facts.references.push((toks[i].line, path.join("::"), abs));
                    }
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    facts
}

/// `path`, written in module `module`, from the crate root; `None` for a path that does not
/// start with `crate`, `super`, `self` or a child module of `module` (another crate, an item).
fn absolute(
    path: &[String],
    module: &ModPath,
    children: &BTreeMap<ModPath, BTreeSet<String>>,
) -> Option<ModPath> {
    let first = path.first()?;
    let mut abs = module.clone();
    let rest = match first.as_str() {
        "crate" => {
            abs.clear();
            &path[1..]
        }
        "self" => &path[1..],
        "super" => {
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                abs.pop()?;
                rest = &rest[1..];
            }
            rest
        }
        name if children.get(module).is_some_and(|c| c.contains(name)) => path,
        _ => return None,
    };
    abs.extend(rest.iter().cloned());
    Some(abs)
}

/// The module graph of one crate at file level.
#[derive(Debug, Default)]
pub struct Graph {
    /// Every file of the crate, with its module path.
    pub files: BTreeMap<PathBuf, ModPath>,
    /// (from, to) → the first reference that makes the edge: "line: path".
    pub edges: BTreeMap<(PathBuf, PathBuf), String>,
    /// Files that a `mod name;` names but neither `name.rs` nor `name/mod.rs` exists for.
    pub missing: Vec<PathBuf>,
}

/// Reads the crate whose root file is `root` (`lib.rs`, `main.rs`), with `read` giving the text
/// of a file (`None` where it does not exist).
pub fn crate_graph(root: &Path, read: impl Fn(&Path) -> Option<String>) -> Graph {
    let mut graph = Graph::default();
    // Module path → the file that holds it (inline modules: the file they are in).
    let mut modules: BTreeMap<ModPath, PathBuf> = BTreeMap::new();
    let mut references: Vec<(PathBuf, usize, String, ModPath)> = Vec::new();
    // Module path and name → what a `pub use` there names.
    let mut reexports: BTreeMap<ModPath, ModPath> = BTreeMap::new();
    let mut queue = vec![(root.to_path_buf(), ModPath::new())];
    while let Some((file, module)) = queue.pop() {
        let Some(src) = read(&file) else { continue };
        let dir = match file.file_name().and_then(|n| n.to_str()) {
            Some("lib.rs" | "main.rs" | "mod.rs") => file.parent().map(Path::to_path_buf),
            _ => file.with_extension("").into(),
        }
        .unwrap_or_default();
        let facts = read_file(&src, &module, &dir);
        modules.insert(module.clone(), file.clone());
        graph.files.insert(file.clone(), module);
        for inline in facts.inline_modules {
            modules.insert(inline, file.clone());
        }
        // The first of `name.rs` and `name/mod.rs` that exists.
        for (module, [flat, nested]) in facts.file_modules {
            if read(&flat).is_some() {
                queue.push((flat, module));
            } else if read(&nested).is_some() {
                queue.push((nested, module));
            } else {
                graph.missing.push(flat);
            }
        }
        for (line, text, abs) in facts.references {
            references.push((file.clone(), line, text, abs));
        }
        for (module, name, target) in facts.reexports {
            let mut at = module;
            at.push(name);
            reexports.insert(at, target);
        }
    }
    for (from, line, text, abs) in references {
        if let Some(to) = resolve(&abs, &modules, &reexports) {
            if to != from {
                graph
                    .edges
                    .entry((from, to))
                    .or_insert_with(|| format!("{line}: {text}"));
            }
        }
    }
    graph
}

/// The file a path from the crate root leads to: that of the deepest module its leading segments
/// name, or, where the next segment is a name that module re-exports, the file of what it
/// re-exports (`crate::ui::LeadForm` → `ui/lead_form.rs`, not `ui/mod.rs`).
fn resolve(
    abs: &[String],
    modules: &BTreeMap<ModPath, PathBuf>,
    reexports: &BTreeMap<ModPath, ModPath>,
) -> Option<PathBuf> {
    let mut abs = abs.to_vec();
    // Bounded: re-exports of re-exports, and never round in a circle of them.
    for _ in 0..8 {
        let n = (0..=abs.len())
            .rev()
            .find(|n| modules.contains_key(&abs[..*n]))?;
        match abs.get(..n + 1).and_then(|named| reexports.get(named)) {
            Some(target) if n < abs.len() => {
                let mut next = target.clone();
                next.extend(abs[n + 1..].iter().cloned());
                if next == abs {
                    break;
                }
                abs = next;
            }
            _ => return modules.get(&abs[..n]).cloned(),
        }
    }
    let n = (0..=abs.len())
        .rev()
        .find(|n| modules.contains_key(&abs[..*n]))?;
    modules.get(&abs[..n]).cloned()
}
