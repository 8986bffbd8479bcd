/*!
The config's TypeScript declaration (`MaturityCheckConfig`), written from the key table
([`super::keys::TABLE`]) as the JSON schema is ([`super::schema`]), so that what a bundler
type-checks is what the walk reads. `cargo xtask pack` puts it into the npm package's
`index.d.ts`.
*/

use super::keys::{Kind, TABLE, TEXT_KEYS, UI_LOCALES};

/// `export type TextKey = ...; export interface MaturityCheckConfig { ... }`.
pub fn config_declaration() -> String {
    let mut out = String::new();
    out.push_str("/** A UI string a config may override in `texts` (per locale). */\n");
    out.push_str("export type TextKey =\n");
    for (i, key) in TEXT_KEYS.iter().enumerate() {
        out.push_str(&format!(
            "  | {}{}\n",
            quoted(key),
            if i + 1 == TEXT_KEYS.len() { ";" } else { "" }
        ));
    }
    out.push_str("\n/** A UI locale: the language of the widget's own strings. */\n");
    out.push_str(&format!(
        "export type UiLocale = {};\n\n",
        union(UI_LOCALES)
    ));
    out.push_str(
        "/**\n * The widget's config (attribute `config`, file at `config-url`, or the second argument of\n * `MaturityCheck.mount`). Every key is optional; docs/config.md describes each.\n */\n",
    );
    out.push_str("export interface MaturityCheckConfig ");
    object("", &[], 0, &mut out);
    out.push('\n');
    out
}

/// The keys of the object at `section`, as a TypeScript object type at `depth`.
fn object(section: &str, required: &[&str], depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth + 1);
    out.push_str("{\n");
    for k in TABLE.iter().filter(|k| k.section == section) {
        out.push_str(&format!(
            "{pad}/** {} */\n",
            k.description.replace("*/", "* /")
        ));
        let optional = if required.contains(&k.name) { "" } else { "?" };
        out.push_str(&format!("{pad}{}{optional}: ", property(k.name)));
        match k.kind {
            Kind::Object { required } => object(&k.path(), required, depth + 1, out),
            kind => out.push_str(&value(kind)),
        }
        out.push_str(";\n");
    }
    out.push_str(&"  ".repeat(depth));
    out.push('}');
}

/// The TypeScript type of a key that is not an object.
fn value(kind: Kind) -> String {
    match kind {
        Kind::Object { .. } => "Record<string, unknown>".to_string(),
        Kind::Text(_) => "string".to_string(),
        Kind::Boolean => "boolean".to_string(),
        Kind::Number { .. } | Kind::Integer { .. } => "number".to_string(),
        Kind::Choice(names) => union(names),
        Kind::LocalText { locales_named, .. } => {
            if locales_named {
                "string | Partial<Record<UiLocale, string>>".to_string()
            } else {
                "string | Record<string, string>".to_string()
            }
        }
        Kind::Texts => "Partial<Record<UiLocale, Partial<Record<TextKey, string>>>>".to_string(),
        Kind::QuestionnaireOrUrl => "string | Record<string, unknown>".to_string(),
        Kind::Digits { .. } => "string | number".to_string(),
    }
}

fn union(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| quoted(n))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A property name as TypeScript writes it: bare when it is an identifier, else quoted.
fn property(name: &str) -> String {
    let identifier = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        name.to_string()
    } else {
        quoted(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_table_is_declared_with_its_type() {
        let d = config_declaration();
        for k in TABLE {
            assert!(
                d.contains(&format!("{}?: ", property(k.name)))
                    || d.contains(&format!("{}: ", property(k.name))),
                "{}",
                k.path()
            );
        }
        assert!(d.contains("formality?: \"informal\" | \"formal\";"), "{d}");
        assert!(
            d.contains("portal_id: string | number;"),
            "required keys have no `?`: {d}"
        );
        assert!(d.contains("| \"resume.version\""));
    }
}
