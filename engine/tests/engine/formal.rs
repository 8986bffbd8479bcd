use maturity_check_engine::builtin::{advice_file, complete, core_file, read_core_file};
use maturity_check_engine::config::{self, TEXT_KEYS};
use maturity_check_engine::formal::{missing_formal, missing_warning};
use maturity_check_engine::load;
use serde_json::{json, Value};

use crate::common::{assert_problem, json as parse, problems_of, THREE_LEVELS};

/// The three-level fixture with the formal form of its title and of its first question's prompt.
fn formal_fixture() -> Value {
    let mut v = parse(THREE_LEVELS);
    v["title"]["de-formal"] = json!("Fixture (de, Sie)");
    v["questions"][0]["prompt"]["de-formal"] = json!("alpha question 1? (de, Sie)");
    v
}

#[test]
fn a_formal_text_is_accepted_for_a_declared_locale_only_and_never_empty() {
    assert!(problems_of(&formal_fixture()).is_empty());
    let mut v = formal_fixture();
    v["title"]["fr-formal"] = json!("Fixture (fr)");
    v["questions"][0]["prompt"]["de-formal"] = json!(" ");
    let p = problems_of(&v);
    assert_problem(&p, "$.title.fr-formal", "not declared");
    assert_problem(&p, "$.questions[0].prompt.de-formal", "must not be empty");
}

#[test]
fn prefer_formal_takes_the_formal_form_where_there_is_one_and_leaves_english_alone() {
    let q = load(&formal_fixture().to_string()).expect("valid").formal();
    assert_eq!(q.title.get("de", "de"), "Fixture (de, Sie)");
    assert_eq!(q.title.get("en", "de"), "Fixture");
    assert_eq!(
        q.questions[0].prompt.get("de", "de"),
        "alpha question 1? (de, Sie)"
    );
    // No formal form: the German one.
    assert_eq!(
        q.questions[1].prompt.get("de", "de"),
        "alpha question 2? (de)"
    );
    assert!(q.title.0.keys().all(|k| !k.ends_with("-formal")));
}

#[test]
fn the_formal_files_are_the_german_ones_in_their_formal_form() {
    let q = load(&formal_fixture().to_string()).expect("valid");
    let core = read_core_file(&core_file(&q, "de-formal").expect("written")).expect("read");
    assert_eq!(core.questionnaire.locales, ["de"]);
    assert_eq!(
        core.questionnaire.title.get("de", "de"),
        "Fixture (de, Sie)"
    );
    assert!(core.ui["intro.lead"].contains("Beantworten Sie"));
    let whole = complete(&core.questionnaire, &advice_file(&q, "de-formal")).expect("complete");
    assert_eq!(
        whole.questions[0].prompt.get("de", "de"),
        "alpha question 1? (de, Sie)"
    );
    let informal = read_core_file(&core_file(&q, "de").expect("written")).expect("read");
    assert_eq!(informal.questionnaire.title.get("de", "de"), "Fixture (de)");
}

#[test]
fn the_texts_without_a_formal_form_are_named_by_path() {
    let q = load(&formal_fixture().to_string()).expect("valid");
    let missing = missing_formal(&q);
    assert!(!missing.contains(&"$.title.de-formal".to_string()));
    assert!(missing.contains(&"$.questions[1].prompt.de-formal".to_string()));
    assert!(missing.contains(&"$.dimensions[0].description.de-formal".to_string()));
    // English has no formal register.
    assert!(missing.iter().all(|p| p.ends_with(".de-formal")));
    let w = missing_warning(&missing).expect("a warning");
    assert!(w.contains(&format!("{} text(s)", missing.len())), "{w}");
    assert!(
        w.contains(&format!("and {} more", missing.len() - 10)),
        "{w}"
    );
    assert!(missing_warning(&[]).is_none());
}

#[test]
fn formality_is_read_and_a_formal_config_warns_about_informal_texts() {
    let r = config::parse(r#"{"formality": "formal"}"#, TEXT_KEYS);
    assert!(r.config.expect("valid").formal);
    assert!(!config::parse("{}", TEXT_KEYS).config.expect("valid").formal);
    let bad = config::parse(r#"{"formality": "Sie"}"#, TEXT_KEYS);
    assert_eq!(bad.errors[0].path, "$.formality");
    assert!(
        bad.errors[0].message.contains("\"informal\", \"formal\""),
        "{}",
        bad.errors[0]
    );

    let inline = json!({"formality": "formal", "questionnaire": formal_fixture()});
    let r = config::check(&inline.to_string(), TEXT_KEYS);
    let w = r
        .warnings
        .iter()
        .find(|w| w.path == "$.formality")
        .expect("a warning");
    assert!(
        w.message
            .contains("$.questionnaire.dimensions[0].title.de-formal"),
        "{w}"
    );
    let informal = json!({"questionnaire": formal_fixture()});
    let r = config::check(&informal.to_string(), TEXT_KEYS);
    assert!(r.warnings.iter().all(|w| w.path != "$.formality"));
}

/// The walk that names texts by path (for the missing-formal warning) and the walk that changes
/// them (formal form, per-locale files) list the same texts, so no text is made formal unnoticed
/// or named without being made formal.
#[test]
fn both_walks_over_the_texts_list_the_same_texts() {
    let mut q: maturity_check_engine::model::Questionnaire =
        serde_json::from_str(maturity_check_engine::DEFAULT_QUESTIONNAIRE).expect("valid JSON");
    let named: Vec<_> = maturity_check_engine::formal::texts(&q)
        .into_iter()
        .map(|(_, t)| t.clone())
        .collect();
    let changed: Vec<_> = q.texts_mut().into_iter().map(|t| t.clone()).collect();
    assert_eq!(named.len(), changed.len());
    for t in &changed {
        assert!(named.contains(t), "named by no path: {t:?}");
    }
}
