//! Sending a lead: the request the engine builds, written to the outbox before the first attempt.

use leptos::prelude::*;
use maturity_check_engine::lead::delivery::{Attempt, Next};
use maturity_check_engine::lead::queue::Entry;
use maturity_check_engine::lead::{self, Consent, Page, SentMark, Submission};
use wasm_bindgen::prelude::*;

use super::outbox::{claim, emit, in_lead_lock, send, update_queue};
use super::state::{consent_text, Lead, Status};
use crate::browser;
use crate::check::{Check, Env};

impl Lead {
    /// Delivers the current draft (already checked by the form) and reports the outcome on
    /// screen and as a `maturity-check:lead` event.
    pub fn submit(&self, env: &Env, check: &Check) {
        let Some(config) = env.config.lead.clone() else {
            return;
        };
        if self.status.get_untracked() == Status::Sending {
            return;
        }
        let now = js_sys::Date::now();
        let contact = self.draft.get_untracked();
        let consent = Consent {
            text: consent_text(env),
            privacy_url: env.config.privacy_url.as_deref().map(absolute),
            given_at_ms: self.consent_at.get_untracked().unwrap_or(now),
        };
        let submission = Submission {
            id: new_uuid(),
            submitted_at_ms: now,
            locale: env.locale().to_string(),
            contact,
            consent,
            page: page(),
        };
        let assessment = check.assessment(env);
        let request =
            check.with_answers(|a| lead::request(&config, &env.q, a, &assessment, &submission));
        let entry = Entry {
            submission_id: submission.id.clone(),
            format: request.format,
            url: absolute(&request.url),
            body: request.body,
            created_at: now,
            timeout_ms: config.timeout_ms,
            retries: config.retries,
        };
        let code = self.answers_code.get_untracked();
        // Claimed, and its lock taken, before it is in the outbox, so that no flush of this page
        // or another tab can pick it up meanwhile.
        claim(&entry.submission_id);
        self.submission.set(Some(entry.submission_id.clone()));
        self.status.set(Status::Sending);
        let (this, env, check) = (*self, env.clone(), *check);
        leptos::task::spawn_local(async move {
            let id = entry.submission_id.clone();
            let e = entry.clone();
            let (stored, next) = in_lead_lock(&id, move || {
                Box::pin(async move {
                    let stored = update_queue(|q| q.put(e.clone()).is_ok());
                    (stored, send(&e).await)
                })
            })
            .await
            // A fresh id's lock is free; should it not be, the lead is not sent twice.
            .unwrap_or((false, Next::GiveUp(Attempt::NetworkError)));
            let id = id.as_str();
            let (status, reported) = match next {
                Next::Sent => (Status::Sent, "sent"),
                Next::Rejected(code) => (Status::Refused(code), "failed"),
                Next::GiveUp(_) | Next::Wait(_) if stored => {
                    this.watch(id, SentMark::storage_key(&env.q));
                    (Status::Queued, "queued")
                }
                Next::GiveUp(_) | Next::Wait(_) => (Status::Unsendable, "failed"),
            };
            if matches!(status, Status::Sent | Status::Queued) {
                this.sent_for.set(Some(code.clone()));
                // A gate that opens now is the person's doing: focus may follow to the results.
                check.mark_moved_by_user();
                if env.config.persistence {
                    let mark = SentMark {
                        submission_id: id.to_string(),
                        answers: code,
                    };
                    browser::storage_set(&SentMark::storage_key(&env.q), &mark.to_text());
                }
            }
            this.status.set(status);
            let http_status = match status {
                Status::Refused(code) => Some(code),
                _ => None,
            };
            emit(&env, reported, id, entry.format, http_status);
        });
    }
}

/// The host page as the bodies describe it.
fn page() -> Page {
    let win = browser::window();
    let doc = win.as_ref().and_then(|w| w.document());
    Page {
        url: win
            .as_ref()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default(),
        referrer: doc.as_ref().map(|d| d.referrer()).unwrap_or_default(),
        title: doc.as_ref().map(|d| d.title()).unwrap_or_default(),
    }
}

/// `url` resolved against the page, so a queued lead goes to the same place from any page.
fn absolute(url: &str) -> String {
    let base = browser::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    base.and_then(|b| web_sys::Url::new_with_base(url, &b).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| url.to_string())
}

/// A UUID v4: `crypto.randomUUID()` where the page is a secure context, else 16 bytes from
/// `crypto.getRandomValues()`, else (no Web Crypto at all) from `Math.random()`.
fn new_uuid() -> String {
    let crypto = browser::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("crypto")).ok())
        .filter(|c| c.is_object());
    let call = |name: &str, arg: Option<&JsValue>| {
        let crypto = crypto.as_ref()?;
        let f = js_sys::Reflect::get(crypto, &JsValue::from_str(name)).ok()?;
        let f = f.dyn_ref::<js_sys::Function>()?;
        match arg {
            Some(a) => f.call1(crypto, a).ok(),
            None => f.call0(crypto).ok(),
        }
    };
    if let Some(id) = call("randomUUID", None).and_then(|v| v.as_string()) {
        if lead::is_uuid(&id) {
            return id;
        }
    }
    let mut bytes = [0u8; 16];
    let array = js_sys::Uint8Array::new_with_length(16);
    if call("getRandomValues", Some(&array)).is_some() {
        array.copy_to(&mut bytes);
    } else {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    lead::uuid_v4(bytes)
}
