use maturity_check_engine::reasons::{focus_areas, goal, lift, reasons, Change, Goal};
use maturity_check_engine::scoring::dimension_score;
use maturity_check_engine::{assess, load, plan, Answer, Answers, Checked, DEFAULT_QUESTIONNAIRE};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::*;

// The three-level fixture: alpha = questions 0 (alpha-1, "don't know" allowed) and 1 (alpha-2),
// weights 1 and 1; beta = questions 2 (beta-1, "don't know"), 3 (beta-2, weight 2) and 4
// (beta-3); levels 0-40, 40-70, 70-100; options worth 0, 25, 50, 75, 100 points.
const ALPHA: usize = 0;
const BETA: usize = 1;

fn questions(rs: &[maturity_check_engine::reasons::Reason]) -> Vec<usize> {
    rs.iter().map(|r| r.question).collect()
}

#[test]
fn reasons_rank_by_weight_times_distance_from_the_top() {
    let q = three();
    let a = all(&q, 1);
    let rs = reasons(&q, &a, BETA);
    // beta-2 weighs twice: 2 x 75 / 4 = 37.5 points; beta-1 and beta-3 18.75 each, in order.
    assert_eq!(questions(&rs), [3, 2, 4]);
    assert_eq!(rs[0].held_back, 37.5);
    assert_eq!(rs[1].held_back, 18.75);
    assert_eq!(rs[0].answer, Answer::Option(1));
}

#[test]
fn an_answer_at_the_top_holds_nothing_down_and_is_no_reason() {
    let q = three();
    let mut a = all(&q, 4);
    a.scored[4] = Some(Answer::Option(2));
    let rs = reasons(&q, &a, BETA);
    assert_eq!(questions(&rs), [4]);
    assert_eq!(rs[0].held_back, 12.5);
    assert!(reasons(&q, &all(&q, 4), ALPHA).is_empty());
}

#[test]
fn dont_know_is_no_reason_because_it_holds_nothing_down() {
    let q = three();
    let mut a = all(&q, 3);
    a.scored[2] = Some(Answer::DontKnow);
    let rs = reasons(&q, &a, BETA);
    // beta-2 (2 x 25 / 3) before beta-3 (1 x 25 / 3); beta-1 is left out of the score.
    assert_eq!(questions(&rs), [3, 4]);
    let base = dimension_score(&q, &a, BETA);
    let mut best = a.clone();
    best.scored[3] = Some(Answer::Option(4));
    assert_eq!(rs[0].held_back, dimension_score(&q, &best, BETA) - base);
    // alpha with one of its two questions "don't know" is not rated: no reasons.
    let mut a = all(&q, 1);
    a.scored[0] = Some(Answer::DontKnow);
    assert!(reasons(&q, &a, ALPHA).is_empty());
}

#[test]
fn the_lift_to_the_next_level_changes_the_fewest_answers_by_the_fewest_steps() {
    let q = three();
    // beta at 25 (reactive): structured starts at 40. beta-2 two options up gives 50; one
    // option up only 37.5, which rounds to 38.
    let a = all(&q, 1);
    let l = lift(&q, &a, BETA, 60.0).expect("a lift");
    assert_eq!(l.goal, Goal::Level(1));
    assert_eq!(
        l.changes,
        [Change {
            question: 3,
            from: Some(Answer::Option(1)),
            to: 3
        }]
    );
    assert_eq!(l.score, 50);
    // alpha at 25, equal weights: one answer two options up (alpha-1, first of the tie) beats
    // two answers one option up each.
    let l = lift(&q, &a, ALPHA, 60.0).expect("a lift");
    assert_eq!(
        l.changes,
        [Change {
            question: 0,
            from: Some(Answer::Option(1)),
            to: 3
        }]
    );
}

#[test]
fn the_lift_leaves_dont_know_alone_and_a_dimension_not_rated_has_none() {
    let q = three();
    let mut a = all(&q, 1);
    a.scored[2] = Some(Answer::DontKnow);
    // beta 25 on beta-2 and beta-3: beta-2 one option up gives (2 x 50 + 25) / 3 = 42; beta-1,
    // "don't know", is not changed: answering it is finding out, not getting better.
    let l = lift(&q, &a, BETA, 60.0).expect("a lift");
    assert_eq!(
        l.changes,
        [Change {
            question: 3,
            from: Some(Answer::Option(1)),
            to: 2
        }]
    );
    assert_eq!(l.score, 42);
    // alpha: one of two "don't know" is half: not rated, so no goal and no lift.
    a.scored[0] = Some(Answer::DontKnow);
    assert_eq!(goal(&q, &a, ALPHA, 60.0), None);
    assert_eq!(lift(&q, &a, ALPHA, 60.0), None);
}

