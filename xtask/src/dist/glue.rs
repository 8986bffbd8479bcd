//! The glue's part of [`super::slim`]: wasm-bindgen's JS glue made to fit the slimmed module.

use std::path::Path;

use super::slim::Renames;
use crate::Result;

/// The glue's JS classes for the [`UNUSED_EXPORTS`](super::slim::UNUSED_EXPORTS): their methods only call the dropped exports.
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
pub(super) fn drop_unused_classes(path: &Path) -> Result {
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

/// Applies `renames` to the glue at `path`: every identifier-like word (letters, digits, `_`, `$`)
/// that is an old name becomes the new one, wherever it stands (import object keys, `wasm.…`).
/// The old names are long and carry hashes or full type paths, so no other word of the glue
/// matches one. Fails if a name is not found, which would mean the glue changed its shape.
pub(super) fn rename_in_glue(path: &Path, renames: &Renames) -> Result {
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
