use maturity_check_engine::{assess, Answer, Answers, Assessment, Rating};

use crate::common::*;

#[test]
fn all_lowest_gives_0_and_the_first_level() {
    for q in [three(), five()] {
        let r = assess(&q, &all(&q, 0));
        assert_eq!(r.overall, Some(Rating { score: 0, level: 0 }));
        assert!(r
            .dimensions
            .iter()
            .all(|d| d.rating == Some(Rating { score: 0, level: 0 })));
    }
}

#[test]
fn all_highest_gives_100_and_the_last_level() {
    for q in [three(), five()] {
        let top = q.levels.len() - 1;
        let r = assess(&q, &all(&q, 4));
        assert_eq!(
            r.overall,
            Some(Rating {
                score: 100,
                level: top
            })
        );
        assert!(r.dimensions.iter().all(|d| d.rating
            == Some(Rating {
                score: 100,
                level: top
            })));
    }
}

#[test]
fn all_middle_gives_50() {
    let q = three();
    let r = assess(&q, &all(&q, 2));
    assert_eq!(
        r.overall,
        Some(Rating {
            score: 50,
            level: 1
        })
    );
}

/// alpha: options 4 and 1 -> (100 + 25) / 2 = 62.5 -> 63.
/// beta (question weights 1, 2, 1): don't know, 3, 2 -> "don't know" leaves the mean with its
/// weight: (2 * 75 + 50) / 3 = 66.67 -> 67.
/// overall (dimension weights 1, 3): (62.5 + 3 * 66.67) / 4 = 65.625 -> 66.
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

fn rated(r: &Assessment, d: usize) -> Rating {
    r.dimensions[d].rating.expect("the dimension is rated")
}

#[test]
fn a_known_mixed_set_gives_exact_numbers_with_three_levels() {
    let q = three();
    let r = assess(&q, &mixed());
    assert_eq!(
        rated(&r, 0),
        Rating {
            score: 63,
            level: 1
        }
    );
    assert_eq!(r.dimensions[0].exact, Some(62.5));
    assert_eq!(
        rated(&r, 1),
        Rating {
            score: 67,
            level: 1
        }
    );
    assert_eq!(
        r.overall,
        Some(Rating {
            score: 66,
            level: 1
        })
    );
}

#[test]
fn a_known_mixed_set_gives_exact_numbers_with_five_levels() {
    let q = five();
    let r = assess(&q, &mixed());
    assert_eq!(
        rated(&r, 0),
        Rating {
            score: 63,
            level: 3
        }
    );
    assert_eq!(
        rated(&r, 1),
        Rating {
            score: 67,
            level: 3
        }
    );
    assert_eq!(
        r.overall,
        Some(Rating {
            score: 66,
            level: 3
        })
    );
}

#[test]
fn dont_know_is_left_out_of_the_mean_not_scored_as_the_lowest_option() {
    let q = three();
    // beta: don't know, top, top scores like top and top alone (100), not like lowest, top, top
    // (75); and it is reported as unknown.
    let mut a = all(&q, 4);
    a.scored[2] = Some(Answer::DontKnow);
    let r = assess(&q, &a);
    assert_eq!(rated(&r, 1).score, 100);
    assert_eq!(r.dimensions[1].unknown, vec![2]);
    assert_eq!(r.dimensions[1].questions, 3);
    let mut lowest = a.clone();
    lowest.scored[2] = Some(Answer::Option(0));
    let r0 = assess(&q, &lowest);
    assert_eq!(rated(&r0, 1).score, 75);
    assert!(r0.dimensions[1].unknown.is_empty());
    // The mixed set: beta is the mean of its two other answers by their weights.
    let r = assess(&q, &mixed());
    assert_eq!(r.dimensions[1].exact, Some((2.0 * 75.0 + 50.0) / 3.0));
    assert_eq!(r.dimensions[1].unknown, vec![2]);
    assert!(r.dimensions[0].unknown.is_empty());
}

/// The three-level fixture with "don't know" offered on beta-3 too.
fn three_with_more_dont_know() -> maturity_check_engine::Checked {
    let mut v = json(THREE_LEVELS);
    v["questions"][4]["dont_know"] = serde_json::json!({"de": "Weiß nicht", "en": "Don't know"});
    maturity_check_engine::load(&v.to_string()).expect("the changed fixture is valid")
}

#[test]
fn half_or_more_dont_know_is_not_rated_and_less_is_rated() {
    let q = three_with_more_dont_know();
    // alpha: 1 of 2 "don't know", exactly half: not rated.
    let mut a = all(&q, 3);
    a.scored[0] = Some(Answer::DontKnow);
    let r = assess(&q, &a);
    assert_eq!(r.dimensions[0].rating, None);
    assert_eq!(r.dimensions[0].exact, None);
    assert_eq!(r.dimensions[0].unknown, vec![0]);
    assert_eq!(r.not_rated(), vec![0]);
    // beta: 1 of 3, below half: rated, on the answers it has.
    a.scored[2] = Some(Answer::DontKnow);
    let r = assess(&q, &a);
    assert_eq!(
        rated(&r, 1),
        Rating {
            score: 75,
            level: 2
        }
    );
    // beta: 2 of 3: not rated.
    a.scored[4] = Some(Answer::DontKnow);
    let r = assess(&q, &a);
    assert_eq!(r.dimensions[1].rating, None);
    assert_eq!(r.dimensions[1].unknown, vec![2, 4]);
    assert_eq!(r.not_rated(), vec![0, 1]);
}

#[test]
fn the_overall_is_the_mean_of_the_rated_dimensions_only() {
    let q = three();
    // alpha not rated (don't know, 0); beta 100: the overall is beta's 100, not (0 + 3 * 100) / 4.
    let mut a = all(&q, 4);
    a.scored[0] = Some(Answer::DontKnow);
    a.scored[1] = Some(Answer::Option(0));
    let r = assess(&q, &a);
    assert_eq!(r.dimensions[0].rating, None);
    assert_eq!(
        r.overall,
        Some(Rating {
            score: 100,
            level: 2
        })
    );
    assert_eq!(r.rated().count(), 1);
}

#[test]
fn with_no_dimension_rated_there_is_no_overall() {
    let q = three_with_more_dont_know();
    let mut a = all(&q, 4);
    for i in [0, 2, 4] {
        a.scored[i] = Some(Answer::DontKnow);
    }
    let r = assess(&q, &a);
    assert!(r.dimensions.iter().all(|d| d.rating.is_none()));
    assert_eq!(r.overall, None);
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