#[test]
fn on_the_top_level_the_lift_aims_at_the_target_and_stops_there() {
    let q = three();
    let a = all(&q, 3);
    // 75 is strategic, the top level.
    assert_eq!(goal(&q, &a, ALPHA, 60.0), None);
    assert_eq!(lift(&q, &a, ALPHA, 60.0), None);
    let l = lift(&q, &a, ALPHA, 100.0).expect("a lift to the target");
    assert_eq!(l.goal, Goal::Target(100));
    assert_eq!(l.changes.len(), 2);
    assert_eq!(l.score, 100);
    assert_eq!(lift(&q, &all(&q, 4), ALPHA, 100.0), None);
}

/// The fixture with `extra` more questions in alpha, copies of alpha-2.
fn wide_alpha(extra: usize) -> Checked {
    let mut v: Value = json(THREE_LEVELS);
    let template = v["questions"][1].clone();
    let questions = v["questions"].as_array_mut().expect("questions");
    for i in 0..extra {
        let mut x = template.clone();
        x["id"] = Value::from(format!("alpha-extra-{i}"));
        for (k, o) in x["options"]
            .as_array_mut()
            .expect("options")
            .iter_mut()
            .enumerate()
        {
            o["id"] = Value::from(format!("x{i}-{k}"));
        }
        questions.insert(2, x);
    }
    load(&v.to_string()).expect("wide fixture is valid")
}

#[test]
fn a_dimension_with_many_questions_gets_a_greedy_lift_that_reaches_the_goal() {
    // Ten questions in alpha: 5^10 answer patterns, too many to try; the greedy search steps
    // one option at a time.
    let q = wide_alpha(8);
    let a = all(&q, 0);
    let l = lift(&q, &a, ALPHA, 60.0).expect("a lift");
    assert_eq!(l.goal, Goal::Level(1));
    let mut changed = a.clone();
    for c in &l.changes {
        assert!(c.to > 0);
        changed.scored[c.question] = Some(Answer::Option(c.to));
    }
    let score = dimension_score(&q, &changed, ALPHA).round();
    assert_eq!(f64::from(l.score), score);
    assert!(score >= 40.0, "{score}");
    // 40 points of ten equal questions: 16 option steps, filled one question at a time.
    let steps: u8 = l.changes.iter().map(|c| c.to).sum();
    assert_eq!(steps, 16);
    assert_eq!(l.changes.len(), 4);
}

#[test]
fn focus_areas_carry_score_target_gap_two_reasons_and_a_lift() {
    let q = three();
    let mut a = all(&q, 1);
    a.context[0] = Some(1); // growth: targets alpha 100, beta 80
    let r = assess(&q, &a);
    let p = plan(&q, &r, &a);
    let f = focus_areas(&q, &r, &a, &p);
    assert_eq!(f.len(), q.plan.focus_dimensions.min(q.dimensions.len()));
    let alpha = f
        .iter()
        .find(|x| x.dimension == ALPHA)
        .expect("alpha in focus");
    assert_eq!((alpha.score, alpha.target, alpha.gap), (25, 100, 75));
    assert_eq!(alpha.reasons.len(), 2);
    assert!(alpha.lift.is_some());
    if let Some(beta) = f.iter().find(|x| x.dimension == BETA) {
        assert_eq!((beta.score, beta.target, beta.gap), (25, 80, 55));
        assert_eq!(questions(&beta.reasons), [3, 2]);
    }
}

fn default_q() -> Checked {
    load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire is valid")
}

