//! `cargo xtask house`: what makes the code hard to find one's way in, in two checks.
//!
//! * Import circles: the module graph of the widget (`src/`) and of the engine (`engine/src/`),
//!   each at file level ([`graph`]), and every set of files that import each other round in a
//!   circle, with one such circle spelt out and the line that makes each of its steps.
//! * Long files: every `.rs` file of `src/`, `engine/src/` and `xtask/src/` over [`MAX_LINES`].
//!
//! It prints what it finds and fails when it finds anything. `cargo xtask test` runs it with the
//! lint layer.

use std::path::{Path, PathBuf};

use crate::{root, Result};

mod circles;
mod graph;
mod tokens;

/// The most lines a source file should have.
pub const MAX_LINES: usize = 500;

/// The crates whose import circles are reported: (name, root file).
const CRATES: &[(&str, &str)] = &[
    ("the widget", "src/lib.rs"),
    ("the engine", "engine/src/lib.rs"),
];

/// The folders whose long files are reported.
const FOLDERS: &[&str] = &["src", "engine/src", "xtask/src"];

pub fn check() -> Result {
    let root = root();
    let shown = |p: &Path| p.strip_prefix(&root).unwrap_or(p).display().to_string();
    let mut circles = 0;
    for (name, lib) in CRATES {
        let graph = graph::crate_graph(&root.join(lib), |p| std::fs::read_to_string(p).ok());
        let found = graph.circles();
        println!(
            "{name} ({}): {} files, {} imports between them, {}",
            shown(root.join(lib).parent().unwrap_or(&root)),
            graph.files.len(),
            graph.edges.len(),
            match found.len() {
                0 => "no import circle".to_string(),
                1 => "1 import circle".to_string(),
                n => format!("{n} import circles"),
            }
        );
        for missing in &graph.missing {
            println!(
                "  (a `mod` declaration names {}, which is missing)",
                shown(missing)
            );
        }
        for (k, circle) in found.iter().enumerate() {
            let files: Vec<String> = circle.iter().map(|f| shown(f)).collect();
            println!("  circle {}: {}", k + 1, files.join(", "));
            let cycle = graph.cycle_through(circle);
            for step in cycle.windows(2) {
                let why = graph
                    .edges
                    .get(&(step[0].clone(), step[1].clone()))
                    .map_or(String::new(), |w| format!("  (line {w})"));
                println!("    {} -> {}{why}", shown(&step[0]), shown(&step[1]));
            }
        }
        circles += found.len();
    }
    let mut long = Vec::new();
    for folder in FOLDERS {
        for file in rust_files(&root.join(folder)) {
            let lines = std::fs::read_to_string(&file)
                .map(|t| t.lines().count())
                .unwrap_or(0);
            if lines > MAX_LINES {
                long.push((shown(&file), lines));
            }
        }
    }
    if long.is_empty() {
        println!(
            "no file of {} is over {MAX_LINES} lines",
            FOLDERS.join("/, ")
        );
    } else {
        println!("files over {MAX_LINES} lines:");
        for (file, lines) in &long {
            println!("  {file}: {lines} lines");
        }
    }
    if circles == 0 && long.is_empty() {
        return Ok(());
    }
    Err(format!(
        "house: {circles} import circle(s), {} file(s) over {MAX_LINES} lines",
        long.len()
    ))
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::graph::crate_graph;
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    /// The graph of a crate given as (file, text) pairs, rooted at `lib.rs`.
    fn graph(files: &[(&str, &str)]) -> super::graph::Graph {
        let files: BTreeMap<PathBuf, String> = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.to_string()))
            .collect();
        crate_graph(Path::new("lib.rs"), |p| files.get(p).cloned())
    }

    fn names(circle: &[PathBuf]) -> Vec<String> {
        circle.iter().map(|p| p.display().to_string()).collect()
    }

    fn circles(files: &[(&str, &str)]) -> Vec<Vec<String>> {
        graph(files).circles().iter().map(|c| names(c)).collect()
    }

    #[test]
    fn two_files_that_import_each_other_are_a_circle() {
        let found = circles(&[
            ("lib.rs", "mod a;\nmod b;\n"),
            ("a.rs", "use crate::b::Thing;\npub struct Other;\n"),
            (
                "b.rs",
                "pub struct Thing;\nfn f() -> crate::a::Other { todo!() }\n",
            ),
        ]);
        assert_eq!(found, [["a.rs", "b.rs"]]);
    }

    #[test]
    fn a_chain_without_a_way_back_is_no_circle() {
        let g = graph(&[
            ("lib.rs", "mod a;\nmod b;\nmod c;\npub use a::A;\n"),
            ("a.rs", "use crate::b::B;\npub struct A;\n"),
            ("b.rs", "use crate::c::{self, C};\npub struct B;\n"),
            (
                "c.rs",
                "pub struct C;\nuse std::fmt; use leptos::prelude::*;\n",
            ),
        ]);
        assert!(g.circles().is_empty(), "{:?}", g.edges);
        let edges: Vec<(String, String)> = g
            .edges
            .keys()
            .map(|(a, b)| (a.display().to_string(), b.display().to_string()))
            .collect();
        assert_eq!(
            edges,
            [
                ("a.rs".to_string(), "b.rs".to_string()),
                ("b.rs".into(), "c.rs".into()),
                ("lib.rs".into(), "a.rs".into())
            ]
        );
    }

    #[test]
    fn a_longer_circle_through_nested_modules_is_found_and_spelt_out() {
        let g = graph(&[
            ("lib.rs", "mod ui;\nmod check;\n"),
            (
                "ui/mod.rs",
                "mod results;\npub use results::render;\npub fn frame() {}\n",
            ),
            (
                "ui/results.rs",
                "use super::super::check::State;\npub fn render() { super::frame() }\n",
            ),
            (
                "check.rs",
                "pub struct State;\nfn show() { crate::ui::frame(); }\n",
            ),
        ]);
        let found = g.circles();
        assert_eq!(
            found.iter().map(|c| names(c)).collect::<Vec<_>>(),
            [["check.rs", "ui/mod.rs", "ui/results.rs"]]
        );
        let cycle = names(&g.cycle_through(&found[0]));
        assert_eq!(
            cycle,
            ["check.rs", "ui/mod.rs", "ui/results.rs", "check.rs"]
        );
        let step = g
            .edges
            .get(&(PathBuf::from("check.rs"), PathBuf::from("ui/mod.rs")))
            .unwrap();
        assert_eq!(step, "2: crate::ui::frame");
    }

    #[test]
    fn a_path_through_a_re_export_leads_to_the_file_that_defines_it() {
        let g = graph(&[
            ("lib.rs", "mod ui;\nmod check;\n"),
            (
                "ui/mod.rs",
                "mod results;\npub use results::{render as draw};\n",
            ),
            (
                "ui/results.rs",
                "use crate::check::State;\npub fn render() {}\n",
            ),
            (
                "check.rs",
                "pub struct State;\nfn show() { crate::ui::draw(); }\n",
            ),
        ]);
        // Not through ui/mod.rs, which only passes `render` on.
        assert_eq!(
            g.circles().iter().map(|c| names(c)).collect::<Vec<_>>(),
            [["check.rs", "ui/results.rs"]]
        );
        assert!(g
            .edges
            .contains_key(&(PathBuf::from("ui/mod.rs"), PathBuf::from("ui/results.rs"))));
    }

    #[test]
    fn separate_circles_are_reported_apart() {
        let found = circles(&[
            ("lib.rs", "mod a; mod b; mod c; mod d;"),
            ("a.rs", "use crate::b::X;"),
            ("b.rs", "use crate::a::Y;"),
            ("c.rs", "use crate::d::Z; use crate::a::Y;"),
            ("d.rs", "use crate::c::W;"),
        ]);
        assert_eq!(found, [["a.rs", "b.rs"], ["c.rs", "d.rs"]]);
    }

    #[test]
    fn tests_comments_and_strings_make_no_edges() {
        let found = circles(&[
            ("lib.rs", "mod a;\nmod b;\n"),
            ("a.rs", "use crate::b::Thing;\n"),
            (
                "b.rs",
                r##"pub struct Thing;
// use crate::a::X;
/* crate::a::X /* nested */ crate::a::X */
const S: &str = "crate::a::X";
const R: &str = r#"use crate::a::X;"#;
const C: char = '"';
fn f<'a>(x: &'a str) -> &'a str { x }
#[cfg(test)]
mod tests {
    use crate::a::X;
    fn g() { crate::a::f(); }
}
#[cfg(test)]
use crate::a::Y;
"##,
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn inline_modules_and_use_groups_resolve() {
        let g = graph(&[
            ("lib.rs", "mod outer { pub mod inner; }\nmod b;\n"),
            (
                "outer/inner.rs",
                "use crate::b::{self, deep::{One, Two as Three}};\n",
            ),
            (
                "b.rs",
                "pub mod deep { pub struct One; }\nuse crate::outer::inner as i;\n",
            ),
        ]);
        assert_eq!(
            g.circles().iter().map(|c| names(c)).collect::<Vec<_>>(),
            [["b.rs", "outer/inner.rs"]]
        );
        // The inline module `outer` lives in lib.rs; `deep` in b.rs.
        assert_eq!(g.files.len(), 3);
    }

    #[test]
    fn a_missing_module_file_is_named() {
        let g = graph(&[("lib.rs", "mod gone;\n")]);
        assert_eq!(g.missing, [PathBuf::from("gone.rs")]);
    }
}
