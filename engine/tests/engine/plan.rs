use maturity_check_engine::plan::{cell, plan, priorities, role_profile};
use maturity_check_engine::{assess, AdviceKind, Answer, Answers};

use crate::common::*;

fn ids(q: &maturity_check_engine::Checked, entries: &[usize]) -> Vec<String> {
    entries.iter().map(|&i| q.advice[i].id.clone()).collect()
}

#[test]
fn the_role_picks_the_profile_and_unanswered_falls_back_to_the_default() {
    let q = three();
    let mut a = all(&q, 2);
    assert_eq!(role_profile(&q, &a).1.role, "cost");
    a.context[0] = Some(1);
    assert_eq!(role_profile(&q, &a).1.role, "growth");
}

#[test]
fn priorities_follow_the_weighted_gap() {
    let q = three();
    // alpha 25, beta 75.
    let mut a = all(&q, 3);
    a.scored[0] = Some(Answer::Option(1));
    a.scored[1] = Some(Answer::Option(1));
    let r = assess(&q, &a);
    // cost: targets 60/60 -> alpha gap 35, beta gap 0.
    let p = priorities(&q, &r, role_profile(&q, &a).1);
    assert_eq!(
        p.iter().map(|x| x.dimension).collect::<Vec<_>>(),
        vec![0, 1]
    );
    assert_eq!(p[0].gap, 35.0);
    assert_eq!(p[1].gap, 0.0);
    // growth: alpha gap 75 * 2 = 150, beta gap 5 * 1.
    a.context[0] = Some(1);
    let p = priorities(&q, &r, role_profile(&q, &a).1);
    assert_eq!((p[0].dimension, p[0].weight), (0, 150.0));
    assert_eq!((p[1].dimension, p[1].weight), (1, 5.0));
}

#[test]
fn a_matching_variant_replaces_its_general_entry_in_place() {
    let q = three();
    let mut a = all(&q, 0);
    assert_eq!(
        ids(&q, &cell(&q, 0, 0, AdviceKind::QuickWin, &a)),
        ["alpha-reactive-qw1", "alpha-reactive-qw2"]
    );
    a.context[1] = Some(0); // b2b
    assert_eq!(
        ids(&q, &cell(&q, 0, 0, AdviceKind::QuickWin, &a)),
        ["alpha-reactive-qw1-b2b", "alpha-reactive-qw2"]
    );
    a.context[1] = Some(1); // b2c
    assert_eq!(
        ids(&q, &cell(&q, 0, 0, AdviceKind::QuickWin, &a)),
        ["alpha-reactive-qw1", "alpha-reactive-qw2"]
    );
}

#[test]
fn a_matching_additional_variant_is_added_first() {
    let q = three();
    let mut a = all(&q, 0);
    assert_eq!(cell(&q, 1, 2, AdviceKind::LongTerm, &a).len(), 2);
    a.context[0] = Some(1); // growth
    assert_eq!(
        ids(&q, &cell(&q, 1, 2, AdviceKind::LongTerm, &a)),
        [
            "beta-strategic-lt3-growth",
            "beta-strategic-lt1",
            "beta-strategic-lt2"
        ],
        "an applicable variant ranks before the general entries"
    );
}

#[test]
fn the_plan_takes_the_focus_dimensions_round_robin_at_their_levels() {
    let q = three();
    // alpha 25 (reactive), beta 50 (structured); cost role: alpha gap 35 > beta gap 10.
    let mut a = all(&q, 2);
    a.scored[0] = Some(Answer::Option(1));
    a.scored[1] = Some(Answer::Option(1));
    a.context = vec![Some(0), Some(0)];
    let r = assess(&q, &a);
    let p = plan(&q, &r, &a);
    let now: Vec<_> = p
        .now
        .iter()
        .map(|e| q.advice[e.advice].id.as_str())
        .collect();
    assert_eq!(
        now,
        [
            "alpha-reactive-qw1-b2b",
            "beta-structured-qw1-b2b",
            "alpha-reactive-qw2"
        ],
        "max 3 per column"
    );
    let leave: Vec<_> = p
        .leave_out
        .iter()
        .map(|e| q.advice[e.advice].id.as_str())
        .collect();
    assert_eq!(
        leave,
        [
            "alpha-reactive-lo1",
            "beta-structured-lo1",
            "alpha-reactive-lo2"
        ]
    );
    assert!(p
        .build_up
        .iter()
        .all(|e| q.advice[e.advice].kind == AdviceKind::LongTerm));
    assert_eq!(p.column(AdviceKind::QuickWin), &p.now[..]);
}

#[test]
fn the_plan_is_deterministic() {
    let q = five();
    let a = Answers {
        scored: vec![Some(Answer::Option(2)); 5],
        context: vec![Some(1), Some(1)],
    };
    let r = assess(&q, &a);
    assert_eq!(plan(&q, &r, &a), plan(&q, &r, &a));
}

