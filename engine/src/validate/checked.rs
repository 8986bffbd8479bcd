/*!
[`Checked`], the only form of a questionnaire that is scored, and the two ways to get one.
*/

use std::ops::Deref;

use super::validator::Validator;
use crate::model::*;
use crate::problem::{parse_json, LoadError, Problem};
use crate::syntax::{is_valid_id, is_valid_version};

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

    /// The questionnaire with every text in its formal form where it has one
    /// ([`Questionnaire::prefer_formal`]): still valid, as a formal text is checked as its
    /// locale's.
    pub fn formal(mut self) -> Checked {
        self.0.prefer_formal();
        self
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

impl Validator<'_> {
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
}
