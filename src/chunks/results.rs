//! The results' chunk: the results screen with the plan (and the fetch of the built-in
//! questionnaire's advice), and the scoring behind the `complete` event.

use leptos::prelude::*;
use maturity_check_engine::{assess, Answers, Rating, Scorable};
use wasm_bindgen::JsValue;

use crate::browser::detail;
use crate::check::{questionnaire, Env, Widget};
use crate::lazy::{in_background, lazy, ChunkError, ChunkFuture};

lazy!(
    results,
    fn results_chunk(widget: Widget) -> ChunkFuture<Result<AnyView, ChunkError>> {
        crate::i18n::load_later();
        Box::pin(crate::ui::results_screen::load(widget))
    }
);

lazy!(
    results,
    fn prepare_results_chunk(env: Env) -> () {
        // The advice and the stylesheet land in their page-wide caches; the results use them.
        leptos::task::spawn_local(async move {
            let _ = crate::ui::results_screen::with_advice(env).await;
        })
    }
);

lazy!(
    results,
    fn report_complete_chunk(env: Env, answers: Answers) -> () {
        report(&env, &answers)
    }
);

/// The results screen: its chunk, its stylesheet and the advice it needs, then the view.
pub async fn results_screen(widget: Widget) -> Result<AnyView, ChunkError> {
    results_chunk(widget).await?.await
}

/// Starts downloading the results stylesheet and chunk and the advice in the background, so that
/// the results appear at once when the last question is answered. A failure here only goes to the
/// console: the results screen tries again and says so if it cannot.
pub fn prefetch_results(env: &Env) {
    in_background(
        Box::pin(prepare_results_chunk(env.clone())),
        "could not download the results' code in advance; the results screen will try again",
        None,
    );
}

/// Reports the `complete` event with the scores, in the background (code of the results' chunk,
/// which the first answer started to download).
pub fn report_complete(env: Env, answers: Answers) {
    in_background(
        Box::pin(report_complete_chunk(env, answers)),
        "could not download the code that scores the answers; no complete event",
        None,
    );
}

/// Reports the `complete` event with the scores of `answers`.
fn report(env: &Env, answers: &Answers) {
    let r = assess(&env.q, answers);
    let q = &env.q;
    let dimensions: Vec<_> = r
        .dimensions
        .iter()
        .map(|d| {
            detail([
                ("id", q.dimensions[d.dimension].id.as_str().into()),
                ("score", score_of(d.rating)),
                ("level", level_of(q, d.rating)),
            ])
        })
        .collect();
    env.emit(
        "complete",
        detail([
            ("questionnaire", questionnaire(q)),
            (
                "overall",
                detail([
                    ("score", score_of(r.overall)),
                    ("level", level_of(q, r.overall)),
                ]),
            ),
            (
                "dimensions",
                dimensions.into_iter().collect::<js_sys::Array>().into(),
            ),
        ]),
    );
}

/// A score for an event: `null` where nothing is rated.
fn score_of(r: Option<Rating>) -> JsValue {
    r.map_or(JsValue::NULL, |r| r.score.into())
}

/// A level id for an event: `null` where nothing is rated.
fn level_of(q: &Scorable, r: Option<Rating>) -> JsValue {
    r.and_then(|r| q.levels.get(r.level))
        .map_or(JsValue::NULL, |l| l.id.as_str().into())
}
