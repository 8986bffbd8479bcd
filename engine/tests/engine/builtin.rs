use maturity_check_engine::builtin::{
    advice_file, advice_file_name, complete, core_file, core_file_name, read_core_file, AdviceFile,
    DEFAULT_LOCALE, LOCALES,
};
use maturity_check_engine::{assess, load, plan, Answer, Answers, DEFAULT_QUESTIONNAIRE};

fn full() -> maturity_check_engine::Checked {
    load(DEFAULT_QUESTIONNAIRE).expect("the default questionnaire is valid")
}

/// Varied answers: option `(i + shift) % 5` per question, every context question answered.
fn answers(q: &maturity_check_engine::Checked, shift: usize) -> Answers {
    let mut a = Answers::empty(q);
    a.scored = (0..q.questions.len())
        .map(|i| Some(Answer::Option(((i + shift) % 5) as u8)))
        .collect();
    a.context = q
        .context_questions
        .iter()
        .enumerate()
        .map(|(i, c)| Some((i + shift) % c.options.len()))
        .collect();
    a
}

/// The built-in core in `locale`, as the widget reads it.
fn core(locale: &str) -> maturity_check_engine::Scorable {
    let text = core_file(&full(), locale).expect("the core is written");
    read_core_file(&text)
        .expect("the core parses")
        .questionnaire
}

#[test]
fn the_core_carries_the_first_view_s_ui_strings_in_its_locale_only() {
    use maturity_check_engine::ui_text::{de, text, WITH_CORE};
    for locale in maturity_check_engine::locales::text_locales() {
        let file = core_file(&full(), &locale).expect("the core is written");
        let ui = read_core_file(&file).expect("the core parses").ui;
        assert_eq!(ui.len(), de::WITH_CORE.len(), "{locale}");
        for (key, _) in de::WITH_CORE {
            assert_eq!(
                ui.get(key).map(String::as_str),
                text(WITH_CORE, &locale, key),
                "{locale} {key}"
            );
        }
    }
    // The other language's strings are not in the file.
    let en = core_file(&full(), "en").expect("the core is written");
    assert!(en.contains("Start the check") && !en.contains("Check starten"));
    // Another locale reads the German strings, as the widget's own strings do.
    let fr = core_file(&full(), "fr").expect("the core is written");
    assert!(fr.contains("Check starten"));
    // The formal core addresses the reader as "Sie", the informal one as "ihr".
    let formal = core_file(&full(), "de-formal").expect("the core is written");
    assert!(formal.contains("Beantworten Sie") && !formal.contains("Beantwortet"));
    let informal = core_file(&full(), "de").expect("the core is written");
    assert!(informal.contains("Beantwortet") && !informal.contains("Beantworten Sie"));
}

#[test]
fn the_built_in_locales_are_the_questionnaires() {
    let full = full();
    assert_eq!(full.locales, LOCALES);
    assert_eq!(full.default_locale, DEFAULT_LOCALE);
    assert_eq!(core_file_name("en"), "maturity-check.core.en.txt");
}

#[test]
fn the_core_is_the_default_questionnaire_in_one_locale_without_what_only_the_results_need() {
    for locale in LOCALES {
        let core = core(locale).into_inner();
        assert!(core.advice.is_empty());
        assert!(core.profiles.roles.is_empty());
        let mut expected = full().into_inner();
        expected.restrict_to(locale);
        expected.advice = Vec::new();
        expected.profiles.roles = Vec::new();
        for d in &mut expected.dimensions {
            (d.description, d.find_out) = Default::default();
        }
        for l in &mut expected.levels {
            (l.name, l.description) = Default::default();
        }
        for x in &mut expected.questions {
            x.explain = None;
        }
        for c in &mut expected.context_questions {
            c.explain = None;
        }
        assert_eq!(core, expected, "{locale}");
    }
}

/// The core and the advice file of `full` in `locale`, joined as the widget joins them.
fn joined(full: &maturity_check_engine::Checked, locale: &str) -> maturity_check_engine::Checked {
    complete(&core(locale), &advice_file(full, locale))
        .unwrap_or_else(|p| panic!("{locale}: {p:?}"))
}

#[test]
fn a_core_file_of_an_unknown_locale_falls_back_to_the_default_texts() {
    let fr = core("fr");
    let de = core("de");
    assert_eq!(fr.locales, vec!["fr".to_string()]);
    assert_eq!(
        fr.questions[0].prompt.get("fr", "fr"),
        de.questions[0].prompt.get("de", "de")
    );
}

