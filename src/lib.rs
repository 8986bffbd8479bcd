/*!
The maturity-check widget: the Leptos UI and its browser glue.

The loader `public/maturity-check.js` defines the `<maturity-check>` element, attaches a shadow root
and calls [`mount`] with the host element, a container inside the shadow root and the raw config
text. Everything that can be decided without a browser (config validation, questionnaire, scoring,
plan, share codes) lives in `maturity-check-engine`; this crate turns it into screens.

Nothing here may panic on outside input: one wasm module serves every widget on the page, and a
panic would take all of them down.
*/

mod browser;
mod check;
mod chunks;
pub mod i18n;
mod lead;
mod theme;
pub mod ui;

use std::any::Any;
use std::cell::OnceCell;
use std::sync::Arc;

use leptos::prelude::*;
use maturity_check_engine::config::{self, QuestionnaireSource, UI_LOCALES};
use maturity_check_engine::{Checked, Problem};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

pub use check::{Check, Env, Pick, Screen};

/// A mounted widget. `destroy()` unmounts it and releases its reactive state and listeners.
#[wasm_bindgen]
pub struct WidgetHandle {
    view: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    pub fn destroy(&mut self) {
        self.view = None;
    }
}

thread_local! {
    /// The built-in questionnaire, parsed once per page however many widgets use it.
    static DEFAULT_QUESTIONNAIRE: OnceCell<Result<Arc<Checked>, Vec<Problem>>> = const { OnceCell::new() };
}

/// The built-in questionnaire. The release build carries only its core and fetches the advice
/// for the results ([`maturity_check_engine::builtin`]); other builds carry it whole.
fn default_questionnaire() -> Result<Arc<Checked>, Vec<Problem>> {
    DEFAULT_QUESTIONNAIRE.with(|cell| {
        cell.get_or_init(|| {
            #[cfg(feature = "split")]
            let q = maturity_check_engine::builtin::core().map_err(|p| vec![p]);
            #[cfg(not(feature = "split"))]
            let q = maturity_check_engine::load(maturity_check_engine::DEFAULT_QUESTIONNAIRE)
                .map_err(|e| e.problems());
            q.map(Arc::new)
        })
        .clone()
    })
}

async fn questionnaire(source: &QuestionnaireSource) -> Result<Arc<Checked>, Vec<Problem>> {
    let input = match source {
        QuestionnaireSource::Default => return default_questionnaire(),
        QuestionnaireSource::Inline(value) => chunks::QuestionnaireInput::Inline(value.clone()),
        QuestionnaireSource::Url(url) => {
            chunks::QuestionnaireInput::Text(browser::fetch_text(url).await.map_err(|e| {
                vec![Problem::new(
                    "$.questionnaire",
                    format!("could not load \"{url}\": {e}"),
                )]
            })?)
        }
    };
    match chunks::load_questionnaire(input).await {
        Ok(loaded) => loaded.map(Arc::new),
        Err(chunks::ChunkError) => Err(vec![Problem::new(
            "$.questionnaire",
            "could not download the widget's questionnaire checks; check the connection and reload",
        )]),
    }
}

/// Mounts a widget into `container` (inside `host`'s shadow root) with the raw JSON `config`.
/// Never fails: invalid input renders an error panel and is reported as `maturity-check:error`.
///
/// `base` is the URL of the folder the widget's files are served from (the loader passes its own);
/// the built-in questionnaire's advice is fetched from there.
#[wasm_bindgen]
pub async fn mount(
    host: HtmlElement,
    container: HtmlElement,
    config: String,
    base: Option<String>,
) -> WidgetHandle {
    let report = match browser::parse_json(&config) {
        Ok(value) => config::parse_value(&value, i18n::KEYS),
        Err(e) => config::not_json(&e),
    };
    for w in &report.warnings {
        browser::warn(&format!("config {w}"));
    }
    let page_lang = browser::page_lang();
    let browser_langs = browser::browser_languages();
    let offered: Vec<String> = UI_LOCALES.iter().map(|s| s.to_string()).collect();
    let configured = report.config.as_ref().and_then(|c| c.locale.clone());
    let ui_locale = i18n::pick_locale(
        configured.as_deref(),
        page_lang.as_deref(),
        &browser_langs,
        &offered,
        "de",
    );

    let loaded = match report.config {
        Some(cfg) => questionnaire(&cfg.questionnaire).await.map(|q| (cfg, q)),
        None => Err(report.errors),
    };
    let view: Box<dyn Any> = match loaded {
        Ok((cfg, q)) => {
            let locale = i18n::pick_locale(
                cfg.locale.as_deref(),
                page_lang.as_deref(),
                &browser_langs,
                &q.locales,
                &q.default_locale,
            );
            let overrides = cfg.texts.get(&locale).cloned().unwrap_or_default();
            theme::apply(&container, &cfg.theme);
            let ready = browser::detail([
                ("questionnaire", check::questionnaire(&q)),
                ("locale", locale.as_str().into()),
            ]);
            let data_layer = cfg.data_layer;
            let text = Arc::new(i18n::Catalogue::new(&locale, overrides));
            let widget_host = host.clone();
            let results_css_url = base
                .as_ref()
                .map(|b| format!("{b}maturity-check.results.css"));
            let advice_url = (q.advice.is_empty()
                && matches!(cfg.questionnaire, QuestionnaireSource::Default))
            .then(|| {
                let name = maturity_check_engine::builtin::advice_file_name(&locale);
                format!("{}{name}", base.unwrap_or_default())
            });
            // The Env (which holds the host element) is made inside the mount so that it belongs
            // to the widget's reactive owner and is released with it on destroy().
            let handle = mount_to(container, move || {
                let env = Env::new(
                    q,
                    Arc::new(cfg),
                    text,
                    widget_host,
                    advice_url,
                    results_css_url,
                );
                view! { <ui::WidgetRoot env=env /> }
            });
            browser::emit(&host, "ready", ready, data_layer);
            Box::new(handle)
        }
        Err(problems) => {
            for p in &problems {
                browser::error(&format!("config {p}"));
                browser::emit(
                    &host,
                    "error",
                    browser::detail([
                        ("message", p.message.as_str().into()),
                        ("path", p.path.as_str().into()),
                    ]),
                    false,
                );
            }
            let text = i18n::Catalogue::new(&ui_locale, Default::default());
            let (title, lead) = (text.get("error.title"), text.get("error.lead"));
            Box::new(mount_to(
                container,
                move || view! { <ui::ErrorPanel title=title lead=lead problems=problems /> },
            ))
        }
    };
    WidgetHandle { view: Some(view) }
}
