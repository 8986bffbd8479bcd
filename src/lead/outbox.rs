/*!
Sending leads from the browser, so that none is lost and none is sent twice without the same id.

The engine builds the request and decides what every response means
([`maturity_check_engine::lead`]); this module does what needs a browser: the UUID and the clock,
`fetch` with a timeout, the pauses between attempts, and the outbox in localStorage.

A lead is written to the outbox *before* its first attempt and leaves it only when the receiver
accepts or refuses it, so a closed tab or a dead connection leaves it there to be sent again,
with its original submission id, when the browser comes back online or a widget next loads.
Every widget on a page shares one wasm module and therefore the state below: `IN_FLIGHT` keeps two
widgets (or a flush and a fresh submission) from sending the same lead at once, and `WATCHERS`
tell the widget that queued a lead when another flush delivered it.
*/

use std::cell::RefCell;
use std::collections::BTreeSet;

use leptos::prelude::*;
use maturity_check_engine::config::LeadGate;
use maturity_check_engine::lead::delivery::{Attempt, Delivery, Next};
use maturity_check_engine::lead::queue::{Entry, Queue, STORAGE_KEY};
use maturity_check_engine::lead::{self, Consent, Contact, Format, Page, SentMark, Submission};
use maturity_check_engine::share;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

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
    pub status: RwSignal<Status>,
    /// What was typed, kept across screens and failed attempts.
    pub draft: RwSignal<Contact>,
    /// When the consent box was ticked (ms since the epoch); `None` while it is not.
    pub consent_at: RwSignal<Option<f64>>,
    pub honeypot: RwSignal<String>,
    /// The share code of the answers the last sent or queued lead carried.
    sent_for: RwSignal<Option<String>>,
    /// The submission id of that lead, or of the one being sent.
    submission: RwSignal<Option<String>>,
    /// The share code of the current answers.
    answers_code: Memo<String>,
    /// The current result's lead is sent or queued.
    done: Memo<bool>,
    /// The config's gate; `None` without a lead form.
    gate: Option<LeadGate>,
}

/// Sends what waits in the outbox now and whenever the browser comes back online, until the
/// widget is destroyed. Part of the first view; the sending code is a chunk of its own, fetched
/// only when there is something to send.
pub fn watch_outbox(env: &Env) {
    let has_queue = outbox_text().is_some();
    if env.config.lead.is_some() || has_queue {
        let flush_env = env.clone();
        let online = window_event_listener_untyped("online", move |_| {
            if outbox_text().is_some() {
                crate::chunks::flush_outbox(flush_env.clone());
            }
        });
        on_cleanup(move || online.remove());
    }
    if has_queue {
        crate::chunks::flush_outbox(env.clone());
    }
}

