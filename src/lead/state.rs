//! [`Lead`]: one widget's lead, the form's input and what became of it.

use leptos::prelude::*;
use maturity_check_engine::config::LeadGate;
use maturity_check_engine::lead::delivery::Next;
use maturity_check_engine::lead::{Contact, Field, SentMark};
use maturity_check_engine::share;

use super::outbox::{outbox_text, stored_mark, WATCHERS};
use crate::browser;
use crate::check::{Check, Env};

/// What the person is told about their lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Idle,
    Sending,
    /// Accepted by the receiver.
    Sent,
    /// In the outbox, to be sent when the connection works again.
    Queued,
    /// Refused by the receiver with this HTTP status; the form keeps what was typed.
    Refused(u16),
    /// Neither delivered nor storable for later.
    Unsendable,
}

/// One widget's lead: the form's input and what became of it. `Copy`: every field is an arena
/// handle. The chunks that show the lead form get it as context ([`crate::check::Widget::provide`]).
#[derive(Clone, Copy)]
pub struct Lead {
    pub(super) status: RwSignal<Status>,
    /// What was typed, kept across screens and failed attempts.
    pub(super) draft: RwSignal<Contact>,
    /// When the consent box was ticked (ms since the epoch); `None` while it is not.
    pub(super) consent_at: RwSignal<Option<f64>>,
    pub(super) honeypot: RwSignal<String>,
    /// The share code of the answers the last sent or queued lead carried.
    pub(super) sent_for: RwSignal<Option<String>>,
    /// The submission id of that lead, or of the one being sent.
    pub(super) submission: RwSignal<Option<String>>,
    /// The share code of the current answers.
    pub(super) answers_code: Memo<String>,
    /// The current result's lead is sent or queued.
    pub(super) done: Memo<bool>,
    /// The config's gate; `None` without a lead form.
    pub(super) gate: Option<LeadGate>,
}
impl Lead {
    /// Creates the lead state of a widget, with a lead sent or queued before a reload. Made by
    /// the chunks that show the results or the form ([`crate::check::Widget::lead`]), not by the
    /// first view.
    pub fn new(env: &Env, check: Check) -> Lead {
        let answers_code = {
            let q = env.q.clone();
            Memo::new(move |_| check.with_answers_tracked(|a| share::encode(&q, a)))
        };
        let status = RwSignal::new(Status::Idle);
        let sent_for = RwSignal::new(None);
        let submission = RwSignal::new(None);
        let done = Memo::new(move |_| {
            matches!(status.get(), Status::Sent | Status::Queued)
                && sent_for.with(|s| s.as_deref() == Some(answers_code.get().as_str()))
        });
        let lead = Lead {
            status,
            draft: RwSignal::new(Contact::default()),
            consent_at: RwSignal::new(None),
            honeypot: RwSignal::new(String::new()),
            sent_for,
            submission,
            answers_code,
            done,
            gate: env.config.lead.as_ref().map(|c| c.gate),
        };
        if env.config.lead.is_some() && env.config.persistence {
            lead.restore(env);
        }
        lead
    }

    /// Picks up a lead sent or queued for these answers before a reload.
    fn restore(&self, env: &Env) {
        let Some(mark) = stored_mark(&SentMark::storage_key(&env.q)) else {
            return;
        };
        // A look at the stored text is enough to tell "queued" from "sent"; the flush parses it.
        let queued =
            outbox_text().is_some_and(|t| t.contains(&format!("\"{}\"", mark.submission_id)));
        self.status
            .set(if queued { Status::Queued } else { Status::Sent });
        if queued {
            self.watch(&mark.submission_id, SentMark::storage_key(&env.q));
        }
        self.submission.set(Some(mark.submission_id));
        self.sent_for.set(Some(mark.answers));
    }

    /// What the person is told about their lead (reactive).
    pub fn status(&self) -> Status {
        self.status.get()
    }

    /// Whether a lead is on its way right now (not reactive).
    pub fn is_sending(&self) -> bool {
        self.status.get_untracked() == Status::Sending
    }

    /// `f` of what was typed; reactive if `tracked`.
    pub fn with_draft<T>(&self, tracked: bool, f: impl FnOnce(&Contact) -> T) -> T {
        if tracked {
            self.draft.with(f)
        } else {
            self.draft.with_untracked(f)
        }
    }

    /// Records what was typed into `field`.
    pub fn set_field(&self, field: Field, value: String) {
        self.draft.update(|c| c.set(field, value));
    }

    /// Whether the consent box is ticked; reactive if `tracked`.
    pub fn consented(&self, tracked: bool) -> bool {
        if tracked {
            self.consent_at.with(Option::is_some)
        } else {
            self.consent_at.with_untracked(Option::is_some)
        }
    }

    /// Ticks or unticks the consent box, noting when it was ticked.
    pub fn set_consent(&self, ticked: bool) {
        self.consent_at.set(ticked.then(js_sys::Date::now));
    }

    /// What is in the field only bots fill.
    pub fn honeypot(&self) -> String {
        self.honeypot.get_untracked()
    }

    pub fn set_honeypot(&self, value: String) {
        self.honeypot.set(value);
    }

    /// Whether the current result's lead is sent or queued (reactive).
    pub fn done(&self) -> bool {
        self.done.get()
    }

    /// Whether the form stands in place of the results (reactive).
    pub fn gates_results(&self) -> bool {
        self.gate == Some(LeadGate::BeforeResults) && !self.done.get()
    }

    /// Whether the results beyond the summary wait for the lead (reactive).
    pub fn locks_results(&self) -> bool {
        self.gate == Some(LeadGate::AfterResults) && !self.done.get()
    }

    /// A bot filled the honeypot: show it "sent", send nothing, report nothing.
    pub fn pretend_sent(&self, check: &Check) {
        self.sent_for.set(Some(self.answers_code.get_untracked()));
        check.mark_moved_by_user();
        self.status.set(Status::Sent);
    }
    /// Turns "queued" into "sent" (or "refused") when a flush delivers `submission_id`. A
    /// refusal also forgets the mark under `mark_key`, which would otherwise say "sent" after a
    /// reload.
    pub(super) fn watch(&self, submission_id: &str, mark_key: String) {
        let (status, submission) = (self.status, self.submission);
        let id = submission_id.to_string();
        let watcher = Box::new(move |next: &Next| {
            if let Next::Rejected(_) = next {
                let marked = stored_mark(&mark_key).is_some_and(|m| m.submission_id == id);
                if marked {
                    browser::storage_remove(&mark_key);
                }
            }
            if submission.try_get_untracked().flatten().as_deref() != Some(id.as_str()) {
                return;
            }
            match next {
                Next::Sent => status.set(Status::Sent),
                Next::Rejected(code) => status.set(Status::Refused(*code)),
                _ => {}
            }
        });
        WATCHERS.with(|w| w.borrow_mut().push((submission_id.to_string(), watcher)));
    }
}

/// The consent text the person sees: the config's, else the catalogue's (with overrides).
pub fn consent_text(env: &Env) -> String {
    env.config
        .lead
        .as_ref()
        .and_then(|l| l.consent_text.as_ref())
        .and_then(|t| t.get(env.locale()))
        .map(str::to_string)
        .unwrap_or_else(|| env.t("lead.consent"))
}
