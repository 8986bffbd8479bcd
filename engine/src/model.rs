/*!
The questionnaire as it is written in JSON.

These types mirror the file format one to one and are deliberately permissive: they accept anything
that is structurally JSON of the right shape, so that [`crate::validate`] can report *every* problem
with its JSON path instead of serde stopping at the first one. A `Questionnaire` that has passed
validation is wrapped in [`crate::Checked`]; only that form, or the built-in core read as a
[`crate::Scorable`], is scored.

The format in short (docs/questionnaire.md has the full reference):

* every user-visible text is a [`Text`]: an object from locale to string, the default locale required;
* `questions` are scored, each with exactly five options ordered from least to most mature and an
  optional "don't know";
* `context_questions` do not score; they tailor the advice (`when`) and pick the target profile;
* `levels` are bands over the 0-100 score that tile it without gaps; their number comes from the file;
* `advice` entries belong to a dimension, a level and a kind; a tailored entry has `when` and may
  `replace` a general one;
* `profiles` say, per service role, which dimensions matter most and which KPIs to steer by; a
  KPI, like advice, may hold only for some context answers (`when`).
* advice entries may say what they take (`effort`), what they move (`impact`) and why
  (`because`).
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

/// Words a respondent reads to answer everything, split on whitespace. The folded `explain`
/// texts are not counted: they are opened only by someone who needs them.
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
    /// What to find out first when the dimension is not rated (half or more of its questions
    /// answered "don't know"): whom to ask, which number to look up. Shown with the results only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub find_out: Option<Text>,
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
    /// One or two sentences defining the terms of the prompt or the options (jargon such as
    /// "health score"), shown folded: a respondent opens it only if needed, so it does not count
    /// in the [`ReadingLoad`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Text>,
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
    /// Definitions of terms, folded like [`Question::explain`]; not in the reading load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Text>,
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

/// Context answers an advice entry or a KPI is tied to: context question id to the option ids it applies to.
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
    /// What carrying the entry out takes ([`Effort`]). Optional in the format so that older
    /// questionnaires still load; the built-in one gives it for every entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
    /// What the entry moves ([`Impact`]). Optional like `effort`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Impact>,
    /// Why, in one short sentence of its own (at most about 20 words, no leading "because"),
    /// shown with the entry. The built-in
    /// questionnaire gives one for every `leave_out` entry, where the reason is what makes the
    /// advice credible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub because: Option<Text>,
}

/// What an advice entry takes to carry out, for the team that does it.
///
/// For a `leave_out` entry it is the effort of the thing left out, that is the effort the team
/// saves by not doing it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Effort {
    /// Small: a few days of one person's time at most, no budget, no other team needed.
    S,
    /// Medium: a few weeks of one person, or several people part-time, or another team's help;
    /// little or no budget.
    M,
    /// Large: a project over months with several people or teams, or a budget (a tool, a
    /// contract, new staff).
    L,
}

impl Effort {
    pub const ALL: [Effort; 3] = [Effort::S, Effort::M, Effort::L];

    pub fn as_str(self) -> &'static str {
        match self {
            Effort::S => "s",
            Effort::M => "m",
            Effort::L => "l",
        }
    }
}

/// What an advice entry moves once it is done, at the level it is written for: the score of its
/// dimension, or the main outcome of the service's role (costs for a cost centre, retention and
/// revenue for a growth lever, the experience customers tell others about for a differentiator).
///
/// For a `leave_out` entry it is what the thing left out would bring at this level: mostly
/// `low`, which is why it is left out; `medium` or `high` where it is worth doing later and only
/// the order is wrong now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Low: a local improvement that a respondent would hardly notice in the dimension's score.
    Low,
    /// Medium: moves one of the dimension's questions a step up, or one of the role's KPIs
    /// measurably.
    Medium,
    /// High: lifts the dimension towards the next level, or changes the role's main outcome.
    High,
}

impl Impact {
    pub const ALL: [Impact; 3] = [Impact::Low, Impact::Medium, Impact::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Low => "low",
            Impact::Medium => "medium",
            Impact::High => "high",
        }
    }
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
    /// How it is computed, in one line: what is counted, over what, in which period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Text>,
    /// A starting target range where one can honestly be given, saying when it is a rule of
    /// thumb ("Rule of thumb: below 15 %"). Absent where no range holds across companies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Text>,
    /// Shown only when these context answers were given, as advice `when`
    /// ([`crate::plan::kpis`]): a KPI that fits only some business models says which.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
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