/// KPIs with `when` show only for the context answers they name; an unanswered question matches
/// none, so only the KPIs without `when` are left.
#[test]
fn kpis_follow_the_role_and_the_context_answers() {
    use maturity_check_engine::plan::kpis;
    let mut v = json(THREE_LEVELS);
    let cost = &mut v["profiles"]["roles"][0]["kpis"];
    let general = cost[0].clone();
    let mut per_customer = general.clone();
    per_customer["id"] = "per-customer".into();
    per_customer["when"] = serde_json::json!({"model": ["b2b"]});
    let mut per_order = general.clone();
    per_order["id"] = "per-order".into();
    per_order["when"] = serde_json::json!({"model": ["b2c"]});
    *cost = serde_json::json!([per_customer, general, per_order]);
    let q = maturity_check_engine::load(&v.to_string()).expect("valid");
    let names = |a: &Answers| -> Vec<String> {
        let profile = role_profile(&q, a).1;
        kpis(&q, a)
            .into_iter()
            .map(|i| profile.kpis[i].id.clone())
            .collect()
    };
    let mut a = all(&q, 2);
    assert_eq!(names(&a), ["cost-per-case"], "business model unanswered");
    a.context[1] = Some(0);
    assert_eq!(
        names(&a),
        ["per-customer", "cost-per-case"],
        "b2b, in file order"
    );
    a.context[1] = Some(1);
    assert_eq!(names(&a), ["cost-per-case", "per-order"], "b2c");
    a.context[0] = Some(1);
    assert_eq!(names(&a), ["retention"], "another role, its own KPIs");
}

/// The default questionnaire's KPIs: every role shows 4 to 6 for every business model, the
/// business model unanswered included; a B2C shop is not told to track what only fits accounts,
/// and a B2B team not what only fits orders.
#[test]
fn default_kpis_fit_the_business_model() {
    use maturity_check_engine::plan::kpis;
    use maturity_check_engine::{load, DEFAULT_QUESTIONNAIRE};
    let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire");
    let index = |id: &str| {
        q.context_questions
            .iter()
            .position(|c| c.id == id)
            .expect("context question")
    };
    let (role_q, model_q) = (index("service_role"), index("business_model"));
    let option = |qi: usize, id: &str| {
        q.context_questions[qi]
            .options
            .iter()
            .position(|o| o.id == id)
    };
    let shown = |role: &str, model: Option<&str>| -> Vec<String> {
        let mut a = all(&q, 2);
        a.context[role_q] = option(role_q, role);
        a.context[model_q] = model.and_then(|m| option(model_q, m));
        let profile = role_profile(&q, &a).1;
        assert_eq!(profile.role, role);
        kpis(&q, &a)
            .into_iter()
            .map(|i| profile.kpis[i].id.clone())
            .collect()
    };
    for r in &q.profiles.roles {
        for model in [None, Some("b2b"), Some("b2c"), Some("both")] {
            let ids = shown(&r.role, model);
            assert!(
                (4..=6).contains(&ids.len()),
                "{} / {model:?}: {ids:?}",
                r.role
            );
        }
        for k in &r.kpis {
            assert!(k.definition.is_some(), "{} {}: no definition", r.role, k.id);
        }
    }
    let b2c = shown("growth_lever", Some("b2c"));
    let b2b = shown("growth_lever", Some("b2b"));
    assert!(
        !b2c.contains(&"net_revenue_retention".to_string()),
        "{b2c:?}"
    );
    assert!(
        b2b.contains(&"net_revenue_retention".to_string()),
        "{b2b:?}"
    );
    assert!(b2c.contains(&"repeat_purchase_rate".to_string()), "{b2c:?}");
    let b2c = shown("cost_centre", Some("b2c"));
    let b2b = shown("cost_centre", Some("b2b"));
    assert!(
        b2c.contains(&"contacts_per_order".to_string())
            && !b2c.contains(&"contacts_per_customer".to_string()),
        "{b2c:?}"
    );
    assert!(
        b2b.contains(&"contacts_per_customer".to_string())
            && !b2b.contains(&"contacts_per_order".to_string()),
        "{b2b:?}"
    );
    assert_ne!(b2b, b2c);
}

