/*!
Questionnaire validation: raw [`Questionnaire`] -> [`Checked`].

One pass collects every problem, each with the JSON path of the offending value and a sentence that
says what would be valid, so an author fixes a file in one round instead of one error per run.
Cross-references (a question's dimension, an advice entry's level, a profile's role) are resolved
here once; code that holds a [`Checked`] may rely on them.
*/

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Deref;

use crate::model::*;

/// Number of answer options every scored question has.
pub const OPTION_COUNT: usize = 5;
/// Smallest and largest number of maturity levels a questionnaire may define.
pub const LEVEL_COUNT: std::ops::RangeInclusive<usize> = 2..=7;

/// One thing wrong with an input, located by its JSON path (`$.questions[3].options`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a questionnaire could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// The text is not JSON of the questionnaire's shape. `problem.path` points at the value.
    Syntax(Problem),
    /// The JSON has the right shape but breaks one or more rules.
    Invalid(Vec<Problem>),
}

impl LoadError {
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LoadError::Syntax(p) => vec![p.clone()],
            LoadError::Invalid(ps) => ps.clone(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Syntax(p) => write!(f, "questionnaire is not readable: {p}"),
            LoadError::Invalid(ps) => {
                write!(f, "questionnaire has {} problem(s):", ps.len())?;
                for p in ps {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// A questionnaire that passed [`validate`]: every reference resolves, the levels tile 0-100 and
/// every dimension, level and kind has advice.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked(Questionnaire);

impl Deref for Checked {
    type Target = Questionnaire;
    fn deref(&self) -> &Questionnaire {
        &self.0
    }
}

impl Checked {
    /// Wraps a questionnaire the test suite has validated (the built-in core) without checking it
    /// again at run time.
    pub(crate) fn unvalidated(q: Questionnaire) -> Checked {
        Checked(q)
    }

    pub fn into_inner(self) -> Questionnaire {
        self.0
    }
}

/// Parses and validates a questionnaire. Never panics, whatever the input.
pub fn load(json: &str) -> Result<Checked, LoadError> {
    let raw = parse_json::<Questionnaire>(json).map_err(LoadError::Syntax)?;
    validate(raw).map_err(LoadError::Invalid)
}

/// `["a", "b"]`: a list of names as a message shows it. Not `{:?}`, whose string escaping the
/// widget would otherwise carry in its first view.
pub(crate) fn quoted<S: AsRef<str>>(names: &[S]) -> String {
    let inner: Vec<String> = names
        .iter()
        .map(|n| format!("\"{}\"", n.as_ref()))
        .collect();
    format!("[{}]", inner.join(", "))
}

/// What is wrong with a JSON text, and where: "a syntax error at line 3, column 5". Written
/// without serde_json's own message, whose formatting brings in the standard library's text for
/// every I/O error kind, so that the wasm stays small.
pub fn json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax => "a syntax error",
        Category::Eof => "an unexpected end",
        Category::Data => "a value of the wrong kind",
        Category::Io => "a read error",
    };
    format!("{what} at line {}, column {}", e.line(), e.column())
}

/// Deserialises `json`, turning serde's error into a [`Problem`] with the path of the bad value.
pub fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Problem> {
    let mut de = serde_json::Deserializer::from_str(json);
    let mut track = serde_path_to_error::Track::new();
    let value = T::deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track))
        .and_then(|v| de.end().map(|()| v));
    value.map_err(|e| {
        let path = track.path().to_string();
        let path = if path == "." {
            "$".to_string()
        } else {
            format!("$.{path}")
        };
        Problem::new(path, e.to_string())
    })
}

/// Checks every rule and returns all problems at once.
pub fn validate(q: Questionnaire) -> Result<Checked, Vec<Problem>> {
    let mut v = Validator {
        q: &q,
        problems: Vec::new(),
    };
    v.run();
    if v.problems.is_empty() {
        Ok(Checked(q))
    } else {
        Err(v.problems)
    }
}

