/*!
The UI's own strings, per locale, with partner overrides on top.

Questionnaire texts come from the questionnaire; everything else the widget says comes from here.
Keys are public API: partners override them in `texts` of the config, and the config validator
checks override keys against [`KEYS`]. Placeholders are `{name}`.
*/

use maturity_check_engine::locales;
use maturity_check_engine::sorted_map::{SortedMap, TextMap};
use maturity_check_engine::ui_text::{Table, WITH_CORE};
use std::cell::RefCell;

mod de;
mod de_formal;
mod en;

/// What the first view says before or without its questions: loading, and a download that failed.
/// The intro's, the questions' and the footer's strings ([`WITH_CORE`]) come with the built-in
/// questions, in the visitor's language only ([`add_from_core`]).
///
/// Every table is written once per text locale, a file each ([`de`], [`en`], and [`de_formal`]
/// with only the strings that differ in the formal register); a third locale is a new file and a
/// row per table. Which table a string is in decides which wasm chunk ships it: a table is
/// named only by the function that loads it.
const FIRST_VIEW: Table = &[
    ("de", de::FIRST_VIEW),
    ("de-formal", de_formal::FIRST_VIEW),
    ("en", en::FIRST_VIEW),
];

/// What the intro says to a returning visitor. Only the code that reads saved answers reads this
/// table (through [`load_resume`]), so it ships with that code.
const RESUME: Table = &[
    ("de", de::RESUME),
    ("de-formal", de_formal::RESUME),
    ("en", en::RESUME),
];

/// What the error panel says. Only its code (with the code that words a config's problems) reads
/// this table (through [`load_errors`]).
const ERRORS: Table = &[
    ("de", de::ERRORS),
    ("de-formal", de_formal::ERRORS),
    ("en", en::ERRORS),
];

/// What the results and the lead form say. Only the code of those chunks reads this table (through
/// [`load_later`]), so the release build ships these strings with that code, not in the first view.
const LATER: Table = &[
    ("de", de::LATER),
    ("de-formal", de_formal::LATER),
    ("en", en::LATER),
];

thread_local! {
    /// The tables beyond [`FIRST_VIEW`] that the chunks have made available ([`load_later`],
    /// [`load_resume`], [`load_errors`], [`load_first_view`]).
    static LOADED: RefCell<Vec<Table>> = const { RefCell::new(Vec::new()) };
    /// The strings of [`WITH_CORE`] as the built-in questions' core files brought them, by text
    /// locale (`de-formal` for the formal core).
    static FROM_CORE: RefCell<SortedMap<TextMap>> = RefCell::new(SortedMap::new());
}

/// Makes the first view's strings that a core file brought (in its text locale: `de`, `de-formal`,
/// `en`) available.
pub fn add_from_core(locale: &str, strings: TextMap) {
    FROM_CORE.with_borrow_mut(|c| c.insert(locale.to_string(), strings));
}

/// Makes the first view's strings in every language available: for a partner's own questionnaire,
/// which comes without a core file (the chunk that reads it calls this).
pub fn load_first_view() {
    load(WITH_CORE);
}

fn load(table: Table) {
    LOADED.with_borrow_mut(|loaded| {
        if !loaded.iter().any(|t| std::ptr::eq(*t, table)) {
            loaded.push(table);
        }
    });
}

/// Makes the strings of the results and the lead form available to [`Catalogue::get`]. Called by
/// the chunks that show them; builds without chunks (tests, native) have them from the start.
pub fn load_later() {
    load(LATER);
}

/// Makes the intro's strings for a returning visitor available (the chunk that reads saved
/// answers calls it).
pub fn load_resume() {
    load(RESUME);
}

/// Makes the error panel's strings available (its chunk calls it).
pub fn load_errors() {
    load(ERRORS);
}

/// Every key partners may override (the engine validates `texts` against this list).
pub use maturity_check_engine::config::TEXT_KEYS as KEYS;