/// Every tailored variant of the default questionnaire reaches a plan for some respondent: a
/// simulation over every combination of context answers and a spread of scores. In each
/// pattern one dimension takes every score its questions can give between 0 and 100 in steps of
/// one answer (the first m of its questions one option higher than the rest), and every other
/// question takes the same option, 0, 2 or 4.
#[test]
fn every_default_variant_appears_in_some_plan() {
    use maturity_check_engine::{load, DEFAULT_QUESTIONNAIRE};
    let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire");
    let sizes: Vec<usize> = q
        .context_questions
        .iter()
        .map(|c| c.options.len())
        .collect();
    let contexts: Vec<Vec<Option<usize>>> = (0..sizes.iter().product::<usize>())
        .map(|mut c| {
            sizes
                .iter()
                .map(|n| {
                    let o = c % n;
                    c /= n;
                    Some(o)
                })
                .collect()
        })
        .collect();
    let mut patterns: Vec<Vec<Option<Answer>>> = Vec::new();
    for d in &q.dimensions {
        let own: Vec<usize> = (0..q.questions.len())
            .filter(|&i| q.questions[i].dimension == d.id)
            .collect();
        for rest in [0u8, 2, 4] {
            for k in 0u8..4 {
                for m in 0..=own.len() {
                    let mut scored = vec![Some(Answer::Option(rest)); q.questions.len()];
                    for (j, &i) in own.iter().enumerate() {
                        scored[i] = Some(Answer::Option(if j < m { k + 1 } else { k }));
                    }
                    patterns.push(scored);
                }
            }
        }
    }
    let mut seen = vec![false; q.advice.len()];
    let mut a = Answers::empty(&q);
    for scored in patterns {
        a.scored = scored;
        let r = assess(&q, &a);
        for context in &contexts {
            a.context.clone_from(context);
            let p = plan(&q, &r, &a);
            for e in p.now.iter().chain(&p.build_up).chain(&p.leave_out) {
                seen[e.advice] = true;
            }
        }
    }
    let unseen: Vec<&str> = q
        .advice
        .iter()
        .zip(&seen)
        .filter(|(x, seen)| x.when.is_some() && !**seen)
        .map(|(x, _)| x.id.as_str())
        .collect();
    assert!(unseen.is_empty(), "variants in no plan: {unseen:?}");
}

/// alpha (questions 0 and 1) with alpha-1 "don't know": one of two, so not rated.
fn alpha_not_rated(q: &maturity_check_engine::Checked) -> Answers {
    let mut a = all(q, 1);
    a.scored[0] = Some(Answer::DontKnow);
    a
}

#[test]
fn a_dimension_not_rated_is_to_find_out_first_and_gets_no_advice() {
    let q = three();
    let a = alpha_not_rated(&q);
    let r = assess(&q, &a);
    assert_eq!(r.dimensions[0].rating, None);
    let p = plan(&q, &r, &a);
    assert_eq!(p.find_out, vec![0]);
    // No priority, so no entry of its advice in any column, "leave out" included.
    assert!(p.priorities.iter().all(|x| x.dimension != 0));
    for kind in AdviceKind::ALL {
        assert!(
            p.column(kind).iter().all(|e| e.dimension != 0),
            "{kind:?} holds advice of a dimension that is not rated"
        );
    }
    // The rated dimension still gets its plan, "leave out" included.
    assert!(!p.leave_out.is_empty() && p.leave_out.iter().all(|e| e.dimension == 1));
    // Rated with a "don't know" below the threshold (beta-1 of three): no find-out entry.
    let mut a = all(&q, 1);
    a.scored[2] = Some(Answer::DontKnow);
    let r = assess(&q, &a);
    let p = plan(&q, &r, &a);
    assert!(p.find_out.is_empty());
    assert!(p.priorities.iter().any(|x| x.dimension == 1));
}

#[test]
fn a_dimension_not_rated_is_no_focus_area() {
    use maturity_check_engine::reasons::focus_areas;
    let q = three();
    let a = alpha_not_rated(&q);
    let r = assess(&q, &a);
    let p = plan(&q, &r, &a);
    let areas = focus_areas(&q, &r, &a, &p);
    assert!(!areas.is_empty());
    assert!(areas.iter().all(|f| f.dimension != 0));
}

#[test]
fn the_built_in_plan_finds_out_first_where_half_the_answers_are_unknown() {
    let q = maturity_check_engine::load(maturity_check_engine::DEFAULT_QUESTIONNAIRE)
        .expect("default questionnaire is valid");
    let retention = q
        .dimensions
        .iter()
        .position(|d| d.id == "retention")
        .expect("a retention dimension");
    let mut a = all(&q, 1);
    a.context = vec![Some(0); q.context_questions.len()];
    let unknown: Vec<usize> = (0..q.questions.len())
        .filter(|&i| q.questions[i].dimension == "retention" && q.questions[i].dont_know.is_some())
        .collect();
    let asked = q
        .questions
        .iter()
        .filter(|x| x.dimension == "retention")
        .count();
    assert!(2 * unknown.len() >= asked, "retention can be not rated");
    for &i in &unknown {
        a.scored[i] = Some(Answer::DontKnow);
    }
    let r = assess(&q, &a);
    let p = plan(&q, &r, &a);
    assert_eq!(p.find_out, vec![retention]);
    assert!(q.dimensions[retention].find_out.is_some());
    for kind in AdviceKind::ALL {
        assert!(p.column(kind).iter().all(|e| e.dimension != retention));
    }
}
