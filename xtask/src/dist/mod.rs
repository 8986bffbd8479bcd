//! `dist/`: the folder a site owner deploys.
//!
//! 1. `cargo rustc --crate-type cdylib` with the `split` feature: a plain `cargo build` of a
//!    `cdylib + rlib` crate silently skips LTO (cargo issue 9672). `--emit-relocs` keeps what the
//!    splitter needs to move code between modules. The standard library is compiled with the
//!    widget ([`release::STD_FLAGS`]) so that a panic is a bare trap: 13 KB less brotli before the
//!    first question. Where the toolchain refuses that, the plain release build ([`release`]).
//! 2. wasm-split (`wasm_split_cli_support`, the splitter Leptos' own build tool uses) cuts the
//!    functions behind the widget's split points (`src/chunks.rs`) out of the main module into
//!    chunks, and writes `__wasm_split.js`, which fetches a chunk on its first call.
//! 3. wasm-bindgen on the main module, then the unused stream adapter exports are dropped
//!    ([`slim::UNUSED_EXPORTS`]) and wasm-bindgen's long import and export names shortened in the
//!    module and its glue ([`slim`], [`glue`]), then `wasm-opt -Oz` on every module, and its
//!    functions put in an order that compresses better ([`order`]). wasm-opt comes from the
//!    npm package `binaryen`; Debian's older wasm-opt writes modules that fail in the browser, so
//!    the version is checked before it runs.
//! 4. The built-in questionnaire, its core and its advice in a file per text locale (`de`,
//!    `de-formal`, `en`), and `public/`, the loader's list of locales written from the engine's
//!    ([`locales`]).
//! 5. esbuild (npm, pinned) minifies the stylesheets and bundles the loader with the glue, the chunk
//!    loader and the first view's stylesheet into one minified file: about 3 KB less brotli before
//!    the first question, and three requests fewer. The readable sources stay in `public/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use maturity_check_engine::builtin;

use crate::{root, run, Result};

mod glue;
pub mod hash;
mod locales;
mod order;
mod release;
mod slim;

pub use release::fallback_marker;
pub use slim::slim;

const CRATE: &str = "maturity_check";
const WASM_OPT_VERSION: &str = "132";

/// Set in the environment, `cargo xtask dist` keeps the functions' names in the modules, for a
/// CPU profile that names them (`node bench/run.mjs --profile DIR`); never for a deployed build.
const KEEP_NAMES: &str = "MC_KEEP_NAMES";

/// The wasm features the modules use beyond those `wasm-opt` assumes.
const WASM_FEATURES: [&str; 2] = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int"];

