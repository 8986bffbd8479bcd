/*!
Thin, failure-tolerant wrappers over the browser APIs the widget touches.

Every call here may fail on a real page (storage disabled, quota full, sandboxed iframes, odd
`location`s); each wrapper swallows the failure into `None`/`false` so that a hostile or
restricted page degrades a feature instead of panicking the module that every widget shares.
*/

use std::cell::RefCell;
use std::thread::LocalKey;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use maturity_check_engine::json::{self, Json, Node, Number};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn storage_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The keys of localStorage that `wanted` picks; none without storage. Read with
/// `Object.entries`, which the reading of page-supplied JSON binds already.
pub fn storage_keys(wanted: &dyn Fn(&str) -> bool) -> Vec<String> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    js_sys::Object::entries(&s)
        .iter()
        .filter_map(|entry| js_sys::Array::from(&entry).get(0).as_string())
        .filter(|k| wanted(k))
        .collect()
}

pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("[maturity-check] {message}")));
}

pub fn error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("[maturity-check] {message}")));
}

/// Why page-supplied JSON text could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonError {
    /// Not JSON: the browser's message, which says where the text goes wrong.
    Syntax(String),
    /// Nested deeper than [`json::MAX_DEPTH`].
    TooDeep(json::TooDeep),
}

impl JsonError {
    /// The JSON path it concerns (`$` for a syntax error) and what is wrong there.
    pub fn located(&self) -> (String, String) {
        match self {
            JsonError::Syntax(detail) => ("$".to_string(), detail.clone()),
            JsonError::TooDeep(e) => (e.path.clone(), e.message()),
        }
    }
}

/// Parses JSON text with the browser's own parser. The first view then needs no JSON parser in
/// the wasm; the engine reads the result as its own light [`Json`], at most [`json::MAX_DEPTH`]
/// levels deep (the browser parses deeper text happily; reading it here would recurse as deep).
pub fn parse_json(text: &str) -> Result<Json, JsonError> {
    let value = js_sys::JSON::parse(text).map_err(|e| {
        JsonError::Syntax(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "unreadable".to_string()),
        )
    })?;
    json::read_tree(&Parsed(value)).map_err(JsonError::TooDeep)
}

/// A value `JSON.parse` returned: whole numbers become integers (so that `as_u64` reads them),
/// others floats; object members keep their order.
struct Parsed(JsValue);

impl json::Tree for Parsed {
    fn node(&self) -> Node<Parsed> {
        let v = &self.0;
        if let Some(b) = v.as_bool() {
            Node::Bool(b)
        } else if let Some(n) = v.as_f64() {
            Node::Number(Number::from_f64(n))
        } else if let Some(s) = v.as_string() {
            Node::String(s)
        } else if js_sys::Array::is_array(v) {
            Node::Array(js_sys::Array::from(v).iter().map(Parsed).collect())
        } else if let Some(object) = v.dyn_ref::<js_sys::Object>() {
            Node::Object(
                js_sys::Object::entries(object)
                    .iter()
                    .filter_map(|entry| {
                        let pair = js_sys::Array::from(&entry);
                        Some((pair.get(0).as_string()?, Parsed(pair.get(1))))
                    })
                    .collect(),
            )
        } else {
            Node::Null
        }
    }
}

/// An event's detail: `fields` as a plain JS object, built directly (no JSON value or text in
/// between, so the first view needs neither serde_json's writer nor a conversion of its values).
pub fn detail<const N: usize>(fields: [(&str, JsValue); N]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
    }
    object.into()
}

/// An optional detail field: the value, or `null`.
pub fn or_null(value: Option<impl Into<JsValue>>) -> JsValue {
    value.map_or(JsValue::NULL, Into::into)
}

/// Dispatches `maturity-check:<name>` on `host` (bubbling, composed) with `detail` as a plain
/// object, and pushes `{event, ...detail}` to `window.dataLayer` when `data_layer` is on.
pub fn emit(host: &HtmlElement, name: &str, detail: JsValue, data_layer: bool) {
    let event_name = format!("maturity-check:{name}");
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(&event_name, &init) {
        let _ = host.dispatch_event(&event);
    }
    if data_layer {
        push_data_layer(&event_name, &detail);
    }
}

