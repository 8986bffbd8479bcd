//! Content rules of the default questionnaire that are about wording rather than structure:
//! no advice said twice, and definitions of terms that a respondent opens only when needed.

use std::collections::BTreeSet;

use maturity_check_engine::{load, DEFAULT_QUESTIONNAIRE};
use serde_json::json;

use crate::common::{json, problems_of, THREE_LEVELS};

/// The words of a text: lowercased, split at anything that is not a letter, a digit or a hyphen
/// inside a word, and without words of three characters or fewer. Those short ones are mostly
/// stop words ("und", "die", "the", "and", "for") that any two sentences share.
fn words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| w.chars().count() > 3)
        .map(str::to_string)
        .collect()
}

/// No two advice entries of the default questionnaire give the same advice in other words.
///
/// Two entries *share* their words when |words(a) ∩ words(b)| / min(|words(a)|, |words(b)|)
/// is more than one half, per locale, with [`words`] as above (lowercased, punctuation
/// stripped, words of up to three characters ignored). A plan shows entries of several cells
/// side by side, so an entry that repeats another wastes a place and reads as filler.
#[test]
fn no_two_default_advice_entries_share_more_than_half_their_words() {
    let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire is valid");
    let mut shared = Vec::new();
    for locale in &q.locales {
        let entries: Vec<(&str, BTreeSet<String>)> = q
            .advice
            .iter()
            .map(|a| (a.id.as_str(), words(a.text.get(locale, &q.default_locale))))
            .collect();
        for (i, (a, wa)) in entries.iter().enumerate() {
            for (b, wb) in &entries[i + 1..] {
                let common = wa.intersection(wb).count();
                let smaller = wa.len().min(wb.len()).max(1);
                if common * 2 > smaller {
                    shared.push(format!(
                        "{locale}: {a} and {b} share {common} of {smaller} words"
                    ));
                }
            }
        }
    }
    assert!(
        shared.is_empty(),
        "advice said twice:\n{}",
        shared.join("\n")
    );
}

/// The default questionnaire explains its jargon, and what it explains costs no reading time:
/// the folded `explain` texts are left out of the reading load.
#[test]
fn explanations_are_offered_and_not_counted_in_the_reading_load() {
    let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire is valid");
    let explained: Vec<&str> = q
        .questions
        .iter()
        .filter(|x| x.explain.is_some())
        .map(|x| x.id.as_str())
        .collect();
    for id in [
        "steering-kpis",
        "retention-signals",
        "technology-selfservice",
    ] {
        assert!(explained.contains(&id), "{id} explains its terms");
    }
    let mut bare = (**q).clone();
    for x in &mut bare.questions {
        x.explain = None;
    }
    for x in &mut bare.context_questions {
        x.explain = None;
    }
    for locale in &q.locales {
        assert_eq!(
            q.reading_load(locale),
            bare.reading_load(locale),
            "{locale}"
        );
    }
}

/// An `explain` text is checked like every other text: every locale, none empty.
#[test]
fn an_explain_text_is_validated_like_any_text() {
    let mut value = json(THREE_LEVELS);
    value["questions"][0]["explain"] = json!({});
    let problems = problems_of(&value);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("$.questions[0].explain")),
        "{problems:?}"
    );
}
