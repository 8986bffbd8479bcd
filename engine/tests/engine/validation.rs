use maturity_check_engine::{load, LoadError};
use serde_json::json;

use crate::common::*;

#[test]
fn fixtures_with_three_and_five_levels_validate() {
    assert_eq!(three().levels.len(), 3);
    assert_eq!(five().levels.len(), 5);
}

#[test]
fn reports_every_problem_at_once_with_paths() {
    let mut v = json(THREE_LEVELS);
    v["questions"][0]["id"] = json!("Bad Id");
    v["questions"][1]["dimension"] = json!("gamma");
    v["questions"][2]["options"].as_array_mut().unwrap().pop();
    v["dimensions"][1]["weight"] = json!(0);
    v["title"].as_object_mut().unwrap().remove("en");
    let p = problems_of(&v);
    assert_problem(&p, "$.questions[0].id", "not a valid id");
    assert_problem(
        &p,
        "$.questions[1].dimension",
        "unknown dimension \"gamma\"",
    );
    assert_problem(&p, "$.questions[2].options", "exactly 5");
    assert_problem(&p, "$.dimensions[1].weight", "greater than 0");
    assert_problem(&p, "$.title.en", "missing the \"en\" translation");
    assert!(p.len() >= 5, "{p:?}");
}

#[test]
fn duplicate_ids_are_reported() {
    let mut v = json(THREE_LEVELS);
    v["questions"][1]["id"] = v["questions"][0]["id"].clone();
    v["context_questions"][0]["id"] = v["questions"][0]["id"].clone();
    v["questions"][0]["options"][1]["id"] = json!("o0");
    let p = problems_of(&v);
    assert_problem(&p, "$.questions[1].id", "duplicate question id");
    assert_problem(&p, "$.context_questions[0].id", "duplicate question id");
    assert_problem(&p, "$.questions[0].options[1].id", "duplicate option id");
}

#[test]
fn a_dimension_without_questions_is_reported() {
    let mut v = json(THREE_LEVELS);
    v["questions"]
        .as_array_mut()
        .unwrap()
        .retain(|q| q["dimension"] != "alpha");
    // The context question placed after a removed question must be reported too.
    let p = problems_of(&v);
    assert_problem(&p, "$.dimensions[0]", "has no question");
    assert_problem(&p, "$.context_questions[1].after", "unknown question");
}

#[test]
fn levels_must_tile_0_to_100() {
    let mut gap = json(THREE_LEVELS);
    gap["levels"][1]["min"] = json!(45);
    assert_problem(
        &problems_of(&gap),
        "$.levels[1].min",
        "previous level's max 40",
    );

    let mut short = json(FIVE_LEVELS);
    short["levels"][4]["max"] = json!(90);
    assert_problem(&problems_of(&short), "$.levels[4].max", "must end at 100");

    let mut start = json(THREE_LEVELS);
    start["levels"][0]["min"] = json!(5);
    assert_problem(&problems_of(&start), "$.levels[0].min", "start at 0");

    let mut inverted = json(THREE_LEVELS);
    inverted["levels"][1]["max"] = json!(30);
    inverted["levels"][2]["min"] = json!(30);
    assert_problem(&problems_of(&inverted), "$.levels[1]", "less than max");
}

#[test]
fn level_count_comes_from_the_file_between_2_and_7() {
    let mut one = json(THREE_LEVELS);
    one["levels"] = json!([{"id": "only", "name": {"de": "x", "en": "x"}, "description": {"de": "x", "en": "x"}, "min": 0, "max": 100}]);
    assert_problem(&problems_of(&one), "$.levels", "between 2 and 7");
}

#[test]
fn every_dimension_level_and_kind_needs_general_advice() {
    let mut v = json(FIVE_LEVELS);
    v["advice"]
        .as_array_mut()
        .unwrap()
        .retain(|a| !(a["dimension"] == "beta" && a["level"] == "l4" && a["kind"] == "leave_out"));
    assert_problem(
        &problems_of(&v),
        "$.advice",
        "no general (untailored) leave_out advice for dimension \"beta\" at level \"l4\"",
    );
}

