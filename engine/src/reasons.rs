/*!
Why a dimension stands where it stands, and which answers would move it: the "why" and the
"what would lift it" of the results' focus areas.

* [`reasons`]: a dimension's answered questions ranked by how much each holds the dimension's
  score down: the points the score would gain if that one answer were the top option. With the
  weighted mean of [`crate::scoring`] that is the question's weight times the distance of the
  chosen option from the top, over the weights of the questions answered with an option; it is
  computed by scoring the changed answers, so it follows the scoring rules. A "don't know" is no
  reason: it is left out of the score, so it holds nothing down (it is reported as unknown).
* [`lift`]: the smallest change of answers that reaches a goal: the next level for a dimension
  below the top level, else the role's target. Smallest means the fewest questions answered
  differently, then the fewest option steps in all, then the questions that hold the dimension
  down most; it is searched exhaustively over the dimension's questions (a dimension of the
  built-in questionnaire has three or four), and greedily when a partner's dimension has too many
  questions for that. Only answered options and unanswered questions are changed: answering a
  "don't know" is finding out, not getting better.
* [`focus_areas`]: both for the plan's focus dimensions, with score, target and gap.

A dimension that is not rated ([`crate::scoring::not_rated`]) has no reasons, no goal and no lift,
and it is never a focus area: the plan lists it under [`Plan::find_out`] instead.
*/

use crate::plan::{role_profile, Plan};
use crate::scoring::{
    dimension_score, level_for, not_rated, rating, Answer, Answers, Assessment, Rating,
};
use crate::validate::{Checked, OPTION_COUNT};

/// The top option's index.
const TOP: u8 = OPTION_COUNT as u8 - 1;

/// Candidate answer patterns an exhaustive [`lift`] search may score before it goes greedy.
const SEARCH_LIMIT: usize = 20_000;

/// One answer and what it costs its dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reason {
    /// Index into the questionnaire's `questions`.
    pub question: usize,
    /// The answer given.
    pub answer: Answer,
    /// Points (0-100 scale of the dimension) the dimension's score would gain if this answer
    /// were the top option.
    pub held_back: f64,
}

/// A dimension's questions answered with an option that hold its score down, most first (ties in
/// questionnaire order). Questions answered with the top option, "don't know" and unanswered ones
/// are left out, and a dimension that is not rated has none.
pub fn reasons(q: &Checked, answers: &Answers, dimension: usize) -> Vec<Reason> {
    if not_rated(q, answers, dimension) {
        return Vec::new();
    }
    let base = dimension_score(q, answers, dimension);
    let mut out: Vec<Reason> = questions_of(q, dimension)
        .into_iter()
        .filter_map(|qi| {
            let answer = answers.scored.get(qi).copied().flatten()?;
            if answer == Answer::DontKnow {
                return None;
            }
            let top = with(answers, &[(qi, TOP)]);
            let held_back = dimension_score(q, &top, dimension) - base;
            (held_back > 1e-9).then_some(Reason {
                question: qi,
                answer,
                held_back,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.held_back
            .total_cmp(&a.held_back)
            .then(a.question.cmp(&b.question))
    });
    out
}

/// What a [`Lift`] reaches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// The lower bound of this level (index into `levels`).
    Level(usize),
    /// The role's target score, for a dimension already on the top level.
    Target(u8),
}

/// One answer given differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Index into the questionnaire's `questions`.
    pub question: usize,
    /// The answer given (None: unanswered).
    pub from: Option<Answer>,
    /// The option that would be chosen instead.
    pub to: u8,
}

/// The smallest change of answers that reaches a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Lift {
    pub goal: Goal,
    /// The change that gains the dimension most points on its own first (ties in questionnaire
    /// order).
    pub changes: Vec<Change>,
    /// The dimension's whole-point score after the change.
    pub score: u8,
}

/// The goal a dimension works towards: the next level, or on the top level the role's `target`
/// (None when that is reached too, and for a dimension that is not rated).
pub fn goal(q: &Checked, answers: &Answers, dimension: usize, target: f64) -> Option<Goal> {
    if not_rated(q, answers, dimension) {
        return None;
    }
    let now = rating(q, dimension_score(q, answers, dimension));
    if now.level + 1 < q.levels.len() {
        Some(Goal::Level(now.level + 1))
    } else {
        let target = target.round().clamp(0.0, 100.0) as u8;
        (now.score < target).then_some(Goal::Target(target))
    }
}

fn reached(q: &Checked, goal: Goal, exact: f64) -> bool {
    let r = rating(q, exact);
    match goal {
        Goal::Level(level) => level_for(q, f64::from(r.score)) >= level,
        Goal::Target(target) => r.score >= target,
    }
}