pub fn dist() -> Result {
    let root = root();
    let dist = root.join("dist");
    let fallback = release::release_build()?;
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear dist/: {e}"))?;
    }
    // The note goes with the dist/ it describes: kept while a failed build leaves the old one.
    let marker = fallback_marker();
    match fallback {
        Some(reason) => std::fs::write(&marker, format!("{reason}\n"))
            .map_err(|e| format!("{}: {e}", marker.display()))?,
        None => {
            let _ = std::fs::remove_file(&marker);
        }
    }
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create dist/: {e}"))?;
    let release = root.join("target/wasm32-unknown-unknown/release");
    let (main, chunks) = split(&release.join(format!("{CRATE}.wasm")), &release, &dist)?;
    run(Command::new("wasm-bindgen")
        // `--keep-debug` keeps the function names for [`slim`]; `wasm-opt` drops them.
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--keep-debug",
        ])
        .args(["--out-name", CRATE, "--out-dir"])
        .arg(&dist)
        .arg(&main))?;
    let main_wasm = dist.join(format!("{CRATE}_bg.wasm"));
    slim(&main_wasm, &dist.join(format!("{CRATE}.js")))?;
    let wasm_opt = wasm_opt(&root)?;
    // For profiling (`bench/profile.mjs`): the functions keep their names, in the linker's order.
    let names = std::env::var_os(KEEP_NAMES).is_some();
    if names {
        println!("{KEEP_NAMES} is set: the modules keep their function names (larger, for profiling only)");
    }
    for module in std::iter::once(main_wasm).chain(chunks) {
        run(Command::new(&wasm_opt)
            .args(["-Oz"])
            .args(if names { &["-g"][..] } else { &[][..] })
            .args(WASM_FEATURES)
            .arg(&module)
            .arg("-o")
            .arg(&module))?;
        if names {
            continue;
        }
        // Near-twin functions side by side, for brotli (see `order`). The levels make wasm-opt
        // write the code as compactly as `-Oz` did, without running its passes again.
        order::name_by_sort_key(&module)?;
        run(Command::new(&wasm_opt)
            .args(["--reorder-functions-by-name", "--strip-debug"])
            .args([
                "-ol",
                "2",
                "-s",
                "2",
                "--generate-stack-ir",
                "--optimize-stack-ir",
            ])
            .args(WASM_FEATURES)
            .arg(&module)
            .arg("-o")
            .arg(&module))?;
    }
    write_questionnaire_files(&dist)?;
    copy_dir(&root.join("public"), &dist)?;
    let loader = dist.join("maturity-check.js");
    let text =
        std::fs::read_to_string(&loader).map_err(|e| format!("dist/maturity-check.js: {e}"))?;
    std::fs::write(&loader, locales::write_into(&text)?)
        .map_err(|e| format!("dist/maturity-check.js: {e}"))?;
    minify(&root, &dist)?;
    println!("dist/ is ready");
    Ok(())
}

