/*!
`cargo xtask pack`: the npm package `maturity-check`, built from `dist/` with `npm pack`.

The package holds the files of `dist/` under `dist/` (the loader finds the others next to itself),
a `package.json` with the widget crate's version, and `index.d.ts`: the custom element and its
attributes, `window.MaturityCheck`, every event's `detail`, and the config, whose interface is
written from the engine's key table ([`maturity_check_engine::config::typescript`]). The package
folder is `target/npm/package/`, the tarball `target/npm/maturity-check-<version>.tgz`.
*/

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{root, run, Result};

/// The package's name on npm.
pub const NAME: &str = "maturity-check";

/// Builds `dist/` and the package; returns the tarball's path.
pub fn pack() -> Result<PathBuf> {
    crate::setup::for_build()?;
    crate::dist::dist()?;
    let root = root();
    let version = crate_version(&root)?;
    let out = root.join("target/npm");
    let folder = out.join("package");
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    copy_folder(&root.join("dist"), &folder.join("dist"))?;
    let write = |name: &str, text: String| {
        std::fs::write(folder.join(name), text).map_err(|e| format!("{name}: {e}"))
    };
    write("package.json", package_json(&version))?;
    write("index.d.ts", declarations())?;
    write("README.md", readme(&version))?;
    run(Command::new("npm").args([
        "pack",
        "--silent",
        &folder.display().to_string(),
        "--pack-destination",
        &out.display().to_string(),
    ]))?;
    let tarball = out.join(format!("{NAME}-{version}.tgz"));
    if !tarball.exists() {
        return Err(format!("npm pack made no {}", tarball.display()));
    }
    println!("\npackage: {}", tarball.display());
    Ok(tarball)
}

/// Type-checks `e2e/types/usage.ts` against the package in `tarball`, installed as a site would
/// (unpacked into a `node_modules/`), with the TypeScript compiler of the dev dependencies: the
/// lines it must accept, and the `@ts-expect-error` lines it must refuse.
pub fn check_types(tarball: &Path) -> Result {
    let root = root();
    let site = root.join("target/npm/site");
    if site.exists() {
        std::fs::remove_dir_all(&site).map_err(|e| format!("{}: {e}", site.display()))?;
    }
    let installed = site.join("node_modules").join(NAME);
    std::fs::create_dir_all(&installed).map_err(|e| format!("{}: {e}", installed.display()))?;
    run(Command::new("tar").args([
        "-xzf",
        &tarball.display().to_string(),
        "-C",
        &installed.display().to_string(),
        "--strip-components=1",
    ]))?;
    for file in ["usage.ts", "tsconfig.json"] {
        std::fs::copy(root.join("e2e/types").join(file), site.join(file))
            .map_err(|e| format!("e2e/types/{file}: {e}"))?;
    }
    run(Command::new("node").args([
        "node_modules/typescript/bin/tsc",
        "-p",
        &site.join("tsconfig.json").display().to_string(),
    ]))?;
    println!("the package's types accept e2e/types/usage.ts and refuse its wrong lines");
    Ok(())
}

/// The widget crate's version (`[package] version` of the root `Cargo.toml`).
fn crate_version(root: &Path) -> Result<String> {
    let text =
        std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    crate::toml::string_in(&text, "package", "version")
        .ok_or_else(|| "Cargo.toml: no [package] version".to_string())
}

