//! `dist/`: the folder a site owner deploys.
//!
//! The release build goes through `cargo rustc --crate-type cdylib`, because a plain `cargo build`
//! of a `cdylib + rlib` crate silently skips LTO (cargo issue 9672). wasm-opt comes from the npm
//! package `binaryen`; Debian's older wasm-opt writes modules that fail in the browser, so the
//! version is checked before it runs.

use std::path::Path;
use std::process::Command;

use maturity_check_engine::builtin;

use crate::{cargo, root, run, Result};

const CRATE: &str = "maturity_check";
const WASM_OPT_VERSION: &str = "132";

pub fn dist() -> Result {
    let root = root();
    let dist = root.join("dist");
    run(cargo().args([
        "rustc",
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
    let wasm = root.join(format!(
        "target/wasm32-unknown-unknown/release/{CRATE}.wasm"
    ));
    std::fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    let input = std::fs::read(&wasm).map_err(|e| e.to_string())?;
    let main_out = root.join(format!(
        "target/wasm32-unknown-unknown/release/{CRATE}_split.wasm"
    ));
    let split = wasm_split_cli_support::transform({
        let mut o = wasm_split_cli_support::Options::new(&input);
        o.output_dir = &dist;
        o.main_out_path = &main_out;
        o.main_module = "./maturity_check.js";
        o.link_name = "./__wasm_split.js";
        o
    })
    .map_err(|e| format!("wasm split: {e:?}"))?;
    println!("split modules: {:?}", split.split_modules);
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--out-name",
            CRATE,
            "--out-dir",
        ])
        .arg(&dist)
        .arg(&main_out))?;
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
    let bg = dist.join(format!("{CRATE}_bg.wasm"));
    run(Command::new(&wasm_opt)
        .arg("-Oz")
        .arg("--enable-bulk-memory")
        .arg("--enable-nontrapping-float-to-int")
        .arg(&bg)
        .arg("-o")
        .arg(&bg))?;
    for m in &split.split_modules {
        run(Command::new(&wasm_opt)
            .arg("-Oz")
            .arg("--enable-bulk-memory")
            .arg("--enable-nontrapping-float-to-int")
            .arg(m)
            .arg("-o")
            .arg(m))?;
    }
    write_advice_files(&dist)?;
    copy_dir(&root.join("public"), &dist)?;
    println!("dist/ is ready");
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
