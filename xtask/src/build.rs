//! `dist/`: the folder a site owner deploys.
//!
//! 1. `cargo rustc --crate-type cdylib` with the `split` feature: a plain `cargo build` of a
//!    `cdylib + rlib` crate silently skips LTO (cargo issue 9672). `--emit-relocs` keeps what the
//!    splitter needs to move code between modules. The standard library is compiled with the
//!    widget ([`STD_FLAGS`]) so that a panic is a bare trap: 13 KB less brotli before the first
//!    question.
//! 2. wasm-split (`wasm_split_cli_support`, the splitter Leptos' own build tool uses) cuts the
//!    functions behind the widget's split points (`src/chunks.rs`) out of the main module into
//!    chunks, and writes `__wasm_split.js`, which fetches a chunk on its first call.
//! 3. wasm-bindgen on the main module, then the unused stream adapter exports are dropped
//!    ([`UNUSED_EXPORTS`]), then `wasm-opt -Oz` on every module. wasm-opt comes from the
//!    npm package `binaryen`; Debian's older wasm-opt writes modules that fail in the browser, so
//!    the version is checked before it runs.
//! 4. The built-in questionnaire's advice, one file per locale, and `public/`.
//! 5. esbuild (npm, pinned) minifies the JavaScript (loader, glue, chunk loader) and the stylesheet in
//!    place: about 3 KB less brotli before the first question. The readable sources stay in
//!    `public/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use maturity_check_engine::builtin;

use crate::{cargo, root, run, Result};

const CRATE: &str = "maturity_check";
const WASM_OPT_VERSION: &str = "132";

pub fn dist() -> Result {
    let root = root();
    let dist = root.join("dist");
    // `-Z` flags on the stable toolchain: see [`STD_FLAGS`].
    run(cargo()
        .env("RUSTC_BOOTSTRAP", "1")
        .arg("--config")
        .arg(target_rustflags())
        .args([
            "rustc",
            "-Zbuild-std=std,panic_abort",
            "--package",
            "maturity-check",
            "--lib",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--crate-type",
            "cdylib",
            "--features",
            "split",
            "--",
            "-C",
            "link-args=--emit-relocs",
        ]))?;
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear dist/: {e}"))?;
    }
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create dist/: {e}"))?;
    let release = root.join("target/wasm32-unknown-unknown/release");
    let (main, chunks) = split(&release.join(format!("{CRATE}.wasm")), &release, &dist)?;
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
        .args(["--out-name", CRATE, "--out-dir"])
        .arg(&dist)
        .arg(&main))?;
    let main_wasm = dist.join(format!("{CRATE}_bg.wasm"));
    let dropped = drop_exports(&main_wasm, |name| {
        UNUSED_EXPORTS.iter().any(|p| name.starts_with(p))
    })?;
    println!("dropped {dropped} exports of the unused streams adapters");
    let wasm_opt = wasm_opt(&root)?;
    for module in std::iter::once(main_wasm).chain(chunks) {
        run(Command::new(&wasm_opt)
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
            ])
            .arg(&module)
            .arg("-o")
            .arg(&module))?;
    }
    write_advice_files(&dist)?;
    copy_dir(&root.join("public"), &dist)?;
    minify(&root, &dist)?;
    println!("dist/ is ready");
    Ok(())
}

/// Exports of the main module that the widget never calls: Leptos always builds `server_fn` with
/// its browser client, which exports wasm-streams' JS stream adapters (`IntoUnderlyingSource`,
/// `IntoUnderlyingByteSource`, `IntoUnderlyingSink`) from the module. The widget has no server
/// functions, so nothing constructs them; as exports they would keep their code, and std's I/O
/// error texts with it, in the first view. Dropping the exports lets `wasm-opt` remove it. The
/// glue keeps the (unused) JS classes; they only name these exports inside their methods.
const UNUSED_EXPORTS: &[&str] = &["intounderlying", "__wbg_intounderlying"];

