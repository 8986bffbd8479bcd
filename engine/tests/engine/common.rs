use maturity_check_engine::{load, Answer, Answers, Checked};
use serde_json::Value;

pub const THREE_LEVELS: &str = include_str!("../fixtures/three-levels.json");
pub const FIVE_LEVELS: &str = include_str!("../fixtures/five-levels.json");

pub fn three() -> Checked {
    load(THREE_LEVELS).expect("three-level fixture is valid")
}

pub fn five() -> Checked {
    load(FIVE_LEVELS).expect("five-level fixture is valid")
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

/// The same option index for every scored question, no context answers.
pub fn all(q: &Checked, k: u8) -> Answers {
    let mut a = Answers::empty(q);
    a.scored = vec![Some(Answer::Option(k)); q.questions.len()];
    a
}

/// Problems of a mutated fixture, as `path: message` lines.
pub fn problems_of(value: &Value) -> Vec<String> {
    match load(&value.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().iter().map(ToString::to_string).collect(),
    }
}

/// Asserts some problem is at `path` and mentions `needle`.
#[track_caller]
pub fn assert_problem(problems: &[String], path: &str, needle: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(needle)),
        "expected a problem at {path} mentioning {needle:?}, got:\n{}",
        problems.join("\n")
    );
}
