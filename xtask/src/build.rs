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
//!    ([`UNUSED_EXPORTS`]) and wasm-bindgen's long import and export names shortened in the module
//!    and its glue ([`slim_interface`]), then `wasm-opt -Oz` on every module, and its functions
//!    put in an order that compresses better ([`crate::order`]). wasm-opt comes from the
//!    npm package `binaryen`; Debian's older wasm-opt writes modules that fail in the browser, so
//!    the version is checked before it runs.
//! 4. The built-in questionnaire, its core and its advice in a file per locale, and `public/`.
//! 5. esbuild (npm, pinned) minifies the stylesheets and bundles the loader with the glue, the chunk
//!    loader and the first view's stylesheet into one minified file: about 3 KB less brotli before
//!    the first question, and three requests fewer. The readable sources stay in `public/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use maturity_check_engine::builtin;

use crate::{cargo, root, run, Result};

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
    let marker = fallback_marker();
    let _ = std::fs::remove_file(&marker);
    if let Some(reason) = release_build()? {
        std::fs::write(&marker, format!("{reason}\n"))
            .map_err(|e| format!("{}: {e}", marker.display()))?;
    }
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear dist/: {e}"))?;
    }
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create dist/: {e}"))?;
    let release = root.join("target/wasm32-unknown-unknown/release");
    let (main, chunks) = split(&release.join(format!("{CRATE}.wasm")), &release, &dist)?;
    run(Command::new("wasm-bindgen")
        // `--keep-debug` keeps the function names for [`slim_interface`]; `wasm-opt` drops them.
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
        crate::order::name_by_sort_key(&module)?;
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
    minify(&root, &dist)?;
    println!("dist/ is ready");
    Ok(())
}

/// Set in the environment (`MC_PLAIN_STD=1`), `cargo xtask dist` skips the build with the
/// unstable flags ([`STD_FLAGS`]) and makes the plain release build, as it does when a toolchain
/// refuses them: to see what the fallback gives.
const PLAIN_STD: &str = "MC_PLAIN_STD";

/// Where `cargo xtask dist` notes that `dist/` holds the plain release build and why (outside
/// `dist/`, which is deployed as it is). The byte budget names it when it fails.
pub fn fallback_marker() -> PathBuf {
    root().join("target/dist-plain-std.txt")
}

/// Step 1: the release wasm. First with std compiled for the widget ([`STD_FLAGS`]); if the
/// toolchain refuses that ([`refusal`]) or [`PLAIN_STD`] is set, the plain release build with the
/// prebuilt std and `panic = "abort"` (about 13 KB brotli larger), said on stderr. Returns the
/// reason when the plain build was made. A compile error of the widget fails either way: the
/// fallback is only tried for a refusal of the flags, and fails if the plain build fails too.
fn release_build() -> Result<Option<String>> {
    let reason = if std::env::var_os(PLAIN_STD).is_some_and(|v| !v.is_empty() && v != "0") {
        format!("{PLAIN_STD} is set")
    } else {
        // `-Z` flags on the stable toolchain: see [`STD_FLAGS`].
        let mut cmd = cargo();
        cmd.env("RUSTC_BOOTSTRAP", "1")
            .arg("--config")
            .arg(target_rustflags(STD_FLAGS))
            .args(["rustc", "-Zbuild-std=std,panic_abort"])
            .args(RUSTC_ARGS);
        let stderr = match run_teeing_stderr(&mut cmd)? {
            Ok(()) => return Ok(None),
            Err(stderr) => stderr,
        };
        match refusal(&stderr) {
            Some(line) => format!("the toolchain refused the build with std: {line}"),
            None => return Err("the release build of the widget failed (see above)".into()),
        }
    };
    eprintln!(
        "\nxtask: falling back to the plain release build (prebuilt std, panic = \"abort\", no \
         -Zbuild-std): {reason}. The first view is about 13 KB brotli larger than with std \
         compiled for the widget; the byte budget was measured with that."
    );
    let mut cmd = cargo();
    cmd.env_remove("RUSTC_BOOTSTRAP")
        .arg("--config")
        .arg(target_rustflags(&[]))
        .arg("rustc")
        .args(RUSTC_ARGS);
    run(&mut cmd).map_err(|e| format!("{e}\nthe plain release build failed too ({reason})"))?;
    Ok(Some(reason))
}

/// The arguments of both release builds after `cargo rustc`.
const RUSTC_ARGS: &[&str] = &[
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
];

