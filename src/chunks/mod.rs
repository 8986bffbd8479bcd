/*!
Code that is downloaded only when it is first needed.

The first question must be interactive after as few bytes as possible, so the release build
(`cargo xtask dist`, cargo feature `split`) cuts the code behind each function declared here out
of the main wasm module into a chunk of its own (wasm-split, via `wasm_split_helpers`): the results
screen with the plan (and the fetch of the built-in questionnaire's advice) and the scoring behind
the `complete` event, the lead state, form and delivery, the validation of a partner's own
questionnaire, the wording of a config's problems with the error panel, and the reading of saved
answers and share links. Calling such a function fetches its chunk once, then runs the code. A
failed download comes back as [`ChunkError`]; the next call tries again. Calls whose result
nobody waits for go through [`in_background`].

Without the `split` feature (native builds, browser tests) the same functions are plain `async`
calls into code of the main module, so the tests run the same code paths.
*/

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use maturity_check_engine::config::ConfigReport;
use maturity_check_engine::{Checked, Problem};

use crate::check::{Check, Env, Screen, Widget};

/// A chunk could not be downloaded (offline, blocked, server error). Calling again retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for ChunkError {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// A future a chunk hands back (split functions cannot be `async` themselves).
pub type ChunkFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Declares `pub async fn $name(args) -> Result<$ret, ChunkError>` whose body lives in chunk
/// `$chunk`.
macro_rules! lazy {
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<$ret, ChunkError> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$ret, ChunkError> {
            Ok($body)
        }
    };
}

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
    leads,
    fn lead_gate_chunk(widget: Widget) -> ChunkFuture<Result<AnyView, ChunkError>> {
        crate::i18n::load_later();
        Box::pin(async move {
            let env = widget.env.clone();
            let lead = widget.lead();
            widget.clone().provide();
            crate::ui::results_screen::adopt_sheet(&env).await?;
            // A memo, so that other news about the lead does not build the form again.
            let gated = Memo::new(move |_| lead.gates_results());
            Ok((move || {
                if gated.get() {
                    untrack(|| view! { <crate::ui::LeadForm spot=crate::ui::LeadSpot::Gate /> })
                        .into_any()
                } else {
                    view! { <crate::ui::LazyView widget=widget.clone() load=|w| Box::pin(results_screen(w)) /> }
                        .into_any()
                }
            })
            .into_any())
        })
    }
);

lazy!(
    leads,
    fn flush_outbox_chunk(env: Env) -> () {
        leptos::task::spawn_local(crate::lead::flush(env))
    }
);

lazy!(
    config,
    fn config_report_chunk(value: maturity_check_engine::json::Json) -> ConfigReport {
        maturity_check_engine::config::parse_value(&value, crate::i18n::KEYS)
    }
);

lazy!(
    config,
    fn error_panel_chunk(
        container: web_sys::HtmlElement,
        locale: String,
        formal: bool,
        problems: Vec<Problem>,
    ) -> Box<dyn std::any::Any> {
        crate::i18n::load_errors();
        let text = crate::i18n::Catalogue::new(&locale, Default::default()).formal(formal);
        let (title, lead) = (text.get("error.title"), text.get("error.lead"));
        Box::new(mount_to(container, move || {
            view! { <crate::ui::ErrorPanel title=title lead=lead problems=problems /> }
        }))
    }
);

/// Mounts the error panel (the list of what is wrong in the config or the questionnaire) into
/// `container`, in `locale`, formal if `formal`; its code and its strings come with the code that
/// words the problems.
pub async fn error_panel(
    container: web_sys::HtmlElement,
    locale: String,
    formal: bool,
    problems: Vec<Problem>,
) -> Result<Box<dyn std::any::Any>, ChunkError> {
    error_panel_chunk(container, locale, formal, problems).await
}

/// A config's problems, worded: only a config that has some needs this code
/// (see `maturity_check_engine::config::read_value`).
pub async fn config_report(
    value: maturity_check_engine::json::Json,
) -> Result<ConfigReport, ChunkError> {
    config_report_chunk(value).await
}

