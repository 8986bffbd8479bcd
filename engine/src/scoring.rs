/*!
Scoring: answers -> a 0-100 score and a level per dimension and overall.

Option `k` of the five is worth `k * 25` points. A dimension's score is the weighted mean of its
questions answered with an option. "Don't know" leaves that mean, weight and all: it says nothing
about how mature the practice is (the practice may live with another team), so scoring it as the
lowest option would state a low result nobody measured. It is still reported as unknown, since not
knowing is itself a finding.

When half or more of a dimension's scored questions are answered "don't know", what is left is too
thin to stand for the dimension: it is **not rated** ([`DimensionResult::rating`] is `None`). The
overall score is the weighted mean of the rated dimensions only; when no dimension is rated there is
no overall score either ([`Assessment::overall`] is `None`). Scores are rounded to whole points once,
at the end, so that a level and the number shown beside it always agree.
*/

use crate::validate::{Scorable, OPTION_COUNT};

/// The answer to one scored question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// Index of the chosen option, 0 (least mature) to 4 (most mature).
    Option(u8),
    DontKnow,
}

impl Answer {
    /// Points on the 0-100 scale; None for "don't know", which is not scored.
    pub fn points(self) -> Option<f64> {
        match self {
            Answer::Option(k) => {
                Some(f64::from(k.min(OPTION_COUNT as u8 - 1)) * 100.0 / (OPTION_COUNT as f64 - 1.0))
            }
            Answer::DontKnow => None,
        }
    }
}

/// Everything a respondent answered, aligned with the questionnaire's question lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers {
    /// One slot per scored question, in questionnaire order.
    pub scored: Vec<Option<Answer>>,
    /// One slot per context question: the index of the chosen option.
    pub context: Vec<Option<usize>>,
}

impl Answers {
    /// No answers yet, sized for `q`.
    pub fn empty(q: &Scorable) -> Self {
        Answers {
            scored: vec![None; q.questions.len()],
            context: vec![None; q.context_questions.len()],
        }
    }

    /// Whether the slots match `q` and every answer points at an option that exists.
    pub fn fits(&self, q: &Scorable) -> bool {
        self.scored.len() == q.questions.len()
            && self.context.len() == q.context_questions.len()
            && self
                .scored
                .iter()
                .zip(&q.questions)
                .all(|(a, question)| match a {
                    Some(Answer::Option(k)) => usize::from(*k) < OPTION_COUNT,
                    Some(Answer::DontKnow) => question.dont_know.is_some(),
                    None => true,
                })
            && self
                .context
                .iter()
                .zip(&q.context_questions)
                .all(|(a, c)| a.is_none_or(|k| k < c.options.len()))
    }

    /// Whether every question, scored and context, has an answer.
    pub fn is_complete(&self) -> bool {
        self.scored.iter().all(Option::is_some) && self.context.iter().all(Option::is_some)
    }

    /// The option id chosen for context question `question_id`, if answered.
    pub fn context_option<'q>(&self, q: &'q Scorable, question_id: &str) -> Option<&'q str> {
        let i = q
            .context_questions
            .iter()
            .position(|c| c.id == question_id)?;
        let k = (*self.context.get(i)?)?;
        Some(q.context_questions[i].options.get(k)?.id.as_str())
    }
}

/// A score and the index of the level it falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    /// Whole points, 0-100.
    pub score: u8,
    /// Index into the questionnaire's `levels`, 0 = least mature.
    pub level: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionResult {
    /// Index into the questionnaire's `dimensions`.
    pub dimension: usize,
    /// Score and level; None when the dimension is not rated (half or more of its questions
    /// answered "don't know", see [`not_rated`]).
    pub rating: Option<Rating>,
    /// Unrounded score, used to rank priorities; None exactly when `rating` is.
    pub exact: Option<f64>,
    /// Indices of this dimension's questions answered "don't know".
    pub unknown: Vec<usize>,
    /// How many scored questions the dimension has.
    pub questions: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The weighted mean of the rated dimensions; None when no dimension is rated.
    pub overall: Option<Rating>,
    /// One per dimension, in questionnaire order.
    pub dimensions: Vec<DimensionResult>,
}