#[test]
fn core_and_advice_file_are_the_whole_questionnaire_in_that_locale() {
    let full = full();
    for locale in &full.locales {
        let joined = joined(&full, locale);
        let mut expected = full.clone().into_inner();
        expected.restrict_to(locale);
        assert_eq!(joined.into_inner(), expected, "{locale}");
    }
}

#[test]
fn core_and_advice_file_give_the_same_plan_as_the_whole_file_in_every_locale() {
    let full = full();
    for locale in &full.locales {
        let joined = joined(&full, locale);
        assert_eq!(joined.locales, vec![locale.clone()]);
        for shift in 0..5 {
            let a = answers(&full, shift);
            let whole = plan(&full, &assess(&full, &a), &a);
            let parts = plan(&joined, &assess(&joined, &a), &a);
            assert_eq!(whole, parts, "{locale}, answers shifted by {shift}");
            for entry in whole
                .now
                .iter()
                .chain(&whole.build_up)
                .chain(&whole.leave_out)
            {
                assert_eq!(
                    joined.advice[entry.advice].text.get(locale, locale),
                    full.advice[entry.advice].text.get(locale, "de"),
                );
            }
        }
    }
}

#[test]
fn an_advice_file_holds_one_locale_only() {
    let full = full();
    let file: AdviceFile = serde_json::from_str(&advice_file(&full, "en")).expect("JSON");
    assert_eq!(
        (file.id.as_str(), file.locale.as_str()),
        (full.id.as_str(), "en")
    );
    assert!(file.advice.iter().all(|a| a.text.0.keys().eq(["en"])));
    // Effort, impact and the reason travel with the advice, the reason in that locale only.
    assert!(file
        .advice
        .iter()
        .all(|a| a.effort.is_some() && a.impact.is_some()));
    assert!(file
        .advice
        .iter()
        .filter_map(|a| a.because.as_ref())
        .all(|b| b.0.keys().eq(["en"])));
    assert!(file.advice.iter().any(|a| a.because.is_some()));
    assert_eq!(advice_file_name("en"), "maturity-check.advice.en.json");
}

#[test]
fn a_stale_damaged_or_foreign_advice_file_is_refused_with_a_reason() {
    let full = full();
    let core = core("de");
    let good: serde_json::Value = serde_json::from_str(&advice_file(&full, "de")).expect("JSON");
    let with = |key: &str, value: serde_json::Value| {
        let mut v = good.clone();
        v[key] = value;
        v.to_string()
    };
    let reason = |text: &str| match complete(&core, text) {
        Ok(_) => panic!("accepted: {}", &text[..text.len().min(80)]),
        Err(p) => p
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    };
    assert!(reason(&with("version", "0.0.1".into())).contains("advice file is for"));
    assert!(reason(&with("id", "other".into())).contains("advice file is for"));
    assert!(reason("<html>502 Bad Gateway</html>").contains("not readable"));
    assert!(reason("").contains("not readable"));
    // Well-formed, but an entry points at a dimension the core does not have.
    let mut bad = good.clone();
    bad["advice"][0]["dimension"] = "nowhere".into();
    assert!(reason(&bad.to_string()).contains("nowhere"));
    // The texts of a level missing.
    let mut no_level = good.clone();
    no_level["levels"].as_array_mut().expect("levels").pop();
    assert!(reason(&no_level.to_string()).contains("no texts for level \"strategic\""));
    // Entries missing: the grid has a gap.
    let mut short = good;
    short["advice"] = serde_json::Value::Array(Vec::new());
    assert!(!reason(&short.to_string()).is_empty());
}

#[test]
fn explanations_travel_in_the_advice_file_and_one_for_no_question_is_refused() {
    let full = full();
    let file = advice_file(&full, "de");
    let parsed: AdviceFile = serde_json::from_str(&file).expect("the advice file parses");
    // Questions and context questions with an explanation of their terms.
    let explained_in = |q: &maturity_check_engine::Checked| {
        q.questions.iter().filter(|x| x.explain.is_some()).count()
            + q.context_questions
                .iter()
                .filter(|c| c.explain.is_some())
                .count()
    };
    let explained = explained_in(&full);
    assert!(explained > 0);
    assert_eq!(parsed.explain.len(), explained);
    assert!(core("de").questions.iter().all(|x| x.explain.is_none()));
    let joined = joined(&full, "de");
    assert_eq!(explained_in(&joined), explained);
    // An explanation of a question the core does not have: a stale or tampered file.
    let mut stale = parsed;
    stale.explain[0].id = "no-such-question".to_string();
    let text = serde_json::to_string(&stale).expect("written");
    let problems = complete(&core("de"), &text).expect_err("refused");
    assert!(
        problems[0].message.contains("no-such-question"),
        "{problems:?}"
    );
}
