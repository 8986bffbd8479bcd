/*!
Questionnaire validation: raw [`Questionnaire`](crate::model::Questionnaire) -> [`Checked`].

One pass collects every problem, each with the JSON path of the offending value and a sentence that
says what would be valid, so an author fixes a file in one round instead of one error per run.
Cross-references (a question's dimension, an advice entry's level, a profile's role) are resolved
here once; code that holds a [`Checked`] may rely on them. Code that asks and scores the questions
takes a [`Scorable`], which a [`Checked`] derefs to and the built-in core is read as.

* [`checked`]: [`Checked`], [`Scorable`], [`load`] and [`validate`];
* `validator`: the state and the checks every rule uses;
* `structure` and `advice`: the rules.

[`Problem`] and the syntax predicates live in [`crate::problem`] and [`crate::syntax`], which every
reader in the engine shares; they are re-exported here.
*/

mod advice;
pub mod checked;
mod structure;
mod validator;

pub use crate::problem::{json_error, parse_json, LoadError, Problem};
pub use crate::syntax::{is_valid_id, is_valid_locale, is_valid_version};
pub use checked::{load, validate, Checked, Scorable};
pub use validator::{LEVEL_COUNT, OPTION_COUNT};