impl Assessment {
    /// The rated dimensions with their rating, in questionnaire order.
    pub fn rated(&self) -> impl Iterator<Item = (&DimensionResult, Rating)> {
        self.dimensions
            .iter()
            .filter_map(|d| d.rating.map(|r| (d, r)))
    }

    /// Indices of the dimensions that are not rated, in questionnaire order.
    pub fn not_rated(&self) -> Vec<usize> {
        self.dimensions
            .iter()
            .filter(|d| d.rating.is_none())
            .map(|d| d.dimension)
            .collect()
    }
}

/// The level index for a whole-point score: the band `[min, max)` it falls in, the last band
/// including its upper bound.
pub fn level_for(q: &Scorable, score: f64) -> usize {
    q.levels
        .iter()
        .position(|l| score >= l.min && score < l.max)
        .unwrap_or(q.levels.len().saturating_sub(1))
}

fn questions_of(
    q: &Scorable,
    dimension: usize,
) -> impl Iterator<Item = (usize, &crate::model::Question)> {
    let id = q.dimensions.get(dimension).map(|d| d.id.as_str());
    q.questions
        .iter()
        .enumerate()
        .filter(move |(_, x)| Some(x.dimension.as_str()) == id)
}

/// The unrounded 0-100 score of dimension `dimension` for `answers`: the weighted mean of
/// [`Answer::points`] over its questions answered with an option; "don't know" answers are left
/// out with their weight, and an unanswered question counts as the lowest option. 0 when nothing
/// is left to average. It does not say whether the dimension is rated: see [`not_rated`].
pub fn dimension_score(q: &Scorable, answers: &Answers, dimension: usize) -> f64 {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for (qi, question) in questions_of(q, dimension) {
        let points = match answers.scored.get(qi).copied().flatten() {
            Some(answer) => answer.points(),
            None => Some(0.0),
        };
        if let Some(points) = points {
            sum += question.weight * points;
            weights += question.weight;
        }
    }
    if weights > 0.0 {
        sum / weights
    } else {
        0.0
    }
}

/// Whether dimension `dimension` is not rated: half or more of its scored questions (counted, not
/// weighted) are answered "don't know".
pub fn not_rated(q: &Scorable, answers: &Answers, dimension: usize) -> bool {
    let (mut unknown, mut all) = (0, 0);
    for (qi, _) in questions_of(q, dimension) {
        all += 1;
        if answers.scored.get(qi).copied().flatten() == Some(Answer::DontKnow) {
            unknown += 1;
        }
    }
    all > 0 && 2 * unknown >= all
}

/// The whole-point score and level of an unrounded score.
pub fn rating(q: &Scorable, exact: f64) -> Rating {
    let score = exact.round().clamp(0.0, 100.0);
    Rating {
        score: score as u8,
        level: level_for(q, score),
    }
}

/// Scores `answers`. Unanswered questions count as the lowest option; call it on complete answers
/// for a result worth showing.
pub fn assess(q: &Scorable, answers: &Answers) -> Assessment {
    let dimensions: Vec<DimensionResult> = (0..q.dimensions.len())
        .map(|di| {
            let unknown: Vec<usize> = questions_of(q, di)
                .filter(|(qi, _)| {
                    answers.scored.get(*qi).copied().flatten() == Some(Answer::DontKnow)
                })
                .map(|(qi, _)| qi)
                .collect();
            let exact = (!not_rated(q, answers, di)).then(|| dimension_score(q, answers, di));
            DimensionResult {
                dimension: di,
                rating: exact.map(|e| rating(q, e)),
                exact,
                unknown,
                questions: questions_of(q, di).count(),
            }
        })
        .collect();
    let (mut sum, mut weights) = (0.0, 0.0);
    for d in &dimensions {
        if let Some(exact) = d.exact {
            let weight = q.dimensions[d.dimension].weight;
            sum += weight * exact;
            weights += weight;
        }
    }
    Assessment {
        overall: (weights > 0.0).then(|| rating(q, sum / weights)),
        dimensions,
    }
}
