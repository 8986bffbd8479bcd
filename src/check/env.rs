//! [`Env`]: what does not change while a widget lives.

use std::sync::Arc;

use leptos::prelude::*;
use maturity_check_engine::config::WidgetConfig;
use maturity_check_engine::flow::{self, Step};
use maturity_check_engine::progress;
use maturity_check_engine::{Answer, Checked, Scorable};
use web_sys::HtmlElement;

use crate::browser::{self, detail};
use crate::i18n::Catalogue;

/// The unchanging surroundings of one widget instance.
#[derive(Clone)]
pub struct Env {
    /// The questions: for the built-in questionnaire its core, without advice, until the results'
    /// chunk swaps in the whole ([`Env::with_questionnaire`]).
    pub q: Arc<Scorable>,
    pub config: Arc<WidgetConfig>,
    pub text: Arc<Catalogue>,
    pub steps: Arc<Vec<Step>>,
    /// Where the built-in questionnaire's advice is fetched from, when `q` was loaded without it.
    pub advice_url: Option<String>,
    /// Where the stylesheet of the results and the lead form is fetched from (`None`: the page
    /// brings the widget's styles itself, as in the component tests).
    pub results_css_url: Option<String>,
    /// The loader saw a key that looks like progress of an earlier version of a check
    /// (`maturity-check:<id>:<version>`, before the key lost its version): the restore chunk
    /// looks whether it is this check's ([`Env::earlier_keys`]) and says why it is gone.
    pub earlier_progress: bool,
    /// The questionnaire with its advice: a partner's from the mount, the built-in one with its
    /// advice file (advice, the results' texts, the explanations of terms) once the results'
    /// chunk has fetched it. A question screen built after that shows the explanations from it.
    /// Not a signal: read as a screen is built.
    pub whole: StoredValue<Option<Checked>>,
    host: StoredValue<HtmlElement, LocalStorage>,
}

impl Env {
    /// `(q, whole)`: the questions, and `whole`, the same with their advice if they have it
    /// (everything but the built-in core).
    pub fn new(
        (q, whole): (Arc<Scorable>, Option<Checked>),
        config: Arc<WidgetConfig>,
        text: Arc<Catalogue>,
        host: HtmlElement,
        advice_url: Option<String>,
        results_css_url: Option<String>,
        earlier_progress: bool,
    ) -> Self {
        let steps = Arc::new(flow::steps(&q));
        Env {
            q,
            config,
            text,
            steps,
            advice_url,
            results_css_url,
            earlier_progress,
            whole: StoredValue::new(whole),
            host: StoredValue::new_local(host),
        }
    }

    /// The same surroundings with the questionnaire with its advice (for the built-in one, its
    /// core and advice file joined), shared, not copied.
    pub fn with_questionnaire(&self, q: &Checked) -> Env {
        Env {
            q: q.scorable().clone(),
            advice_url: None,
            ..self.clone()
        }
    }

    pub fn locale(&self) -> &str {
        self.text.locale()
    }

    /// A UI string.
    pub fn t(&self, key: &str) -> String {
        self.text.get(key)
    }

    /// A UI string with placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.text.fill(key, args)
    }

    /// A questionnaire text in the active locale.
    pub fn tr<'a>(&self, text: &'a maturity_check_engine::Text) -> &'a str {
        text.get(self.locale(), &self.q.default_locale)
    }

    /// The label of `answer` to `question` in the active locale: the option's, or the "don't
    /// know" label (None when unanswered, or when the answer points at nothing).
    pub fn answer_label<'a>(
        &self,
        question: &'a maturity_check_engine::model::Question,
        answer: Option<Answer>,
    ) -> Option<&'a str> {
        match answer? {
            Answer::Option(k) => question
                .options
                .get(usize::from(k))
                .map(|o| self.tr(&o.label)),
            Answer::DontKnow => question.dont_know.as_ref().map(|t| self.tr(t)),
        }
    }

    /// Adds the results stylesheet to this widget's shadow root (fetched once per page).
    pub async fn adopt_results_sheet(&self) -> Result<(), String> {
        let (Some(url), Some(host)) = (&self.results_css_url, self.host.try_get_value()) else {
            return Ok(());
        };
        crate::theme::adopt_results_sheet(&host, url).await
    }

    pub fn emit(&self, name: &str, detail: wasm_bindgen::JsValue) {
        let data_layer = self.config.data_layer;
        // `try_`: a delivery that ends after the widget is destroyed has no host to tell.
        let _ = self
            .host
            .try_with_value(|host| browser::emit(host, name, detail, data_layer));
    }

    /// Where this widget's progress is saved.
    pub fn storage_key(&self) -> String {
        progress::storage_key(&self.q)
    }

    /// The keys under which widgets saved progress of an earlier version of this questionnaire
    /// (`maturity-check:<id>:<version>`, before the key lost its version). What they hold cannot
    /// be restored; the visitor hears why.
    pub fn earlier_keys(&self) -> Vec<String> {
        browser::storage_keys(&|k| progress::earlier_key_version(&self.q, k).is_some())
    }
}

/// `{id, version}` of a questionnaire, as events name it.
pub fn questionnaire(q: &maturity_check_engine::Questionnaire) -> wasm_bindgen::JsValue {
    detail([
        ("id", q.id.as_str().into()),
        ("version", q.version.as_str().into()),
    ])
}
