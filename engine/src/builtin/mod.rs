/*!
The built-in questionnaire in two files per locale, so that the first view loads only what it
needs, in the visitor's language only. `cargo xtask dist` writes both next to the wasm.

* The **core** ([`core_file()`]): everything but the advice, the role profiles (targets, weights,
  KPIs) and the texts only the results show (the descriptions of the dimensions, the names and
  descriptions of the levels), followed by the first view's own UI strings in the same locale
  ([`crate::ui_text`]). The loader fetches it beside the wasm module. It is the file the
  engine's tests validate in full, minus those parts, so it is read without running the
  validator again ([`read_core_file`]). It has a compact form, every field in the model's order and
  no JSON, so the first view carries neither a JSON parser's work on it nor serde's visitors for
  the model.
* The **advice**, the role profiles, the results' texts and the questions' explanations of terms
  ([`advice_file`]), fetched after the first answer, when the results are about to be needed. [`complete`] joins it to the core and validates the whole, so a
  stale or damaged file is refused with its problems rather than trusted.

Files: [`core_file`](mod@core_file) (read and written through `reader` and `writer`), [`advice`], and [`restrict`]
(one locale's texts of a questionnaire, which both files are cut from).
*/

pub mod advice;
pub mod core_file;
mod reader;
pub mod restrict;
mod writer;

pub use advice::{advice_file, complete, AdviceFile, DimensionTexts, ExplainText, LevelTexts};
pub use core_file::{core_file, read_core_file, Core};

/// The locales of the built-in questionnaire (`questionnaire/default.json`; a test keeps them in
/// step), and the one it falls back to: the one list of [`crate::locales`].
pub use crate::locales::{DEFAULT_LOCALE, LOCALES};

/// The file name of the built-in core in `locale`, next to the wasm module.
pub fn core_file_name(locale: &str) -> String {
    format!("maturity-check.core.{locale}.txt")
}

/// The file name of the built-in advice in `locale`, next to the wasm module.
pub fn advice_file_name(locale: &str) -> String {
    format!("maturity-check.advice.{locale}.json")
}