#[test]
fn advice_references_are_checked() {
    let mut v = json(THREE_LEVELS);
    let variant = v["advice"]
        .as_array()
        .unwrap()
        .iter()
        .position(|a| a.get("replaces").is_some())
        .unwrap();
    v["advice"][variant]["when"] = json!({"model": ["b2x"], "colour": ["red"]});
    v["advice"][variant]["replaces"] = json!("alpha-reactive-lt1");
    v["advice"][0]["level"] = json!("heroic");
    let p = problems_of(&v);
    assert_problem(
        &p,
        &format!("$.advice[{variant}].when.model[0]"),
        "unknown option \"b2x\"",
    );
    assert_problem(
        &p,
        &format!("$.advice[{variant}].when.colour"),
        "unknown context question",
    );
    assert_problem(&p, &format!("$.advice[{variant}].replaces"), "another cell");
    assert_problem(&p, "$.advice[0].level", "unknown level \"heroic\"");
}

#[test]
fn translations_and_locales_are_checked() {
    let mut v = json(THREE_LEVELS);
    v["default_locale"] = json!("fr");
    v["questions"][0]["prompt"]["it"] = json!("Domanda?");
    v["questions"][0]["options"][2]["label"]["de"] = json!("  ");
    let p = problems_of(&v);
    assert_problem(&p, "$.default_locale", "not one of the declared locales");
    assert_problem(&p, "$.questions[0].prompt.it", "not declared");
    assert_problem(
        &p,
        "$.questions[0].options[2].label.de",
        "must not be empty",
    );
}

#[test]
fn profiles_must_cover_every_role_and_dimension() {
    let mut v = json(THREE_LEVELS);
    v["profiles"]["roles"][1]["targets"]
        .as_object_mut()
        .unwrap()
        .remove("beta");
    v["profiles"]["roles"][1]["importance"]["alpha"] = json!(-1);
    v["profiles"]["roles"].as_array_mut().unwrap().remove(0);
    let p = problems_of(&v);
    assert_problem(&p, "$.profiles.roles[0].targets.beta", "missing");
    assert_problem(&p, "$.profiles.roles[0].importance.alpha", "greater than 0");
    assert_problem(&p, "$.profiles.roles", "role \"cost\" has no profile");
}