fn complete_answers(q: &Checked) -> impl Strategy<Value = Answers> {
    let scored: Vec<_> = q
        .questions
        .iter()
        .map(|x| {
            let dk = x.dont_know.is_some();
            prop_oneof![
                4 => (0u8..5).prop_map(|k| Some(Answer::Option(k))),
                1 => Just(Some(if dk { Answer::DontKnow } else { Answer::Option(0) })),
            ]
        })
        .collect();
    let context: Vec<_> = q
        .context_questions
        .iter()
        .map(|c| (0..c.options.len()).prop_map(Some))
        .collect();
    (scored, context).prop_map(|(scored, context)| Answers { scored, context })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// On the built-in questionnaire: every lift reaches its goal, only raises answers, and no
    /// smaller set of changed questions could reach it even at the top option.
    #[test]
    fn every_lift_reaches_its_goal_with_no_fewer_changes(a in complete_answers(&default_q())) {
        let q = default_q();
        for d in 0..q.dimensions.len() {
            let Some(l) = lift(&q, &a, d, 100.0) else {
                prop_assert!(goal(&q, &a, d, 100.0).is_none());
                continue;
            };
            let mut changed = a.clone();
            for c in &l.changes {
                let from = match c.from { Some(Answer::Option(k)) => i16::from(k), _ => -1 };
                prop_assert!(i16::from(c.to) > from);
                changed.scored[c.question] = Some(Answer::Option(c.to));
            }
            prop_assert!(c_untouched(&a, &l), "a lift changes no \"don't know\"");
            let after = assess(&q, &changed).dimensions[d].rating.expect("a lift is for a rated dimension");
            prop_assert_eq!(after.score, l.score);
            match l.goal {
                Goal::Level(level) => prop_assert!(after.level >= level),
                Goal::Target(t) => prop_assert!(after.score >= t),
            }
            // One question fewer, any of those the lift may change, each at the top: never enough.
            let own: Vec<usize> = (0..q.questions.len())
                .filter(|&i| q.questions[i].dimension == q.dimensions[d].id && a.scored[i] != Some(Answer::DontKnow))
                .collect();
            let n = l.changes.len() - 1;
            for_each_subset(&own, n, &mut |set| {
                let mut best = a.clone();
                for &i in set { best.scored[i] = Some(Answer::Option(4)); }
                let r = assess(&q, &best).dimensions[d].rating.expect("still rated");
                let enough = match l.goal { Goal::Level(level) => r.level >= level, Goal::Target(t) => r.score >= t };
                assert!(!enough, "{} changes reach it, the lift used {}", n, l.changes.len());
            });
        }
    }
}

fn c_untouched(a: &Answers, l: &maturity_check_engine::reasons::Lift) -> bool {
    l.changes
        .iter()
        .all(|c| a.scored[c.question] != Some(Answer::DontKnow))
}

fn for_each_subset(items: &[usize], k: usize, f: &mut dyn FnMut(&[usize])) {
    fn go(
        items: &[usize],
        k: usize,
        start: usize,
        cur: &mut Vec<usize>,
        f: &mut dyn FnMut(&[usize]),
    ) {
        if cur.len() == k {
            f(cur);
            return;
        }
        for i in start..items.len() {
            cur.push(items[i]);
            go(items, k, i + 1, cur, f);
            cur.pop();
        }
    }
    go(items, k, 0, &mut Vec::new(), f);
}

#[test]
fn a_long_prompt_is_shortened_at_a_word_and_loses_a_trailing_comma() {
    use maturity_check_engine::reasons::shorten;
    assert_eq!(
        shorten("Wie verlässlich sind eure Daten?", 9),
        "Wie verlässlich sind eure Daten?"
    );
    assert_eq!(
        shorten("Habt ihr festgelegt, welche Anliegen automatisiert, unterstützt oder bewusst persönlich laufen?", 9),
        "Habt ihr festgelegt, welche Anliegen automatisiert, unterstützt oder…"
    );
    assert_eq!(shorten("Eins zwei, drei vier", 3), "Eins zwei…");
    assert_eq!(shorten("  viel   Luft  ", 9), "viel Luft");
    assert_eq!(shorten("a b c", 0), "a…");
}

#[test]
fn a_lift_of_several_answers_names_the_one_that_gains_most_first() {
    let q = three();
    // beta at 75, the top level; a target of 100 needs every answer at the top: beta-2 (weight
    // 2) gains 12.5 points, beta-1 and beta-3 6.25 each, in questionnaire order.
    let l = lift(&q, &all(&q, 3), BETA, 100.0).expect("a lift");
    assert_eq!(l.goal, Goal::Target(100));
    assert_eq!(
        l.changes.iter().map(|c| c.question).collect::<Vec<_>>(),
        [3, 2, 4]
    );
}

#[test]
fn the_points_to_the_next_level_and_the_gap_are_whole_points_and_stop_at_the_top() {
    use maturity_check_engine::reasons::{gap, to_next_level};
    use maturity_check_engine::Rating;
    let q = three();
    assert_eq!(
        to_next_level(
            &q,
            Rating {
                score: 33,
                level: 0
            }
        ),
        Some((1, 7))
    );
    assert_eq!(
        to_next_level(
            &q,
            Rating {
                score: 69,
                level: 1
            }
        ),
        Some((2, 1))
    );
    assert_eq!(
        to_next_level(
            &q,
            Rating {
                score: 90,
                level: 2
            }
        ),
        None
    );
    assert_eq!(gap(33, 80), 47);
    assert_eq!(gap(90, 80), 0);
}
