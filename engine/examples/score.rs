//! Scores a share code with the default questionnaire and prints the result as JSON.
//!
//! ```text
//! cargo run -q -p maturity-check-engine --example score -- '1~cs-maturity~2~03142031420314203142~0000'
//! ```
//!
//! The end-to-end tests use it to compare what the widget shows with the engine's own numbers:
//! `{"overall":{"score":..,"level":".."},"dimensions":[{"id":..,"score":..,"level":..,
//! "unknown":..,"questions":..}], "plan":{"now":[advice ids],"build_up":[..],"leave_out":[..],
//! "find_out":[dimension ids]},`; a dimension that is not rated has `null` score and level, and so
//! has the overall when no dimension is rated;
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
    let rating = |r: Option<maturity_check_engine::Rating>| {
        json!({
            "score": r.map(|r| r.score),
            "level": r.map(|r| q.levels[r.level].id.as_str()),
        })
    };
    let out = json!({
        "overall": rating(result.overall),
        "dimensions": result.dimensions.iter().map(|d| {
            let mut row = rating(d.rating);
            if let Some(fields) = row.as_object_mut() {
                fields.insert("id".into(), json!(q.dimensions[d.dimension].id));
                fields.insert("unknown".into(), json!(d.unknown.len()));
                fields.insert("questions".into(), json!(d.questions));
            }
            row
        }).collect::<Vec<_>>(),
        "plan": {
            "now": ids(&plan.now),
            "build_up": ids(&plan.build_up),
            "leave_out": ids(&plan.leave_out),
            "find_out": plan.find_out.iter().map(|&d| q.dimensions[d].id.as_str()).collect::<Vec<_>>(),
        },
        "targets": targets(&q, &answers),
        "focus": focus,
    });
    println!("{out}");
    ExitCode::SUCCESS
}
