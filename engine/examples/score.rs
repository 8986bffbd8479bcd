//! Scores a share code with the default questionnaire and prints the result as JSON.
//!
//! ```text
//! cargo run -q -p maturity-check-engine --example score -- '1~cs-maturity~1~0314203142031420314~0000'
//! ```
//!
//! The end-to-end tests use it to compare what the widget shows with the engine's own numbers:
//! `{"overall":{"score":..,"level":".."},"dimensions":[{"id":..,"score":..,"level":..}],
//! "plan":{"now":[advice ids],"build_up":[..],"leave_out":[..]},
//! "targets":[per dimension],"focus":[{"id":..,"score":..,"target":..,"gap":..,
//! "reasons":[{"question":..,"answer":option index or "x"}],"lift":{"goal":..,"changes":[{"question":..,"to":..}]}}]}`.

use std::process::ExitCode;

use maturity_check_engine::reasons::{focus_areas, targets, Goal};
use maturity_check_engine::{assess, load, plan, share, Answer, PlanEntry, DEFAULT_QUESTIONNAIRE};
use serde_json::json;

fn main() -> ExitCode {
    let Some(code) = std::env::args().nth(1) else {
        eprintln!("usage: score '<share code>'");
        return ExitCode::from(2);
    };
    let q = match load(DEFAULT_QUESTIONNAIRE) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let answers = match share::decode_for(&q, &code) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let result = assess(&q, &answers);
    let plan = plan(&q, &result, &answers);
    let ids = |entries: &[PlanEntry]| -> Vec<&str> {
        entries
            .iter()
            .map(|e| q.advice[e.advice].id.as_str())
            .collect()
    };
    let answer = |a: Answer| match a {
        Answer::Option(k) => json!(k),
        Answer::DontKnow => json!("x"),
    };
    let focus: Vec<_> = focus_areas(&q, &result, &answers, &plan)
        .iter()
        .map(|f| {
            json!({
                "id": q.dimensions[f.dimension].id,
                "score": f.score,
                "target": f.target,
                "gap": f.gap,
                "reasons": f.reasons.iter().map(|r| json!({
                    "question": q.questions[r.question].id,
                    "answer": answer(r.answer),
                    "held_back": r.held_back,
                })).collect::<Vec<_>>(),
                "lift": f.lift.as_ref().map(|l| json!({
                    "goal": match l.goal {
                        Goal::Level(level) => json!({"level": q.levels[level].id}),
                        Goal::Target(t) => json!({"target": t}),
                    },
                    "changes": l.changes.iter().map(|c| json!({
                        "question": q.questions[c.question].id,
                        "to": c.to,
                    })).collect::<Vec<_>>(),
                })),
            })
        })
        .collect();
    let out = json!({
        "overall": {
            "score": result.overall.score,
            "level": q.levels[result.overall.level].id,
        },
        "dimensions": result.dimensions.iter().map(|d| json!({
            "id": q.dimensions[d.dimension].id,
            "score": d.rating.score,
            "level": q.levels[d.rating.level].id,
        })).collect::<Vec<_>>(),
        "plan": {
            "now": ids(&plan.now),
            "build_up": ids(&plan.build_up),
            "leave_out": ids(&plan.leave_out),
        },
        "targets": targets(&q, &answers),
        "focus": focus,
    });
    println!("{out}");
    ExitCode::SUCCESS
}
