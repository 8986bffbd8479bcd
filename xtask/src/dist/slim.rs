//! Step 3 of `dist`, after wasm-bindgen: the main module's unused exports dropped, the table slots
//! of the code only they reach emptied, and wasm-bindgen's long names shortened in the module and
//! in its glue ([`super::glue`]).

use std::path::Path;

use super::glue::{drop_unused_classes, rename_in_glue, Renames};
use crate::Result;

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

/// Exports of the main module that the widget never calls: Leptos always builds `server_fn` with
/// its browser client, which exports wasm-streams' JS stream adapters (`IntoUnderlyingSource`,
/// `IntoUnderlyingByteSource`, `IntoUnderlyingSink`) from the module. The widget has no server
/// functions, so nothing constructs them; as exports they would keep their code, and std's I/O
/// error texts with it, in the first view. Dropping the exports lets `wasm-opt` remove it; their
/// JS classes leave the glue too ([`UNUSED_CLASSES`]).
pub(super) const UNUSED_EXPORTS: &[&str] = &["intounderlying", "__wbg_intounderlying"];

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
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (slimmed, dropped, renames) = slim_module(&bytes, &path.display().to_string(), unused)?;
    std::fs::write(path, slimmed).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((dropped, renames))
}

/// [`slim_interface`] on the bytes of a module; `what` names it in errors. Returns the new module.
fn slim_module(
    bytes: &[u8],
    what: &str,
    unused: impl Fn(&str) -> bool,
) -> Result<(Vec<u8>, usize, Renames)> {
    use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
    use wasm_encoder::{
        ConstExpr, ElementSection, Elements, ExportKind, ExportSection, HeapType, ImportSection,
        Module, RawSection, RefType,
    };
    use wasmparser::{ElementItems, ElementKind, ExternalKind, KnownCustom, Name, Parser, Payload};
    let invalid = |e: wasmparser::BinaryReaderError| format!("{what}: {e}");
    let reencode = |e: wasm_encoder::reencode::Error| format!("{what}: {e}");
    // The functions whose table slots are emptied, by the names the name section gives them.
    let mut unused_code = std::collections::HashSet::new();
    for payload in Parser::new(0).parse_all(bytes) {
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
            "{what}: no function of {UNUSED_CODE:?} found; without names (wasm-bindgen \
             --keep-debug) or without that code, revisit UNUSED_CODE"
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
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(invalid)? {
            Payload::ImportSection(reader) => {
                let mut imports = ImportSection::new();
                for import in reader.into_imports() {
                    let import = import.map_err(invalid)?;
                    let ty = RoundtripReencoder
                        .entity_type(import.ty)
                        .map_err(|e| format!("{what}: {e}"))?;
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
    Ok((module.finish(), dropped, renames))
}

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

#[cfg(test)]
mod tests {
    use super::super::fixtures::{self, *};
    use super::*;

    fn unused(name: &str) -> bool {
        UNUSED_EXPORTS.iter().any(|p| name.starts_with(p))
    }

    #[test]
    fn the_unused_exports_are_dropped_and_the_glue_names_shortened() {
        let module = fixtures::module();
        let (slimmed, dropped, renames) = slim_module(&module, "slim.wat", unused).unwrap();
        validate(&slimmed);
        assert_eq!(dropped, 2);
        assert_eq!(
            renames,
            pairs(&[
                ("__wbg_appendChild_7465eba84213c75f", "a"),
                ("__wbindgen_throw", "b"),
                ("__wbindgen_malloc", "c"),
            ])
        );
        assert_eq!(
            imports(&slimmed),
            [
                ("wbg".to_string(), "a".to_string()),
                ("wbg".into(), "b".into())
            ]
        );
        // The widget's and the linker's exports keep their names, the chunk loader reads them.
        assert_eq!(
            exports(&slimmed),
            [
                "__indirect_function_table",
                "memory",
                "mount",
                "widgethandle_destroy",
                "c"
            ]
        );
    }

    #[test]
    fn the_table_slots_of_the_unused_code_are_emptied() {
        let module = fixtures::module();
        let (names, _) = function_names(&module);
        let index = |name: &str| names.iter().find(|(_, n)| n == name).unwrap().0;
        let future = index("wasm_streams::readable::into_underlying_source::pull_future");
        let shim = index("leptos::closure_shim");
        assert_eq!(table_slots(&module), [Some(future), Some(shim)]);
        let (slimmed, _, _) = slim_module(&module, "slim.wat", unused).unwrap();
        assert_eq!(table_slots(&slimmed), [None, Some(shim)]);
    }

    #[test]
    fn every_other_section_is_copied_byte_for_byte() {
        let module = fixtures::module();
        let (slimmed, _, _) = slim_module(&module, "slim.wat", unused).unwrap();
        // Import 2, export 7, element 9 are rewritten.
        let others = other_sections(&module, &[2, 7, 9]);
        assert_eq!(others.len(), 5, "type, function, table, memory, code");
        assert_eq!(other_sections(&slimmed, &[2, 7, 9]), others);
        assert_eq!(function_names(&slimmed), function_names(&module));
    }

    #[test]
    fn a_module_without_the_unused_code_is_refused() {
        let plain = wat::parse_str("(module (func $f (export \"mount\")))").unwrap();
        let e = slim_module(&plain, "plain.wasm", unused).unwrap_err();
        assert!(e.starts_with("plain.wasm: no function of"), "{e}");
        assert!(e.contains("revisit UNUSED_CODE"), "{e}");
    }

    #[test]
    fn short_names_are_letters_and_never_repeat() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(names[..3], ["a", "b", "c"]);
        assert_eq!(names[25], "z");
        assert_eq!(names[26], "A");
        assert_eq!(names[51], "Z");
        assert_eq!(names[52], "aa");
        assert_eq!(names[53], "ab");
        assert_eq!(names[104], "ba");
        assert_eq!(names[2756], "aaa");
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        for name in &names {
            assert!(name.chars().all(|c| c.is_ascii_alphabetic()), "{name}");
            assert!(!is_glue_name(name));
        }
    }

    #[test]
    fn only_wasm_bindgen_names_are_glue_names() {
        for name in [
            "__wbg_appendChild_7465eba84213c75f",
            "__wbindgen_malloc",
            "wasm_bindgen__convert__closures_____invoke__h0123",
            "__externref_table_alloc",
        ] {
            assert!(is_glue_name(name), "{name}");
        }
        for name in [
            "mount",
            "widgethandle_destroy",
            "memory",
            "__indirect_function_table",
            "__wasm_split_shared0",
        ] {
            assert!(!is_glue_name(name), "{name}");
        }
    }
}