lazy!(
    custom,
    fn load_questionnaire_chunk(
        input: QuestionnaireInput,
        formal: bool,
    ) -> Result<Checked, Vec<Problem>> {
        use maturity_check_engine::config::{load_inline_questionnaire, load_questionnaire};
        // A partner's questionnaire comes without a core file, which would bring the first view's
        // strings in the visitor's language: they come with this chunk, in every language.
        crate::i18n::load_first_view();
        let loaded = match input {
            QuestionnaireInput::Text(text) => load_questionnaire(&text),
            // Printed here, in the chunk, so the first view needs no JSON writer.
            QuestionnaireInput::Inline(value) => load_inline_questionnaire(&value),
        };
        if let Some(w) = loaded.as_ref().ok().and_then(|q| q.length_warning()) {
            crate::browser::warn(&format!("questionnaire $.questions: {w}"));
        }
        // `formality: "formal"`: each text in its formal form (`de-formal`) where it has one.
        loaded.map(|q| if formal { q.formal() } else { q })
    }
);

lazy!(
    results,
    fn report_complete_chunk(env: Env, answers: maturity_check_engine::Answers) -> () {
        crate::check::report_complete(&env, &answers)
    }
);

/// Reports the `complete` event with the scores, in the background (code of the results' chunk,
/// which the first answer started to download).
pub fn report_complete(env: Env, answers: maturity_check_engine::Answers) {
    in_background(
        Box::pin(report_complete_chunk(env, answers)),
        "could not download the code that scores the answers; no complete event",
        None,
    );
}

lazy!(
    restore,
    fn restore_chunk(env: Env, check: Check) -> () {
        crate::i18n::load_resume();
        check.apply_saved(&env)
    }
);

lazy!(
    restore,
    fn open_shared_link_chunk(env: Env, check: Check) -> () {
        check.apply_shared_link(&env)
    }
);

/// Reads the share link in the URL and the saved progress, and shows what they hold (for a
/// widget that has either); if that code cannot be downloaded, the intro, with nothing lost.
pub fn restore(env: Env, check: Check) {
    in_background(
        Box::pin(restore_chunk(env, check)),
        "could not download the code that reads saved answers; starting fresh",
        Some(Box::new(move || {
            check.screen.try_set(Screen::Intro);
        })),
    );
}

/// Opens the result of a share link put into the URL after the widget loaded.
pub fn open_shared_link(env: Env, check: Check) {
    in_background(
        Box::pin(open_shared_link_chunk(env, check)),
        "could not download the code that reads share links",
        None,
    );
}

/// Waits for a call into a chunk in the background; if the chunk cannot be downloaded, `failed`
/// goes to the console and `otherwise` runs. Not generic: one copy of the waiting code serves
/// every such call.
fn in_background(
    work: ChunkFuture<Result<(), ChunkError>>,
    failed: &'static str,
    otherwise: Option<Box<dyn FnOnce()>>,
) {
    leptos::task::spawn_local(async move {
        if work.await.is_err() {
            crate::browser::warn(failed);
            if let Some(f) = otherwise {
                f();
            }
        }
    });
}

/// The results screen: its chunk, its stylesheet and the advice it needs, then the view.
pub async fn results_screen(widget: Widget) -> Result<AnyView, ChunkError> {
    results_chunk(widget).await?.await
}

/// The lead form in place of the results (`lead.gate: "before_results"`), with its stylesheet.
pub async fn lead_gate(widget: Widget) -> Result<AnyView, ChunkError> {
    lead_gate_chunk(widget).await?.await
}

/// A partner's own questionnaire, as the config brings it.
pub enum QuestionnaireInput {
    /// Fetched from its URL.
    Text(String),
    /// Given inline in the config.
    Inline(maturity_check_engine::json::Json),
}

/// Validates a partner's own questionnaire (given inline or fetched from its URL), its texts in
/// their formal form if `formal`.
pub async fn load_questionnaire(
    input: QuestionnaireInput,
    formal: bool,
) -> Result<Result<Checked, Vec<Problem>>, ChunkError> {
    load_questionnaire_chunk(input, formal).await
}

/// Sends what waits in the lead outbox, in the background.
pub fn flush_outbox(env: Env) {
    in_background(
        Box::pin(flush_outbox_chunk(env)),
        "could not download the code that sends queued leads; they stay queued",
        None,
    );
}

/// Starts downloading the results stylesheet and chunk and the advice in the background, so that the results
/// appear at once when the last question is answered. A failure here only goes to the console:
/// the results screen tries again and says so if it cannot.
pub fn prefetch_results(env: &Env) {
    in_background(
        Box::pin(prepare_results_chunk(env.clone())),
        "could not download the results' code in advance; the results screen will try again",
        None,
    );
}
