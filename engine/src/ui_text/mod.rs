/*!
The first view's UI strings that travel with the built-in questions: what the intro, the
questions and the footer say. The core file of each text locale
([`crate::builtin::core_file()`]) carries them in that locale, so the first view downloads one
language only. The widget keeps the rest of its strings (what it says before or without its
questions, and what the chunks say) in tables of the same shape.

A table is written once per text locale ([`crate::locales`]), a file each: [`de`], [`en`], and
[`de_formal`], which holds only the strings whose formal text differs. A third locale is a new
file and a row in [`WITH_CORE`]. [`problems`] is what the tests hold every table to.

Keys are public API: partners override them in `texts` of the config (they are among
[`crate::config::TEXT_KEYS`]). Placeholders are `{name}`.
*/

use crate::locales::{self, FORMAL_SUFFIX, LOCALES};

pub mod de;
pub mod de_formal;
pub mod en;

/// (key, text).
pub type Entry = (&'static str, &'static str);

/// One table in every text locale: (text locale, its strings).
pub type Table = &'static [(&'static str, &'static [Entry])];

/// The strings the core file carries.
pub const WITH_CORE: Table = &[
    ("de", de::WITH_CORE),
    ("de-formal", de_formal::WITH_CORE),
    ("en", en::WITH_CORE),
];

/// The text of `key` in `table` for `text_locale`: its own string, else its base locale's, else
/// the default locale's ([`locales::fallbacks`]), as the widget's catalogue reads its strings.
pub fn text(table: Table, text_locale: &str, key: &str) -> Option<&'static str> {
    locales::fallbacks(text_locale).into_iter().find_map(|l| {
        table
            .iter()
            .find(|(tl, _)| *tl == l)
            .and_then(|(_, entries)| entries.iter().find(|(k, _)| *k == key))
            .map(|(_, t)| *t)
    })
}

/// Words that address the reader informally ("ihr" in lower case only: "Ihr" is also the formal
/// possessive); none may be left in a formal text.
pub const INFORMAL_WORDS: &[&str] = &[
    "ihr", "euch", "euer", "eure", "eurem", "euren", "eurer", "eures", "habt", "seid",
];

/// The informal words of `text` ([`INFORMAL_WORDS`], whole words; all but "ihr" in any case).
pub fn informal_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            *w == "ihr" || (*w != "Ihr" && INFORMAL_WORDS.contains(&w.to_lowercase().as_str()))
        })
        .map(str::to_string)
        .collect()
}

/// What is wrong with `table` (named `name`): a locale of [`LOCALES`] without it or without one of
/// the default locale's keys, or with a key the default locale has not, a key twice, an empty text,
/// placeholders that differ from the default locale's, a formal table with a key its base has not
/// or a formal-effective text with an informal word. Empty when the table is whole.
pub fn problems(name: &str, table: Table) -> Vec<String> {
    let mut out = Vec::new();
    let strings = |l: &str| table.iter().find(|(tl, _)| *tl == l).map(|(_, e)| *e);
    let Some(primary) = strings(locales::DEFAULT_LOCALE) else {
        return vec![format!("{name}: no {} table", locales::DEFAULT_LOCALE)];
    };
    fn holes(s: &str) -> Vec<&str> {
        let mut h: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split('}').next())
            .collect();
        h.sort_unstable();
        h
    }
    let key_of = |k: &str| primary.iter().find(|(pk, _)| *pk == k).map(|(_, t)| *t);
    for (tl, entries) in table {
        let base = locales::base(tl);
        if !LOCALES.contains(&base) || (base != *tl && !locales::FORMAL.contains(&base)) {
            out.push(format!("{name}: {tl} is not a text locale"));
        }
        for (i, (k, t)) in entries.iter().enumerate() {
            if entries[..i].iter().any(|(other, _)| other == k) {
                out.push(format!("{name} {tl}: {k} twice"));
            }
            if t.trim().is_empty() {
                out.push(format!("{name} {tl}: {k} is empty"));
            }
            match key_of(k) {
                None => out.push(format!("{name} {tl}: {k} is not a key of the table")),
                Some(p) if holes(p) != holes(t) => {
                    out.push(format!("{name} {tl}: the placeholders of {k} differ"))
                }
                Some(_) => {}
            }
        }
    }
    for l in LOCALES {
        let Some(entries) = strings(l) else {
            out.push(format!("{name}: no {l} table"));
            continue;
        };
        for (k, _) in primary {
            if !entries.iter().any(|(ek, _)| ek == k) {
                out.push(format!("{name} {l}: {k} is missing"));
            }
        }
    }
    for l in locales::FORMAL {
        let formal = [*l, FORMAL_SUFFIX].concat();
        if strings(&formal).is_none() {
            out.push(format!("{name}: no {formal} table"));
        }
        for (k, _) in primary {
            let words = text(table, &formal, k)
                .map(informal_words)
                .unwrap_or_default();
            if !words.is_empty() {
                out.push(format!("{name} {formal}: {k} says {}", words.join(", ")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_every_key_and_the_formal_one_says_sie() {
        assert_eq!(problems("WITH_CORE", WITH_CORE), Vec::<String>::new());
    }

    #[test]
    fn the_informal_words_are_found_as_whole_words() {
        assert_eq!(
            informal_words("Wo steht euer Service? Ihr habt"),
            ["euer", "habt"]
        );
        assert_eq!(informal_words("Eure Antworten"), ["Eure"]);
        assert!(informal_words("Ihre Antworten, Ihr Plan, Steuerung, Teuerung").is_empty());
        assert_eq!(informal_words("was ihr wisst"), ["ihr"]);
    }

    #[test]
    fn a_missing_key_and_an_informal_formal_text_are_reported() {
        const T: Table = &[
            ("de", &[("a", "Euer {x}"), ("b", "B")]),
            ("de-formal", &[("a", "Euer {y}")]),
            ("en", &[("a", "Your {x}")]),
        ];
        let p = problems("T", T);
        assert!(p.contains(&"T en: b is missing".to_string()), "{p:?}");
        assert!(
            p.contains(&"T de-formal: the placeholders of a differ".to_string()),
            "{p:?}"
        );
        assert!(p.contains(&"T de-formal: a says Euer".to_string()), "{p:?}");
    }
}
