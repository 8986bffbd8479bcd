//! The moves on a [`Check`] that start downloading a chunk: making the state (a chunk reads saved
//! answers and share links), a share link pasted later, the first answer (the results' chunk
//! starts to download) and the last (the results' chunk reports the `complete` event). They sit
//! above [`crate::chunks`] in the module graph; the code of the chunks uses only the moves in
//! [`super::state`].

use std::time::Duration;

use leptos::prelude::*;
use maturity_check_engine::flow::Step;
use maturity_check_engine::Answer;

use super::env::Env;
use super::state::{Check, Pick, Screen, SHARE_PARAM};
use crate::browser::{self, detail};
use crate::chunks;

/// How long a picked option shows as picked before the next question slides in.
const PICK_DELAY: Duration = Duration::from_millis(180);

impl Check {
    /// Creates the state: a share link in the URL opens its result; saved progress is offered;
    /// anything unreadable is discarded with a console warning. Reading either is code most
    /// visitors never need, so it comes as a chunk (`chunks::restore`); until it has run,
    /// the widget shows a short note instead of the intro.
    pub fn new(env: &Env) -> Self {
        // Progress saved under an earlier version is read too, to say why it is gone.
        let saved = env.config.persistence
            && (browser::storage_get(&env.storage_key()).is_some() || env.earlier_progress);
        let linked = env.config.share && browser::fragment_param(SHARE_PARAM).is_some();
        let check = Check::empty(env, saved || linked);
        if saved || linked {
            chunks::restore(env.clone(), check);
        }
        check
    }

    /// Opens the result of a share link put into the URL after the widget loaded (a link pasted
    /// into a tab already showing the page only changes the fragment; nothing reloads).
    pub fn open_shared_link(&self, env: &Env) {
        if !env.config.share || browser::fragment_param(SHARE_PARAM).is_none() {
            return;
        }
        chunks::open_shared_link(env.clone(), *self);
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
            // What the first answer would start: the results' code, the advice and with it the
            // explanations of terms.
            chunks::prefetch_results(env);
            self.go(Screen::Step(p.step.min(first_open)));
        }
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
        let Some((question_id, option_id)) = answer_ids(env, step, pick) else {
            return;
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
            chunks::prefetch_results(env);
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
            this.next(&env, index);
        };
        if browser::prefers_reduced_motion() {
            advance();
        } else {
            set_timeout(advance, PICK_DELAY);
        }
    }

    /// Moves on from step `index`: to the next question, or after the last to the results.
    pub fn next(&self, env: &Env, index: usize) {
        if index + 1 < env.steps.len() {
            self.go(Screen::Step(index + 1));
        } else {
            self.finish(env);
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
        chunks::report_complete(env.clone(), self.answers.get_untracked());
    }
}

/// The ids an `answer` event names: the question's and the option's (`dont_know` for "don't
/// know"). `None` when `pick` does not fit `step`.
fn answer_ids(env: &Env, step: Step, pick: Pick) -> Option<(String, Option<String>)> {
    Some(match (step, pick) {
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
        _ => return None,
    })
}
