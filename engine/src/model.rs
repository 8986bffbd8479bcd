/*!
The questionnaire as it is written in JSON.

These types mirror the file format one to one and are deliberately permissive: they accept anything
that is structurally JSON of the right shape, so that [`crate::validate`] can report *every* problem
with its JSON path instead of serde stopping at the first one. A `Questionnaire` that has passed
validation is wrapped in [`crate::Checked`]; only that form is scored.

The format in short (docs/questionnaire.md has the full reference):

* every user-visible text is a [`Text`]: an object from locale to string, the default locale required;
* `questions` are scored, each with exactly five options ordered from least to most mature and an
  optional "don't know";
* `context_questions` do not score; they tailor the advice (`when`) and pick the target profile;
* `levels` are bands over the 0-100 score that tile it without gaps; their number comes from the file;
* `advice` entries belong to a dimension, a level and a kind; a tailored entry has `when` and may
  `replace` a general one;
* `profiles` say, per service role, which dimensions matter most and which KPIs to steer by.
*/

use serde::{Deserialize, Serialize};

/// A translatable text: locale code to string. The questionnaire's default locale must be present.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub crate::sorted_map::TextMap);

impl Text {
    /// The text in `locale`, else in `fallback`, else any translation, else the empty string.
    pub fn get<'a>(&'a self, locale: &str, fallback: &str) -> &'a str {
        self.0
            .get(locale)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// The five-minute promise: a respondent reads at most this many words per locale.
pub const READING_LIMIT: usize = 1100;

/// Reading speed behind the duration estimate ([`Questionnaire::minutes`]): words a respondent
/// reads per minute while answering (skimming option labels, not studying them).
pub const WORDS_PER_MINUTE: usize = 250;
/// Seconds a respondent spends choosing and clicking, per question, on top of reading.
pub const SECONDS_PER_ANSWER: usize = 3;
/// Above this many questions (scored and context together) the validator warns: a check that
/// long loses most visitors before the result.
pub const LONG_CHECK_QUESTIONS: usize = 40;

/// Words a respondent reads to answer everything, split on whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingLoad {
    /// Prompts, help, option labels and "don't know" labels of the scored questions.
    pub scored: usize,
    /// Prompts, help and option labels of the context questions.
    pub context: usize,
}

impl ReadingLoad {
    pub fn total(&self) -> usize {
        self.scored + self.context
    }
}

/// A whole questionnaire file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Stable identifier, `[a-z0-9][a-z0-9_-]*`. Stored answers and share codes are keyed by it.
    pub id: String,
    /// Version of the content; stored answers from another version are discarded.
    pub version: String,
    /// The locale every text must have.
    pub default_locale: String,
    /// Every locale the file provides; each text must have all of them.
    pub locales: Vec<String>,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<Text>,
    pub dimensions: Vec<Dimension>,
    pub questions: Vec<Question>,
    #[serde(default)]
    pub context_questions: Vec<ContextQuestion>,
    pub levels: Vec<Level>,
    pub advice: Vec<Advice>,
    pub profiles: Profiles,
    #[serde(default)]
    pub plan: PlanSettings,
    /// How long the check takes, in whole minutes, as the intro states it. Without it (or with
    /// 0) the widget estimates it from the reading load ([`Questionnaire::minutes`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
}

impl Questionnaire {
    /// How many minutes the check takes in `locale`, as the intro says: `duration_minutes` if the
    /// questionnaire sets it, else the reading load at [`WORDS_PER_MINUTE`] plus
    /// [`SECONDS_PER_ANSWER`] per question, rounded, at least 1.
    pub fn minutes(&self, locale: &str) -> u32 {
        if let Some(m) = self.duration_minutes.filter(|m| *m > 0) {
            return m;
        }
        let answers = self.questions.len() + self.context_questions.len();
        let seconds = self.reading_load(locale).total() * 60 / WORDS_PER_MINUTE
            + answers * SECONDS_PER_ANSWER;
        u32::try_from((seconds + 30) / 60)
            .unwrap_or(u32::MAX)
            .max(1)
    }

    /// A warning for a check with more than [`LONG_CHECK_QUESTIONS`] questions, saying how long
    /// it takes.
    pub fn length_warning(&self) -> Option<String> {
        let n = self.questions.len() + self.context_questions.len();
        (n > LONG_CHECK_QUESTIONS).then(|| {
            format!(
                "{n} questions take about {} minutes; above {LONG_CHECK_QUESTIONS} questions most visitors leave before the result, so consider fewer",
                self.minutes(&self.default_locale)
            )
        })
    }

