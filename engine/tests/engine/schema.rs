use std::collections::BTreeSet;

use maturity_check_engine::config::{docs, schema as generated};
use maturity_check_engine::config::{
    BRAND_KEYS, CTA_KEYS, HUBSPOT_FIELD_KEYS, HUBSPOT_KEYS, KEYS, LEAD_FIELD_KEYS, LEAD_KEYS,
    TEXT_KEYS, THEME_KEYS, UI_LOCALES,
};
use serde_json::Value;

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/config.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("public/config.schema.json"))
        .expect("schema is JSON")
}

fn keys_of(object_schema: &Value, path: &str) -> BTreeSet<String> {
    assert_eq!(
        object_schema["additionalProperties"],
        Value::Bool(false),
        "{path}: unknown keys must be flagged by editors"
    );
    object_schema["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{path} has properties"))
        .keys()
        .cloned()
        .collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

#[test]
fn the_schema_has_exactly_the_keys_the_engine_reads() {
    let s = schema();
    let p = &s["properties"];
    assert_eq!(keys_of(&s, "$"), set(KEYS));
    assert_eq!(keys_of(&p["theme"], "$.theme"), set(THEME_KEYS));
    assert_eq!(keys_of(&p["brand"], "$.brand"), set(BRAND_KEYS));
    assert_eq!(keys_of(&p["cta"], "$.cta"), set(CTA_KEYS));
    assert_eq!(keys_of(&p["texts"], "$.texts"), set(UI_LOCALES));
    for locale in UI_LOCALES {
        assert_eq!(
            keys_of(&p["texts"]["properties"][locale], "$.texts.<locale>"),
            set(TEXT_KEYS)
        );
    }
    assert_eq!(p["locale"]["enum"], serde_json::json!(UI_LOCALES));
    let lead = &p["lead"]["properties"];
    assert_eq!(keys_of(&p["lead"], "$.lead"), set(LEAD_KEYS));
    assert_eq!(
        keys_of(&lead["hubspot"], "$.lead.hubspot"),
        set(HUBSPOT_KEYS)
    );
    assert_eq!(
        keys_of(
            &lead["hubspot"]["properties"]["fields"],
            "$.lead.hubspot.fields"
        ),
        set(HUBSPOT_FIELD_KEYS)
    );
    assert_eq!(
        keys_of(&lead["fields"], "$.lead.fields"),
        set(LEAD_FIELD_KEYS)
    );
    assert_eq!(
        lead["gate"]["enum"],
        serde_json::json!(["none", "before_results", "after_results"])
    );
    assert_eq!(
        lead["format"]["enum"],
        serde_json::json!(["json", "hubspot"])
    );
}

#[test]
fn every_schema_property_is_described() {
    fn walk(v: &Value, path: &str) {
        if let Some(props) = v["properties"].as_object() {
            for (k, child) in props {
                let p = format!("{path}.{k}");
                if !path.starts_with("$.texts") {
                    assert!(child.get("description").is_some(), "{p} has no description");
                }
                walk(child, &p);
            }
        }
    }
    walk(&schema(), "$");
}

fn repo_file(path: &str) -> String {
    let full = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn the_schema_file_is_what_the_key_table_writes() {
    assert!(
        repo_file(generated::SCHEMA_FILE) == generated::schema_json(),
        "{} is stale: run `cargo xtask docs`",
        generated::SCHEMA_FILE
    );
}

#[test]
fn the_key_tables_of_the_config_docs_are_what_the_key_table_writes() {
    let markdown = repo_file(docs::DOCS_FILE);
    let expected = docs::with_key_tables(&markdown).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        markdown == expected,
        "the key tables of {} are stale: run `cargo xtask docs`",
        docs::DOCS_FILE
    );
    for section in ["theme", "brand", "cta"] {
        assert!(
            markdown.contains(&format!("<!-- generated: config keys {section} -->\n")),
            "{section}'s table is generated"
        );
    }
}

#[test]
fn a_marker_without_its_end_or_with_an_unknown_section_is_an_error() {
    assert!(docs::with_key_tables("<!-- generated: config keys theme -->\n| x |").is_err());
    assert!(
        docs::with_key_tables("<!-- generated: config keys nowhere -->\n<!-- end -->").is_err()
    );
    assert_eq!(
        docs::with_key_tables("no tables").as_deref(),
        Ok("no tables")
    );
}
