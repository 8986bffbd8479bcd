/*!
`public/config.schema.json`, written from the key table ([`super::keys::TABLE`]), so that what
editors complete and check is what the walk reads. `cargo xtask docs` writes the file; an engine
test fails when it is stale.

Printed by a small writer of its own rather than through `serde_json::Value`, whose maps sort
their keys: the schema keeps the table's documentation order, which editors show.
*/

use super::keys::{Kind, TABLE, TEXT_KEYS, UI_LOCALES, URL};

/// The schema's path in the repository.
pub const SCHEMA_FILE: &str = "public/config.schema.json";

/// A JSON value in the order it is written.
enum Node {
    Str(String),
    Num(u32),
    Bool(bool),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

fn s(text: &str) -> Node {
    Node::Str(text.to_string())
}

fn obj(entries: Vec<(&str, Node)>) -> Node {
    Node::Obj(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn strings(items: &[&str]) -> Node {
    Node::Arr(items.iter().map(|i| s(i)).collect())
}

/// The whole schema, as `public/config.schema.json` holds it.
pub fn schema_json() -> String {
    let root = obj(vec![
        ("$schema", s("https://json-schema.org/draft/2020-12/schema")),
        ("$id", s("config.schema.json")),
        ("title", s("maturity-check widget config")),
        ("description", s("Config of the <maturity-check> widget (attribute `config`, file at `config-url`, or the second argument of MaturityCheck.mount). Every key is optional. docs/config.md describes each key.")),
        ("type", s("object")),
        ("additionalProperties", Node::Bool(false)),
        ("properties", properties("")),
    ]);
    let mut out = String::new();
    write(&root, 0, &mut out);
    out.push('\n');
    out
}

/// The keys of the object at `section`.
fn properties(section: &str) -> Node {
    Node::Obj(
        TABLE
            .iter()
            .filter(|k| k.section == section)
            .map(|k| (k.name.to_string(), key(&k.path(), k.kind, k.description)))
            .collect(),
    )
}

fn key(path: &str, kind: Kind, description: &str) -> Node {
    let described = |mut entries: Vec<(&str, Node)>| {
        entries.push(("description", s(description)));
        obj(entries)
    };
    match kind {
        Kind::Object { required } => {
            let mut entries = vec![
                ("type", s("object")),
                ("additionalProperties", Node::Bool(false)),
            ];
            if !required.is_empty() {
                entries.push(("required", strings(required)));
            }
            entries.push(("description", s(description)));
            entries.push(("properties", properties(path)));
            obj(entries)
        }
        Kind::Text(pattern) => {
            let mut entries = vec![("type", s("string"))];
            if let Some(p) = pattern {
                entries.push(("pattern", s(p)));
            }
            described(entries)
        }
        Kind::Boolean => described(vec![("type", s("boolean"))]),
        Kind::Number { min, max } => described(vec![
            ("type", s("number")),
            ("minimum", Node::Num(min)),
            ("maximum", Node::Num(max)),
        ]),
        Kind::Integer { min, max } => described(vec![
            ("type", s("integer")),
            ("minimum", Node::Num(min)),
            ("maximum", Node::Num(max)),
        ]),
        Kind::Choice(names) => described(vec![("enum", strings(names))]),
        Kind::LocalText {
            non_empty,
            locales_named,
        } => {
            let text = || {
                let mut t = vec![("type", s("string"))];
                if non_empty {
                    t.push(("minLength", Node::Num(1)));
                }
                obj(t)
            };
            let mut per_locale = vec![("type", s("object")), ("additionalProperties", text())];
            if locales_named {
                per_locale.push(("propertyNames", obj(vec![("enum", strings(UI_LOCALES))])));
            }
            described(vec![("oneOf", Node::Arr(vec![text(), obj(per_locale)]))])
        }
        Kind::Texts => {
            let locale = || {
                let texts = TEXT_KEYS
                    .iter()
                    .map(|k| (k.to_string(), obj(vec![("type", s("string"))])))
                    .collect();
                obj(vec![
                    ("type", s("object")),
                    ("additionalProperties", Node::Bool(false)),
                    ("properties", Node::Obj(texts)),
                ])
            };
            obj(vec![
                ("type", s("object")),
                ("additionalProperties", Node::Bool(false)),
                ("description", s(description)),
                (
                    "properties",
                    Node::Obj(
                        UI_LOCALES
                            .iter()
                            .map(|l| (l.to_string(), locale()))
                            .collect(),
                    ),
                ),
            ])
        }
        Kind::QuestionnaireOrUrl => described(vec![(
            "oneOf",
            Node::Arr(vec![
                obj(vec![("type", s("object"))]),
                obj(vec![("type", s("string")), ("pattern", s(URL))]),
            ]),
        )]),
        Kind::Digits { max_len } => described(vec![
            ("type", strings(&["string", "integer"])),
            ("pattern", Node::Str(format!("^[0-9]{{1,{max_len}}}$"))),
            ("minimum", Node::Num(0)),
        ]),
    }
}

/// Pretty-printed with two spaces, as `serde_json::to_string_pretty` would.
fn write(node: &Node, depth: usize, out: &mut String) {
    let indent = |out: &mut String, d: usize| out.push_str(&"  ".repeat(d));
    match node {
        Node::Str(text) => out.push_str(&serde_json::to_string(text).unwrap_or_default()),
        Node::Num(n) => out.push_str(&n.to_string()),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Arr(items) if items.is_empty() => out.push_str("[]"),
        Node::Obj(entries) if entries.is_empty() => out.push_str("{}"),
        Node::Arr(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(out, depth + 1);
                write(item, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            indent(out, depth);
            out.push(']');
        }
        Node::Obj(entries) => {
            out.push_str("{\n");
            for (i, (k, v)) in entries.iter().enumerate() {
                indent(out, depth + 1);
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push_str(": ");
                write(v, depth + 1, out);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            indent(out, depth);
            out.push('}');
        }
    }
}
