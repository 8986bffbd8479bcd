/*!
The maturity check's pure logic, with no browser in sight.

* [`model`]: the questionnaire file format;
* [`builtin`]: the built-in questionnaire split into a core and per-locale advice files;
* [`config`]: a partner's raw config -> [`config::WidgetConfig`], problems with JSON paths;
* [`formal`]: the formal register ("Sie") of a questionnaire's texts;
* [`flow`]: the order in which scored and context questions are asked;
* [`validate`]: raw questionnaire -> [`Checked`], every problem with its JSON path; the questions
  alone, as the first view asks them, are a [`Scorable`];
* [`scoring`]: answers -> scores and levels per dimension and overall;
* [`plan`]: priorities by role and the three-column plan, tailored by context answers;
* [`reasons`]: why a dimension stands where it does and the smallest change that lifts it;
* [`share`]: answers <-> a compact code for URL fragments;
* [`progress`]: answers and step <-> what the widget keeps in storage;
* [`lead`]: the lead form's checks, the request bodies, the retry schedule and the outbox;
* [`locales`]: the one list of locales, and the formal register as a text locale;
* [`problem`], [`syntax`], [`local_text`]: what several of the above share (a located problem,
  the shapes of ids, URLs and colours, a text per locale), kept apart so that no two modules
  import each other.

This crate must not depend on leptos, web-sys, gloo or wasm-bindgen: it is tested natively, and the
widget crate reads it through thin reactive wrappers.
*/

pub mod builtin;
pub mod config;
pub mod flow;
pub mod formal;
pub mod json;
pub mod lead;
pub mod local_text;
pub mod locales;
pub mod model;
pub mod plan;
pub mod problem;
pub mod progress;
pub mod reasons;
pub mod scoring;
pub mod share;
pub mod sorted_map;
pub mod syntax;
pub mod ui_text;
pub mod validate;

pub use model::{AdviceKind, Questionnaire, Text};
pub use plan::{plan, Plan, PlanEntry};
pub use problem::{LoadError, Problem};
pub use scoring::{assess, Answer, Answers, Assessment, Rating};
pub use validate::{load, validate, Checked, Scorable};

/// The default questionnaire shipped with the widget (German and English).
pub const DEFAULT_QUESTIONNAIRE: &str = include_str!("../../questionnaire/default.json");