fn copy_folder(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from)
        .map_err(|e| format!("{}: {e} (cargo xtask dist builds it)", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_file() {
            std::fs::copy(&path, to.join(entry.file_name()))
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn package_json(version: &str) -> String {
    format!(
        r#"{{
  "name": "{NAME}",
  "version": "{version}",
  "description": "A customer-service maturity check for your site: one custom element, WebAssembly, no server of its own",
  "license": "MIT",
  "type": "module",
  "main": "./dist/maturity-check.js",
  "module": "./dist/maturity-check.js",
  "types": "./index.d.ts",
  "exports": {{
    ".": {{
      "types": "./index.d.ts",
      "default": "./dist/maturity-check.js"
    }},
    "./dist/*": "./dist/*"
  }},
  "files": ["dist", "index.d.ts", "README.md"],
  "sideEffects": true
}}
"#
    )
}

fn readme(version: &str) -> String {
    format!(
        "# {NAME} {version}\n\nThe customer-service maturity check as a custom element. The files in `dist/` are the widget; \
the loader `dist/maturity-check.js` fetches the others from the folder it is served from, so serve the whole \
folder (a CDN path such as `/npm/{NAME}@{version}/dist/maturity-check.js` works as it is).\n\n\
```html\n<script type=\"module\" src=\"https://cdn.jsdelivr.net/npm/{NAME}@{version}/dist/maturity-check.js\"></script>\n\
<maturity-check config='{{\"locale\": \"en\"}}'></maturity-check>\n```\n\n\
With a bundler, `import \"{NAME}\";` defines the element; copy `node_modules/{NAME}/dist/` to where your \
site serves static files and load the loader from there, so that it finds the wasm and the questions next \
to itself. `index.d.ts` types the element, `window.MaturityCheck`, the config and every event's `detail`.\n"
    )
}

/// `index.d.ts`: what is written by hand (element, API, events) and the config from the key table.
fn declarations() -> String {
    let config = maturity_check_engine::config::typescript::config_declaration();
    format!(
        r#"// The maturity-check widget's types. Generated by `cargo xtask pack`; the config from the engine's key table.

{config}
/** A questionnaire as events name it. */
export interface QuestionnaireRef {{
  id: string;
  version: string;
}}

/** A score and its level id; both `null` where nothing is rated (too many "don't know"). */
export interface Rated {{
  score: number | null;
  level: string | null;
}}

/** Every event's `detail`, by event name. */
export interface MaturityCheckEventDetails {{
  "maturity-check:ready": {{ questionnaire: QuestionnaireRef; locale: string }};
  "maturity-check:start": Record<string, never>;
  "maturity-check:answer": {{
    question_id: string;
    /** The option's id; `"dont_know"` for "don't know". */
    option_id: string | null;
    /** 1-based, in the order asked. */
    index: number;
    total: number;
  }};
  "maturity-check:complete": {{
    questionnaire: QuestionnaireRef;
    overall: Rated;
    dimensions: Array<Rated & {{ id: string }}>;
  }};
  "maturity-check:error": {{ message: string; path: string }};
  "maturity-check:lead": {{
    status: "sent" | "queued" | "failed";
    submission_id: string;
    format: "json" | "hubspot";
    http_status: number | null;
  }};
}}

/** A mounted widget. */
export interface MaturityCheckHandle {{
  /** Unmounts the widget and releases its state and listeners. */
  destroy(): void;
}}

/** `window.MaturityCheck`. */
export interface MaturityCheckApi {{
  /** Mounts a widget into `element` with `config` (an object or JSON text). */
  mount(element: HTMLElement, config?: MaturityCheckConfig | string): Promise<MaturityCheckHandle>;
}}

/** `<maturity-check>`. Attributes: `config` (JSON text), `config-url`, `loading="lazy"`. */
export interface MaturityCheckElement extends HTMLElement {{}}

/** Every event as `addEventListener` sees it. */
export type MaturityCheckEventMap = {{
  [K in keyof MaturityCheckEventDetails]: CustomEvent<MaturityCheckEventDetails[K]>;
}};

declare global {{
  interface Window {{
    MaturityCheck: MaturityCheckApi;
  }}
  interface HTMLElementTagNameMap {{
    "maturity-check": MaturityCheckElement;
  }}
  interface DocumentEventMap extends MaturityCheckEventMap {{}}
  interface HTMLElementEventMap extends MaturityCheckEventMap {{}}
}}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declarations_carry_the_config_and_every_event() {
        let d = declarations();
        assert!(d.contains("export interface MaturityCheckConfig"));
        for event in ["ready", "start", "answer", "complete", "error", "lead"] {
            assert!(
                d.contains(&format!("\"maturity-check:{event}\"")),
                "{event}"
            );
        }
    }
}