    /// What a respondent reads to answer every question in `locale`.
    pub fn reading_load(&self, locale: &str) -> ReadingLoad {
        let words = |t: &Text| {
            t.get(locale, &self.default_locale)
                .split_whitespace()
                .count()
        };
        let labels = |options: &[Choice]| options.iter().map(|o| words(&o.label)).sum::<usize>();
        let scored = self
            .questions
            .iter()
            .map(|x| {
                words(&x.prompt)
                    + x.help.as_ref().map_or(0, words)
                    + labels(&x.options)
                    + x.dont_know.as_ref().map_or(0, words)
            })
            .sum();
        let context = self
            .context_questions
            .iter()
            .map(|x| words(&x.prompt) + x.help.as_ref().map_or(0, words) + labels(&x.options))
            .sum();
        ReadingLoad { scored, context }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub title: Text,
    pub description: Text,
    /// Share of this dimension in the overall score, relative to the others. Must be > 0.
    #[serde(default = "one")]
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// Id of the dimension this question scores.
    pub dimension: String,
    /// Share of this question in its dimension's score. Must be > 0.
    #[serde(default = "one")]
    pub weight: f64,
    pub prompt: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Exactly five, ordered from least to most mature.
    pub options: Vec<Choice>,
    /// The label of the "don't know" option, where a respondent plausibly would not know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dont_know: Option<Text>,
}

/// One answer option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// A question that tailors the advice but does not score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextQuestion {
    pub id: String,
    pub prompt: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Two or more options, in the order they are shown.
    pub options: Vec<Choice>,
    /// Id of the scored question after which this one is asked; before the first if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// A maturity level: a band `[min, max)` of the 0-100 score (the last band includes 100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub min: f64,
    pub max: f64,
}

/// What kind of step an advice entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdviceKind {
    /// Effect within weeks.
    QuickWin,
    /// A lever to build up over the next 6-12 months.
    LongTerm,
    /// Something to leave out on purpose for now.
    LeaveOut,
}

impl AdviceKind {
    pub const ALL: [AdviceKind; 3] = [
        AdviceKind::QuickWin,
        AdviceKind::LongTerm,
        AdviceKind::LeaveOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AdviceKind::QuickWin => "quick_win",
            AdviceKind::LongTerm => "long_term",
            AdviceKind::LeaveOut => "leave_out",
        }
    }
}

/// Context answers an advice entry is tied to: context question id to the option ids it applies to.
/// All listed questions must match; an unanswered question never matches.
pub type Condition = crate::sorted_map::SortedMap<Vec<String>>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    pub id: String,
    pub dimension: String,
    pub level: String,
    pub kind: AdviceKind,
    pub text: Text,
    /// Applies only when these context answers were given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Id of a general entry of the same cell that this tailored entry takes the place of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// Target profiles per service role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiles {
    /// Id of the context question that asks for the role of service.
    pub role_question: String,
    /// Option id of that question whose profile applies when it was not answered.
    pub default_role: String,
    pub roles: Vec<RoleProfile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleProfile {
    /// Option id of the role question.
    pub role: String,
    /// Score each dimension should reach for this role (0-100), by dimension id. Every dimension.
    pub targets: crate::sorted_map::SortedMap<f64>,
    /// How much closing each dimension's gap matters for this role (> 0), by dimension id. Every dimension.
    pub importance: crate::sorted_map::SortedMap<f64>,
    /// Strategic KPIs to steer by in this role.
    pub kpis: Vec<Kpi>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub id: String,
    pub name: Text,
    /// Why this KPI matters for the role, in one sentence.
    pub why: Text,
}

/// How large the plan is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    /// How many of the highest-priority dimensions the plan draws on.
    #[serde(default = "default_focus")]
    pub focus_dimensions: usize,
    /// At most this many entries per column (now, build up, leave out).
    #[serde(default = "default_per_column")]
    pub max_per_column: usize,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            focus_dimensions: default_focus(),
            max_per_column: default_per_column(),
        }
    }
}

fn one() -> f64 {
    1.0
}
fn default_focus() -> usize {
    3
}
fn default_per_column() -> usize {
    5
}
