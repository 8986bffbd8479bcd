/*!
The rules on a questionnaire's structure: locales, dimensions, scored and context questions, and
levels that tile 0-100.
*/

use std::collections::BTreeSet;

use super::validator::{Validator, LEVEL_COUNT, OPTION_COUNT};
use crate::model::*;
use crate::problem::quoted;
use crate::syntax::is_valid_locale;

impl Validator<'_> {
    pub(super) fn locales(&mut self) {
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

    pub(super) fn dimensions(&mut self) {
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
            if let Some(t) = &d.find_out {
                self.text(&format!("{p}.find_out"), t);
            }
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
    pub(super) fn questions(&mut self) {
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
            if let Some(e) = &x.explain {
                self.text(&format!("{p}.explain"), e);
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

    pub(super) fn choices(&mut self, p: &str, options: &[Choice]) {
        let mut seen = BTreeSet::new();
        for (k, o) in options.iter().enumerate() {
            self.id(&format!("{p}.options[{k}].id"), &o.id, &mut seen, "option");
            self.text(&format!("{p}.options[{k}].label"), &o.label);
        }
    }

    pub(super) fn context_questions(&mut self) {
        let q = self.q;
        for (i, x) in q.context_questions.iter().enumerate() {
            let p = format!("$.context_questions[{i}]");
            self.text(&format!("{p}.prompt"), &x.prompt);
            if let Some(h) = &x.help {
                self.text(&format!("{p}.help"), h);
            }
            if let Some(e) = &x.explain {
                self.text(&format!("{p}.explain"), e);
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

    pub(super) fn levels(&mut self) {
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
}
