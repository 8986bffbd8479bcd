//! The engine's tests, one binary with a module per area.

/// Fixtures and helpers shared by the modules below.
mod common;
/// Every questionnaire file in `questionnaire/` validates; the default one meets the content rules.
mod questionnaires;
/// `validate()`: every rule, every problem reported with its path, all at once.
mod validation;
/// Table-driven scoring: known answers give known numbers, with 3 and 5 levels.
mod scoring;
/// Priorities, tailoring and the plan.
mod plan;
/// Share codes and saved progress: round trips and typed errors.
mod codes;
/// Property tests: no input panics; scores are bounded and monotone; plans point at real advice.
mod properties;