#[test]
fn syntax_errors_and_unknown_fields_name_the_path() {
    match load("{\"id\": 5}") {
        Err(LoadError::Syntax(p)) => assert_eq!(p.path, "$.id", "{p}"),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let mut v = json(THREE_LEVELS);
    v["questions"][1]["colour"] = json!("red");
    match load(&v.to_string()) {
        Err(LoadError::Syntax(p)) => {
            assert_eq!(p.path, "$.questions[1].colour", "{p}");
            assert!(p.message.contains("unknown field"), "{p}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(matches!(load(""), Err(LoadError::Syntax(_))));
    assert!(matches!(load("[]"), Err(LoadError::Syntax(_))));
}

/// `effort` and `impact` are closed lists: an unknown value stops parsing at its path, and the
/// message names the values that would do, as for `kind`.
#[test]
fn effort_and_impact_take_only_their_listed_values() {
    for (key, bad, allowed) in [
        ("effort", "xl", "`s`, `m`, `l`"),
        ("impact", "huge", "`low`, `medium`, `high`"),
        ("kind", "someday", "`quick_win`, `long_term`, `leave_out`"),
    ] {
        let mut v = json(THREE_LEVELS);
        v["advice"][3][key] = json!(bad);
        match load(&v.to_string()) {
            Err(LoadError::Syntax(p)) => {
                assert_eq!(p.path, format!("$.advice[3].{key}"), "{p}");
                assert!(
                    p.message.contains(&format!("unknown variant `{bad}`"))
                        && p.message.contains(allowed),
                    "{p}"
                );
            }
            other => panic!("{key}: expected a syntax error, got {other:?}"),
        }
    }
    // Upper case is not the format's spelling either.
    let mut v = json(THREE_LEVELS);
    v["advice"][0]["effort"] = json!("S");
    assert!(
        matches!(load(&v.to_string()), Err(LoadError::Syntax(p)) if p.path == "$.advice[0].effort")
    );
}

/// The new fields are optional: a file without them loads, and one with them keeps them.
#[test]
fn effort_impact_and_because_are_optional_and_read_when_given() {
    use maturity_check_engine::model::{Effort, Impact};
    let q = three();
    assert!(q
        .advice
        .iter()
        .all(|a| a.effort.is_none() && a.impact.is_none() && a.because.is_none()));
    let mut v = json(THREE_LEVELS);
    v["advice"][0]["effort"] = json!("m");
    v["advice"][0]["impact"] = json!("high");
    v["advice"][0]["because"] = json!({"de": "weil (de)", "en": "because"});
    let q = load(&v.to_string()).expect("valid");
    assert_eq!(q.advice[0].effort, Some(Effort::M));
    assert_eq!(q.advice[0].impact, Some(Impact::High));
    assert_eq!(
        q.advice[0].because.as_ref().map(|t| t.get("en", "de")),
        Some("because")
    );
    // Written back, they keep their spelling; absent ones are not written.
    let back = serde_json::to_value(&q.advice[0]).expect("serialises");
    assert_eq!(
        (back["effort"].clone(), back["impact"].clone()),
        (json!("m"), json!("high"))
    );
    assert!(serde_json::to_value(&q.advice[1])
        .unwrap()
        .get("effort")
        .is_none());
}

#[test]
fn because_is_a_text_like_any_other() {
    let mut v = json(THREE_LEVELS);
    v["advice"][2]["because"] = json!({"de": " "});
    let p = problems_of(&v);
    assert_problem(&p, "$.advice[2].because.de", "must not be empty");
    assert_problem(
        &p,
        "$.advice[2].because.en",
        "missing the \"en\" translation",
    );
}

/// A KPI's definition and target are texts, and its `when` is checked as advice `when` is.
#[test]
fn kpi_definition_target_and_when_are_checked() {
    let mut v = json(THREE_LEVELS);
    let kpi = &mut v["profiles"]["roles"][0]["kpis"][0];
    kpi["definition"] = json!({"de": "Kosten / Fälle"});
    kpi["target"] = json!({"de": "", "en": "below 5"});
    kpi["when"] = json!({"model": ["b2x"], "colour": ["red"]});
    v["profiles"]["roles"][1]["kpis"][0]["when"] = json!({});
    let p = problems_of(&v);
    let k = "$.profiles.roles[0].kpis[0]";
    assert_problem(
        &p,
        &format!("{k}.definition.en"),
        "missing the \"en\" translation",
    );
    assert_problem(&p, &format!("{k}.target.de"), "must not be empty");
    assert_problem(&p, &format!("{k}.when.model[0]"), "unknown option \"b2x\"");
    assert_problem(&p, &format!("{k}.when.colour"), "unknown context question");
    assert_problem(&p, "$.profiles.roles[1].kpis[0].when", "an empty condition");

    let mut ok = json(THREE_LEVELS);
    ok["profiles"]["roles"][0]["kpis"][0]["when"] = json!({"model": ["b2b"]});
    ok["profiles"]["roles"][0]["kpis"][0]["target"] = json!({"de": "unter 5", "en": "below 5"});
    assert!(problems_of(&ok).is_empty(), "{:?}", problems_of(&ok));
}

#[test]
fn a_find_out_text_is_optional_and_checked_like_every_text() {
    let mut v = json(THREE_LEVELS);
    v["dimensions"][0]["find_out"] =
        json!({"de": "Fragt die Buchhaltung.", "en": "Ask accounting."});
    assert!(problems_of(&v).is_empty(), "{:?}", problems_of(&v));
    v["dimensions"][0]["find_out"] = json!({"de": " ", "fr": "Demandez."});
    let p = problems_of(&v);
    assert_problem(&p, "$.dimensions[0].find_out.de", "must not be empty");
    assert_problem(&p, "$.dimensions[0].find_out.en", "missing");
    assert_problem(&p, "$.dimensions[0].find_out.fr", "not declared");
}