fn push_data_layer(event_name: &str, payload: &JsValue) {
    let Some(win) = window() else { return };
    let key = JsValue::from_str("dataLayer");
    let mut layer = js_sys::Reflect::get(&win, &key).unwrap_or(JsValue::UNDEFINED);
    if !js_sys::Array::is_array(&layer) {
        if !layer.is_undefined() {
            // Something else owns the name; leave it alone.
            return;
        }
        layer = js_sys::Array::new().into();
        let _ = js_sys::Reflect::set(&win, &key, &layer);
    }
    // `{event, ...detail}`: a copy, so that the page's listeners and the data layer do not share
    // one object.
    let entry = detail([("event", event_name.into())]);
    if let Some(fields) = payload.dyn_ref::<js_sys::Object>() {
        js_sys::Object::assign(entry.unchecked_ref(), fields);
    }
    if let Ok(push) = js_sys::Reflect::get(&layer, &JsValue::from_str("push")) {
        if let Some(push) = push.dyn_ref::<js_sys::Function>() {
            let _ = push.call1(&layer, &entry);
        }
    }
}

/// How many `<maturity-check>` elements the page has.
pub fn checks_on_page() -> u32 {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("maturity-check").ok())
        .map_or(0, |l| l.length())
}

/// The host page's `<html lang>`, if set.
pub fn page_lang() -> Option<String> {
    let lang = window()?
        .document()?
        .document_element()?
        .get_attribute("lang")?;
    (!lang.trim().is_empty()).then_some(lang)
}

/// The browser's preferred languages.
pub fn browser_languages() -> Vec<String> {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut out: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if out.is_empty() {
        out.extend(nav.language());
    }
    out
}

pub fn prefers_reduced_motion() -> bool {
    window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The value of `name=` in the URL fragment (`#a=1&mc=...`).
pub fn fragment_param(name: &str) -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    hash.trim_start_matches('#').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// The page URL with the fragment replaced by `name=value`.
pub fn url_with_fragment(name: &str, value: &str) -> Option<String> {
    let href = window()?.location().href().ok()?;
    let base = href.split('#').next().unwrap_or(&href);
    Some(format!("{base}#{name}={value}"))
}

/// Removes `name=` from the fragment without a navigation or a history entry. Leaves the history
/// alone when the fragment has no such parameter, and keeps the entry's state when it has: a
/// single-page app's router keeps what it stored there.
pub fn clear_fragment_param(name: &str) {
    let Some(win) = window() else { return };
    let Ok(hash) = win.location().hash() else {
        return;
    };
    let prefix = format!("{name}=");
    let parts = hash.trim_start_matches('#').split('&');
    if !parts.clone().any(|p| p.starts_with(&prefix)) {
        return;
    }
    let rest: Vec<&str> = parts.filter(|p| !p.starts_with(&prefix)).collect();
    let Ok(href) = win.location().href() else {
        return;
    };
    let base = href.split('#').next().unwrap_or(&href).to_string();
    let url = if rest.iter().all(|p| p.is_empty()) {
        base
    } else {
        format!("{base}#{}", rest.join("&"))
    };
    if let Ok(history) = win.history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
}

pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Copies `text` to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let Some(win) = window() else { return false };
    let promise = win.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// A load every widget on the page may wait for (a download and what is made of it).
pub type PageLoad<T, E> = Shared<LocalBoxFuture<'static, Result<T, E>>>;

/// Where a [`PageLoad`] is kept, with the key (URL) it loads.
pub type PageLoadSlot<T, E> = RefCell<Option<(String, PageLoad<T, E>)>>;

/// The result of the load for `key`: `start`ed unless one for the same key is already under way
/// or done, so callers that ask at the same time (the background fetch after the first answer and
/// the results screen, several widgets) share one download. A failed load is forgotten, so the
/// next call tries again.
pub async fn load_once<T: Clone + 'static, E: Clone + 'static>(
    slot: &'static LocalKey<PageLoadSlot<T, E>>,
    key: &str,
    start: impl FnOnce() -> LocalBoxFuture<'static, Result<T, E>>,
) -> Result<T, E> {
    let load = slot.with_borrow_mut(|kept| match kept {
        Some((k, load)) if k == key => load.clone(),
        _ => {
            let load = start().shared();
            *kept = Some((key.to_string(), load.clone()));
            load
        }
    });
    load.clone().await.inspect_err(|_| {
        slot.with_borrow_mut(|kept| {
            if kept.as_ref().is_some_and(|(_, l)| l.ptr_eq(&load)) {
                *kept = None;
            }
        })
    })
}

/// GETs `url` and returns the body; a network failure or an HTTP error status comes back as text.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    fetch(url, None).await
}