impl Lead {
    /// Creates the lead state of a widget, with a lead sent or queued before a reload. Made by
    /// the chunks that show the results or the form ([`crate::check::Widget::lead`]), not by the
    /// first view.
    pub fn new(env: &Env, check: Check) -> Lead {
        let answers_code = {
            let q = env.q.clone();
            Memo::new(move |_| check.answers.with(|a| share::encode(&q, a)))
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
        check.moved_by_user.set_value(true);
        self.status.set(Status::Sent);
    }

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
        let request = check
            .answers
            .with_untracked(|a| lead::request(&config, &env.q, a, &assessment, &submission));
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
                check.moved_by_user.set_value(true);
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

    /// Turns "queued" into "sent" (or "refused") when a flush delivers `submission_id`. A
    /// refusal also forgets the mark under `mark_key`, which would otherwise say "sent" after a
    /// reload.
    fn watch(&self, submission_id: &str, mark_key: String) {
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

type Watcher = Box<dyn Fn(&Next)>;

thread_local! {
    /// Submission ids being sent right now, by any widget on the page.
    static IN_FLIGHT: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
    /// Widgets waiting to hear that their queued lead was delivered.
    static WATCHERS: RefCell<Vec<(String, Watcher)>> = const { RefCell::new(Vec::new()) };
}

/// Sends every lead in the outbox that no one is sending yet, oldest first, and reports each that
/// is delivered or refused. Stops at the first that still cannot get through: the others would
/// only wait the same way.
pub async fn flush(env: Env) {
    let Some(queue) = load_queue() else { return };
    for entry in queue.entries() {
        let id = entry.submission_id.clone();
        if !claim(&id) {
            continue;
        }
        let e = entry.clone();
        let sent = in_lead_lock(&id, move || {
            Box::pin(async move {
                // Another tab may have settled it between our reading the outbox and the lock.
                let waiting = load_queue().is_some_and(|q| q.get(&e.submission_id).is_some());
                if waiting {
                    Some(send(&e).await)
                } else {
                    None
                }
            })
        })
        .await
        .flatten();
        let Some(next) = sent else {
            // Being sent, or already settled, by another tab of this site.
            IN_FLIGHT.with(|f| f.borrow_mut().remove(&id));
            continue;
        };
        let (status, http_status) = match next {
            Next::Sent => ("sent", None),
            Next::Rejected(code) => {
                browser::warn(&format!(
                    "a queued lead was refused with HTTP {code} and is dropped"
                ));
                ("failed", Some(code))
            }
            Next::GiveUp(_) | Next::Wait(_) => break,
        };
        emit(&env, status, &id, entry.format, http_status);
    }
}

#[wasm_bindgen]
extern "C" {
    /// The page's `navigator.locks` (Web Locks API), bound here because web-sys has it only
    /// behind its unstable flag.
    type LockManager;

    #[wasm_bindgen(method, catch)]
    fn request(
        this: &LockManager,
        name: &str,
        options: &JsValue,
        callback: &JsValue,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// `navigator.locks`, where the browser has it (not in old browsers, nor on insecure origins).
fn lock_manager() -> Option<LockManager> {
    let navigator = browser::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    locks.is_object().then(|| locks.unchecked_into())
}

/// Runs `work` holding the Web Lock named for the lead `submission_id`, which every tab and
/// window of this site shares: two tabs that find the same lead in the outbox (both come back
/// online at once) send it once. `None` when another tab holds the lock, i.e. is sending it.
/// Without the API `work` runs at once, and only the widgets of one page keep apart
/// ([`claim`]).
async fn in_lead_lock<T: 'static>(
    submission_id: &str,
    work: impl FnOnce() -> futures::future::LocalBoxFuture<'static, T> + 'static,
) -> Option<T> {
    use std::rc::Rc;
    let Some(locks) = lock_manager() else {
        return Some(work().await);
    };
    type Slot<T> = Rc<RefCell<Option<T>>>;
    let work: Slot<Box<dyn FnOnce() -> futures::future::LocalBoxFuture<'static, T>>> =
        Rc::new(RefCell::new(Some(Box::new(work))));
    let out: Slot<T> = Rc::new(RefCell::new(None));
    let (todo, result) = (work.clone(), out.clone());
    let callback = Closure::once_into_js(move |lock: JsValue| -> js_sys::Promise {
        let Some(work) = todo.borrow_mut().take().filter(|_| !lock.is_null()) else {
            return js_sys::Promise::resolve(&JsValue::NULL);
        };
        wasm_bindgen_futures::future_to_promise(async move {
            let value = work().await;
            *result.borrow_mut() = Some(value);
            Ok(JsValue::UNDEFINED)
        })
    });
    let options = browser::detail([("ifAvailable", JsValue::TRUE)]);
    let name = format!("maturity-check:lead:{submission_id}");
    match locks.request(&name, &options, &callback) {
        Ok(granted) => {
            let _ = JsFuture::from(granted).await;
        }
        // Refused outright (a sandboxed frame): as without the API.
        Err(_) => {
            let work = work.borrow_mut().take();
            if let Some(work) = work {
                return Some(work().await);
            }
        }
    }
    let value = out.borrow_mut().take();
    value
}

/// Marks `submission_id` as being sent; `false` when someone on the page already is.
fn claim(submission_id: &str) -> bool {
    IN_FLIGHT.with(|f| f.borrow_mut().insert(submission_id.to_string()))
}

/// Sends a [`claim`]ed `entry` with retries, settles the outbox (out when accepted or refused, in
/// otherwise) and releases the claim.
async fn send(entry: &Entry) -> Next {
    let id = entry.submission_id.clone();
    let next = deliver(entry).await;
    if matches!(next, Next::Sent | Next::Rejected(_)) {
        update_queue(|q| q.remove(&id).is_some());
        let watchers: Vec<Watcher> = WATCHERS.with(|w| {
            let mut all = w.borrow_mut();
            let (mine, rest) = std::mem::take(&mut *all)
                .into_iter()
                .partition(|(i, _)| *i == id);
            *all = rest;
            mine.into_iter().map(|(_, f)| f).collect()
        });
        for w in watchers {
            w(&next);
        }
    }
    IN_FLIGHT.with(|f| f.borrow_mut().remove(&id));
    next
}

/// The retry loop: attempts until the engine says stop.
async fn deliver(entry: &Entry) -> Next {
    let mut delivery = Delivery::new(entry.retries);
    loop {
        // Offline, every attempt fails at once: queue it rather than burn the retries.
        if !online() {
            return Next::GiveUp(Attempt::NetworkError);
        }
        let (attempt, retry_after) = attempt(entry).await;
        match delivery.after(attempt, js_sys::Math::random(), retry_after.as_deref()) {
            Next::Wait(ms) => sleep(ms).await,
            done => return done,
        }
    }
}

/// One POST with a timeout: the status (and any `Retry-After`), or why there was none.
async fn attempt(entry: &Entry) -> (Attempt, Option<String>) {
    let Some(win) = browser::window() else {
        return (Attempt::NetworkError, None);
    };
    let Ok(headers) = web_sys::Headers::new() else {
        return (Attempt::NetworkError, None);
    };
    for (name, value) in entry.format.headers(&entry.submission_id) {
        let _ = headers.append(name, &value);
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_headers(&headers);
    // Not `to_string()`: `Display` goes through a vtable, which would keep the JSON writer in the
    // main module.
    init.set_body(&JsValue::from_str(
        &serde_json::to_string(&entry.body).unwrap_or_default(),
    ));
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    init.set_signal(signal.as_ref());
    let abort = Closure::once(move || {
        if let Some(c) = controller {
            c.abort();
        }
    });
    let timer = i32::try_from(entry.timeout_ms).unwrap_or(i32::MAX);
    let timer = win
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            timer,
        )
        .ok();
    let result = JsFuture::from(win.fetch_with_str_and_init(&entry.url, &init)).await;
    if let Some(t) = timer {
        win.clear_timeout_with_handle(t);
    }
    drop(abort);
    match result
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
    {
        Some(response) => {
            let retry_after = response.headers().get("retry-after").ok().flatten();
            (Attempt::Status(response.status()), retry_after)
        }
        None if signal.is_some_and(|s| s.aborted()) => (Attempt::Timeout, None),
        None => (Attempt::NetworkError, None),
    }
}

fn emit(env: &Env, status: &str, submission_id: &str, format: Format, http_status: Option<u16>) {
    let format = match format {
        Format::Json => "json",
        Format::Hubspot => "hubspot",
    };
    env.emit(
        "lead",
        crate::browser::detail([
            ("status", status.into()),
            ("submission_id", submission_id.into()),
            ("format", format.into()),
            ("http_status", crate::browser::or_null(http_status)),
        ]),
    );
}

/// The outbox, with unreadable and expired leads dropped (and said so). `None` when nothing is
/// stored (or there is no storage).
fn load_queue() -> Option<Queue> {
    let text = browser::storage_get(STORAGE_KEY)?;
    match Queue::parse(&text) {
        Ok(loaded) => {
            let mut queue = loaded.queue;
            let old = queue.expire(js_sys::Date::now());
            if loaded.discarded + old.len() > 0 {
                browser::warn(&format!(
                    "dropped {} unreadable and {} expired unsent lead(s)",
                    loaded.discarded,
                    old.len()
                ));
                browser::storage_set(STORAGE_KEY, &queue.to_text());
            }
            Some(queue)
        }
        Err(e) => {
            browser::warn(&format!("{e}; it was discarded"));
            browser::storage_remove(STORAGE_KEY);
            Some(Queue::default())
        }
    }
}

/// The sent-mark stored under `key`; anything unreadable is no mark.
fn stored_mark(key: &str) -> Option<SentMark> {
    let text = browser::storage_get(key)?;
    SentMark::from_value(&browser::parse_json(&text).ok()?)
}

/// The outbox as stored, if there is one.
fn outbox_text() -> Option<String> {
    browser::storage_get(STORAGE_KEY).filter(|t| !t.trim().is_empty())
}

/// Reads, changes and writes the outbox in one go (no await in between, so no other task can
/// interleave). `change` says whether it changed anything; the result is whether the change is
/// stored.
fn update_queue(change: impl FnOnce(&mut Queue) -> bool) -> bool {
    let mut queue = load_queue().unwrap_or_default();
    if !change(&mut queue) {
        return false;
    }
    if queue.is_empty() {
        browser::storage_remove(STORAGE_KEY);
        true
    } else {
        browser::storage_set(STORAGE_KEY, &queue.to_text())
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

async fn sleep(ms: u32) {
    let Some(win) = browser::window() else { return };
    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = win.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

fn online() -> bool {
    browser::window().is_none_or(|w| w.navigator().on_line())
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
