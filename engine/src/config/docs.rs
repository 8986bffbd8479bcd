/*!
The key tables of `docs/config.md`, written from the key table ([`super::keys::TABLE`]). The
file's prose is written by hand; each table stands between a marker naming its section,
`<!-- generated: config keys theme -->`, and `<!-- end -->`, and only what is between them is
replaced. `cargo xtask docs` rewrites the file; an engine test fails when it is stale.
*/

use super::keys::TABLE;

/// The docs file's path in the repository.
pub const DOCS_FILE: &str = "docs/config.md";

const OPEN: &str = "<!-- generated: config keys ";
const END: &str = "<!-- end -->";

/// The Markdown table of the keys of `section` that have a row ([`super::keys::Doc`]).
pub fn key_table(section: &str) -> String {
    let mut out = String::from("| key | type | default | example |\n|---|---|---|---|\n");
    for key in TABLE.iter().filter(|k| k.section == section) {
        if let Some(doc) = key.doc {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                key.path(),
                doc.ty,
                doc.default,
                doc.example
            ));
        }
    }
    out
}

/// `markdown` with every generated table written anew; an unknown section or a marker without
/// its end is an error that names it.
pub fn with_key_tables(markdown: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(close) = after.find("-->") else {
            return Err(format!("{DOCS_FILE}: a marker `{OPEN}` is not closed"));
        };
        let section = after[..close].trim();
        let body = &after[close + 3..];
        let Some(end) = body.find(END) else {
            return Err(format!(
                "{DOCS_FILE}: the table of `{section}` has no `{END}`"
            ));
        };
        if !TABLE
            .iter()
            .any(|k| k.section == section && k.doc.is_some())
        {
            return Err(format!(
                "{DOCS_FILE}: no keys of `{section}` have a row in engine/src/config/keys.rs"
            ));
        }
        out.push_str(&rest[..start + OPEN.len() + close + 3]);
        out.push('\n');
        out.push_str(&key_table(section));
        rest = &body[end..];
    }
    out.push_str(rest);
    Ok(out)
}
