/*!
`cargo xtask <command>`: everything a developer runs, each command doing its own set-up.

Set-up is idempotent and quick when done: it checks before it installs, and where it cannot install
something (no root, no apt) it says what is missing and how to get it. Commands:

* `serve`  build `dist/` and serve the demo page on 127.0.0.1 (port from `PORT`, default 8080);
* `test`   every check: fmt, clippy, native tests, browser tests, the byte budget of the first
  view, end-to-end specs (one of them alone: `test lint|native|browser|budget|e2e`);
* `dist`   build the deployable folder `dist/` (LTO-correct release build, wasm-opt -Oz);
* `size`   print raw, gzip and brotli bytes of every file in `dist/`;
* `budget` the byte budget of the first view, on the `dist/` built last (`test budget` builds it);
* `house`  report import circles of `src/` and `engine/src/` and source files over 500 lines
  (`test` runs it with `lint`);
* `pack`   build the npm package from `dist/` (`test pack` also type-checks `e2e/types/usage.ts`
  against it).
*/

mod dist;
mod docs;
mod house;
mod pack;
mod setup;
mod size;
mod toml;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(&args[1..]),
        Some("dist") => setup::for_build().and_then(|()| dist::dist()),
        Some("size") => size::report(&root().join("dist")).map(|_| ()),
        Some("budget") => size::budget(&root().join("dist")),
        Some("setup") => setup::for_build().and_then(|()| setup::for_tests()),
        Some("docs") => docs::write().and_then(|()| config_docs()),
        Some("house") => house::check(),
        Some("pack") => pack::pack().map(|_| ()),
        // For bench/bytes.mjs: what `dist` does to the main module after wasm-bindgen.
        Some("slim") => match &args[1..] {
            [module, glue] => dist::slim(Path::new(module), Path::new(glue)),
            _ => Err("usage: cargo xtask slim <module_bg.wasm> <glue.js>".to_string()),
        },
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n  serve   build and serve the demo page on 127.0.0.1\n  test    run every test (fmt, clippy, native, browser, byte budget, end-to-end); one layer: `test lint|native|browser|budget|pack|e2e`\n  dist    build the deployable folder dist/\n  size    print raw, gzip and brotli bytes of dist/\n  budget  check the first view of the dist/ built last against the byte budget\n  setup   install what the other commands need\n  docs    write docs/questionnaire.md from questionnaire/default.json, public/config.schema.json\n          and the key tables of docs/config.md from the engine's key table\n  house   report import circles in src/ and engine/src/ and .rs files over 500 lines\n  pack    build the npm package (target/npm/maturity-check-<version>.tgz) with npm pack"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

/// `docs`, for the config: the schema and the tables of docs/config.md from the engine's key table.
fn config_docs() -> Result {
    use maturity_check_engine::config::{docs::*, schema::*};
    let read = |f: &str| std::fs::read_to_string(root().join(f)).map_err(|e| format!("{f}: {e}"));
    let markdown = with_key_tables(&read(DOCS_FILE)?)?;
    for (file, text) in [(SCHEMA_FILE, schema_json()), (DOCS_FILE, markdown)] {
        if read(file).is_ok_and(|old| old == text) {
            println!("{file} is up to date");
        } else {
            std::fs::write(root().join(file), &text).map_err(|e| format!("{file}: {e}"))?;
            println!("wrote {file} ({} bytes)", text.len());
        }
    }
    Ok(())
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Runs a command in the repository root, echoing it; fails with its exit status.
pub fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}").replace('"', "");
    println!("\n$ {shown}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn serve() -> Result {
    setup::for_build()?;
    dist::dist()?;
    let port = std::env::var("PORT").unwrap_or_else(|_| "8080".into());
    println!("\nDemo: http://127.0.0.1:{port}/  (Ctrl-C stops the server)");
    run(Command::new("node").args(["e2e/support/serve.mjs", "--port", &port]))
}

fn test(args: &[String]) -> Result {
    let only = |layer: &str| args.is_empty() || args.iter().any(|a| a == layer);
    setup::for_build()?;
    setup::for_tests()?;
    if only("lint") {
        run(cargo().args(["fmt", "--all", "--check"]))?;
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        // The house rules: no import circle in src/ or engine/src/, no file over 500 lines.
        house::check()?;
    }
    if only("native") {
        run(cargo().args(["test", "--workspace"]))?;
    }
    if only("browser") {
        run(cargo()
            .args([
                "test",
                "--package",
                "maturity-check",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;
    }
    // The byte budget of the first view (README, "Size"): part of every full run, or alone with
    // `cargo xtask test budget`.
    let budget = only("budget");
    if only("e2e") || budget {
        dist::dist()?;
    }
    if budget {
        size::budget(&root().join("dist"))?;
        // The content-hashed names are stable: a second build of the same source names and
        // hashes every file as the first did (a CDN keeps serving what it cached).
        let listed = || dist::hash::listed(&root().join("dist"));
        let first = listed()?;
        dist::dist()?;
        dist::hash::same(&first, &listed()?)?;
    }
    if only("pack") {
        let tarball = pack::pack()?;
        pack::check_types(&tarball)?;
    }
    if only("e2e") {
        run(Command::new("node").args(["--test", "--test-concurrency=1", "e2e/"]))?;
    }
    println!("\nAll tests passed.");
    Ok(())
}
