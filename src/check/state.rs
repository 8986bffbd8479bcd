/*!
The state of one widget instance and the actions on it.

[`Env`] is what does not change while the widget lives (questionnaire, config, strings, host
element); [`Check`] holds the few signals that do (screen, answers) and asks the engine for the
assessment when it is needed, so the engine stays the single source of every number shown. The
plan is made by the results screen, which is loaded with its own chunk.
Domain types hold no signals. The first view's components receive `Check` and `Env` as props, the
screens from chunks through context ([`Widget`]).
*/

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use maturity_check_engine::config::WidgetConfig;
use maturity_check_engine::flow::{self, Step};
use maturity_check_engine::progress::{self, Progress};
use maturity_check_engine::{assess, share, Answer, Answers, Assessment, Checked};
use web_sys::HtmlElement;

use crate::browser::{self, detail};
use crate::i18n::Catalogue;

/// The name of the URL fragment parameter that carries a share code.
pub const SHARE_PARAM: &str = "mc";
/// How long a picked option shows as picked before the next question slides in.
const PICK_DELAY: Duration = Duration::from_millis(180);

/// What the widget shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// A share link or saved answers are being read (their code is a chunk): a short note.
    Loading,
    Intro,
    /// Index into [`Env::steps`].
    Step(usize),
    Results,
}

/// An answer as picked on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Scored(Answer),
    /// Option index of a context question.
    Context(usize),
}

/// The unchanging surroundings of one widget instance.
#[derive(Clone)]
pub struct Env {
    pub q: Arc<Checked>,
    pub config: Arc<WidgetConfig>,
    pub text: Arc<Catalogue>,
    pub steps: Arc<Vec<Step>>,
    /// Where the built-in questionnaire's advice is fetched from, when `q` was loaded without it.
    pub advice_url: Option<String>,
    /// Where the stylesheet of the results and the lead form is fetched from (`None`: the page
    /// brings the widget's styles itself, as in the component tests).
    pub results_css_url: Option<String>,
    host: StoredValue<HtmlElement, LocalStorage>,
}

impl Env {
    pub fn new(
        q: Arc<Checked>,
        config: Arc<WidgetConfig>,
        text: Arc<Catalogue>,
        host: HtmlElement,
        advice_url: Option<String>,
        results_css_url: Option<String>,
    ) -> Self {
        let steps = Arc::new(flow::steps(&q));
        Env {
            q,
            config,
            text,
            steps,
            advice_url,
            results_css_url,
            host: StoredValue::new_local(host),
        }
    }

    /// The same surroundings with another questionnaire (the built-in one with its advice).
    pub fn with_questionnaire(&self, q: Arc<Checked>) -> Env {
        Env {
            q,
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

    fn storage_key(&self) -> String {
        progress::storage_key(&self.q)
    }
}

/// What the screens of one widget instance work with. The first view's screens take it as props;
/// the screens that come from chunks get it as context ([`Widget::provide`]), so that the first
/// view carries none of Leptos' context lookup.
#[derive(Clone)]
pub struct Widget {
    pub env: Env,
    pub check: Check,
    /// The lead state, made when a chunk first asks for it ([`Widget::lead`]): nothing in the
    /// first view needs it, so its signals, memos and storage reading are chunk code.
    lead: StoredValue<Option<crate::lead::Lead>>,
    /// The widget's root owner: the lead state is made under it, so it lives (and keeps what was
    /// typed) as long as the widget, whichever screen made it.
    owner: Owner,
}

impl Widget {
    /// Made by the widget's root component, under its owner.
    pub fn new(env: Env, check: Check) -> Self {
        Widget {
            env,
            check,
            lead: StoredValue::new(None),
            owner: Owner::current().unwrap_or_default(),
        }
    }

    /// The lead state, made on first use.
    pub fn lead(&self) -> crate::lead::Lead {
        if let Some(Some(lead)) = self.lead.try_get_value() {
            return lead;
        }
        let lead = self
            .owner
            .with(|| crate::lead::Lead::new(&self.env, self.check));
        self.lead.try_set_value(Some(lead));
        lead
    }

    /// The same widget with other surroundings (the questionnaire with its advice).
    pub fn with_env(self, env: Env) -> Widget {
        Widget { env, ..self }
    }

    /// Provides the parts as context to the current owner: called by the code of the chunks.
    pub fn provide(self) {
        provide_context(self.lead());
        provide_context(self.env);
        provide_context(self.check);
    }
}

/// The changing state of one widget instance. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Check {
    pub screen: RwSignal<Screen>,
    pub answers: RwSignal<Answers>,
    /// Saved progress offered on the intro screen. Not a signal: it is read as a screen is built,
    /// never followed.
    pub resume: StoredValue<Option<Progress>>,
    /// The last screen change came from the person (so focus may follow it), not from loading.
    /// Read as a screen is built, never followed.
    pub moved_by_user: StoredValue<bool>,
    /// The option just picked, shown as chosen during the short transition.
    pub picked: RwSignal<Option<(usize, Pick)>>,
    /// Why the share link in the URL could not be opened, shown in one line on the intro. Set
    /// (by the chunk that reads links) before the intro shows, never followed.
    pub link_note: StoredValue<Option<String>>,
}

impl Check {
    /// Creates the state: a share link in the URL opens its result; saved progress is offered;
    /// anything unreadable is discarded with a console warning. Reading either is code most
    /// visitors never need, so it comes as a chunk (`chunks::restore`); until it has run,
    /// the widget shows a short note instead of the intro.
    pub fn new(env: &Env) -> Self {
        let q = env.q.clone();
        let saved = env.config.persistence && browser::storage_get(&env.storage_key()).is_some();
        let linked = env.config.share && browser::fragment_param(SHARE_PARAM).is_some();
        let check = Check {
            screen: RwSignal::new(if saved || linked {
                Screen::Loading
            } else {
                Screen::Intro
            }),
            answers: RwSignal::new(Answers::empty(&q)),
            resume: StoredValue::new(None),
            moved_by_user: StoredValue::new(false),
            picked: RwSignal::new(None),
            link_note: StoredValue::new(None),
        };
        if saved || linked {
            crate::chunks::restore(env.clone(), check);
        }
        check
    }

