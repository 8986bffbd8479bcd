//! [`Check`]: the changing state of one widget instance, and the moves on it that need no chunk
//! (the code of the chunks uses them too). The moves that start a chunk's download are in
//! [`super::moves`].

use leptos::prelude::*;
use maturity_check_engine::flow::Step;
use maturity_check_engine::progress::{self, Progress};
use maturity_check_engine::{assess, share, Answer, Answers, Assessment};

use super::env::Env;
use crate::browser::{self, detail};

/// The name of the URL fragment parameter that carries a share code.
pub const SHARE_PARAM: &str = "mc";

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

/// The changing state of one widget instance. `Copy`: every field is an arena handle. The
/// screens read it through methods and change it through the moves; none writes a signal.
#[derive(Clone, Copy)]
pub struct Check {
    pub(super) screen: RwSignal<Screen>,
    pub(super) answers: RwSignal<Answers>,
    /// Saved progress offered on the intro screen. Not a signal: it is read as a screen is built,
    /// never followed.
    pub(super) resume: StoredValue<Option<Progress>>,
    /// The last screen change came from the person (so focus may follow it), not from loading.
    /// Read as a screen is built, never followed.
    moved_by_user: StoredValue<bool>,
    /// The option just picked, shown as chosen during the short transition.
    pub(super) picked: RwSignal<Option<(usize, Pick)>>,
    /// Why the share link in the URL could not be opened, shown in one line on the intro. Set
    /// (by the chunk that reads links) before the intro shows, never followed.
    link_note: StoredValue<Option<String>>,
}

impl Check {
    /// The state of a fresh widget: the intro, or the loading note while a chunk reads what
    /// `pending` says is there (a share link or saved progress).
    pub(super) fn empty(env: &Env, pending: bool) -> Self {
        Check {
            screen: RwSignal::new(if pending {
                Screen::Loading
            } else {
                Screen::Intro
            }),
            answers: RwSignal::new(Answers::empty(&env.q)),
            resume: StoredValue::new(None),
            moved_by_user: StoredValue::new(false),
            picked: RwSignal::new(None),
            link_note: StoredValue::new(None),
        }
    }

    /// The screen shown (reactive).
    pub fn screen(&self) -> Screen {
        self.screen.get()
    }

    /// The answers so far (not reactive).
    pub fn answers(&self) -> Answers {
        self.answers.get_untracked()
    }

    /// `f` of the answers so far (not reactive).
    pub fn with_answers<T>(&self, f: impl FnOnce(&Answers) -> T) -> T {
        self.answers.with_untracked(f)
    }

    /// `f` of the answers so far, run again when they change (reactive).
    pub fn with_answers_tracked<T>(&self, f: impl FnOnce(&Answers) -> T) -> T {
        self.answers.with(f)
    }

    /// What step `index` shows as chosen (reactive): the option just picked during the short
    /// transition, else the recorded answer.
    pub fn shown_pick(&self, index: usize, step: Step) -> Option<Pick> {
        self.picked
            .get()
            .filter(|(i, _)| *i == index)
            .map(|(_, p)| p)
            .or_else(|| {
                self.answers.track();
                self.answer_of(step)
            })
    }

    /// Whether an option of step `index` was just picked and the next question is on its way.
    pub fn in_transition(&self, index: usize) -> bool {
        self.picked.get_untracked().is_some_and(|(i, _)| i == index)
    }

    /// Saved progress the intro offers to continue.
    pub fn resume(&self) -> Option<Progress> {
        self.resume.get_value()
    }

    /// Why a share link in the URL could not be opened, for the intro.
    pub fn link_note(&self) -> Option<String> {
        self.link_note.get_value()
    }

    /// Whether the last screen change was the person's doing, so that focus may follow it.
    pub fn moved_by_user(&self) -> bool {
        self.moved_by_user.get_value()
    }

    /// Marks the coming screen change as the person's doing.
    pub fn mark_moved_by_user(&self) {
        self.moved_by_user.set_value(true);
    }

    /// Scores and stages of the current answers. Computed when asked (the finish event, the
    /// results, a lead), not kept as a memo: nothing needs it to update by itself, and the first
    /// view then carries no memo machinery for it.
    pub fn assessment(&self, env: &Env) -> Assessment {
        self.answers.with_untracked(|a| assess(&env.q, a))
    }

    /// Shows what the chunk that reads saved answers found: the progress to offer, and either
    /// the complete answers of a share link (their results) or the intro with `note`, why a link
    /// could not be opened. `try_`: the widget may have been destroyed meanwhile.
    pub fn show_restored(
        &self,
        resume: Option<Progress>,
        shared: Option<Answers>,
        note: Option<String>,
    ) {
        self.resume.try_set_value(resume);
        match shared {
            Some(answers) => {
                self.answers.try_set(answers);
                self.screen.try_set(Screen::Results);
            }
            None => {
                if note.is_some() {
                    self.link_note.try_set_value(note);
                }
                self.screen.try_set(Screen::Intro);
            }
        }
    }

    /// Opens the results of a share link's complete `answers`, unless they are shown already.
    pub fn show_shared(&self, answers: Answers) {
        if self.screen.try_get_untracked() == Some(Screen::Results)
            && self.answers.try_with_untracked(|a| *a == answers) == Some(true)
        {
            return;
        }
        self.answers.try_set(answers);
        self.resume.try_set_value(None);
        self.go(Screen::Results);
    }

    /// The intro, when what was to be restored cannot be read (`try_`: the widget may be gone).
    pub fn show_intro(&self) {
        self.screen.try_set(Screen::Intro);
    }

    pub(super) fn go(&self, screen: Screen) {
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

    /// The recorded answer of a step, if any.
    pub fn answer_of(&self, step: Step) -> Option<Pick> {
        self.answers.with_untracked(|a| match step {
            Step::Scored(i) => a.scored.get(i).copied().flatten().map(Pick::Scored),
            Step::Context(i) => a.context.get(i).copied().flatten().map(Pick::Context),
        })
    }

    pub fn back(&self) {
        match self.screen.get_untracked() {
            Screen::Step(0) => self.go(Screen::Intro),
            Screen::Step(i) => self.go(Screen::Step(i - 1)),
            Screen::Results => self.go(Screen::Step(0)),
            Screen::Intro | Screen::Loading => {}
        }
    }

    /// Forgets every answer, the saved progress and the mark of a handed-over lead, and starts
    /// again. Leads still waiting in the outbox stay: the person asked for them to be sent.
    pub fn restart(&self, env: &Env) {
        browser::storage_remove(&env.storage_key());
        browser::storage_remove(&maturity_check_engine::lead::SentMark::storage_key(&env.q));
        self.start(env);
    }

    pub(super) fn save(&self, env: &Env, step: usize) {
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