/// The smallest change of `answers` that brings `dimension` to its [`goal`] (None when the goal
/// is reached already or no change of this dimension's answers reaches it).
pub fn lift(q: &Checked, answers: &Answers, dimension: usize, target: f64) -> Option<Lift> {
    let goal = goal(q, answers, dimension, target)?;
    // Questions that can be answered better, the ones holding the dimension down most first.
    let mut order: Vec<usize> = reasons(q, answers, dimension)
        .iter()
        .map(|r| r.question)
        .collect();
    for qi in questions_of(q, dimension) {
        if answers.scored.get(qi) == Some(&None) {
            order.push(qi);
        }
    }
    let found = exhaustive(q, answers, dimension, goal, &order)
        .or_else(|| greedy(q, answers, dimension, goal, &order))?;
    let mut changes: Vec<Change> = found
        .iter()
        .map(|&(qi, to)| Change {
            question: qi,
            from: answers.scored.get(qi).copied().flatten(),
            to,
        })
        .collect();
    let base = dimension_score(q, answers, dimension);
    let gain =
        |c: &Change| dimension_score(q, &with(answers, &[(c.question, c.to)]), dimension) - base;
    changes.sort_by(|a, b| {
        gain(b)
            .total_cmp(&gain(a))
            .then(a.question.cmp(&b.question))
    });
    let score = rating(q, dimension_score(q, &with(answers, &found), dimension)).score;
    Some(Lift {
        goal,
        changes,
        score,
    })
}

fn questions_of(q: &Checked, dimension: usize) -> Vec<usize> {
    let Some(d) = q.dimensions.get(dimension) else {
        return Vec::new();
    };
    (0..q.questions.len())
        .filter(|&qi| q.questions[qi].dimension == d.id)
        .collect()
}

/// The option index an answer stands on, for counting steps: unanswered stands below the lowest
/// option ("don't know" too, though [`lift`] does not change it).
fn position(answer: Option<Answer>) -> i16 {
    match answer {
        Some(Answer::Option(k)) => i16::from(k),
        _ => -1,
    }
}

fn answer_at(answers: &Answers, qi: usize) -> Option<Answer> {
    answers.scored.get(qi).copied().flatten()
}

fn with(answers: &Answers, changes: &[(usize, u8)]) -> Answers {
    let mut a = answers.clone();
    for &(qi, to) in changes {
        if let Some(slot) = a.scored.get_mut(qi) {
            *slot = Some(Answer::Option(to));
        }
    }
    a
}

/// Every set of questions of growing size (in `order`'s ranking), every option above the current
/// one; the first size that reaches the goal wins, and within it the fewest steps. None when the
/// search would score more than [`SEARCH_LIMIT`] patterns or nothing reaches the goal.
fn exhaustive(
    q: &Checked,
    answers: &Answers,
    dimension: usize,
    goal: Goal,
    order: &[usize],
) -> Option<Vec<(usize, u8)>> {
    let patterns: f64 = order
        .iter()
        .map(|&qi| 1.0 + f64::from(TOP) - f64::from(position(answer_at(answers, qi)).max(0)))
        .product();
    if patterns > SEARCH_LIMIT as f64 {
        return None;
    }
    for size in 1..=order.len() {
        let mut best: Option<(i16, Vec<(usize, u8)>)> = None;
        for subset in subsets(order.len(), size) {
            let picked: Vec<usize> = subset.iter().map(|&i| order[i]).collect();
            // Every option above the current one for each picked question.
            let ranges: Vec<Vec<u8>> = picked
                .iter()
                .map(|&qi| {
                    let from = position(answer_at(answers, qi));
                    (0..=TOP).filter(|&k| i16::from(k) > from).collect()
                })
                .collect();
            for choice in product(&ranges) {
                let changes: Vec<(usize, u8)> = picked.iter().copied().zip(choice).collect();
                let steps: i16 = changes
                    .iter()
                    .map(|&(qi, to)| i16::from(to) - position(answer_at(answers, qi)))
                    .sum();
                if best.as_ref().is_some_and(|(s, _)| *s <= steps) {
                    continue;
                }
                if reached(
                    q,
                    goal,
                    dimension_score(q, &with(answers, &changes), dimension),
                ) {
                    best = Some((steps, changes));
                }
            }
        }
        if let Some((_, changes)) = best {
            return Some(changes);
        }
    }
    None
}