    /// Scores and stages of the current answers. Computed when asked (the finish event, the
    /// results, a lead), not kept as a memo: nothing needs it to update by itself, and the first
    /// view then carries no memo machinery for it.
    pub fn assessment(&self, env: &Env) -> Assessment {
        self.answers.with_untracked(|a| assess(&env.q, a))
    }

    /// Opens the result of a share link put into the URL after the widget loaded (a link pasted
    /// into a tab already showing the page only changes the fragment; nothing reloads).
    pub fn open_shared_link(&self, env: &Env) {
        if !env.config.share || browser::fragment_param(SHARE_PARAM).is_none() {
            return;
        }
        crate::chunks::open_shared_link(env.clone(), *self);
    }

    /// Shows what a share link and saved progress hold (once `read_saved` has read them), or
    /// the intro. Code of a chunk (`chunks::restore`).
    pub fn apply_saved(&self, env: &Env) {
        let restored = read_saved(env);
        // `try_`: the widget may have been destroyed meanwhile.
        self.resume.try_set_value(restored.resume);
        match restored.shared {
            Link::Answers(shared) => {
                self.answers.try_set(shared);
                self.screen.try_set(Screen::Results);
            }
            link => {
                if let Link::Unusable(reason) = link {
                    let line = env.fill("link.failed", &[("reason", &env.t(reason))]);
                    self.link_note.try_set_value(Some(line));
                }
                self.screen.try_set(Screen::Intro);
            }
        }
    }

    /// Opens the result of the share link in the URL, unless it is shown already. Code of a
    /// chunk (`chunks::open_shared_link`).
    pub fn apply_shared_link(&self, env: &Env) {
        let Link::Answers(shared) = shared_answers(env) else {
            return;
        };
        if self.screen.try_get_untracked() == Some(Screen::Results)
            && self.answers.try_with_untracked(|a| *a == shared) == Some(true)
        {
            return;
        }
        self.answers.try_set(shared);
        self.resume.try_set_value(None);
        self.go(Screen::Results);
    }

    fn go(&self, screen: Screen) {
        self.moved_by_user.set_value(true);
        self.picked.set(None);
        self.screen.set(screen);
    }

    pub fn start(&self, env: &Env) {
        self.answers.set(Answers::empty(&env.q));
        self.resume.set_value(None);
        self.link_note.set_value(None);
        browser::clear_fragment_param(SHARE_PARAM);
        env.emit("start", detail([]));
        self.go(Screen::Step(0));
    }

