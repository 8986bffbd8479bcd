//! The engine's tests, one binary with a module per area.

/// The built-in questionnaire as core plus per-locale advice files.
mod builtin;
/// Share codes and saved progress: round trips and typed errors.
mod codes;
/// Fixtures and helpers shared by the modules below.
mod common;
/// Config: every key read, unknown keys warned with the nearest, bad values located.
mod config;
/// Wording rules of the default questionnaire: no advice twice, explanations outside the load.
mod content;
/// The formal register: `de-formal` texts, the formal files, the warning for missing ones.
mod formal;
/// The shape of engine/src: files under 500 lines, no circle of imports between them, one reader
/// that trusts a questionnaire without validating it.
mod layout;
/// Leads: the form's checks, both request bodies, the retry schedule, the outbox.
mod lead;
/// Nested JSON of any depth: a value or a typed error with a path, never a stack overflow.
mod nesting;
/// Priorities, tailoring and the plan.
mod plan;
/// Property tests: no input panics; scores are bounded and monotone; plans point at real advice.
mod properties;
/// Every questionnaire file in `questionnaire/` validates; the default one meets the content rules.
mod questionnaires;
/// Why a dimension stands where it does, and the smallest change of answers that lifts it.
mod reasons;
/// public/config.schema.json and the key tables of docs/config.md are what the key table writes.
mod schema;
/// Table-driven scoring: known answers give known numbers, with 3 and 5 levels.
mod scoring;
/// `validate()`: every rule, every problem reported with its path, all at once.
mod validation;
