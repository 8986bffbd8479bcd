//! Content-hashed names and SRI hashes: every file of `dist/` but the loader and the config schema
//! is renamed to carry the start of its SHA-256 hash (`maturity_check_bg.wasm` becomes
//! `maturity_check_bg.<10 characters>.wasm`), so a CDN may cache it for a year and a new build
//! never meets an old file in a cache. The loader, the one short-cached file, learns the hashes
//! (`public/files.js`): those of the first view's files bundled into it, those of the others in
//! `maturity-check.files.json` (hashed itself), which it fetches when it first needs one. It fetches
//! every file with its hash as `integrity`, so the browser refuses a file changed on the server or
//! on the way. `integrity.json` lists the SRI hash of every file, the loader's included, for the
//! `integrity` attribute of the site's script tag.

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::Result;

/// Files that keep their names: the loader (the address a site pastes), the schema (a config's
/// `$schema` points at it) and the list of hashes written here.
const UNHASHED: [&str; 3] = ["maturity-check.js", "config.schema.json", INTEGRITY];

/// The list of the SRI hashes of every file, for the site's script tag.
pub const INTEGRITY: &str = "integrity.json";

/// The list of the hashes the first view does not need, fetched by the loader when it first needs one.
pub const LIST: &str = "maturity-check.files.json";

/// How many letters and digits of the hash a file name carries: about 60 bits.
const NAME_CHARS: usize = 10;

/// The SRI hash of `bytes`: `sha256-` and the digest in base64.
pub fn integrity(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// `name` with the first [`NAME_CHARS`] letters and digits of the base64 digest of `integrity`
/// before its extension (as `hashed` in `public/files.js`).
pub fn hashed_name(name: &str, integrity: &str) -> String {
    let tag: String = integrity
        .trim_start_matches("sha256-")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(NAME_CHARS)
        .collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{tag}.{ext}"),
        None => format!("{name}.{tag}"),
    }
}

/// The name a hashed file had before [`hashed_name`] (`maturity_check_bg.wasm` for
/// `maturity_check_bg.<tag>.wasm`); any other name as it is.
pub fn logical_name(name: &str) -> String {
    let parts: Vec<&str> = name.rsplitn(3, '.').collect();
    match parts[..] {
        [ext, tag, stem]
            if tag.len() == NAME_CHARS && tag.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            format!("{stem}.{ext}")
        }
        _ => name.to_string(),
    }
}

/// Whether the first view fetches `name` (the loader bundles its hash): the main wasm module and
/// the built-in questions of each locale.
fn first_view(name: &str) -> bool {
    name == "maturity_check_bg.wasm"
        || (name.starts_with("maturity-check.core.") && name.ends_with(".txt"))
}

/// Renames every file in `dist` but [`UNHASHED`] and `bundled` (the sources the loader bundle is
/// made of) to its [`hashed_name`] and writes [`LIST`], hashed too. Returns the JSON object the
/// loader bundles (`__MC_FILES__` in `public/files.js`): file name to SRI hash for the first
/// view's files and for [`LIST`].
pub fn name_by_content(dist: &Path, bundled: &[&str]) -> Result<String> {
    let mut first = BTreeMap::new();
    let mut others = BTreeMap::new();
    for name in file_names(dist)? {
        if UNHASHED.contains(&name.as_str()) || bundled.contains(&name.as_str()) {
            continue;
        }
        let sri = rename(dist, &name)?;
        if first_view(&name) {
            first.insert(name, sri);
        } else {
            others.insert(name, sri);
        }
    }
    std::fs::write(dist.join(LIST), json_object(&others))
        .map_err(|e| format!("dist/{LIST}: {e}"))?;
    first.insert(LIST.to_string(), rename(dist, LIST)?);
    Ok(json_object(&first))
}

/// Puts `first_view` (from [`name_by_content`]) in place of the one `__MC_FILES__` of the loader's
/// `files.js` (the copy in `dist/`, before it is bundled).
pub fn fill_in(files_js: &Path, first_view: &str) -> Result {
    let text =
        std::fs::read_to_string(files_js).map_err(|e| format!("{}: {e}", files_js.display()))?;
    if text.matches(PLACEHOLDER).count() != 1 {
        return Err(format!(
            "{}: expected one {PLACEHOLDER}",
            files_js.display()
        ));
    }
    std::fs::write(files_js, text.replace(PLACEHOLDER, first_view.trim_end()))
        .map_err(|e| format!("{}: {e}", files_js.display()))
}

/// Where `public/files.js` takes the first view's hashes.
const PLACEHOLDER: &str = "__MC_FILES__";

/// Writes [`INTEGRITY`]: the SRI hash of every file in `dist`, by the name it is served under.
pub fn write_integrity(dist: &Path) -> Result {
    let mut all = BTreeMap::new();
    for name in file_names(dist)? {
        if name != INTEGRITY {
            let bytes = std::fs::read(dist.join(&name)).map_err(|e| format!("dist/{name}: {e}"))?;
            all.insert(name, integrity(&bytes));
        }
    }
    std::fs::write(dist.join(INTEGRITY), json_object(&all))
        .map_err(|e| format!("dist/{INTEGRITY}: {e}"))
}

/// The text of `dist/integrity.json`.
pub fn listed(dist: &Path) -> Result<String> {
    std::fs::read_to_string(dist.join(INTEGRITY)).map_err(|e| format!("dist/{INTEGRITY}: {e}"))
}

/// Fails unless two [`INTEGRITY`] lists (of two builds of the same source) are the same, naming
/// the lines that differ.
pub fn same(first: &str, second: &str) -> Result {
    let differ: Vec<&str> = first
        .lines()
        .filter(|l| !second.lines().any(|m| m == *l))
        .chain(second.lines().filter(|l| !first.lines().any(|m| m == *l)))
        .collect();
    if differ.is_empty() {
        println!("two builds name and hash every file the same");
        return Ok(());
    }
    Err(format!(
        "two builds of the same source differ (content-hashed names must be stable):\n{}",
        differ.join("\n")
    ))
}

