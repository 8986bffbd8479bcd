//! The order of the steps: context questions without `after` first, then each scored question
//! followed by the context questions placed after it.

use crate::validate::Scorable;

/// One step of the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Index into `questions`.
    Scored(usize),
    /// Index into `context_questions`.
    Context(usize),
}

/// Every question of `q`, in the order it is asked.
pub fn steps(q: &Scorable) -> Vec<Step> {
    let mut out = Vec::with_capacity(q.questions.len() + q.context_questions.len());
    push_context_after(q, None, &mut out);
    for (i, question) in q.questions.iter().enumerate() {
        out.push(Step::Scored(i));
        push_context_after(q, Some(&question.id), &mut out);
    }
    out
}

fn push_context_after(q: &Scorable, id: Option<&str>, out: &mut Vec<Step>) {
    let placed = q
        .context_questions
        .iter()
        .enumerate()
        .filter(|(_, c)| c.after.as_deref() == id);
    out.extend(placed.map(|(i, _)| Step::Context(i)));
}
