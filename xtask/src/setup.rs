//! Idempotent set-up: checks first, installs only what is missing, says what to do when it cannot.

use std::path::Path;
use std::process::Command;

use crate::{cargo, root, run, Result};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What building `dist/` needs: the wasm target, the standard library's source (the release build
/// compiles std itself, see `build.rs`), wasm-bindgen-cli at the locked version, npm packages.
pub fn for_build() -> Result {
    wasm_target()?;
    rust_src()?;
    wasm_bindgen_cli()?;
    npm_packages()
}

/// What the browser and end-to-end tests need on top: Chromium and ChromeDriver.
pub fn for_tests() -> Result {
    chromium()
}

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn wasm_target() -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == WASM_TARGET) => Ok(()),
        Some(_) => run(Command::new("rustup").args(["target", "add", WASM_TARGET])),
        None => Err(format!(
            "rustup was not found. Install Rust with rustup (https://rustup.rs), then run `rustup target add {WASM_TARGET}`."
        )),
    }
}

/// The `rust-src` component: the source of std, which `cargo xtask dist` compiles for the widget.
fn rust_src() -> Result {
    let sysroot = output(Command::new("rustc").args(["--print", "sysroot"]));
    let have = sysroot.is_some_and(|root| {
        Path::new(root.trim())
            .join("lib/rustlib/src/rust/library/std/Cargo.toml")
            .exists()
    });
    if have {
        return Ok(());
    }
    println!("the standard library's source (rustup component rust-src) is missing; installing it");
    run(Command::new("rustup").args(["component", "add", "rust-src"]))
        .map_err(|e| format!("{e}\nInstall it by hand with `rustup component add rust-src`."))
}

/// The wasm-bindgen version in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn wasm_bindgen_cli() -> Result {
    let want = locked_wasm_bindgen()?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner =
        output(Command::new("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) && runner.contains(&want) {
        return Ok(());
    }
    println!("wasm-bindgen-cli {want} is missing (found {:?}); installing it (about 5 minutes the first time)", have.trim());
    // `--locked` fails on this registry mirror: a locked dependency of the CLI is not in the index.
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &want])).map_err(|e| {
        format!("{e}\nInstall it by hand with `cargo install wasm-bindgen-cli --version {want}`.")
    })
}

fn npm_packages() -> Result {
    let root = root();
    let stamp = root.join("node_modules/.package-lock.json");
    let fresh = modified(&stamp).is_some_and(|installed| {
        ["package.json", "package-lock.json"]
            .iter()
            .all(|f| modified(&root.join(f)).is_none_or(|m| m <= installed))
    });
    if fresh {
        return Ok(());
    }
    if output(Command::new("npm").arg("--version")).is_none() {
        return Err("npm was not found. Install Node.js 20 or newer with npm (Debian: `apt-get install nodejs npm`).".into());
    }
    let install = if root.join("package-lock.json").exists() {
        "ci"
    } else {
        "install"
    };
    run(Command::new("npm").args([install, "--no-audit", "--no-fund"]))
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn chromium() -> Result {
    let have = |p: &str| Path::new(p).exists();
    if have("/usr/bin/chromium") && have("/usr/bin/chromedriver") {
        return Ok(());
    }
    let how = "Install Debian's Chromium and ChromeDriver: `sudo apt-get update && sudo apt-get install -y chromium chromium-driver`.";
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !is_root || output(Command::new("apt-get").arg("--version")).is_none() {
        return Err(format!(
            "Chromium or ChromeDriver is missing and cannot be installed from here. {how}"
        ));
    }
    println!("Chromium or ChromeDriver is missing; installing them from apt (about a minute)");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get").args(["install", "-y", "chromium", "chromium-driver"]))
        .map_err(|e| format!("{e}\n{how}"))
}