/// Rewrites the module at `path` without the exports whose names `unused` picks; every other
/// section is copied byte for byte. Returns how many exports were dropped.
fn drop_exports(path: &Path, unused: impl Fn(&str) -> bool) -> Result<usize> {
    use wasm_encoder::{ExportKind, ExportSection, Module, RawSection};
    use wasmparser::{ExternalKind, Parser, Payload};
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let invalid = |e: wasmparser::BinaryReaderError| format!("{}: {e}", path.display());
    let mut module = Module::new();
    let mut dropped = 0;
    for payload in Parser::new(0).parse_all(&bytes) {
        match payload.map_err(invalid)? {
            Payload::ExportSection(reader) => {
                let mut exports = ExportSection::new();
                for export in reader {
                    let export = export.map_err(invalid)?;
                    if unused(export.name) {
                        dropped += 1;
                        continue;
                    }
                    let kind = match export.kind {
                        ExternalKind::Func | ExternalKind::FuncExact => ExportKind::Func,
                        ExternalKind::Table => ExportKind::Table,
                        ExternalKind::Memory => ExportKind::Memory,
                        ExternalKind::Global => ExportKind::Global,
                        ExternalKind::Tag => ExportKind::Tag,
                    };
                    exports.export(export.name, kind, export.index);
                }
                module.section(&exports);
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    let data = &bytes[range.start as usize..range.end as usize];
                    module.section(&RawSection { id, data });
                }
            }
        }
    }
    std::fs::write(path, module.finish()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(dropped)
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

/// How the release build compiles the widget and the standard library (`-Zbuild-std`, from the
/// `rust-src` component that `cargo xtask setup` installs):
///
/// * `-Cpanic=immediate-abort`: a panic traps at once, without formatting a message. With the
///   prebuilt std, `panic = "abort"` still formats the message and hands it to the panic hook,
///   which on `wasm32-unknown-unknown` writes it nowhere; the formatting and the messages of every
///   `unwrap`, index and slice check were dead weight in the first view (about 13 KB brotli).
///   The widget never panics on outside input (its tests see to that); a panic is a bug either way.
/// * `-Zlocation-detail=none`: no source file names and lines for panics that nobody reads.
///
/// These are unstable flags. `RUSTC_BOOTSTRAP=1` lets the stable toolchain (1.95) accept them for
/// this one build; the tests, clippy and the native builds do not use them.
const STD_FLAGS: &[&str] = &[
    "-Zunstable-options",
    "-Cpanic=immediate-abort",
    "-Zlocation-detail=none",
];

/// A `--config` value with the rustflags of the wasm target: [`STD_FLAGS`], and the shortening of
/// dependencies' source paths from `<cargo home>/registry/src/<index>/tachys-0.2.19/src/dom.rs` to
/// `tachys-0.2.19/src/dom.rs`, so that no trace of the machine that built `dist/` is left in it.
fn target_rustflags() -> String {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    let registry = home.join("registry/src");
    let mut flags: Vec<String> = std::fs::read_dir(&registry)
        .into_iter()
        .flatten()
        .flatten()
        .map(|index| format!("\"--remap-path-prefix={}/=\"", index.path().display()))
        .collect();
    flags.sort();
    flags.extend(STD_FLAGS.iter().map(|f| format!("\"{f}\"")));
    format!(
        "target.wasm32-unknown-unknown.rustflags=[{}]",
        flags.join(",")
    )
}

/// Minifies the JavaScript and CSS that `dist/` serves, each file in place. No bundling: every file
/// keeps its name and its imports, so the loader still finds the glue and the glue its chunks.
fn minify(root: &Path, dist: &Path) -> Result {
    let esbuild = root.join("node_modules/.bin/esbuild");
    if !esbuild.exists() {
        return Err(format!(
            "{} is missing; `cargo xtask setup` installs the npm packages",
            esbuild.display()
        ));
    }
    let names = [
        "maturity-check.js",
        "maturity_check.js",
        "__wasm_split.js",
        "maturity-check.css",
        "maturity-check.results.css",
    ];
    for name in names {
        let file = dist.join(name);
        run(Command::new(&esbuild)
            .arg(&file)
            .arg(format!("--outfile={}", file.display()))
            .args([
                "--minify",
                "--allow-overwrite",
                "--log-level=warning",
                // wasm-bindgen's glue names the chunk loader once per import; the last one wins,
                // as it does unminified.
                "--log-override:duplicate-object-key=silent",
            ]))?;
    }
    Ok(())
}

/// The built-in questionnaire's advice, one file per locale: the wasm carries only the core.
fn write_advice_files(dist: &Path) -> Result {
    let q = maturity_check_engine::load(maturity_check_engine::DEFAULT_QUESTIONNAIRE)
        .map_err(|e| format!("questionnaire/default.json: {e}"))?;
    for locale in &q.locales {
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
