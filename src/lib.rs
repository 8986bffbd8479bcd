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
mod lazy;
mod lead;
mod theme;
pub mod ui;

use std::any::Any;
use std::sync::Arc;

use leptos::prelude::*;
use maturity_check_engine::config::{self, QuestionnaireSource, UI_LOCALES};
use maturity_check_engine::{Checked, Problem, Scorable};
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

/// A widget's questionnaire: the questions, and the same with their advice if they have it (all
/// but the built-in core, whose advice the results' chunk fetches).
type Questions = (Arc<Scorable>, Option<Checked>);

/// A questionnaire that has its advice, as [`Questions`] (one copy, shared).
fn whole(q: Checked) -> Questions {
    (q.scorable().clone(), Some(q))
}

/// The built-in questionnaire's core in `locale`, a text locale (`de-formal` for the formal German
/// one, [`maturity_check_engine::locales`]), which the loader may already be fetching.
/// Release build: the core of the visitor's locale comes as a file of its own
/// ([`maturity_check_engine::builtin::core_file`]), read once per page and locale however many
/// widgets use it. The loader starts its download beside the wasm module's and hands over the
/// pending text (`prefetched`, with the locale it guessed); if it guessed another locale, or its
/// download failed, the widget fetches the file itself. The core has no advice: the results'
/// chunk fetches it.
#[cfg(feature = "split")]
async fn default_questionnaire(
    locale: &str,
    base: &str,
    prefetched: Option<(String, js_sys::Promise)>,
) -> Result<Questions, Failure> {
    use maturity_check_engine::builtin;
    thread_local! {
        static READ: std::cell::RefCell<Vec<(String, Arc<Scorable>)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let cached = || {
        READ.with_borrow(|r| {
            r.iter()
                .find(|(l, _)| l == locale)
                .map(|(_, q)| (q.clone(), None))
        })
    };
    if let Some(q) = cached() {
        return Ok(q);
    }
    let name = builtin::core_file_name(locale);
    let handed = match prefetched.filter(|(l, _)| l == locale) {
        Some((_, text)) => wasm_bindgen_futures::JsFuture::from(text)
            .await
            .ok()
            .and_then(|t| t.as_string()),
        None => None,
    };
    let text = match handed {
        Some(text) => text,
        None => browser::fetch_text(&format!("{base}{name}"))
            .await
            .map_err(|e| {
                Failure::Download(Problem::new(
                    "$.questionnaire",
                    format!("could not load the questions ({name}): {e}"),
                ))
            })?,
    };
    // Another widget may have read it meanwhile; either copy is the same.
    if let Some(q) = cached() {
        return Ok(q);
    }
    let core = builtin::read_core_file(&text).map_err(|p| Failure::Problems(vec![p]))?;
    i18n::add_from_core(locale, core.ui);
    let q = Arc::new(core.questionnaire);
    READ.with_borrow_mut(|r| r.push((locale.to_string(), q.clone())));
    Ok((q, None))
}

/// Builds without chunks (tests, native) carry the whole built-in questionnaire, every locale.
#[cfg(not(feature = "split"))]
async fn default_questionnaire(
    _locale: &str,
    _base: &str,
    _prefetched: Option<(String, js_sys::Promise)>,
) -> Result<Questions, Failure> {
    use std::cell::OnceCell;
    let formal = _locale != maturity_check_engine::locales::base(_locale);
    thread_local! {
        static WHOLE: OnceCell<Result<Checked, Vec<Problem>>> = const { OnceCell::new() };
    }
    WHOLE.with(|cell| {
        cell.get_or_init(|| {
            maturity_check_engine::load(maturity_check_engine::DEFAULT_QUESTIONNAIRE)
                .map_err(|e| e.problems())
        })
        .clone()
        .map(|q| whole(if formal { q.formal() } else { q }))
        .map_err(Failure::Problems)
    })
}

/// How long a partner's questionnaire file may take to arrive (the loader gives a `config-url`
/// the same); a server that never answers then gets the retry panel, not an empty box.
const DOWNLOAD_TIMEOUT_MS: u32 = 15_000;

/// Why a widget cannot start.
enum Failure {
    /// The config or the questionnaire is wrong: the site owner has to fix it (the error panel).
    Problems(Vec<Problem>),
    /// One of the widget's own files did not arrive: trying again may help (a retry button).
    Download(Problem),
}

/// The questionnaire the config names, with its texts in their formal form if `formal`; `builtin`
/// is the text locale and the loader's download for the built-in one.
async fn questionnaire(
    source: &QuestionnaireSource,
    formal: bool,
    builtin: (&str, &str, Option<(String, js_sys::Promise)>),
) -> Result<Questions, Failure> {
    let input = match source {
        QuestionnaireSource::Default => {
            let (locale, base, prefetched) = builtin;
            return default_questionnaire(locale, base, prefetched).await;
        }
        QuestionnaireSource::Inline(value) => chunks::QuestionnaireInput::Inline(value.clone()),
        // A download that failed may work next time: the retry panel, not the config's errors.
        QuestionnaireSource::Url(url) => chunks::QuestionnaireInput::Text(
            browser::fetch_text_within(url, DOWNLOAD_TIMEOUT_MS)
                .await
                .map_err(|e| {
                    Failure::Download(Problem::new(
                        "$.questionnaire",
                        format!("could not load \"{url}\": {e}"),
                    ))
                })?,
        ),
    };
    match chunks::load_questionnaire(input, formal).await {
        Ok(loaded) => loaded.map(whole).map_err(Failure::Problems),
        Err(chunks::ChunkError) => Err(Failure::Download(Problem::new(
            "$.questionnaire",
            "could not download the widget's questionnaire checks",
        ))),
    }
}

/// The config, read quietly ([`config::read_value`]); only a config with problems is read again by
/// the code that words them (a chunk): its warnings go to the console in the background, its
/// errors to the error panel.
async fn read_config(value: maturity_check_engine::json::Json) -> config::ConfigReport {
    let report = |config, errors| config::ConfigReport {
        config,
        errors,
        warnings: Vec::new(),
    };
    let warn = |r: &config::ConfigReport| {
        for w in &r.warnings {
            browser::warn(&format!("config {w}"));
        }
    };
    match config::read_value(&value, i18n::KEYS) {
        config::Reading::Clean(cfg) => report(Some(cfg), Vec::new()),
        config::Reading::Warnings(cfg) => {
            // Not Leptos' spawner: nothing is mounted yet, so its executor may not be set up.
            wasm_bindgen_futures::spawn_local(async move {
                match chunks::config_report(value).await {
                    Ok(r) => warn(&r),
                    Err(chunks::ChunkError) => browser::warn(
                        "the config has warnings; the code that names them could not be downloaded",
                    ),
                }
            });
            report(Some(cfg), Vec::new())
        }
        config::Reading::Errors => match chunks::config_report(value).await {
            Ok(r) => {
                warn(&r);
                r
            }
            Err(chunks::ChunkError) => report(
                None,
                vec![Problem::new(
                    "$",
                    "the config has errors, and the code that names them could not be downloaded; check the connection and reload",
                )],
            ),
        },
    }
}

/// Mounts a widget into `container` (inside `host`'s shadow root) with the raw JSON `config`.
/// Never fails: invalid input renders an error panel and is reported as `maturity-check:error`.
///
/// `base` is the URL of the folder the widget's files are served from (the loader passes its own);
/// the built-in questionnaire's files are fetched from there. `core_locale` and `core_text` are the
/// loader's download of the built-in questionnaire's core in the locale it expects the widget to
/// pick (see `builtinCore` in the loader), or nothing. `earlier_progress`: the loader saw a
/// storage key that looks like progress saved by an earlier version of a check (see
/// `earlierProgress` in the loader).
#[wasm_bindgen]
pub async fn mount(
    host: HtmlElement,
    container: HtmlElement,
    config: String,
    base: Option<String>,
    core_locale: Option<String>,
    core_text: Option<js_sys::Promise>,
    earlier_progress: bool,
) -> WidgetHandle {
    // Asked for even by a config with errors: the error panel and the retry panel say "Sie" too.
    let mut formal = false;
    let report = match browser::parse_json(&config) {
        Ok(value) => {
            formal = value
                .as_object()
                .and_then(|m| m.get("formality"))
                .and_then(|f| f.as_str())
                == Some("formal");
            read_config(value).await
        }
        Err(browser::JsonError::Syntax(e)) => config::not_json(&e),
        Err(browser::JsonError::TooDeep(e)) => config::ConfigReport {
            config: None,
            errors: vec![Problem::new(e.path.as_str(), e.message())],
            warnings: Vec::new(),
        },
    };
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

    let builtin_locale = i18n::pick_locale(
        configured.as_deref(),
        page_lang.as_deref(),
        &browser_langs,
        &maturity_check_engine::builtin::LOCALES
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
        maturity_check_engine::builtin::DEFAULT_LOCALE,
    );
    // The formal German core is a file of its own (`de-formal`), as the loader guesses it too.
    let builtin_locale = maturity_check_engine::locales::text_locale(&builtin_locale, formal);
    let prefetched = core_locale.zip(core_text);
    let base_url = base.clone().unwrap_or_default();
    let loaded = match report.config {
        Some(cfg) => questionnaire(
            &cfg.questionnaire,
            cfg.formal,
            (&builtin_locale, &base_url, prefetched),
        )
        .await
        .map(|q| (cfg, q)),
        None => Err(Failure::Problems(report.errors)),
    };
    let view: Box<dyn Any> = match loaded {
        Ok((cfg, (q, whole))) => {
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
            let text = Arc::new(i18n::Catalogue::new(&locale, overrides).formal(cfg.formal));
            let widget_host = host.clone();
            let results_css_url = base
                .as_ref()
                .map(|b| format!("{b}maturity-check.results.css"));
            // Only the built-in core comes without its advice.
            let advice_url = whole.is_none().then(|| {
                let name = maturity_check_engine::builtin::advice_file_name(
                    &maturity_check_engine::locales::text_locale(&locale, cfg.formal),
                );
                format!("{}{name}", base.unwrap_or_default())
            });
            // The Env (which holds the host element) is made inside the mount so that it belongs
            // to the widget's reactive owner and is released with it on destroy().
            let handle = mount_to(container, move || {
                let env = Env::new(
                    (q, whole),
                    Arc::new(cfg),
                    text,
                    widget_host,
                    advice_url,
                    results_css_url,
                    earlier_progress,
                );
                view! { <ui::WidgetRoot env=env /> }
            });
            browser::emit(&host, "ready", ready, data_layer);
            Box::new(handle)
        }
        Err(failure) => {
            let (problems, about) = match &failure {
                Failure::Problems(problems) => (problems.as_slice(), "config "),
                Failure::Download(problem) => (std::slice::from_ref(problem), ""),
            };
            report_problems(&host, problems, about);
            // The panel's code comes with the code that words the problems (a chunk).
            let panel = match failure {
                Failure::Problems(problems) => {
                    chunks::error_panel(container.clone(), ui_locale.clone(), formal, problems)
                        .await
                        .ok()
                }
                Failure::Download(_) => None,
            };
            panel.unwrap_or_else(|| load_failed(host, container, &ui_locale, formal, "load.failed"))
        }
    };
    WidgetHandle { view: Some(view) }
}

/// Shows the "could not load, try again" panel for a download the loader made itself (a
/// `config-url` that failed or did not answer in time) and reports it as `maturity-check:error`
/// with `path`. The widget's language is the page's or the browser's: the config is what failed.
#[wasm_bindgen]
pub fn mount_load_failure(
    host: HtmlElement,
    container: HtmlElement,
    message: String,
    path: String,
) -> WidgetHandle {
    report_problems(&host, &[Problem::new(path, message)], "");
    let locale = i18n::pick_locale(
        None,
        browser::page_lang().as_deref(),
        &browser::browser_languages(),
        &UI_LOCALES.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        "de",
    );
    WidgetHandle {
        view: Some(load_failed(
            host,
            container,
            &locale,
            false,
            "load.start_failed",
        )),
    }
}

/// Each problem to the console and as a `maturity-check:error` event.
fn report_problems(host: &HtmlElement, problems: &[Problem], about: &str) {
    for p in problems {
        browser::error(&format!("{about}{p}"));
        browser::emit(
            host,
            "error",
            browser::detail([
                ("message", p.message.as_str().into()),
                ("path", p.path.as_str().into()),
            ]),
            false,
        );
    }
}

/// The panel for a download that failed, saying `message` (a UI string key), formal if `formal`.
/// "Try again" asks the loader to mount the widget anew (`maturity-check:retry`).
fn load_failed(
    host: HtmlElement,
    container: HtmlElement,
    locale: &str,
    formal: bool,
    message: &str,
) -> Box<dyn Any> {
    let text = i18n::Catalogue::new(locale, Default::default()).formal(formal);
    let (message, retry) = (text.get(message), text.get("load.retry"));
    Box::new(mount_to(container, move || {
        view! { <ui::LoadFailed message=message retry=retry host=host /> }
    }))
}
