//! Step 1 of `dist`: the release build of the wasm, with std compiled for the widget
//! ([`STD_FLAGS`]), or the plain release build when the toolchain refuses that.

use std::path::PathBuf;
use std::process::Command;

use crate::{cargo, root, run, Result};

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
/// prebuilt std and `panic = "abort"` (about 15 KB brotli larger: 98,290 against 83,647 B at `c5fdb3d`), said on stderr. Returns the
/// reason when the plain build was made. A compile error of the widget fails either way: the
/// fallback is only tried for a refusal of the flags, and fails if the plain build fails too.
pub(super) fn release_build() -> Result<Option<String>> {
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
         -Zbuild-std): {reason}. The first view is about 15 KB brotli larger than with std \
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
        // The flags without RUSTC_BOOTSTRAP (as rustc 1.95 says it).
        let no_bootstrap = "error: failed to run `rustc` to learn about target-specific information\n\nCaused by:\n  process didn't exit successfully: `rustc - --crate-name ___` (exit status: 1)\n  --- stderr\n  error: `-Cpanic=immediate-abort` requires `-Zunstable-options` and a nightly compiler\n";
        assert_eq!(
            refusal(no_bootstrap),
            Some("error: `-Cpanic=immediate-abort` requires `-Zunstable-options` and a nightly compiler")
        );
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