/// One option step at a time on the question whose step gains most (ties: one already changed,
/// then `order`), until the goal is reached.
fn greedy(
    q: &Checked,
    answers: &Answers,
    dimension: usize,
    goal: Goal,
    order: &[usize],
) -> Option<Vec<(usize, u8)>> {
    let mut current = answers.clone();
    let mut changed: Vec<(usize, u8)> = Vec::new();
    loop {
        let score = dimension_score(q, &current, dimension);
        if reached(q, goal, score) {
            return Some(changed);
        }
        let mut best: Option<(f64, bool, usize, u8)> = None;
        for &qi in order {
            let from = position(answer_at(&current, qi));
            if from >= i16::from(TOP) {
                continue;
            }
            let to = (from + 1) as u8;
            let next = with(&current, &[(qi, to)]);
            let gain = dimension_score(q, &next, dimension) - score;
            let again = changed.iter().any(|&(c, _)| c == qi);
            let better = match best {
                None => true,
                Some((g, a, _, _)) => gain > g + 1e-9 || ((gain - g).abs() <= 1e-9 && again && !a),
            };
            if better {
                best = Some((gain, again, qi, to));
            }
        }
        let (_, _, qi, to) = best?;
        current = with(&current, &[(qi, to)]);
        match changed.iter_mut().find(|(c, _)| *c == qi) {
            Some(entry) => entry.1 = to,
            None => changed.push((qi, to)),
        }
    }
}

/// The index sets of size `k` out of `n`, in lexicographic order.
fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut current = Vec::with_capacity(k);
    fn go(start: usize, n: usize, k: usize, current: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if current.len() == k {
            out.push(current.clone());
            return;
        }
        for i in start..n {
            current.push(i);
            go(i + 1, n, k, current, out);
            current.pop();
        }
    }
    go(0, n, k, &mut current, &mut out);
    out
}

/// Every way to pick one value from each range, fewest steps first within a range's order.
fn product(ranges: &[Vec<u8>]) -> Vec<Vec<u8>> {
    ranges.iter().fold(vec![Vec::new()], |acc, range| {
        acc.iter()
            .flat_map(|prefix| {
                range.iter().map(move |&v| {
                    let mut p = prefix.clone();
                    p.push(v);
                    p
                })
            })
            .collect()
    })
}

/// A focus dimension with its numbers, its reasons and its lift.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusArea {
    /// Index into `dimensions`.
    pub dimension: usize,
    /// Whole points, as the results show them.
    pub score: u8,
    /// The role's target, whole points.
    pub target: u8,
    /// Whole points missing to the target (0 when it is reached).
    pub gap: u8,
    /// At most two: the answers that hold the dimension down most.
    pub reasons: Vec<Reason>,
    pub lift: Option<Lift>,
}

/// The role's target for each dimension, whole points, in questionnaire order.
pub fn targets(q: &Checked, answers: &Answers) -> Vec<u8> {
    let (_, profile) = role_profile(q, answers);
    q.dimensions
        .iter()
        .map(|d| {
            let t = profile.targets.get(&d.id).copied().unwrap_or(100.0);
            t.round().clamp(0.0, 100.0) as u8
        })
        .collect()
}

/// Whole points missing from `score` to `target` (0 when it is reached).
pub fn gap(score: u8, target: u8) -> u8 {
    target.saturating_sub(score)
}

/// The next level above `rating` and the whole points missing to its lower bound (at least 1),
/// or None on the top level.
pub fn to_next_level(q: &Checked, rating: Rating) -> Option<(usize, u32)> {
    let next = q.levels.get(rating.level + 1)?;
    let points = (next.min - f64::from(rating.score)).max(1.0).ceil();
    Some((rating.level + 1, points as u32))
}

/// The plan's focus dimensions (its first `focus_dimensions` priorities, which are rated ones),
/// each with score, target, gap, the two answers that weigh most and the lift to its goal.
pub fn focus_areas(
    q: &Checked,
    assessment: &Assessment,
    answers: &Answers,
    plan: &Plan,
) -> Vec<FocusArea> {
    let targets = targets(q, answers);
    plan.priorities
        .iter()
        .take(q.plan.focus_dimensions)
        .filter_map(|p| {
            let score = assessment.dimensions.get(p.dimension)?.rating?.score;
            let target = *targets.get(p.dimension)?;
            let mut reasons = reasons(q, answers, p.dimension);
            reasons.truncate(2);
            Some(FocusArea {
                dimension: p.dimension,
                score,
                target,
                gap: gap(score, target),
                reasons,
                lift: lift(q, answers, p.dimension, f64::from(target)),
            })
        })
        .collect()
}

/// A question's prompt cut for a mention in a sentence: whole when it has at most `max_words`
/// words, else its first `max_words - 1` words (a trailing comma, colon or dash dropped) and "…".
pub fn shorten(text: &str, max_words: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= max_words.max(1) {
        return words.join(" ");
    }
    let mut kept = words[..max_words.max(2) - 1].join(" ");
    while kept.ends_with([',', ':', ';', '–', '-']) {
        kept.pop();
        kept = kept.trim_end().to_string();
    }
    kept.push('…');
    kept
}
