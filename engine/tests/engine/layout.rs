//! The shape of `engine/src/`: no file over the size a reader takes in at once, no circle of
//! imports between files, and one file that trusts a questionnaire without validating it (the
//! built-in core's reader). Read from the sources, so a new file is held to it without a list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file's module path (`crate::config::walk`) -> the file and its code without comments
/// and tests.
fn modules() -> BTreeMap<String, (PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("engine/src is readable") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&src).expect("under src");
            let mut parts: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            let name = std::iter::once("crate".to_string())
                .chain(parts)
                .collect::<Vec<_>>()
                .join("::");
            let code = code(&std::fs::read_to_string(&path).expect("readable"));
            (name, (path, code))
        })
        .collect()
}

/// The text without its design note, comments and `#[cfg(test)]` module (always the file's last
/// item here): test code may reach anywhere.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    let text = match text.trim_start().strip_prefix("/*!") {
        Some(rest) => rest.split_once("*/").map_or("", |(_, r)| r),
        None => text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The files `name`'s code refers to: `crate::` and `super::` paths and its child modules' names,
/// each to the longest module path it starts with.
fn imports<T>(name: &str, code: &str, all: &BTreeMap<String, T>) -> BTreeSet<String> {
    let parent = name.rsplit_once("::").map_or("crate", |(p, _)| p);
    let mut out = BTreeSet::new();
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !ident(bytes[i]) || (i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        // A path starting here: identifiers joined by `::`.
        let mut end = i;
        while end < bytes.len() && (ident(bytes[end]) || code[end..].starts_with("::")) {
            end += if code[end..].starts_with("::") { 2 } else { 1 };
        }
        let path: Vec<&str> = code[i..end].split("::").filter(|s| !s.is_empty()).collect();
        i = end;
        if path.len() < 2 {
            continue;
        }
        let (base, rest) = match path[0] {
            "crate" => ("crate".to_string(), &path[1..]),
            "super" => (parent.to_string(), &path[1..]),
            "self" => (name.to_string(), &path[1..]),
            child if all.contains_key(&format!("{name}::{child}")) => (name.to_string(), &path[..]),
            _ => continue,
        };
        let mut target = base.clone();
        let mut module = base;
        for seg in rest {
            module = format!("{module}::{seg}");
            if all.contains_key(&module) {
                target = module.clone();
            } else {
                break;
            }
        }
        if target != name {
            out.insert(target);
        }
    }
    out
}

#[test]
fn no_source_file_is_over_500_lines() {
    let mut long = Vec::new();
    for (file, _) in modules().values() {
        let lines = std::fs::read_to_string(file)
            .expect("readable")
            .lines()
            .count();
        if lines > 500 {
            long.push(format!("{} ({lines} lines)", file.display()));
        }
    }
    assert!(long.is_empty(), "split these by concern: {long:?}");
}

#[test]
fn no_two_engine_files_import_each_other_even_through_others() {
    let all = modules();
    let graph: BTreeMap<&str, BTreeSet<String>> = all
        .iter()
        .map(|(name, (_, code))| (name.as_str(), imports(name, code, &all)))
        .collect();
    assert!(
        graph["crate::config::walk"].contains("crate::syntax"),
        "the reader of imports sees `use crate::...`"
    );
    // Depth-first, keeping the path: a file met again on the path closes a circle.
    fn visit<'a>(
        at: &'a str,
        graph: &'a BTreeMap<&'a str, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if let Some(start) = path.iter().position(|p| *p == at) {
            panic!("import circle: {} -> {at}", path[start..].join(" -> "));
        }
        if !done.insert(at) {
            return;
        }
        path.push(at);
        for next in &graph[at] {
            visit(next, graph, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for name in graph.keys() {
        visit(name, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn only_the_core_file_reader_trusts_a_questionnaire_without_validating_it() {
    let all = modules();
    let users: Vec<&str> = all
        .iter()
        .filter(|(_, (_, code))| code.contains("trusted_builtin("))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(
        users,
        ["crate::builtin::core_file", "crate::validate::checked"],
        "a questionnaire from outside is validated (`validate`, `load`)"
    );
}
