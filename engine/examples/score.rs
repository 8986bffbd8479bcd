//! Scores a share code with the default questionnaire and prints the result as JSON.
//!
//! ```text
//! cargo run -q -p maturity-check-engine --example score -- '1~cs-maturity~1~0314203142031420314~0000'
//! ```
//!
//! The end-to-end tests use it to compare what the widget shows with the engine's own numbers:
//! `{"overall":{"score":..,"level":".."},"dimensions":[{"id":..,"score":..,"level":..}],
//! "plan":{"now":[advice ids],"build_up":[..],"leave_out":[..]}}`.

use std::process::ExitCode;

use maturity_check_engine::{assess, load, plan, share, PlanEntry, DEFAULT_QUESTIONNAIRE};
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
    });
    println!("{out}");
    ExitCode::SUCCESS
}
