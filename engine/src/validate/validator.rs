/*!
The validator's state and the checks every rule uses (ids, texts, positive numbers). The rules
themselves are in [`super::structure`] and [`super::advice`]; [`super::checked`] runs them.
*/

use std::collections::BTreeSet;

use crate::model::*;
use crate::problem::{quoted, Problem};
use crate::syntax::is_valid_id;

/// Number of answer options every scored question has.
pub const OPTION_COUNT: usize = 5;
/// Smallest and largest number of maturity levels a questionnaire may define.
pub const LEVEL_COUNT: std::ops::RangeInclusive<usize> = 2..=7;

pub(super) struct Validator<'a> {
    pub(super) q: &'a Questionnaire,
    pub(super) problems: Vec<Problem>,
}

impl Validator<'_> {
    pub(super) fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    pub(super) fn bad_id(&mut self, path: &str, id: &str) {
        self.problem(
            path,
            format!("\"{id}\" is not a valid id: use lowercase letters, digits, '_' and '-', starting with a letter or digit (at most 64)"),
        );
    }

    /// Checks the id pattern and uniqueness within `seen`.
    pub(super) fn id(&mut self, path: &str, id: &str, seen: &mut BTreeSet<String>, what: &str) {
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

    pub(super) fn text(&mut self, path: &str, t: &Text) {
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
        for (l, s) in t.0.iter() {
            // `de-formal`: the formal form of a declared `de` (crate::formal).
            if let Some(base) = l.strip_suffix(crate::locales::FORMAL_SUFFIX) {
                if !q.locales.iter().any(|d| d == base) {
                    self.problem(
                        format!("{path}.{l}"),
                        format!(
                            "\"{l}\" is the formal form of locale \"{base}\", which is not declared in $.locales {}",
                            quoted(&q.locales)
                        ),
                    );
                } else if s.trim().is_empty() {
                    self.problem(format!("{path}.{l}"), "must not be empty");
                }
            } else if !q.locales.contains(l) {
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

    pub(super) fn positive(&mut self, path: String, x: f64) {
        if !(x.is_finite() && x > 0.0) {
            self.problem(
                path,
                format!("{x} is not a valid weight: use a number greater than 0"),
            );
        }
    }
}