/// What cargo and rustc say when they refuse the build with std ([`STD_FLAGS`], `-Zbuild-std`):
/// a stable toolchain without `RUSTC_BOOTSTRAP`, a flag renamed or removed, no `rust-src`.
const REFUSALS: &[&str] = &[
    "only accepted on the nightly",
    "unknown unstable option",
    "unstable-options",
    "-Zbuild-std",
    "build-std",
    "rust-src",
    "unable to build with the standard library",
    "immediate-abort",
    "location-detail",
    "panic_abort",
];

/// The line of `stderr` that says the toolchain refused the build with std (an `error` line
/// first), if one does. A compile error of the widget names none of [`REFUSALS`].
fn refusal(stderr: &str) -> Option<&str> {
    let refuses = |l: &&str| REFUSALS.iter().any(|r| l.contains(r));
    let mut lines = stderr.lines().map(str::trim);
    lines
        .clone()
        .filter(|l| l.starts_with("error"))
        .find(refuses)
        .or_else(|| lines.find(refuses))
}

/// Runs `cmd` in the repository root like [`run`], its stderr shown as it comes and kept: `Ok(Ok)`
/// on success, `Ok(Err(stderr))` when it fails.
fn run_teeing_stderr(cmd: &mut Command) -> Result<std::result::Result<(), String>> {
    use std::io::{BufRead, Write};
    let shown = format!("{cmd:?}").replace('"', "");
    println!("\n$ {shown}");
    let mut child = cmd
        .current_dir(root())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    let mut kept = String::new();
    if let Some(stderr) = child.stderr.take() {
        let mut err = std::io::stderr();
        for line in std::io::BufReader::new(stderr)
            .split(b'\n')
            .map_while(|l| l.ok())
        {
            let line = String::from_utf8_lossy(&line);
            let _ = writeln!(err, "{line}");
            kept.push_str(&line);
            kept.push('\n');
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("`{shown}` did not finish: {e}"))?;
    Ok(if status.success() { Ok(()) } else { Err(kept) })
}

/// The main module after wasm-bindgen, and its glue: the unused stream adapter exports dropped and
/// their code's table slots emptied, wasm-bindgen's names shortened ([`slim_interface`]). Also
/// `cargo xtask slim <module> <glue>`, with which `bench/bytes.mjs` makes its named twin of the
/// module the same way.
pub fn slim(module: &Path, glue: &Path) -> Result {
    let (dropped, renames) = slim_interface(module, |name| {
        UNUSED_EXPORTS.iter().any(|p| name.starts_with(p))
    })?;
    rename_in_glue(glue, &renames)?;
    drop_unused_classes(glue)?;
    println!(
        "dropped {dropped} exports of the unused streams adapters and their JS classes, shortened {} of wasm-bindgen's names",
        renames.len()
    );
    Ok(())
}

/// The glue's JS classes for the [`UNUSED_EXPORTS`]: their methods only call the dropped exports.
/// The bundler cannot leave them out by itself (each class is followed by a statement that sets
/// its `Symbol.dispose`, and each has a `FinalizationRegistry` made at load), so they are cut
/// from the glue: about 1.5 KB of the loader, 0.4 KB brotli.
const UNUSED_CLASSES: &[&str] = &[
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// Cuts each of [`UNUSED_CLASSES`] out of the glue at `path`: the class, the statement after it
/// that sets its `Symbol.dispose`, and its finalization registry. Fails if one of these is not
/// found, which would mean the glue changed its shape.
fn drop_unused_classes(path: &Path) -> Result {
    let mut glue = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let shape = |what: &str| {
        format!(
            "{}: {what} not found; the removal of the unused stream adapter classes does not fit this glue",
            path.display()
        )
    };
    for class in UNUSED_CLASSES {
        let start = glue
            .find(&format!("export class {class} {{"))
            .ok_or_else(|| shape(&format!("`export class {class}`")))?;
        let dispose = format!(
            "if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"
        );
        let end = glue[start..]
            .find(&dispose)
            .map(|i| start + i + dispose.len())
            .ok_or_else(|| shape(&format!("the `Symbol.dispose` line of {class}")))?;
        glue.replace_range(start..end, "");
        let registry = format!("const {class}Finalization = ");
        let start = glue
            .find(&registry)
            .ok_or_else(|| shape(&format!("`{registry}`")))?;
        let end = glue[start..]
            .find(";\n")
            .map(|i| start + i + 2)
            .ok_or_else(|| shape(&format!("the end of `{registry}`")))?;
        glue.replace_range(start..end, "");
        if glue.contains(class) {
            return Err(shape(&format!(
                "a glue without any other mention of {class}"
            )));
        }
    }
    std::fs::write(path, glue).map_err(|e| format!("{}: {e}", path.display()))
}

/// Exports of the main module that the widget never calls: Leptos always builds `server_fn` with
/// its browser client, which exports wasm-streams' JS stream adapters (`IntoUnderlyingSource`,
/// `IntoUnderlyingByteSource`, `IntoUnderlyingSink`) from the module. The widget has no server
/// functions, so nothing constructs them; as exports they would keep their code, and std's I/O
/// error texts with it, in the first view. Dropping the exports lets `wasm-opt` remove it; their
/// JS classes leave the glue too ([`UNUSED_CLASSES`]).
const UNUSED_EXPORTS: &[&str] = &["intounderlying", "__wbg_intounderlying"];

/// Code that only the [`UNUSED_EXPORTS`] reach, by a part of its functions' names: the futures of
/// the stream adapters, which wasm-bindgen's executor runs through the function table. Their table
/// slots are emptied ([`slim_interface`]), so that `wasm-opt` can drop them and what they use
/// (std's I/O error texts among it).
const UNUSED_CODE: &[&str] = &["wasm_streams"];

/// Rewrites the module at `path`: drops the exports whose names `unused` picks and gives every
/// import and export that only wasm-bindgen's glue uses ([`is_glue_name`]) a short name. Every
/// other section is copied byte for byte. Returns how many exports were dropped and the renames
/// (old name, new name), which [`rename_in_glue`] applies to the glue.
///
/// wasm-bindgen names each import after the JS function and a 16-digit hash
/// (`__wbg_appendChild_7465eba84213c75f`), and the closure shims after their full Rust types. The
/// names stand in both the wasm and the glue, and the hashes do not compress: about 3.8 KB brotli
/// of the first view, for names nobody reads.
///
/// It also empties the function table's slots of [`UNUSED_CODE`]: the table is exported (the
/// chunks share it), so `wasm-opt` must keep every function in it, even one that only the dropped
/// exports could reach. An emptied slot traps if it is ever called, as a panic would.
fn slim_interface(path: &Path, unused: impl Fn(&str) -> bool) -> Result<(usize, Renames)> {
    use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
    use wasm_encoder::{
        ConstExpr, ElementSection, Elements, ExportKind, ExportSection, HeapType, ImportSection,
        Module, RawSection, RefType,
    };
    use wasmparser::{ElementItems, ElementKind, ExternalKind, KnownCustom, Name, Parser, Payload};
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let invalid = |e: wasmparser::BinaryReaderError| format!("{}: {e}", path.display());
    let reencode = |e: wasm_encoder::reencode::Error| format!("{}: {e}", path.display());
    // The functions whose table slots are emptied, by the names the name section gives them.
    let mut unused_code = std::collections::HashSet::new();
    for payload in Parser::new(0).parse_all(&bytes) {
        if let Payload::CustomSection(custom) = payload.map_err(invalid)? {
            if let KnownCustom::Name(names) = custom.as_known() {
                for name in names {
                    if let Name::Function(functions) = name.map_err(invalid)? {
                        for naming in functions {
                            let naming = naming.map_err(invalid)?;
                            if UNUSED_CODE.iter().any(|c| naming.name.contains(c)) {
                                unused_code.insert(naming.index);
                            }
                        }
                    }
                }
            }
        }
    }
    if unused_code.is_empty() {
        return Err(format!(
            "{}: no function of {UNUSED_CODE:?} found; without names (wasm-bindgen \
             --keep-debug) or without that code, revisit UNUSED_CODE",
            path.display()
        ));
    }
    let mut module = Module::new();
    let mut dropped = 0;
    let mut renames = Renames::new();
    let mut short = |name: &str| -> String {
        if !is_glue_name(name) {
            return name.to_string();
        }
        let new = short_name(renames.len());
        renames.push((name.to_string(), new.clone()));
        new
    };
    for payload in Parser::new(0).parse_all(&bytes) {
        match payload.map_err(invalid)? {
            Payload::ImportSection(reader) => {
                let mut imports = ImportSection::new();
                for import in reader.into_imports() {
                    let import = import.map_err(invalid)?;
                    let ty = RoundtripReencoder
                        .entity_type(import.ty)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    imports.import(import.module, &short(import.name), ty);
                }
                module.section(&imports);
            }
            Payload::ElementSection(reader) => {
                let mut elements = ElementSection::new();
                for element in reader {
                    let element = element.map_err(invalid)?;
                    let exprs: Vec<ConstExpr>;
                    let funcs: Vec<u32>;
                    let items = match element.items {
                        ElementItems::Functions(reader) => {
                            funcs = reader
                                .into_iter()
                                .collect::<std::result::Result<_, _>>()
                                .map_err(invalid)?;
                            if funcs.iter().any(|f| unused_code.contains(f)) {
                                exprs = funcs
                                    .iter()
                                    .map(|&f| match unused_code.contains(&f) {
                                        true => ConstExpr::ref_null(HeapType::FUNC),
                                        false => ConstExpr::ref_func(f),
                                    })
                                    .collect();
                                Elements::Expressions(RefType::FUNCREF, exprs.as_slice().into())
                            } else {
                                Elements::Functions(funcs.as_slice().into())
                            }
                        }
                        ElementItems::Expressions(ty, reader) => {
                            exprs = reader
                                .into_iter()
                                .map(|e| {
                                    RoundtripReencoder
                                        .const_expr(e.map_err(invalid)?)
                                        .map_err(reencode)
                                })
                                .collect::<Result<_>>()?;
                            let ty = RoundtripReencoder.ref_type(ty).map_err(reencode)?;
                            Elements::Expressions(ty, exprs.as_slice().into())
                        }
                    };
                    match element.kind {
                        ElementKind::Active {
                            table_index,
                            offset_expr,
                        } => {
                            let offset = RoundtripReencoder
                                .const_expr(offset_expr)
                                .map_err(reencode)?;
                            elements.active(table_index, &offset, items)
                        }
                        ElementKind::Passive => elements.passive(items),
                        ElementKind::Declared => elements.declared(items),
                    };
                }
                module.section(&elements);
            }
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
                    exports.export(&short(export.name), kind, export.index);
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
    Ok((dropped, renames))
}

/// (old name, new name) of the main module's imports and exports.
type Renames = Vec<(String, String)>;

/// Names that wasm-bindgen makes up for its own glue: the JS functions the module imports
/// (`__wbg_…`, `__wbindgen_…`), and its allocator, externref table and closure shims. The page
/// never sees them. The widget's own exports (`mount`, `widgethandle_destroy`), the linker's and
/// those the chunk loader reads (`memory`, `__indirect_function_table`, `__wasm_split_shared0`)
/// keep their names.
fn is_glue_name(name: &str) -> bool {
    ["__wbg_", "__wbindgen_", "wasm_bindgen_", "__externref_"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
}

/// The `n`th short name: `a` … `Z`, then `aa`, `ab`, … (letters only, so every name is a plain
/// JS property name and none of them is one of the names that stay).
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

/// Applies `renames` to the glue at `path`: every identifier-like word (letters, digits, `_`, `$`)
/// that is an old name becomes the new one, wherever it stands (import object keys, `wasm.…`).
/// The old names are long and carry hashes or full type paths, so no other word of the glue
/// matches one. Fails if a name is not found, which would mean the glue changed its shape.
fn rename_in_glue(path: &Path, renames: &Renames) -> Result {
    let glue = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let map: std::collections::HashMap<&str, &str> = renames
        .iter()
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(glue.len());
    let mut word = String::new();
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    for c in glue.chars().chain(std::iter::once('\n')) {
        if is_word(c) {
            word.push(c);
            continue;
        }
        match map.get(word.as_str()) {
            Some(new) => {
                seen.insert(word.clone());
                out.push_str(new);
            }
            None => out.push_str(&word),
        }
        word.clear();
        out.push(c);
    }
    out.pop();
    if let Some((old, _)) = renames.iter().find(|(old, _)| !seen.contains(old)) {
        return Err(format!(
            "{}: the glue never names the wasm's `{old}`; the renaming of wasm-bindgen's names \
             does not fit this glue",
            path.display()
        ));
    }
    std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
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

/// A `--config` value with the rustflags of the wasm target: `std_flags`, and the shortening of
/// dependencies' source paths from `<cargo home>/registry/src/<index>/tachys-0.2.19/src/dom.rs` to
/// `tachys-0.2.19/src/dom.rs`, so that no trace of the machine that built `dist/` is left in it.
fn target_rustflags(std_flags: &[&str]) -> String {
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
    flags.extend(std_flags.iter().map(|f| format!("\"{f}\"")));
    format!(
        "target.wasm32-unknown-unknown.rustflags=[{}]",
        flags.join(",")
    )
}

/// Minifies the JavaScript and CSS that `dist/` serves, in place. The loader is bundled with the
/// glue and the chunk loader it imports and with the first view's stylesheet (their files are then
/// removed): one download instead of four, and the glue and the styles are there the moment the
/// loader runs. The loader still finds the wasm and
/// the stylesheets, and the chunk loader the chunks, next to itself (`import.meta.url`).
fn minify(root: &Path, dist: &Path) -> Result {
    let esbuild = root.join("node_modules/.bin/esbuild");
    if !esbuild.exists() {
        return Err(format!(
            "{} is missing; `cargo xtask setup` installs the npm packages",
            esbuild.display()
        ));
    }
    // The stylesheets first: the loader bundles the first view's, minified.
    for (name, bundle) in [
        ("maturity-check.css", false),
        ("maturity-check.results.css", false),
        ("maturity-check.js", true),
    ] {
        let file = dist.join(name);
        run(Command::new(&esbuild)
            .arg(&file)
            .arg(format!("--outfile={}", file.display()))
            .args(if bundle {
                &["--bundle", "--format=esm", "--loader:.css=text"][..]
            } else {
                &[]
            })
            .args([
                "--minify",
                "--allow-overwrite",
                "--log-level=warning",
                // wasm-bindgen's glue names the chunk loader once per import; the last one wins,
                // as it does unminified.
                "--log-override:duplicate-object-key=silent",
            ]))?;
    }
    for bundled in [
        format!("{CRATE}.js"),
        "__wasm_split.js".to_string(),
        "maturity-check.css".to_string(),
    ] {
        std::fs::remove_file(dist.join(&bundled))
            .map_err(|e| format!("cannot remove the bundled dist/{bundled}: {e}"))?;
    }
    Ok(())
}

/// The built-in questionnaire, two files per locale: the core the first view reads, and the advice
/// (with what else only the results need).
fn write_questionnaire_files(dist: &Path) -> Result {
    let q = maturity_check_engine::load(maturity_check_engine::DEFAULT_QUESTIONNAIRE)
        .map_err(|e| format!("questionnaire/default.json: {e}"))?;
    for locale in &q.locales {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_of_the_unstable_flags_is_recognised() {
        // Cargo on a stable toolchain without RUSTC_BOOTSTRAP.
        let stable = "error: the `-Z` flag is only accepted on the nightly channel of Cargo, but this is the `stable` channel\nSee https://doc.rust-lang.org/book/appendix-07-nightly-rust.html for more information about Rust releases.\n";
        assert_eq!(
            refusal(stable),
            Some("error: the `-Z` flag is only accepted on the nightly channel of Cargo, but this is the `stable` channel")
        );
        // No std source.
        let no_src = "   Compiling x v0.1.0\nerror: \"/root/.rustup/toolchains/1.95.0/lib/rustlib/src/rust/library/Cargo.lock\" does not exist, unable to build with the standard library, try:\n        rustup component add rust-src --toolchain 1.95.0\n";
        assert!(refusal(no_src)
            .unwrap()
            .contains("unable to build with the standard library"));
        // A flag that a later toolchain renamed.
        let renamed = "error: incorrect value `immediate-abort` for codegen option `panic` - either `unwind` or `abort` was expected\n";
        assert!(refusal(renamed).is_some());
        let unknown = "warning: unused\nerror: unknown unstable option: `location-detail`\n";
        assert_eq!(
            refusal(unknown),
            Some("error: unknown unstable option: `location-detail`")
        );
    }

    #[test]
    fn a_compile_error_of_the_widget_is_no_refusal() {
        let widget = "   Compiling maturity-check v0.1.0 (/work/src)\nerror[E0308]: mismatched types\n  --> src/check.rs:12:5\n   |\n12 |     1u8\n   |     ^^^ expected `u32`, found `u8`\n\nerror: could not compile `maturity-check` (lib) due to 1 previous error\n";
        assert_eq!(refusal(widget), None);
        assert_eq!(refusal(""), None);
    }
}