/// Splits `input`: the main module goes to `work/<crate>_split.wasm` (for wasm-bindgen), the
/// chunks and `__wasm_split.js` to `dist`. Returns the main module's path and the chunks'.
fn split(input: &Path, work: &Path, dist: &Path) -> Result<(PathBuf, Vec<PathBuf>)> {
    let wasm = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let main = work.join(format!("{CRATE}_split.wasm"));
    let main_module = format!("./{CRATE}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = dist;
    options.main_out_path = &main;
    options.main_module = &main_module;
    options.link_name = "./__wasm_split.js";
    let result =
        wasm_split_cli_support::transform(options).map_err(|e| format!("wasm-split: {e:?}"))?;
    Ok((main, result.split_modules))
}

fn wasm_opt(root: &Path) -> Result<PathBuf> {
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    let version = Command::new(&wasm_opt)
        .arg("--version")
        .output()
        .map_err(|e| format!("{}: {e}", wasm_opt.display()))?;
    let version = String::from_utf8_lossy(&version.stdout);
    if !version.contains(&format!("version {WASM_OPT_VERSION}")) {
        return Err(format!(
            "{} reports {version:?}; binaryen {WASM_OPT_VERSION} from npm is required",
            wasm_opt.display()
        ));
    }
    Ok(wasm_opt)
}

/// Minifies the JavaScript and CSS that `dist/` serves, in place, and names the files by their
/// content ([`hash`]). The loader is bundled with the glue and the chunk loader it imports, with
/// `public/files.js` (the files' hashes and the `fetch` that checks them, which the glue's and the
/// chunk loader's `fetch` are pointed at) and with the first view's stylesheet (their files are
/// then removed): one download instead of five, and the glue and the styles are there the moment
/// the loader runs. The loader still finds the wasm and the stylesheets, and the chunk loader the
/// chunks, next to itself (`import.meta.url`) or in the `base` a site sets.
fn minify(root: &Path, dist: &Path) -> Result {
    let esbuild = root.join("node_modules/.bin/esbuild");
    if !esbuild.exists() {
        return Err(format!(
            "{} is missing; `cargo xtask setup` installs the npm packages",
            esbuild.display()
        ));
    }
    let minified = |file: &Path| {
        let mut cmd = Command::new(&esbuild);
        cmd.arg(file)
            .arg(format!("--outfile={}", file.display()))
            .args(["--minify", "--allow-overwrite", "--log-level=warning"]);
        cmd
    };
    // The stylesheets first: the loader bundles the first view's, minified.
    for name in ["maturity-check.css", "maturity-check.results.css"] {
        run(&mut minified(&dist.join(name)))?;
    }
    let bundled = [
        format!("{CRATE}.js"),
        "__wasm_split.js".to_string(),
        "maturity-check.css".to_string(),
        "files.js".to_string(),
    ];
    let names: Vec<&str> = bundled.iter().map(String::as_str).collect();
    let first_view = hash::name_by_content(dist, &names)?;
    let files = dist.join("files.js");
    hash::fill_in(&files, &first_view)?;
    run(minified(&dist.join("maturity-check.js")).args([
        "--bundle",
        "--format=esm",
        "--loader:.css=text",
        // The glue's and the chunk loader's `fetch` is the one that checks the files' hashes.
        "--define:fetch=fetchFile",
        &format!("--inject:{}", files.display()),
        // wasm-bindgen's glue names the chunk loader once per import; the last one wins,
        // as it does unminified.
        "--log-override:duplicate-object-key=silent",
    ]))?;
    for name in &bundled {
        std::fs::remove_file(dist.join(name))
            .map_err(|e| format!("cannot remove the bundled dist/{name}: {e}"))?;
    }
    hash::write_integrity(dist)
}

/// The built-in questionnaire, two files per text locale: the core the first view reads, and the
/// advice (with what else only the results need). The formal German files (`de-formal`) hold every
/// text in its formal form, or the German one where it has none.
fn write_questionnaire_files(dist: &Path) -> Result {
    let q = maturity_check_engine::load(maturity_check_engine::DEFAULT_QUESTIONNAIRE)
        .map_err(|e| format!("questionnaire/default.json: {e}"))?;
    let declared = |l: &String| {
        q.locales
            .iter()
            .any(|d| d == maturity_check_engine::locales::base(l))
    };
    for locale in maturity_check_engine::locales::text_locales()
        .iter()
        .filter(|l| declared(l))
    {
        let name = builtin::core_file_name(locale);
        let core = builtin::core_file(&q, locale)
            .ok_or_else(|| format!("questionnaire/default.json cannot be written as {name}"))?;
        std::fs::write(dist.join(&name), core).map_err(|e| format!("dist/{name}: {e}"))?;
        let name = builtin::advice_file_name(locale);
        std::fs::write(dist.join(&name), builtin::advice_file(&q, locale))
            .map_err(|e| format!("dist/{name}: {e}"))?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// The fixtures of the post-processing tests (`fixtures/`) and what the tests read of a module.
#[cfg(test)]
mod fixtures {
    use wasmparser::{ElementItems, KnownCustom, Name, Operator, Parser, Payload, TypeRef};

    /// The module of `fixtures/slim.wat`.
    pub fn module() -> Vec<u8> {
        wat::parse_str(include_str!("fixtures/slim.wat")).expect("fixtures/slim.wat")
    }

    /// A glue in wasm-bindgen's shape for [`module`].
    pub const GLUE: &str = include_str!("fixtures/glue.js");

    /// Renames as the post-processing passes them on, from (old, new) pairs.
    pub fn pairs(renames: &[(&str, &str)]) -> super::glue::Renames {
        renames
            .iter()
            .map(|(old, new)| (old.to_string(), new.to_string()))
            .collect()
    }

    /// Fails the test unless `bytes` is a valid module.
    pub fn validate(bytes: &[u8]) {
        if let Err(e) = wasmparser::Validator::new().validate_all(bytes) {
            panic!("not a valid module: {e}");
        }
    }

    fn payloads(bytes: &[u8]) -> impl Iterator<Item = Payload<'_>> {
        Parser::new(0).parse_all(bytes).map(|p| p.expect("payload"))
    }

    /// (module, name) of every import.
    pub fn imports(bytes: &[u8]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for payload in payloads(bytes) {
            if let Payload::ImportSection(reader) = payload {
                for import in reader.into_imports() {
                    let import = import.expect("import");
                    assert!(matches!(import.ty, TypeRef::Func(_)));
                    out.push((import.module.to_string(), import.name.to_string()));
                }
            }
        }
        out
    }

    /// The name of every export.
    pub fn exports(bytes: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        for payload in payloads(bytes) {
            if let Payload::ExportSection(reader) = payload {
                for export in reader {
                    out.push(export.expect("export").name.to_string());
                }
            }
        }
        out
    }

    /// The function in every slot of the element segments; `None` for an emptied slot.
    pub fn table_slots(bytes: &[u8]) -> Vec<Option<u32>> {
        let mut out = Vec::new();
        for payload in payloads(bytes) {
            if let Payload::ElementSection(reader) = payload {
                for element in reader {
                    match element.expect("element").items {
                        ElementItems::Functions(funcs) => {
                            out.extend(funcs.into_iter().map(|f| Some(f.expect("function"))))
                        }
                        ElementItems::Expressions(_, exprs) => {
                            for expr in exprs {
                                let expr = expr.expect("expression");
                                out.push(match expr.get_operators_reader().read().expect("op") {
                                    Operator::RefFunc { function_index } => Some(function_index),
                                    Operator::RefNull { .. } => None,
                                    other => panic!("unexpected {other:?}"),
                                });
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// (index, name) of the functions the name section names, and how many name sections there are.
    pub fn function_names(bytes: &[u8]) -> (Vec<(u32, String)>, usize) {
        let mut out = Vec::new();
        let mut sections = 0;
        for payload in payloads(bytes) {
            if let Payload::CustomSection(custom) = payload {
                if let KnownCustom::Name(names) = custom.as_known() {
                    sections += 1;
                    for name in names {
                        if let Name::Function(functions) = name.expect("name") {
                            for naming in functions {
                                let naming = naming.expect("naming");
                                out.push((naming.index, naming.name.to_string()));
                            }
                        }
                    }
                }
            }
        }
        (out, sections)
    }

    /// The bytes of the section with the id `id` (without its id and size), if there is one.
    pub fn section(bytes: &[u8], id: u8) -> Option<Vec<u8>> {
        payloads(bytes).find_map(|payload| {
            let (section_id, range) = payload.as_section()?;
            (section_id == id).then(|| bytes[range.start as usize..range.end as usize].to_vec())
        })
    }

    /// The ids of the sections that are not rewritten by a step that rewrites `rewritten`: type,
    /// function, table, memory, code, data, as far as the module has them.
    pub fn other_sections(bytes: &[u8], rewritten: &[u8]) -> Vec<(u8, Vec<u8>)> {
        [1u8, 3, 4, 5, 6, 9, 10, 11]
            .into_iter()
            .filter(|id| !rewritten.contains(id))
            .filter_map(|id| section(bytes, id).map(|s| (id, s)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{self, *};

    /// A scratch directory of its own for a test.
    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        dir
    }

    /// `cargo xtask slim` on the fixtures: the module stays valid, the glue names every import and
    /// export the module kept by its new name, and nothing of the stream adapters is left in it.
    #[test]
    fn slim_leaves_a_valid_module_and_a_glue_that_fits_it() {
        let dir = scratch("slim");
        let (module, glue) = (dir.join("m_bg.wasm"), dir.join("m.js"));
        std::fs::write(&module, fixtures::module()).unwrap();
        std::fs::write(&glue, GLUE).unwrap();
        super::slim(&module, &glue).unwrap();
        let slimmed = std::fs::read(&module).unwrap();
        let glue = std::fs::read_to_string(&glue).unwrap();
        validate(&slimmed);
        for (_, name) in imports(&slimmed) {
            assert!(
                glue.contains(&format!("imports.wbg.{name} = function")),
                "{name}"
            );
        }
        assert!(glue.contains("wasm.mount(element)"));
        assert!(glue.contains("passStringToWasm0(text, wasm.c)"));
        assert!(!glue.contains("IntoUnderlying"), "{glue}");
        assert!(!glue.contains("intounderlying"), "{glue}");
        assert!(
            !glue.contains("__wbg_appendChild_7465eba84213c75f ="),
            "{glue}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