/// The UI strings of one locale, in its informal or formal register, with overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    locale: String,
    /// `locale`, or its formal register (`de-formal`): where [`Catalogue::get`] looks first.
    text_locale: String,
    overrides: TextMap,
}

impl Catalogue {
    /// `locale` is `de` or `en`; anything else reads German. Informal until [`Catalogue::formal`].
    pub fn new(locale: &str, overrides: TextMap) -> Self {
        #[cfg(not(feature = "split"))]
        {
            load_first_view();
            load_later();
            load_resume();
            load_errors();
        }
        Catalogue {
            locale: locale.to_string(),
            text_locale: locale.to_string(),
            overrides,
        }
    }

    /// This catalogue in the formal register if `formal` (the config's `formality: "formal"`):
    /// German then addresses the reader as "Sie"; a locale without a formal register is unchanged.
    pub fn formal(mut self, formal: bool) -> Self {
        self.text_locale = locales::text_locale(&self.locale, formal);
        self
    }

    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The text for `key`. An unknown key is a bug in the widget; it shows as the key itself.
    /// The partner's override wins; then, for the text locale, its base locale and the default
    /// ([`locales::fallbacks`]) in turn, the core file's string and the tables'.
    pub fn get(&self, key: &str) -> String {
        if let Some(s) = self.overrides.get(key) {
            return s.clone();
        }
        for l in locales::fallbacks(&self.text_locale) {
            // From the core file in this language (the widget picks the catalogue's language as it
            // picks the core's, so they agree). Only that language's: a partner's questionnaire
            // next to a built-in one in another language has these strings in its own language
            // from its chunk.
            let from_core = FROM_CORE.with_borrow(|c| c.get(l).and_then(|t| t.get(key)).cloned());
            if let Some(s) = from_core {
                return s;
            }
            let found = find(FIRST_VIEW, l, key).or_else(|| {
                LOADED.with_borrow(|loaded| loaded.iter().find_map(|t| find(t, l, key)))
            });
            if let Some(s) = found {
                return s.to_string();
            }
        }
        key.to_string()
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        args.iter().fold(self.get(key), |s, (name, value)| {
            s.replace(&format!("{{{name}}}"), value)
        })
    }
}

/// The text of `key` in `table`'s strings for exactly `text_locale`.
fn find(table: Table, text_locale: &str, key: &str) -> Option<&'static str> {
    let (_, entries) = table.iter().find(|(l, _)| *l == text_locale)?;
    entries.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// The locale to use: the config's, else the host page's `<html lang>`, else the browser's, each