/// Renames `dist/name` to its hashed name; returns its SRI hash.
fn rename(dist: &Path, name: &str) -> Result<String> {
    let from = dist.join(name);
    let bytes = std::fs::read(&from).map_err(|e| format!("dist/{name}: {e}"))?;
    let sri = integrity(&bytes);
    std::fs::rename(&from, dist.join(hashed_name(name, &sri)))
        .map_err(|e| format!("cannot rename dist/{name}: {e}"))?;
    Ok(sri)
}

/// The names of the files directly in `dist` (it has no folders).
fn file_names(dist: &Path) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.path().is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    Ok(names)
}

/// A JSON object of names to SRI hashes, one per line (neither holds a character JSON escapes).
fn json_object(entries: &BTreeMap<String, String>) -> String {
    let lines: Vec<String> = entries
        .iter()
        .map(|(name, sri)| format!("  \"{name}\": \"{sri}\""))
        .collect();
    format!("{{\n{}\n}}\n", lines.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_integrity_is_the_base64_sha256_digest() {
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1) in base64.
        assert_eq!(
            integrity(b"abc"),
            "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
    }

    #[test]
    fn a_hashed_name_carries_ten_letters_and_digits_of_the_hash() {
        let sri = integrity(b"abc");
        assert_eq!(hashed_name("chunk_7.wasm", &sri), "chunk_7.ungWv48Bzp.wasm");
        assert_eq!(
            hashed_name("maturity-check.core.de-formal.txt", "sha256-a/b+cdefghijk"),
            "maturity-check.core.de-formal.abcdefghij.txt"
        );
    }

    #[test]
    fn the_logical_name_undoes_the_hashed_one_and_leaves_others_alone() {
        for name in [
            "maturity_check_bg.wasm",
            "maturity-check.core.de-formal.txt",
            "maturity-check.advice.en.json",
            "maturity-check.results.css",
        ] {
            let hashed = hashed_name(name, &integrity(name.as_bytes()));
            assert_ne!(hashed, name);
            assert_eq!(logical_name(&hashed), name);
            assert_eq!(logical_name(name), name);
        }
        assert_eq!(logical_name("maturity-check.js"), "maturity-check.js");
    }

    #[test]
    fn files_are_renamed_by_content_and_listed() {
        let dir = std::env::temp_dir().join(format!("mc-hash-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, body) in [
            ("maturity-check.js", "loader"),
            ("maturity_check.js", "glue"),
            ("maturity_check_bg.wasm", "main"),
            ("maturity-check.core.en.txt", "core"),
            ("chunk_7.wasm", "chunk"),
            ("config.schema.json", "{}"),
        ] {
            std::fs::write(dir.join(name), body).unwrap();
        }
        let first = name_by_content(&dir, &["maturity_check.js"]).unwrap();
        write_integrity(&dir).unwrap();
        let mut names = file_names(&dir).unwrap();
        names.sort();
        let list =
            std::fs::read_to_string(dir.join(hashed_name(LIST, &first_sri(&first)))).unwrap();
        let expected = [
            hashed_name("chunk_7.wasm", &integrity(b"chunk")),
            "config.schema.json".to_string(),
            INTEGRITY.to_string(),
            hashed_name("maturity-check.core.en.txt", &integrity(b"core")),
            "maturity-check.js".to_string(),
            hashed_name(LIST, &first_sri(&first)),
            "maturity_check.js".to_string(),
            hashed_name("maturity_check_bg.wasm", &integrity(b"main")),
        ];
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(names, expected);
        // The first view's hashes go into the loader, the others into the list.
        assert!(first.contains(&format!(
            "\"maturity_check_bg.wasm\": \"{}\"",
            integrity(b"main")
        )));
        assert!(first.contains("\"maturity-check.core.en.txt\""));
        assert!(!first.contains("chunk_7"));
        assert_eq!(
            list,
            format!("{{\n  \"chunk_7.wasm\": \"{}\"\n}}\n", integrity(b"chunk"))
        );
        let all = std::fs::read_to_string(dir.join(INTEGRITY)).unwrap();
        assert!(all.contains(&format!(
            "\"maturity-check.js\": \"{}\"",
            integrity(b"loader")
        )));
        assert!(all.contains(&format!(
            "\"{}\"",
            hashed_name("chunk_7.wasm", &integrity(b"chunk"))
        )));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn two_lists_are_the_same_or_their_differences_are_named() {
        let a = "{\n  \"a.1234567890.wasm\": \"sha256-x\"\n}\n";
        assert!(same(a, a).is_ok());
        let b = a.replace("x", "y");
        let e = same(a, &b).unwrap_err();
        assert!(e.contains("sha256-x") && e.contains("sha256-y"), "{e}");
    }

    #[test]
    fn the_first_view_hashes_are_filled_in_once() {
        let file = std::env::temp_dir().join(format!("mc-files-{}.js", std::process::id()));
        std::fs::write(&file, "const FIRST = __MC_FILES__;\n").unwrap();
        fill_in(&file, "{\"a\": \"b\"}\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "const FIRST = {\"a\": \"b\"};\n"
        );
        assert!(fill_in(&file, "{}").is_err(), "no placeholder left");
        let _ = std::fs::remove_file(&file);
    }

    /// The SRI hash of [`LIST`] in the loader's object.
    fn first_sri(first: &str) -> String {
        let line = first.lines().find(|l| l.contains(LIST)).unwrap();
        line.rsplit('"').nth(1).unwrap().to_string()
    }
}
