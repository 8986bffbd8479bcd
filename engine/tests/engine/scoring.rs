use maturity_check_engine::{assess, Answer, Answers};

use crate::common::*;

#[test]
fn all_lowest_gives_0_and_the_first_level() {
    for q in [three(), five()] {
        let r = assess(&q, &all(&q, 0));
        assert_eq!((r.overall.score, r.overall.level), (0, 0));
        assert!(r
            .dimensions
            .iter()
            .all(|d| d.rating.score == 0 && d.rating.level == 0));
    }
}

#[test]
fn all_highest_gives_100_and_the_last_level() {
    for q in [three(), five()] {
        let top = q.levels.len() - 1;
        let r = assess(&q, &all(&q, 4));
        assert_eq!((r.overall.score, r.overall.level), (100, top));
        assert!(r
            .dimensions
            .iter()
            .all(|d| d.rating.score == 100 && d.rating.level == top));
    }
}

#[test]
fn all_middle_gives_50() {
    let q = three();
    let r = assess(&q, &all(&q, 2));
    assert_eq!((r.overall.score, r.overall.level), (50, 1));
}

/// alpha: options 4 and 1 -> (100 + 25) / 2 = 62.5 -> 63.
/// beta (question weights 1, 2, 1): don't know, 3, 2 -> (0 + 2 * 75 + 50) / 4 = 50.
/// overall (dimension weights 1, 3): (62.5 + 3 * 50) / 4 = 53.125 -> 53.
fn mixed() -> Answers {
    Answers {
        scored: vec![
            Some(Answer::Option(4)),
            Some(Answer::Option(1)),
            Some(Answer::DontKnow),
            Some(Answer::Option(3)),
            Some(Answer::Option(2)),
        ],
        context: vec![Some(1), Some(0)],
    }
}

#[test]
fn a_known_mixed_set_gives_exact_numbers_with_three_levels() {
    let q = three();
    let r = assess(&q, &mixed());
    assert_eq!(r.dimensions[0].rating.score, 63);
    assert_eq!(r.dimensions[0].exact, 62.5);
    assert_eq!(r.dimensions[0].rating.level, 1);
    assert_eq!(r.dimensions[1].rating.score, 50);
    assert_eq!(r.dimensions[1].rating.level, 1);
    assert_eq!(r.overall.score, 53);
    assert_eq!(r.overall.level, 1);
}

#[test]
fn a_known_mixed_set_gives_exact_numbers_with_five_levels() {
    let q = five();
    let r = assess(&q, &mixed());
    assert_eq!(
        (r.dimensions[0].rating.score, r.dimensions[0].rating.level),
        (63, 3)
    );
    assert_eq!(
        (r.dimensions[1].rating.score, r.dimensions[1].rating.level),
        (50, 2)
    );
    assert_eq!((r.overall.score, r.overall.level), (53, 2));
}

#[test]
fn dont_know_scores_lowest_and_is_reported_as_unknown() {
    let q = three();
    let r = assess(&q, &mixed());
    assert_eq!(r.dimensions[1].unknown, vec![2]);
    assert!(r.dimensions[0].unknown.is_empty());
    let mut with_zero = mixed();
    with_zero.scored[2] = Some(Answer::Option(0));
    let r0 = assess(&q, &with_zero);
    assert_eq!(r0.dimensions[1].exact, r.dimensions[1].exact);
    assert!(r0.dimensions[1].unknown.is_empty());
}

#[test]
fn level_boundaries_belong_to_the_upper_level() {
    let q = three();
    use maturity_check_engine::scoring::level_for;
    assert_eq!(level_for(&q, 39.0), 0);
    assert_eq!(level_for(&q, 40.0), 1);
    assert_eq!(level_for(&q, 69.0), 1);
    assert_eq!(level_for(&q, 70.0), 2);
    assert_eq!(level_for(&q, 100.0), 2);
}

#[test]
fn completeness() {
    let q = three();
    assert!(mixed().is_complete());
    assert!(!all(&q, 2).is_complete(), "context questions unanswered");
    assert!(!Answers::empty(&q).is_complete());
}