/// Whether `id` is a valid identifier: `[a-z0-9][a-z0-9_-]*`, at most 64 characters.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Whether `v` is a valid version: `[A-Za-z0-9._-]+`, at most 32 characters.
pub fn is_valid_version(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 32
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Whether `l` looks like a locale code: `de`, `en`, `en-GB`.
pub fn is_valid_locale(l: &str) -> bool {
    let (lang, region) = match l.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (l, None),
    };
    lang.len() == 2
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()))
}

struct Validator<'a> {
    q: &'a Questionnaire,
    problems: Vec<Problem>,
}

impl Validator<'_> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    fn run(&mut self) {
        let q = self.q;
        if !is_valid_id(&q.id) {
            self.bad_id("$.id", &q.id);
        }
        if !is_valid_version(&q.version) {
            self.problem("$.version", format!("\"{}\" is not a valid version: use letters, digits, '.', '_' or '-' (at most 32)", q.version));
        }
        self.locales();
        self.text("$.title", &q.title);
        if let Some(s) = &q.subtitle {
            self.text("$.subtitle", s);
        }
        self.dimensions();
        self.questions();
        self.context_questions();
        self.levels();
        self.advice();
        self.profiles();
        if q.plan.focus_dimensions == 0 {
            self.problem("$.plan.focus_dimensions", "must be at least 1");
        }
        if q.plan.max_per_column == 0 {
            self.problem("$.plan.max_per_column", "must be at least 1");
        }
    }

    fn bad_id(&mut self, path: &str, id: &str) {
        self.problem(
            path,
            format!("\"{id}\" is not a valid id: use lowercase letters, digits, '_' and '-', starting with a letter or digit (at most 64)"),
        );
    }

    /// Checks the id pattern and uniqueness within `seen`.
    fn id(&mut self, path: &str, id: &str, seen: &mut BTreeSet<String>, what: &str) {
        if !is_valid_id(id) {
            self.bad_id(path, id);
        }
        if !seen.insert(id.to_string()) {
            self.problem(
                path,
                format!("duplicate {what} id \"{id}\": ids must be unique"),
            );
        }
    }

    fn locales(&mut self) {
        let q = self.q;
        if q.locales.is_empty() {
            self.problem(
                "$.locales",
                "declare at least one locale, for example [\"de\", \"en\"]",
            );
        }
        let mut seen = BTreeSet::new();
        for (i, l) in q.locales.iter().enumerate() {
            if !is_valid_locale(l) {
                self.problem(
                    format!("$.locales[{i}]"),
                    format!("\"{l}\" is not a locale code such as \"de\" or \"en-GB\""),
                );
            }
            if !seen.insert(l) {
                self.problem(
                    format!("$.locales[{i}]"),
                    format!("locale \"{l}\" is declared twice"),
                );
            }
        }
        if !q.locales.contains(&q.default_locale) {
            self.problem(
                "$.default_locale",
                format!(
                    "\"{}\" is not one of the declared locales {}",
                    q.default_locale,
                    quoted(&q.locales)
                ),
            );
        }
    }

    fn text(&mut self, path: &str, t: &Text) {
        let q = self.q;
        for l in &q.locales {
            match t.0.get(l) {
                None => self.problem(
                    format!("{path}.{l}"),
                    format!("missing the \"{l}\" translation"),
                ),
                Some(s) if s.trim().is_empty() => {
                    self.problem(format!("{path}.{l}"), "must not be empty")
                }
                Some(_) => {}
            }
        }
        for l in t.0.keys() {
            if !q.locales.contains(l) {
                self.problem(
                    format!("{path}.{l}"),
                    format!(
                        "locale \"{l}\" is not declared in $.locales {}",
                        quoted(&q.locales)
                    ),
                );
            }
        }
    }

    fn positive(&mut self, path: String, x: f64) {
        if !(x.is_finite() && x > 0.0) {
            self.problem(
                path,
                format!("{x} is not a valid weight: use a number greater than 0"),
            );
        }
    }

    fn dimensions(&mut self) {
        let q = self.q;
        if q.dimensions.is_empty() {
            self.problem("$.dimensions", "define at least one dimension");
        }
        let mut seen = BTreeSet::new();
        for (i, d) in q.dimensions.iter().enumerate() {
            let p = format!("$.dimensions[{i}]");
            self.id(&format!("{p}.id"), &d.id, &mut seen, "dimension");
            self.text(&format!("{p}.title"), &d.title);
            self.text(&format!("{p}.description"), &d.description);
            self.positive(format!("{p}.weight"), d.weight);
            if !q.questions.iter().any(|x| x.dimension == d.id) {
                self.problem(
                    p,
                    format!("dimension \"{}\" has no question: add at least one", d.id),
                );
            }
        }
    }

    /// Scored and context questions share one id namespace.
    fn questions(&mut self) {
        let q = self.q;
        if q.questions.is_empty() {
            self.problem("$.questions", "define at least one scored question");
        }
        let mut seen = BTreeSet::new();
        for (i, x) in q.questions.iter().enumerate() {
            let p = format!("$.questions[{i}]");
            self.id(&format!("{p}.id"), &x.id, &mut seen, "question");
            if !q.dimensions.iter().any(|d| d.id == x.dimension) {
                let known: Vec<_> = q.dimensions.iter().map(|d| d.id.as_str()).collect();
                self.problem(
                    format!("{p}.dimension"),
                    format!(
                        "unknown dimension \"{}\": use one of {}",
                        x.dimension,
                        quoted(&known)
                    ),
                );
            }
            self.positive(format!("{p}.weight"), x.weight);
            self.text(&format!("{p}.prompt"), &x.prompt);
            if let Some(h) = &x.help {
                self.text(&format!("{p}.help"), h);
            }
            if x.options.len() != OPTION_COUNT {
                self.problem(
                    format!("{p}.options"),
                    format!("has {} options: a scored question has exactly {OPTION_COUNT}, ordered from least to most mature", x.options.len()),
                );
            }
            self.choices(&p, &x.options);
            if let Some(dk) = &x.dont_know {
                self.text(&format!("{p}.dont_know"), dk);
            }
        }
        for (i, x) in q.context_questions.iter().enumerate() {
            let p = format!("$.context_questions[{i}]");
            self.id(&format!("{p}.id"), &x.id, &mut seen, "question");
        }
    }

    fn choices(&mut self, p: &str, options: &[Choice]) {
        let mut seen = BTreeSet::new();
        for (k, o) in options.iter().enumerate() {
            self.id(&format!("{p}.options[{k}].id"), &o.id, &mut seen, "option");
            self.text(&format!("{p}.options[{k}].label"), &o.label);
        }
    }

    fn context_questions(&mut self) {
        let q = self.q;
        for (i, x) in q.context_questions.iter().enumerate() {
            let p = format!("$.context_questions[{i}]");
            self.text(&format!("{p}.prompt"), &x.prompt);
            if let Some(h) = &x.help {
                self.text(&format!("{p}.help"), h);
            }
            if x.options.len() < 2 {
                self.problem(
                    format!("{p}.options"),
                    "a context question needs at least 2 options",
                );
            }
            if x.options.len() > 36 {
                self.problem(
                    format!("{p}.options"),
                    "a context question has at most 36 options",
                );
            }
            self.choices(&p, &x.options);
            if let Some(after) = &x.after {
                if !q.questions.iter().any(|s| &s.id == after) {
                    self.problem(
                        format!("{p}.after"),
                        format!("unknown question \"{after}\": use the id of a scored question, or leave it out to ask first"),
                    );
                }
            }
        }
    }

    fn levels(&mut self) {
        let q = self.q;
        let n = q.levels.len();
        if !LEVEL_COUNT.contains(&n) {
            self.problem(
                "$.levels",
                format!(
                    "has {n} levels: define between {} and {}",
                    LEVEL_COUNT.start(),
                    LEVEL_COUNT.end()
                ),
            );
        }
        let mut seen = BTreeSet::new();
        let mut expected_min = 0.0;
        for (i, l) in q.levels.iter().enumerate() {
            let p = format!("$.levels[{i}]");
            self.id(&format!("{p}.id"), &l.id, &mut seen, "level");
            self.text(&format!("{p}.name"), &l.name);
            self.text(&format!("{p}.description"), &l.description);
            if !(l.min.is_finite() && l.max.is_finite() && l.min < l.max) {
                self.problem(
                    p.clone(),
                    format!("min {} must be less than max {}", l.min, l.max),
                );
            }
            if l.min != expected_min {
                let what = if i == 0 {
                    "the first level must start at 0".to_string()
                } else {
                    format!("must equal the previous level's max {expected_min}, so the levels have no gap or overlap")
                };
                self.problem(format!("{p}.min"), format!("is {}: {what}", l.min));
            }
            expected_min = l.max;
        }
        if let Some(last) = q.levels.last() {
            if last.max != 100.0 {
                self.problem(
                    format!("$.levels[{}].max", n - 1),
                    format!(
                        "is {}: the last level must end at 100, so the levels cover 0-100",
                        last.max
                    ),
                );
            }
        }
    }

    fn advice(&mut self) {
        let q = self.q;
        let mut seen = BTreeSet::new();
        let by_id: BTreeMap<&str, &Advice> = q.advice.iter().map(|a| (a.id.as_str(), a)).collect();
        for (i, a) in q.advice.iter().enumerate() {
            let p = format!("$.advice[{i}]");
            self.id(&format!("{p}.id"), &a.id, &mut seen, "advice");
            if !q.dimensions.iter().any(|d| d.id == a.dimension) {
                self.problem(
                    format!("{p}.dimension"),
                    format!("unknown dimension \"{}\"", a.dimension),
                );
            }
            if !q.levels.iter().any(|l| l.id == a.level) {
                let known: Vec<_> = q.levels.iter().map(|l| l.id.as_str()).collect();
                self.problem(
                    format!("{p}.level"),
                    format!(
                        "unknown level \"{}\": use one of {}",
                        a.level,
                        quoted(&known)
                    ),
                );
            }
            self.text(&format!("{p}.text"), &a.text);
            if let Some(when) = &a.when {
                self.condition(&format!("{p}.when"), when);
            }
            if let Some(r) = &a.replaces {
                match by_id.get(r.as_str()) {
                    None => self.problem(format!("{p}.replaces"), format!("unknown advice \"{r}\"")),
                    Some(t) if t.dimension != a.dimension || t.level != a.level || t.kind != a.kind => self.problem(
                        format!("{p}.replaces"),
                        format!("\"{r}\" is in another cell: a variant replaces an entry of the same dimension, level and kind"),
                    ),
                    Some(t) if t.when.is_some() => {
                        self.problem(format!("{p}.replaces"), format!("\"{r}\" is itself tailored: replace a general entry"))
                    }
                    Some(_) if a.when.is_none() => {
                        self.problem(format!("{p}.when"), "an entry that replaces another must say when (`when`)")
                    }
                    Some(_) => {}
                }
            }
        }
        for d in &q.dimensions {
            for l in &q.levels {
                for kind in AdviceKind::ALL {
                    let general = q.advice.iter().any(|a| {
                        a.dimension == d.id && a.level == l.id && a.kind == kind && a.when.is_none()
                    });
                    if !general {
                        self.problem(
                            "$.advice",
                            format!(
                                "no general (untailored) {} advice for dimension \"{}\" at level \"{}\"",
                                kind.as_str(),
                                d.id,
                                l.id
                            ),
                        );
                    }
                }
            }
        }
    }

    fn condition(&mut self, p: &str, when: &Condition) {
        let q = self.q;
        if when.is_empty() {
            self.problem(p, "an empty condition: leave `when` out for general advice");
        }
        for (qid, opts) in when {
            match q.context_questions.iter().find(|c| &c.id == qid) {
                None => {
                    let known: Vec<_> = q.context_questions.iter().map(|c| c.id.as_str()).collect();
                    self.problem(
                        format!("{p}.{qid}"),
                        format!(
                            "unknown context question \"{qid}\": use one of {}",
                            quoted(&known)
                        ),
                    );
                }
                Some(c) => {
                    if opts.is_empty() {
                        self.problem(format!("{p}.{qid}"), "list at least one option id");
                    }
                    for (k, o) in opts.iter().enumerate() {
                        if !c.options.iter().any(|x| &x.id == o) {
                            let known: Vec<_> = c.options.iter().map(|x| x.id.as_str()).collect();
                            self.problem(
                                format!("{p}.{qid}[{k}]"),
                                format!("unknown option \"{o}\": use one of {}", quoted(&known)),
                            );
                        }
                    }
                }
            }
        }
    }

    fn profiles(&mut self) {
        let q = self.q;
        let pr = &q.profiles;
        let Some(role_q) = q
            .context_questions
            .iter()
            .find(|c| c.id == pr.role_question)
        else {
            self.problem(
                "$.profiles.role_question",
                format!("unknown context question \"{}\": name the question that asks for the role of service", pr.role_question),
            );
            return;
        };
        let options: Vec<&str> = role_q.options.iter().map(|o| o.id.as_str()).collect();
        if !options.contains(&pr.default_role.as_str()) {
            self.problem(
                "$.profiles.default_role",
                format!(
                    "unknown role \"{}\": use one of {}",
                    pr.default_role,
                    quoted(&options)
                ),
            );
        }
        let mut seen = BTreeSet::new();
        for (i, r) in pr.roles.iter().enumerate() {
            let p = format!("$.profiles.roles[{i}]");
            if !options.contains(&r.role.as_str()) {
                self.problem(
                    format!("{p}.role"),
                    format!(
                        "unknown role \"{}\": use one of {}",
                        r.role,
                        quoted(&options)
                    ),
                );
            }
            if !seen.insert(r.role.as_str()) {
                self.problem(
                    format!("{p}.role"),
                    format!("role \"{}\" has two profiles", r.role),
                );
            }
            self.per_dimension(
                &format!("{p}.targets"),
                &r.targets,
                |x| (0.0..=100.0).contains(&x),
                "a target between 0 and 100",
            );
            self.per_dimension(
                &format!("{p}.importance"),
                &r.importance,
                |x| x.is_finite() && x > 0.0,
                "an importance greater than 0",
            );
            if r.kpis.is_empty() {
                self.problem(format!("{p}.kpis"), "list at least one KPI for this role");
            }
            let mut role_kpis = BTreeSet::new();
            for (k, kpi) in r.kpis.iter().enumerate() {
                let kp = format!("{p}.kpis[{k}]");
                if !is_valid_id(&kpi.id) {
                    self.bad_id(&format!("{kp}.id"), &kpi.id);
                }
                if !role_kpis.insert(kpi.id.as_str()) {
                    self.problem(
                        format!("{kp}.id"),
                        format!("KPI \"{}\" is listed twice for this role", kpi.id),
                    );
                }
                self.text(&format!("{kp}.name"), &kpi.name);
                self.text(&format!("{kp}.why"), &kpi.why);
            }
        }
        for o in &options {
            if !seen.contains(o) {
                self.problem(
                    "$.profiles.roles",
                    format!("role \"{o}\" has no profile: add one"),
                );
            }
        }
    }

    fn per_dimension(
        &mut self,
        p: &str,
        map: &crate::sorted_map::SortedMap<f64>,
        ok: impl Fn(f64) -> bool,
        what: &str,
    ) {
        let q = self.q;
        for d in &q.dimensions {
            match map.get(&d.id) {
                None => self.problem(
                    format!("{p}.{}", d.id),
                    format!("missing: give every dimension {what}"),
                ),
                Some(x) if !ok(*x) => self.problem(
                    format!("{p}.{}", d.id),
                    format!("{x} is not valid: give {what}"),
                ),
                Some(_) => {}
            }
        }
        for k in map.keys() {
            if !q.dimensions.iter().any(|d| &d.id == k) {
                self.problem(format!("{p}.{k}"), format!("unknown dimension \"{k}\""));
            }
        }
    }
}