    pub fn continue_saved(&self, env: &Env) {
        let Some(p) = self.resume.get_value() else {
            return self.start(env);
        };
        self.answers.set(p.answers.clone());
        self.resume.set_value(None);
        if p.answers.is_complete() {
            self.finish(env);
        } else {
            let first_open = env
                .steps
                .iter()
                .position(|s| self.answer_of(*s).is_none())
                .unwrap_or(0);
            self.go(Screen::Step(p.step.min(first_open)));
        }
    }

    /// The recorded answer of a step, if any.
    pub fn answer_of(&self, step: Step) -> Option<Pick> {
        self.answers.with_untracked(|a| match step {
            Step::Scored(i) => a.scored.get(i).copied().flatten().map(Pick::Scored),
            Step::Context(i) => a.context.get(i).copied().flatten().map(Pick::Context),
        })
    }

    /// Records `pick` for step `index` and moves on after a short transition.
    pub fn answer(&self, env: &Env, index: usize, pick: Pick) {
        let Some(&step) = env.steps.get(index) else {
            return;
        };
        self.answers.update(|a| match (step, pick) {
            (Step::Scored(i), Pick::Scored(x)) => {
                if let Some(slot) = a.scored.get_mut(i) {
                    *slot = Some(x);
                }
            }
            (Step::Context(i), Pick::Context(k)) => {
                if let Some(slot) = a.context.get_mut(i) {
                    *slot = Some(k);
                }
            }
            _ => {}
        });
        let (question_id, option_id) = match (step, pick) {
            (Step::Scored(i), Pick::Scored(Answer::Option(k))) => (
                env.q.questions[i].id.clone(),
                env.q.questions[i]
                    .options
                    .get(usize::from(k))
                    .map(|o| o.id.clone()),
            ),
            (Step::Scored(i), Pick::Scored(Answer::DontKnow)) => {
                (env.q.questions[i].id.clone(), Some("dont_know".to_string()))
            }
            (Step::Context(i), Pick::Context(k)) => (
                env.q.context_questions[i].id.clone(),
                env.q.context_questions[i]
                    .options
                    .get(k)
                    .map(|o| o.id.clone()),
            ),
            _ => return,
        };
        env.emit(
            "answer",
            detail([
                ("question_id", question_id.into()),
                ("option_id", browser::or_null(option_id)),
                ("index", (index + 1).into()),
                ("total", env.steps.len().into()),
            ]),
        );
        self.save(env, index + 1);
        if index == 0 {
            crate::chunks::prefetch_results(env);
        }
        self.picked.set(Some((index, pick)));
        let this = *self;
        let env = env.clone();
        let advance = move || {
            // The person may have gone back or restarted during the transition, or the widget may
            // have been destroyed (its signals disposed): then there is nothing to advance.
            if this.screen.try_get_untracked() != Some(Screen::Step(index)) {
                return;
            }
            if index + 1 < env.steps.len() {
                this.go(Screen::Step(index + 1));
            } else {
                this.finish(&env);
            }
        };
        if browser::prefers_reduced_motion() {
            advance();
        } else {
            set_timeout(advance, PICK_DELAY);
        }
    }

    pub fn back(&self) {
        match self.screen.get_untracked() {
            Screen::Step(0) => self.go(Screen::Intro),
            Screen::Step(i) => self.go(Screen::Step(i - 1)),
            Screen::Results => self.go(Screen::Step(0)),
            Screen::Intro | Screen::Loading => {}
        }
    }

    /// Shows the results if every question is answered, else the first open question.
    pub fn finish(&self, env: &Env) {
        let open = env.steps.iter().position(|s| self.answer_of(*s).is_none());
        if let Some(i) = open {
            return self.go(Screen::Step(i));
        }
        self.save(env, env.steps.len());
        self.go(Screen::Results);
        // Scoring is code of the results' chunk, which the first answer started to download.
        crate::chunks::report_complete(env.clone(), self.answers.get_untracked());
    }

    /// Forgets every answer, the saved progress and the mark of a handed-over lead, and starts
    /// again. Leads still waiting in the outbox stay: the person asked for them to be sent.
    pub fn restart(&self, env: &Env) {
        browser::storage_remove(&env.storage_key());
        browser::storage_remove(&maturity_check_engine::lead::SentMark::storage_key(&env.q));
        self.start(env);
    }

    fn save(&self, env: &Env, step: usize) {
        if !env.config.persistence {
            return;
        }
        let text = self.answers.with_untracked(|a| {
            progress::save(
                &env.q,
                &Progress {
                    answers: a.clone(),
                    step,
                },
            )
        });
        if !browser::storage_set(&env.storage_key(), &text) {
            browser::warn("could not save progress (storage unavailable or full)");
        }
    }

