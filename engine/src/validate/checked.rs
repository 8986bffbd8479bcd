/*!
[`Checked`], the only form of a questionnaire the results are built from, and the two ways to get
one; [`Scorable`], the form the questions are asked, scored, saved and shared in.
*/

use std::ops::Deref;
use std::sync::Arc;

use super::validator::Validator;
use crate::model::*;
use crate::problem::{parse_json, LoadError, Problem};
use crate::syntax::{is_valid_id, is_valid_version};

/// A questionnaire whose structure holds: every reference resolves and the levels tile 0-100, so
/// its questions can be asked, scored, saved and shared. Its advice, role profiles and the texts
/// only the results show may be missing: the built-in core has none of them until its advice file
/// is joined on ([`crate::builtin::complete`]). The results need a [`Checked`], which derefs to this.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorable(Questionnaire);

impl Deref for Scorable {
    type Target = Questionnaire;
    fn deref(&self) -> &Questionnaire {
        &self.0
    }
}

impl Scorable {
    /// The built-in core as the core-file reader reads it ([`crate::builtin::read_core_file`]),
    /// trusted without a check at run time: the test suite validates the built-in questionnaire
    /// and reads its core back in every locale. Only that reader calls this (a test keeps it so).
    pub(crate) fn trusted_builtin(q: Questionnaire) -> Scorable {
        Scorable(q)
    }

    pub fn into_inner(self) -> Questionnaire {
        self.0
    }
}

/// A questionnaire that passed [`validate`]: every reference resolves, the levels tile 0-100 and
/// every dimension, level and kind has advice. It derefs to its [`Scorable`] questions, which it
/// shares ([`Checked::scorable`]) with code that needs no more than them.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked(Arc<Scorable>);

impl Deref for Checked {
    type Target = Scorable;
    fn deref(&self) -> &Scorable {
        &self.0
    }
}

impl Checked {
    /// Its questions as [`Scorable`], shared, not copied: what the widget's first view holds.
    pub fn scorable(&self) -> &Arc<Scorable> {
        &self.0
    }

    /// The questionnaire with every text in its formal form where it has one
    /// ([`Questionnaire::prefer_formal`]): still valid, as a formal text is checked as its
    /// locale's.
    pub fn formal(mut self) -> Checked {
        Arc::make_mut(&mut self.0).0.prefer_formal();
        self
    }

    pub fn into_inner(self) -> Questionnaire {
        Arc::unwrap_or_clone(self.0).0
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
        Ok(Checked(Arc::new(Scorable(q))))
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