/// [`fetch_text`], given up after `timeout_ms` (a server that never answers would otherwise
/// leave the widget waiting for good).
pub async fn fetch_text_within(url: &str, timeout_ms: u32) -> Result<String, String> {
    fetch(url, Some(timeout_ms)).await
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `fetch`. In `dist/` that is the loader's `fetchFile` (`public/files.js`), which
    /// fetches a widget file (the questions, the advice, the results' styles) by its hashed name
    /// with its SRI hash, so a changed file is refused; any other URL as it is.
    #[wasm_bindgen(js_name = fetch)]
    pub fn global_fetch(url: &str, init: &web_sys::RequestInit) -> js_sys::Promise;
}

async fn fetch(url: &str, timeout_ms: Option<u32>) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    if let Some(ms) = timeout_ms {
        init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(ms)));
    }
    let request = global_fetch(url, &init);
    let response = JsFuture::from(request).await.map_err(|e| {
        let timed_out = e
            .dyn_ref::<js_sys::Error>()
            .is_some_and(|e| e.name() == "TimeoutError");
        match (timed_out, timeout_ms) {
            (true, Some(ms)) => {
                let mut m = String::from("no answer within ");
                m.push_str(&(ms / 1000).to_string());
                m.push_str(" s");
                m
            }
            _ => "the network request failed".to_string(),
        }
    })?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| "unreadable body".to_string())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "unreadable body".to_string())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    use super::{parse_json, Json, JsonError};
    use maturity_check_engine::json::MAX_DEPTH;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn json_parsed_by_the_browser_reads_as_serde_json_reads_it() {
        for text in [
            r#"{"locale":"en","lead":{"timeout_ms":5000,"retries":-1},"theme":{"radius":12.5}}"#,
            r#"[true,false,null,"ü \" \\",0,-7,9007199254740991,0.1,-2.5,[],{}]"#,
            r#"{"dup":1,"dup":2}"#,
            "\"text\"",
        ] {
            let ours = parse_json(text).expect("valid JSON");
            let theirs: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
            assert_eq!(ours, Json::from(&theirs), "{text}");
        }
        assert_eq!(
            parse_json(r#"{"n":5000}"#).ok().and_then(|v| v
                .as_object()
                .and_then(|o| o.get("n"))
                .and_then(Json::as_u64)),
            Some(5000),
            "whole numbers stay integers"
        );
        for bad in ["{bad", "", "{\"a\":1,}"] {
            let (path, message) = parse_json(bad).expect_err(bad).located();
            assert_eq!(path, "$");
            assert!(!message.is_empty(), "{bad}: a message says what is wrong");
        }
    }

    #[wasm_bindgen_test]
    fn json_nested_deeper_than_the_limit_is_refused_with_its_path() {
        let nested =
            |depth: usize| format!(r#"{{"texts": {}{}}}"#, "[".repeat(depth), "]".repeat(depth));
        // The browser reads 20,000 levels; the widget stops at the limit instead of recursing.
        match parse_json(&nested(20_000)) {
            Err(JsonError::TooDeep(e)) => {
                assert_eq!(e.path, format!("$.texts{}", "[0]".repeat(MAX_DEPTH - 1)));
            }
            other => panic!("expected TooDeep, got {other:?}"),
        }
        assert!(
            parse_json(&nested(MAX_DEPTH - 1)).is_ok(),
            "the limit itself is fine"
        );
        assert!(matches!(
            parse_json(&nested(MAX_DEPTH)),
            Err(JsonError::TooDeep(_))
        ));
    }
}
