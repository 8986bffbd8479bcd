//! The glue's part of [`super::slim`]: wasm-bindgen's JS glue made to fit the slimmed module.

use std::path::Path;

use crate::Result;

/// (old name, new name) of the main module's imports and exports, as [`super::slim`] renamed them.
pub(super) type Renames = Vec<(String, String)>;

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
    let glue = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let glue = without_unused_classes(glue, &path.display().to_string())?;
    std::fs::write(path, glue).map_err(|e| format!("{}: {e}", path.display()))
}

/// [`drop_unused_classes`] on the text of a glue; `file` names it in errors.
fn without_unused_classes(mut glue: String, file: &str) -> Result<String> {
    let shape = |what: &str| {
        format!(
            "{file}: {what} not found; the removal of the unused stream adapter classes does not fit this glue"
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
    Ok(glue)
}

/// Applies `renames` to the glue at `path`: every identifier-like word (letters, digits, `_`, `$`)
/// that is an old name becomes the new one, wherever it stands (import object keys, `wasm.…`).
/// The old names are long and carry hashes or full type paths, so no other word of the glue
/// matches one. Fails if a name is not found, which would mean the glue changed its shape.
pub(super) fn rename_in_glue(path: &Path, renames: &Renames) -> Result {
    let glue = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let glue = renamed(&glue, renames, &path.display().to_string())?;
    std::fs::write(path, glue).map_err(|e| format!("{}: {e}", path.display()))
}

/// [`rename_in_glue`] on the text of a glue; `file` names it in errors.
fn renamed(glue: &str, renames: &Renames, file: &str) -> Result<String> {
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
            "{file}: the glue never names the wasm's `{old}`; the renaming of wasm-bindgen's names \
             does not fit this glue"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{pairs, GLUE};
    use super::*;

    #[test]
    fn every_whole_word_of_an_old_name_is_renamed() {
        let renames = pairs(&[
            ("__wbg_appendChild_7465eba84213c75f", "a"),
            ("__wbindgen_throw", "b"),
            ("__wbindgen_malloc", "c"),
        ]);
        let out = renamed(GLUE, &renames, "glue.js").unwrap();
        assert!(out.contains("imports.wbg.a = function(arg0, arg1) {"));
        assert!(out.contains("imports.wbg.b = function(arg0, arg1) {"));
        assert!(out.contains("passStringToWasm0(text, wasm.c);"));
        // A longer word that starts with an old name is another word.
        assert!(out.contains("__wbg_appendChild_7465eba84213c75f_twin stays"));
        // Nothing else changes: undoing the renames gives the glue back.
        let back = out
            .replace(
                "imports.wbg.a =",
                "imports.wbg.__wbg_appendChild_7465eba84213c75f =",
            )
            .replace("imports.wbg.b =", "imports.wbg.__wbindgen_throw =")
            .replace("wasm.c)", "wasm.__wbindgen_malloc)");
        assert_eq!(back, GLUE);
        assert_eq!(renamed(GLUE, &Renames::new(), "glue.js").unwrap(), GLUE);
    }

    #[test]
    fn a_name_the_glue_does_not_use_is_an_error() {
        let renames = pairs(&[("__wbg_absent_0123456789abcdef", "a")]);
        let e = renamed(GLUE, &renames, "glue.js").unwrap_err();
        assert!(
            e.starts_with(
                "glue.js: the glue never names the wasm's `__wbg_absent_0123456789abcdef`"
            ),
            "{e}"
        );
    }

    #[test]
    fn the_unused_classes_and_their_registries_are_cut() {
        let out = without_unused_classes(GLUE.to_string(), "glue.js").unwrap();
        assert!(!out.contains("IntoUnderlying"), "{out}");
        // What stands before the registries and after the classes is left as it was; between
        // them only blank lines remain.
        let (head, _) = GLUE.split_once("const IntoUnderlying").unwrap();
        let tail = &GLUE[GLUE.find("export function mount").unwrap()..];
        let middle = out
            .strip_prefix(head)
            .and_then(|rest| rest.strip_suffix(tail))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(middle.trim().is_empty(), "{middle:?}");
    }

    #[test]
    fn a_glue_of_another_shape_is_an_error() {
        let no_dispose = GLUE.replace(
            "if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;\n",
            "",
        );
        let e = without_unused_classes(no_dispose, "glue.js").unwrap_err();
        assert!(
            e.starts_with("glue.js: the `Symbol.dispose` line of IntoUnderlyingSink not found"),
            "{e}"
        );
        let no_class = GLUE.replace("export class IntoUnderlyingSource {", "class Other {");
        let e = without_unused_classes(no_class, "glue.js").unwrap_err();
        assert!(
            e.contains("`export class IntoUnderlyingSource` not found"),
            "{e}"
        );
        let used = format!("{GLUE}new IntoUnderlyingByteSource();\n");
        let e = without_unused_classes(used, "glue.js").unwrap_err();
        assert!(
            e.contains("a glue without any other mention of IntoUnderlyingByteSource"),
            "{e}"
        );
    }
}
