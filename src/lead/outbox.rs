//! The outbox in localStorage and the delivery of what it holds: claims, Web Locks, retries.

use std::cell::RefCell;
use std::collections::BTreeSet;

use maturity_check_engine::lead::delivery::{Attempt, Delivery, Next};
use maturity_check_engine::lead::queue::{Entry, Queue, STORAGE_KEY};
use maturity_check_engine::lead::{Format, SentMark};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::browser;
use crate::check::Env;

pub(super) type Watcher = Box<dyn Fn(&Next)>;

thread_local! {
    /// Submission ids being sent right now, by any widget on the page.
    static IN_FLIGHT: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
    /// Widgets waiting to hear that their queued lead was delivered.
    pub(super) static WATCHERS: RefCell<Vec<(String, Watcher)>> = const { RefCell::new(Vec::new()) };
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
pub(super) async fn in_lead_lock<T: 'static>(
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
pub(super) fn claim(submission_id: &str) -> bool {
    IN_FLIGHT.with(|f| f.borrow_mut().insert(submission_id.to_string()))
}

/// Sends a [`claim`]ed `entry` with retries, settles the outbox (out when accepted or refused, in
/// otherwise) and releases the claim.
pub(super) async fn send(entry: &Entry) -> Next {
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
    let result = JsFuture::from(crate::browser::global_fetch(&entry.url, &init)).await;
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

pub(super) fn emit(
    env: &Env,
    status: &str,
    submission_id: &str,
    format: Format,
    http_status: Option<u16>,
) {
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
pub(super) fn load_queue() -> Option<Queue> {
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
pub(super) fn stored_mark(key: &str) -> Option<SentMark> {
    let text = browser::storage_get(key)?;
    SentMark::from_value(&browser::parse_json(&text).ok()?)
}

/// The outbox as stored, if there is one.
pub fn outbox_text() -> Option<String> {
    browser::storage_get(STORAGE_KEY).filter(|t| !t.trim().is_empty())
}

/// Reads, changes and writes the outbox in one go (no await in between, so no other task can
/// interleave). `change` says whether it changed anything; the result is whether the change is
/// stored.
pub(super) fn update_queue(change: impl FnOnce(&mut Queue) -> bool) -> bool {
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
