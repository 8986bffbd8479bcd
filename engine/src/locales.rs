/*!
The one list of the widget's locales. The UI catalogue, the config's `locale` and `texts`, the
built-in questionnaire's files and the loader's guess (`cargo xtask dist` writes this list into
the bundled loader) all read it from here.

A locale may also have a formal register ([`FORMAL`]): German addresses the reader as "ihr" by
default and as "Sie" with the config's `formality: "formal"`. The formal register is a *text
locale* of its own, `<locale>-formal` ([`text_locale`]): a questionnaire `Text` may carry the key
`de-formal` beside `de`, the UI tables have a `de-formal` table of the strings that differ, and the
built-in questionnaire's files are written for it as for any locale. A lookup in a text locale
tries it first, then its base locale ([`fallbacks`]).
*/

/// Every locale the UI catalogue and the built-in questionnaire have (a test keeps the
/// questionnaire's `locales` in step).
pub const LOCALES: &[&str] = &["de", "en"];
/// The locale the widget falls back to.
pub const DEFAULT_LOCALE: &str = "de";
/// The locales with a formal register of their own.
pub const FORMAL: &[&str] = &["de"];
/// What a formal text locale adds to its locale: `de-formal`.
pub const FORMAL_SUFFIX: &str = "-formal";

/// The text locale of `locale` in the register `formal` asks for: `de-formal` for a formal German
/// widget, `locale` itself for any other.
pub fn text_locale(locale: &str, formal: bool) -> String {
    if formal && FORMAL.contains(&locale) {
        [locale, FORMAL_SUFFIX].concat()
    } else {
        locale.to_string()
    }
}

/// The locale a text locale is written in: `de` for `de-formal`.
pub fn base(text_locale: &str) -> &str {
    text_locale
        .strip_suffix(FORMAL_SUFFIX)
        .unwrap_or(text_locale)
}

/// Where a lookup in `text_locale` looks, in order: the text locale, its base locale, the default.
pub fn fallbacks(text_locale: &str) -> [&str; 3] {
    [text_locale, base(text_locale), DEFAULT_LOCALE]
}

/// Every text locale: each locale, and after it its formal register if it has one.
pub fn text_locales() -> Vec<String> {
    LOCALES
        .iter()
        .flat_map(|l| [text_locale(l, false), text_locale(l, true)])
        .fold(Vec::new(), |mut all, l| {
            if !all.contains(&l) {
                all.push(l);
            }
            all
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formal_register_is_a_text_locale_of_its_own() {
        assert_eq!(text_locale("de", true), "de-formal");
        assert_eq!(text_locale("en", true), "en");
        assert_eq!(text_locale("de", false), "de");
        assert_eq!(base("de-formal"), "de");
        assert_eq!(fallbacks("de-formal"), ["de-formal", "de", "de"]);
        assert_eq!(text_locales(), ["de", "de-formal", "en"]);
    }
}
