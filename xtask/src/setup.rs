//! Idempotent set-up: checks first, installs only what is missing, says what to do when it cannot.

use std::path::Path;
use std::process::Command;

use crate::{cargo, root, run, Result};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The components of the pinned toolchain that the commands use: std's source for the release
/// build, clippy and rustfmt for `cargo xtask test lint`.
const COMPONENTS: [&str; 3] = ["rust-src", "clippy", "rustfmt"];

/// What building `dist/` needs: the pinned toolchain with its wasm target and components (the
/// release build compiles std itself, see `dist/release.rs`), wasm-bindgen-cli at the locked version,
/// npm packages.
pub fn for_build() -> Result {
    let toolchain = pinned_toolchain()?;
    toolchain_installed(&toolchain)?;
    wasm_target(&toolchain)?;
    components(&toolchain)?;
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

/// The `channel` of `rust-toolchain.toml` at the repository root: the toolchain every cargo
/// command in the repository runs on.
pub fn pinned_toolchain() -> Result<String> {
    let file = root().join("rust-toolchain.toml");
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    channel(&text).ok_or_else(|| format!("{}: no `channel = \"...\"` line", file.display()))
}

/// The `channel` of the `[toolchain]` table of a `rust-toolchain.toml`.
fn channel(toml: &str) -> Option<String> {
    crate::toml::string_in(toml, "toolchain", "channel")
}

fn rustup_missing(what: &str) -> String {
    format!(
        "rustup was not found. Install Rust with rustup (https://rustup.rs), then run `{what}`."
    )
}

/// The pinned toolchain itself. Rustup does not install it on its own where
/// `RUSTUP_AUTO_INSTALL=0`, and a version the machine does not have must be downloaded.
fn toolchain_installed(toolchain: &str) -> Result {
    let install = format!(
        "rustup toolchain install {toolchain} --profile minimal --component {} --target {WASM_TARGET}",
        COMPONENTS.join(",")
    );
    let list = output(Command::new("rustup").args(["toolchain", "list"]))
        .ok_or_else(|| rustup_missing(&install))?;
    // `rustup toolchain list` names toolchains with their host: `1.95.0-x86_64-unknown-linux-gnu`.
    let have = list.lines().any(|l| {
        let name = l.split_whitespace().next().unwrap_or_default();
        name == toolchain || name.starts_with(&format!("{toolchain}-"))
    });
    if have {
        return Ok(());
    }
    println!(
        "the toolchain {toolchain} that rust-toolchain.toml pins is not installed; installing it"
    );
    let mut cmd = Command::new("rustup");
    cmd.args(["toolchain", "install", toolchain, "--profile", "minimal"]);
    run(&mut cmd).map_err(|e| {
        format!(
            "{e}\nThe toolchain {toolchain} (rust-toolchain.toml) is missing and could not be \
             downloaded. Install it with `{install}`, or, if that version cannot be had here, \
             change `channel` in rust-toolchain.toml to an installed one (`rustup toolchain list`) \
             and re-measure the byte budget (xtask/src/size.rs)."
        )
    })
}

fn wasm_target(toolchain: &str) -> Result {
    let add = format!("rustup target add --toolchain {toolchain} {WASM_TARGET}");
    let installed = output(Command::new("rustup").args([
        "target",
        "list",
        "--installed",
        "--toolchain",
        toolchain,
    ]));
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == WASM_TARGET) => Ok(()),
        Some(_) => {
            println!("the target {WASM_TARGET} of the toolchain {toolchain} is missing; adding it");
            run(Command::new("rustup").args([
                "target",
                "add",
                "--toolchain",
                toolchain,
                WASM_TARGET,
            ]))
            .map_err(|e| format!("{e}\nAdd it by hand with `{add}`."))
        }
        None => Err(rustup_missing(&add)),
    }
}

/// The [`COMPONENTS`] of the pinned toolchain; `rust-src` is the source of std, which
/// `cargo xtask dist` compiles for the widget.
fn components(toolchain: &str) -> Result {
    let add = |names: &[&str]| {
        format!(
            "rustup component add --toolchain {toolchain} {}",
            names.join(" ")
        )
    };
    let installed = output(Command::new("rustup").args([
        "component",
        "list",
        "--installed",
        "--toolchain",
        toolchain,
    ]))
    .ok_or_else(|| rustup_missing(&add(&COMPONENTS)))?;
    let missing = missing_components(&installed);
    if missing.is_empty() {
        return Ok(());
    }
    println!(
        "the toolchain {toolchain} lacks the component(s) {}; installing them",
        missing.join(", ")
    );
    let mut cmd = Command::new("rustup");
    cmd.args(["component", "add", "--toolchain", toolchain])
        .args(&missing);
    run(&mut cmd).map_err(|e| {
        format!(
            "{e}\nMissing: {}. Install by hand with `{}`.",
            missing.join(", "),
            add(&missing)
        )
    })
}

/// Which of [`COMPONENTS`] the output of `rustup component list --installed` lacks (it names them
/// with the host, where there is one: `rust-src`, `clippy-x86_64-unknown-linux-gnu`).
fn missing_components(installed: &str) -> Vec<&'static str> {
    COMPONENTS
        .into_iter()
        .filter(|c| {
            !installed.lines().any(|l| {
                let l = l.trim();
                l == *c || l.starts_with(&format!("{c}-"))
            })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_channel_is_read_from_the_toolchain_file() {
        let toml = "# pinned\n[toolchain]\nchannel = \"1.95.0\"\ncomponents = [\"rust-src\"]\n";
        assert_eq!(channel(toml).as_deref(), Some("1.95.0"));
        assert_eq!(channel("[toolchain]\ncomponents = []\n"), None);
        assert_eq!(pinned_toolchain().as_deref(), Ok("1.95.0"));
    }

    #[test]
    fn missing_components_are_named() {
        let installed = "cargo-x86_64-unknown-linux-gnu\nclippy-x86_64-unknown-linux-gnu\nrust-std-x86_64-unknown-linux-gnu\nrustfmt-x86_64-unknown-linux-gnu\n";
        assert_eq!(missing_components(installed), ["rust-src"]);
        assert!(missing_components(&format!("{installed}rust-src\n")).is_empty());
        assert_eq!(missing_components(""), COMPONENTS);
    }
}
