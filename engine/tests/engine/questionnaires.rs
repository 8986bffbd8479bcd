use std::path::Path;

use maturity_check_engine::model::READING_LIMIT;
use maturity_check_engine::{load, AdviceKind, DEFAULT_QUESTIONNAIRE};

#[test]
fn every_questionnaire_file_validates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../questionnaire");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("questionnaire/ exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("readable file");
            if let Err(e) = load(&text) {
                panic!("{} does not validate:\n{e}", path.display());
            }
            seen += 1;
        }
    }
    assert!(seen >= 1, "no questionnaire files in {}", dir.display());
}

#[test]
fn the_default_questionnaire_meets_the_content_rules() {
    let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire is valid");
    assert_eq!(q.locales, ["de", "en"]);
    assert_eq!(q.default_locale, "de");
    assert_eq!(q.dimensions.len(), 6);
    assert_eq!(q.questions.len(), 20, "20 scored questions");
    for d in &q.dimensions {
        let n = q.questions.iter().filter(|x| x.dimension == d.id).count();
        assert!(
            (3..=4).contains(&n),
            "dimension {} has {n} questions, want 3-4",
            d.id
        );
    }
    assert!((3..=4).contains(&q.context_questions.len()));
    assert_eq!(
        q.levels.len(),
        3,
        "three stages: reactive, structured, strategic"
    );
    assert!(q.questions.iter().any(|x| x.dont_know.is_some()));
    for d in &q.dimensions {
        for l in &q.levels {
            for (kind, range) in [
                (AdviceKind::QuickWin, 2..=3),
                (AdviceKind::LongTerm, 2..=3),
                (AdviceKind::LeaveOut, 1..=2),
            ] {
                let general = q
                    .advice
                    .iter()
                    .filter(|a| {
                        a.dimension == d.id && a.level == l.id && a.kind == kind && a.when.is_none()
                    })
                    .count();
                assert!(
                    range.contains(&general),
                    "{} x {} x {}: {general} general entries, want {range:?}",
                    d.id,
                    l.id,
                    kind.as_str()
                );
            }
        }
    }
    let tailored = q.advice.iter().filter(|a| a.when.is_some()).count();
    assert!(tailored >= 12, "tailored variants: {tailored}");
    // Every answer to a context question tailors something: a respondent who picks the middle
    // option of team size or volume gets advice written for them too.
    for c in &q.context_questions {
        for o in &c.options {
            assert!(
                q.advice.iter().any(|a| a
                    .when
                    .as_ref()
                    .and_then(|w| w.get(&c.id))
                    .is_some_and(|options| options.contains(&o.id))),
                "no advice tailored to {} = {}",
                c.id,
                o.id
            );
        }
    }
    for key in ["business_model", "service_role"] {
        assert!(
            q.advice
                .iter()
                .any(|a| a.when.as_ref().is_some_and(|w| w.contains_key(key))),
            "advice tailored by {key}"
        );
    }
}

#[test]
fn the_five_minute_promise_holds_in_every_locale() {
    let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire is valid");
    // Every locale, and German in its formal form as `formality: "formal"` shows it.
    let formal = q.clone().formal();
    let loads = q
        .locales
        .iter()
        .map(|l| (l.clone(), q.reading_load(l).total()))
        .chain([("de-formal".to_string(), formal.reading_load("de").total())]);
    for (locale, n) in loads {
        println!("reading load ({locale}): {n} words (limit {READING_LIMIT})");
        assert!(
            n <= READING_LIMIT,
            "{locale}: {n} words to read, the limit is {READING_LIMIT}"
        );
    }
}

/// The intro's duration: estimated from what a respondent reads and answers, or the questionnaire's
/// own figure; the validator's warning for a long check.
#[test]
fn the_duration_follows_the_questions_and_a_long_check_is_warned_about() {
    use maturity_check_engine::model::LONG_CHECK_QUESTIONS;
    let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire");
    for locale in ["de", "en"] {
        assert_eq!(
            q.minutes(locale),
            5,
            "{locale}: the default check takes about five minutes"
        );
    }
    assert_eq!(q.length_warning(), None);

    let mut long = q.clone().into_inner();
    let first = long.questions[0].clone();
    while long.questions.len() + long.context_questions.len() <= 60 {
        let mut copy = first.clone();
        copy.id = format!("copy-{}", long.questions.len());
        long.questions.push(copy);
    }
    assert!(long.minutes("de") >= 10, "{} minutes", long.minutes("de"));
    let warning = long.length_warning().expect("a long check is warned about");
    assert!(
        warning.starts_with(&format!(
            "{} questions take about {} minutes",
            long.questions.len() + long.context_questions.len(),
            long.minutes("de")
        )),
        "{warning}"
    );
    assert!(warning.contains(&LONG_CHECK_QUESTIONS.to_string()));

    long.duration_minutes = Some(25);
    assert_eq!(
        long.minutes("en"),
        25,
        "a questionnaire may state its own duration"
    );
    long.duration_minutes = Some(0);
    assert!(long.minutes("en") >= 10, "0 means: estimate it");
    let mut tiny = q.into_inner();
    tiny.questions.truncate(1);
    tiny.context_questions.clear();
    assert_eq!(tiny.minutes("de"), 1, "at least a minute");
}

/// Longest `because` of the default questionnaire, in words per locale: a reason, not a second
/// advice text.
const BECAUSE_WORDS: usize = 20;

/// Every entry of the default questionnaire says what it takes and what it moves; every leave-out
/// says why, briefly. A quick win is never a months-long project.
#[test]
fn every_default_advice_entry_has_effort_impact_and_where_needed_a_reason() {
    use maturity_check_engine::model::Effort;
    let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire is valid");
    let mut missing = Vec::new();
    for a in &q.advice {
        if a.effort.is_none() {
            missing.push(format!("{}: no effort", a.id));
        }
        if a.impact.is_none() {
            missing.push(format!("{}: no impact", a.id));
        }
        if a.kind == AdviceKind::LeaveOut && a.because.is_none() {
            missing.push(format!("{}: a leave-out without because", a.id));
        }
        if a.kind == AdviceKind::QuickWin && a.effort == Some(Effort::L) {
            missing.push(format!("{}: a quick win of large effort", a.id));
        }
        if let Some(because) = &a.because {
            for (locale, text) in &because.0 {
                let n = text.split_whitespace().count();
                if n > BECAUSE_WORDS {
                    missing.push(format!(
                        "{}: because ({locale}) has {n} words, at most {BECAUSE_WORDS}",
                        a.id
                    ));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Every built-in dimension says what to find out first when it is not rated, in every locale,
/// in one or two sentences.
#[test]
fn every_default_dimension_says_what_to_find_out_first() {
    let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire is valid");
    for d in &q.dimensions {
        let Some(text) = &d.find_out else {
            panic!("dimension {} has no find_out", d.id);
        };
        for locale in &q.locales {
            let t = text.get(locale, &q.default_locale);
            let sentences = t.matches(['.', '?', '!']).count();
            assert!(
                (1..=2).contains(&sentences) && t.split_whitespace().count() <= 45,
                "{} ({locale}): {t}",
                d.id
            );
        }
    }
}
