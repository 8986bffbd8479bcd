/*!
Scoring: answers -> a 0-100 score and a level per dimension and overall.

Option `k` of the five is worth `k * 25` points. "Don't know" scores as the lowest option and is
reported as unknown, because not measuring something is itself a finding. A dimension's score is the
weighted mean of its questions; the overall score is the weighted mean of the dimensions. Scores are
rounded to whole points once, at the end, so that a level and the number shown beside it always agree.
*/

use crate::validate::{Checked, OPTION_COUNT};

/// The answer to one scored question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// Index of the chosen option, 0 (least mature) to 4 (most mature).
    Option(u8),
    DontKnow,
}

impl Answer {
    /// Points on the 0-100 scale.
    pub fn points(self) -> f64 {
        match self {
            Answer::Option(k) => {
                f64::from(k.min(OPTION_COUNT as u8 - 1)) * 100.0 / (OPTION_COUNT as f64 - 1.0)
            }
            Answer::DontKnow => 0.0,
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
    pub fn empty(q: &Checked) -> Self {
        Answers {
            scored: vec![None; q.questions.len()],
            context: vec![None; q.context_questions.len()],
        }
    }

    /// Whether the slots match `q` and every answer points at an option that exists.
    pub fn fits(&self, q: &Checked) -> bool {
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
    pub fn context_option<'q>(&self, q: &'q Checked, question_id: &str) -> Option<&'q str> {
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
    pub rating: Rating,
    /// Unrounded score, used to rank priorities.
    pub exact: f64,
    /// Indices of this dimension's questions answered "don't know".
    pub unknown: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub overall: Rating,
    /// One per dimension, in questionnaire order.
    pub dimensions: Vec<DimensionResult>,
}

/// The level index for a whole-point score: the band `[min, max)` it falls in, the last band
/// including its upper bound.
pub fn level_for(q: &Checked, score: f64) -> usize {
    q.levels
        .iter()
        .position(|l| score >= l.min && score < l.max)
        .unwrap_or(q.levels.len().saturating_sub(1))
}

/// The unrounded 0-100 score of dimension `dimension` for `answers`: the weighted mean of its
/// questions' points ([`Answer::points`]; an unanswered question counts as the lowest option).
pub fn dimension_score(q: &Checked, answers: &Answers, dimension: usize) -> f64 {
    let Some(d) = q.dimensions.get(dimension) else {
        return 0.0;
    };
    let mut sum = 0.0;
    let mut weights = 0.0;
    for (qi, question) in q
        .questions
        .iter()
        .enumerate()
        .filter(|(_, x)| x.dimension == d.id)
    {
        let answer = answers.scored.get(qi).copied().flatten();
        sum += question.weight * answer.map_or(0.0, Answer::points);
        weights += question.weight;
    }
    if weights > 0.0 {
        sum / weights
    } else {
        0.0
    }
}

/// The whole-point score and level of an unrounded score.
pub fn rating(q: &Checked, exact: f64) -> Rating {
    let score = exact.round().clamp(0.0, 100.0);
    Rating {
        score: score as u8,
        level: level_for(q, score),
    }
}

/// Scores `answers`. Unanswered questions count as the lowest option; call it on complete answers
/// for a result worth showing.
pub fn assess(q: &Checked, answers: &Answers) -> Assessment {
    let dimensions: Vec<DimensionResult> = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(di, d)| {
            let unknown = q
                .questions
                .iter()
                .enumerate()
                .filter(|(qi, x)| {
                    x.dimension == d.id
                        && answers.scored.get(*qi).copied().flatten() == Some(Answer::DontKnow)
                })
                .map(|(qi, _)| qi)
                .collect();
            let exact = dimension_score(q, answers, di);
            DimensionResult {
                dimension: di,
                rating: rating(q, exact),
                exact,
                unknown,
            }
        })
        .collect();
    let total_weight: f64 = q.dimensions.iter().map(|d| d.weight).sum();
    let overall = if total_weight > 0.0 {
        dimensions
            .iter()
            .map(|r| q.dimensions[r.dimension].weight * r.exact)
            .sum::<f64>()
            / total_weight
    } else {
        0.0
    };
    Assessment {
        overall: rating(q, overall),
        dimensions,
    }
}