    /// The link that reopens these results.
    pub fn share_url(&self, env: &Env) -> Option<String> {
        let code = self.answers.with(|a| share::encode(&env.q, a));
        browser::url_with_fragment(SHARE_PARAM, &code)
    }
}

/// What a share link and saved progress hold for a widget ([`read_saved`]).
pub struct Restored {
    /// The share link in the URL.
    pub shared: Link,
    /// Saved progress to offer on the intro.
    pub resume: Option<Progress>,
}

/// What the share link in the URL holds for a widget.
pub enum Link {
    /// No link, or one for another widget on the page.
    None,
    /// Complete answers: the widget opens on their result.
    Answers(Answers),
    /// A link for this check that cannot be opened; the UI string key of the reason.
    Unusable(&'static str),
}

/// Reads the share link in the URL and the saved progress of this widget's questionnaire; what
/// cannot be read is discarded with a console warning (saved progress is removed). Code of a
/// chunk ([`crate::chunks::restore`]).
pub fn read_saved(env: &Env) -> Restored {
    let mut resume = None;
    if env.config.persistence {
        let key = env.storage_key();
        if let Some(text) = browser::storage_get(&key) {
            let loaded = browser::parse_json(&text)
                .map_err(|e| progress::ProgressError::Corrupt(e.located().1))
                .and_then(|v| progress::load_value(&env.q, &v));
            match loaded {
                Ok(p) if has_any_answer(&p.answers) => resume = Some(p),
                Ok(_) => {}
                Err(e) => {
                    browser::warn(&format!("{e}; it was discarded"));
                    browser::storage_remove(&key);
                }
            }
        }
    }
    Restored {
        shared: shared_answers(env),
        resume,
    }
}

/// What the share link in the URL fragment holds for this questionnaire. A code for another
/// questionnaire is meant for another widget on the page and is left alone, unless this is the
/// only check on the page: then it is a link that went astray, and the visitor hears so.
pub fn shared_answers(env: &Env) -> Link {
    let Some(code) = env
        .config
        .share
        .then(|| browser::fragment_param(SHARE_PARAM))
        .flatten()
    else {
        return Link::None;
    };
    let unusable = |why: &dyn std::fmt::Display, reason| {
        browser::warn(&format!("{why}; starting fresh"));
        Link::Unusable(reason)
    };
    match share::decode(&code) {
        Ok(c) if c.questionnaire_id == env.q.id => match c.answers_for(&env.q) {
            Ok(a) if a.is_complete() => Link::Answers(a),
            Ok(_) => unusable(&"the share link in the URL is incomplete", "link.damaged"),
            Err(e @ share::ShareError::OtherQuestionnaire { .. }) => unusable(&e, "link.version"),
            Err(e) => unusable(&e, "link.damaged"),
        },
        Ok(c) if browser::checks_on_page() <= 1 => unusable(
            &format!(
                "the share link in the URL is for the check \"{}\"",
                c.questionnaire_id
            ),
            "link.other",
        ),
        Ok(_) => Link::None,
        Err(e) => unusable(&e, "link.damaged"),
    }
}

fn has_any_answer(a: &Answers) -> bool {
    a.scored.iter().any(Option::is_some) || a.context.iter().any(Option::is_some)
}

/// Reports the `complete` event with the scores of `answers`. Code of the results' chunk
/// ([`crate::chunks::report_complete`]).
pub fn report_complete(env: &Env, answers: &Answers) {
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
fn score_of(r: Option<maturity_check_engine::Rating>) -> wasm_bindgen::JsValue {
    r.map_or(wasm_bindgen::JsValue::NULL, |r| r.score.into())
}

/// A level id for an event: `null` where nothing is rated.
fn level_of(
    q: &maturity_check_engine::Checked,
    r: Option<maturity_check_engine::Rating>,
) -> wasm_bindgen::JsValue {
    r.and_then(|r| q.levels.get(r.level))
        .map_or(wasm_bindgen::JsValue::NULL, |l| l.id.as_str().into())
}

/// `{id, version}` of a questionnaire, as events name it.
pub fn questionnaire(q: &maturity_check_engine::Questionnaire) -> wasm_bindgen::JsValue {
    detail([
        ("id", q.id.as_str().into()),
        ("version", q.version.as_str().into()),
    ])
}
