//! The loader's locales, written from the engine's one list ([`maturity_check_engine::locales`]):
//! `public/maturity-check.js` states them in three lines (so that it runs as it is, unbundled),
//! and `cargo xtask dist` writes those lines anew into the loader it bundles, so the deployed
//! loader guesses from the list the widget picks from. A test fails when the source says
//! otherwise.

use maturity_check_engine::locales::{DEFAULT_LOCALE, FORMAL, LOCALES};

use crate::Result;

/// A JavaScript array of strings.
fn js_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

/// The loader's lines, each with the start that finds it.
fn lines() -> [(&'static str, String); 3] {
    [
        ("const CORE_LOCALES = ", js_list(LOCALES)),
        ("const CORE_DEFAULT = ", format!("\"{DEFAULT_LOCALE}\"")),
        ("const CORE_FORMAL = ", js_list(FORMAL)),
    ]
    .map(|(start, value)| (start, format!("{start}{value};")))
}

/// `loader` with its locale lines written from the engine's list; an error if one of them is not
/// there exactly once.
pub fn write_into(loader: &str) -> Result<String> {
    let mut out = loader.to_string();
    for (start, line) in lines() {
        let found: Vec<&str> = out.lines().filter(|l| l.starts_with(start)).collect();
        let [old] = found[..] else {
            return Err(format!(
                "public/maturity-check.js: expected one line starting with `{start}`, found {}",
                found.len()
            ));
        };
        out = out.replace(old, &line);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_loader_s_locales_are_the_engine_s() {
        let source = std::fs::read_to_string(crate::root().join("public/maturity-check.js"))
            .expect("public/maturity-check.js");
        assert_eq!(
            super::write_into(&source).expect("the locale lines"),
            source,
            "public/maturity-check.js lists other locales than engine::locales"
        );
        assert!(super::write_into("const CORE_DEFAULT = \"de\";").is_err());
    }
}
