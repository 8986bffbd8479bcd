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
    for locale in &q.locales {
        let n = q.reading_load(locale).total();
        println!("reading load ({locale}): {n} words (limit {READING_LIMIT})");
        assert!(
            n <= READING_LIMIT,
            "{locale}: {n} words to read, the limit is {READING_LIMIT}"
        );
    }
}
