//! Writes the built-in questionnaire without its advice (`$OUT_DIR/default-core.json`, minified).
//!
//! The widget's first view needs the questions, not the 200-odd advice entries; those ship as one
//! file per locale next to the wasm (`cargo xtask dist`) and are fetched for the results.

use std::path::PathBuf;

fn main() {
    let source = "../questionnaire/default.json";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("questionnaire/default.json is readable");
    // A file that does not parse is passed on as it is: the engine's tests then report its problems.
    let core = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(mut value) => {
            if let Some(object) = value.as_object_mut() {
                object.insert("advice".into(), serde_json::Value::Array(Vec::new()));
            }
            value.to_string()
        }
        Err(_) => text,
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("default-core.json"), core).expect("OUT_DIR is writable");
}