/// matched by language against what the questionnaire offers; else the questionnaire's default.
pub fn pick_locale(
    configured: Option<&str>,
    page: Option<&str>,
    browser: &[String],
    offered: &[String],
    default: &str,
) -> String {
    let matches = |tag: &str| {
        let lang = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        offered
            .iter()
            .find(|o| o.split('-').next() == Some(lang.as_str()))
            .cloned()
    };
    configured
        .and_then(matches)
        .or_else(|| page.and_then(matches))
        .or_else(|| browser.iter().find_map(|b| matches(b)))
        .unwrap_or_else(|| default.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLES: [(&str, Table); 5] = [
        ("FIRST_VIEW", FIRST_VIEW),
        ("WITH_CORE", WITH_CORE),
        ("RESUME", RESUME),
        ("ERRORS", ERRORS),
        ("LATER", LATER),
    ];

    /// The keys of every table, in the default locale.
    fn keys() -> Vec<&'static str> {
        TABLES
            .iter()
            .flat_map(|(_, t)| t.iter().filter(|(l, _)| *l == locales::DEFAULT_LOCALE))
            .flat_map(|(_, entries)| entries.iter().map(|(k, _)| *k))
            .collect()
    }

    #[test]
    fn every_locale_has_every_key_of_every_table_and_the_formal_one_says_sie() {
        for (name, table) in TABLES {
            assert_eq!(
                maturity_check_engine::ui_text::problems(name, table),
                Vec::<String>::new()
            );
        }
    }

    #[test]
    fn the_catalogue_has_exactly_the_public_keys_each_once() {
        let mut ours = keys();
        let mut keys = KEYS.to_vec();
        ours.sort_unstable();
        keys.sort_unstable();
        let before = ours.len();
        ours.dedup();
        assert_eq!(ours.len(), before, "a key is in two tables");
        assert_eq!(
            ours, keys,
            "keep engine::config::TEXT_KEYS and the catalogue in step"
        );
    }

    #[test]
    fn the_formal_catalogue_says_sie_falls_back_to_german_and_overrides_still_win() {
        let formal = Catalogue::new("de", TextMap::new()).formal(true);
        assert_eq!(formal.get("results.plan"), "Ihr Plan");
        assert_eq!(formal.get("step.context"), "Zu Ihrem Unternehmen");
        // Not in the formal table: the German string.
        assert_eq!(formal.get("results.now"), "Jetzt angehen");
        assert_eq!(formal.locale(), "de");
        assert_eq!(
            Catalogue::new("de", TextMap::new()).get("results.plan"),
            "Euer Plan"
        );
        // English has one register.
        assert_eq!(
            Catalogue::new("en", TextMap::new())
                .formal(true)
                .get("results.plan"),
            "Your plan"
        );
        let overridden = Catalogue::new(
            "de",
            [("results.plan".to_string(), "Der Plan".to_string())].into(),
        )
        .formal(true);
        assert_eq!(overridden.get("results.plan"), "Der Plan");
        for key in KEYS {
            let text = formal.get(key);
            assert!(
                maturity_check_engine::ui_text::informal_words(&text).is_empty(),
                "{key}: {text}"
            );
        }
    }

    #[test]
    fn overrides_win_and_placeholders_fill() {
        let c = Catalogue::new("en", [("intro.start".to_string(), "Go".to_string())].into());
        assert_eq!(c.get("intro.start"), "Go");
        assert_eq!(
            c.fill("step.counter", &[("current", "3"), ("total", "24")]),
            "Question 3 of 24"
        );
        assert_eq!(
            Catalogue::new("de", TextMap::new())
                .fill("step.counter", &[("current", "3"), ("total", "24")]),
            "Frage 3 von 24"
        );
    }

    #[test]
    fn core_strings_serve_their_language_and_the_tables_the_others() {
        add_from_core(
            "de",
            [("intro.start".to_string(), "Los".to_string())].into(),
        );
        // A German widget reads the core's string; an English one (a partner's questionnaire
        // next to it) its own language's, not the German core's.
        assert_eq!(
            Catalogue::new("de", TextMap::new()).get("intro.start"),
            "Los"
        );
        assert_eq!(
            Catalogue::new("en", TextMap::new()).get("intro.start"),
            "Start the check"
        );
        FROM_CORE.with_borrow_mut(|c| *c = SortedMap::new());
    }

    #[test]
    fn results_and_lead_texts_are_there_without_chunks() {
        let c = Catalogue::new("en", TextMap::new());
        assert_eq!(c.get("results.plan"), "Your plan");
        assert_eq!(c.get("lead.submit"), "Send contact details");
        assert_eq!(c.get("intro.start"), "Start the check");
    }

    #[test]
    fn locale_comes_from_config_then_page_then_browser() {
        let offered = vec!["de".to_string(), "en".to_string()];
        let browser = vec!["fr-FR".to_string(), "en-US".to_string()];
        assert_eq!(
            pick_locale(Some("en"), Some("de"), &browser, &offered, "de"),
            "en"
        );
        assert_eq!(
            pick_locale(None, Some("en-GB"), &browser, &offered, "de"),
            "en"
        );
        assert_eq!(
            pick_locale(None, Some("fr"), &browser, &offered, "de"),
            "en"
        );
        assert_eq!(pick_locale(None, None, &[], &offered, "de"), "de");
    }
}
