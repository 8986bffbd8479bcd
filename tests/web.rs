//! The widget's components in a real browser (headless Chromium via wasm-bindgen-test-runner).
//!
//! Each test mounts a widget through the same `mount` entry point the loader uses, into a fresh
//! host element, and drives it the way a person would: clicks and key presses, then reads the DOM.

#![cfg(target_arch = "wasm32")]

use maturity_check::{mount, WidgetHandle};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A host element in the page and a container inside it, as the loader makes them.
fn host() -> (HtmlElement, HtmlElement) {
    let doc = document();
    let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    let container: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    host.append_child(&container).unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    (host, container)
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `f` holds, polling the DOM (Leptos updates it asynchronously).
async fn until(what: &str, f: impl Fn() -> bool) {
    for _ in 0..100 {
        if f() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click(root: &Element, selector: &str) {
    let el: HtmlElement = find(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    el.click();
}

fn press(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Mounts a widget with `config` and presses its start button.
async fn started(config: &str) -> (WidgetHandle, HtmlElement) {
    let (host, container) = host();
    let widget = mount(host, container.clone(), config.into(), None, None, None).await;
    until("intro", || {
        find(&container, ".mc-button--primary").is_some()
    })
    .await;
    click(&container, ".mc-button--primary");
    (widget, container)
}

fn counter(root: &Element) -> String {
    text(root, ".mc-step__counter")
}

#[wasm_bindgen_test]
async fn intro_shows_the_title_the_length_and_a_start_button() {
    let (host, container) = host();
    let _widget = mount(
        host,
        container.clone(),
        r#"{"locale":"en","persistence":false}"#.into(),
        None,
        None,
        None,
    )
    .await;
    until("intro", || find(&container, ".mc-intro").is_some()).await;
    assert!(
        text(&container, "h2").contains("Maturity"),
        "title: {}",
        text(&container, "h2")
    );
    assert!(text(&container, ".mc-facts").contains("24 questions"));
    assert!(text(&container, ".mc-privacy").contains("stay in your browser"));
    assert_eq!(text(&container, ".mc-button--primary"), "Start the check");
}

#[wasm_bindgen_test]
async fn picking_by_number_key_records_the_answer_and_moves_on() {
    let (_widget, container) = started(r#"{"locale":"de","persistence":false}"#).await;
    until("first question", || counter(&container) == "Frage 1 von 24").await;
    let options = container.query_selector_all("[role=radio]").unwrap();
    assert!(options.length() >= 2);
    assert!(find(&container, "[role=radiogroup]").is_some());
    let step = find(&container, ".mc-step").unwrap();
    press(&step, "2");
    until("second question", || {
        counter(&container) == "Frage 2 von 24"
    })
    .await;
    // Back shows the earlier choice as checked.
    click(&container, ".mc-button--ghost");
    until("first question again", || {
        counter(&container) == "Frage 1 von 24"
    })
    .await;
    let checked = find(&container, "[role=radio][aria-checked=true]").expect("a checked option");
    assert_eq!(text(&checked, ".mc-option__key"), "2");
}

#[wasm_bindgen_test]
async fn arrow_keys_move_focus_without_picking() {
    let (_widget, container) = started(r#"{"locale":"en","persistence":false}"#).await;
    until("first question", || {
        counter(&container) == "Question 1 of 24"
    })
    .await;
    let first = find(&container, "[role=radio]").unwrap();
    first.dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    press(&first, "ArrowDown");
    leptos::task::tick().await;
    let active = document().active_element().expect("focus");
    assert_eq!(active.get_attribute("role").as_deref(), Some("radio"));
    assert_eq!(
        text(&active, ".mc-option__key"),
        "2",
        "focus moved to the second option"
    );
    assert!(
        find(&container, "[aria-checked=true]").is_none(),
        "nothing picked yet"
    );
    press(&active, " ");
    until("second question", || {
        counter(&container) == "Question 2 of 24"
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_question_with_jargon_explains_it_folded() {
    let (_widget, container) = started(r#"{"locale":"en","persistence":false}"#).await;
    until("first question", || {
        counter(&container) == "Question 1 of 24"
    })
    .await;
    assert!(
        find(&container, ".mc-explain").is_none(),
        "team size needs no explanation"
    );
    // Question 6 is `vision-promise`, which explains what a service promise is.
    for i in 1..=5 {
        until("a question", || {
            counter(&container) == format!("Question {i} of 24")
        })
        .await;
        press(&find(&container, ".mc-step").unwrap(), "1");
    }
    until("sixth question", || {
        counter(&container) == "Question 6 of 24"
    })
    .await;
    assert_eq!(
        text(&container, ".mc-explain summary"),
        "What does this mean?"
    );
    assert_eq!(
        attr(&container, "details.mc-explain", "open"),
        None,
        "folded at first"
    );
}

#[wasm_bindgen_test]
async fn a_full_run_shows_stage_scores_and_plan() {
    let (_widget, container) = started(r#"{"locale":"en","persistence":false,"cta":{"label":"Talk to us","url":"https://example.com/contact"}}"#).await;
    for i in 1..=24 {
        until("a question", || {
            counter(&container) == format!("Question {i} of 24")
        })
        .await;
        // The highest option of every question ("3" on the three-option context questions).
        let n = container
            .query_selector_all("[role=radio]")
            .unwrap()
            .length();
        let key = if n >= 5 { "5" } else { "1" };
        press(&find(&container, ".mc-step").unwrap(), key);
    }
    until("results", || find(&container, ".mc-results").is_some()).await;
    assert!(
        text(&container, "#mc-results-title").starts_with("Stage 3 of 3"),
        "{}",
        text(&container, "#mc-results-title")
    );
    assert_eq!(text(&container, ".mc-summary__points"), "100");
    let rows = container.query_selector_all(".mc-table tbody tr").unwrap();
    assert_eq!(rows.length(), 6);
    for column in ["now", "build-up", "leave-out"] {
        let entries = container
            .query_selector_all(&format!(".mc-plan__column--{column} li"))
            .unwrap();
        assert!(entries.length() >= 1, "plan column {column} is empty");
    }
    let details = container.query_selector_all(".mc-details").unwrap();
    assert_eq!(details.length(), 6);
    // A dimension opens and closes with its button, which says so.
    let button: web_sys::HtmlElement = find(&container, ".mc-details .mc-disclosure__button")
        .expect("a disclosure button")
        .dyn_into()
        .unwrap();
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    button.click();
    leptos::task::tick().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(find(&container, ".mc-details .mc-disclosure[data-open]").is_some());
    button.click();
    leptos::task::tick().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    // The radar draws the role's target beside the scores, and the table lists both.
    assert!(find(&container, "polygon[data-series=target]").is_some());
    assert_eq!(
        container
            .query_selector_all(".mc-table thead th")
            .unwrap()
            .length(),
        4
    );
    assert_eq!(
        container
            .query_selector_all(".mc-focus__area")
            .unwrap()
            .length(),
        3
    );
    let cta = find(&container, ".mc-cta__link").expect("call to action");
    assert_eq!(
        cta.get_attribute("href").as_deref(),
        Some("https://example.com/contact")
    );
    assert!(
        find(&container, "svg[role=img] title").is_some(),
        "radar has a text alternative"
    );
}

#[wasm_bindgen_test]
async fn an_invalid_config_shows_the_error_panel_with_paths_and_an_event() {
    let (host, container) = host();
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let record = {
        let seen = seen.clone();
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::CustomEvent)>::new(
            move |e: web_sys::CustomEvent| {
                let path = js_sys::Reflect::get(&e.detail(), &JsValue::from_str("path"))
                    .ok()
                    .and_then(|p| p.as_string());
                seen.borrow_mut().push(path.unwrap_or_default());
            },
        )
    };
    host.add_event_listener_with_callback("maturity-check:error", record.as_ref().unchecked_ref())
        .unwrap();
    let config =
        r##"{"theme":{"primary":"blue"},"cta":{"label":"x","url":"javascript:alert(1)"}}"##;
    let _widget = mount(host, container.clone(), config.into(), None, None, None).await;
    until("error panel", || find(&container, "[role=alert]").is_some()).await;
    let panel = text(&container, "[role=alert]");
    assert!(panel.contains("$.theme.primary"), "{panel}");
    assert!(panel.contains("$.cta.url"), "{panel}");
    assert_eq!(
        *seen.borrow(),
        vec!["$.theme.primary".to_string(), "$.cta.url".to_string()]
    );
}

/// Puts `hash` into the page's URL with `state` (an object `{route}`) as the history entry's state.
fn set_history(route: &str, hash: &str) {
    let state = js_sys::Object::new();
    js_sys::Reflect::set(&state, &"route".into(), &route.into()).unwrap();
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&state, "", Some(hash))
        .unwrap();
}

/// The history entry's `route` and the page's fragment.
fn history_now() -> (Option<String>, String) {
    let window = web_sys::window().unwrap();
    let state = window.history().unwrap().state().unwrap();
    let route = js_sys::Reflect::get(&state, &"route".into())
        .ok()
        .and_then(|r| r.as_string());
    (route, window.location().hash().unwrap())
}

#[wasm_bindgen_test]
async fn starting_leaves_the_page_s_history_alone_without_a_share_code() {
    set_history("pricing", "#tab=2");
    let state_before = web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .state()
        .unwrap();
    let (_widget, container) = started(r#"{"locale":"en","persistence":false}"#).await;
    until("first question", || {
        counter(&container) == "Question 1 of 24"
    })
    .await;
    let state_after = web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .state()
        .unwrap();
    // The very same object: the entry was not replaced.
    assert!(js_sys::Object::is(&state_before, &state_after));
    assert_eq!(history_now(), (Some("pricing".into()), "#tab=2".into()));
    set_history("", "#");
}

#[wasm_bindgen_test]
async fn starting_removes_a_share_code_and_keeps_the_page_s_history_state() {
    set_history("pricing", "#tab=2&mc=stale");
    // Sharing off, so the stale code is not opened; starting still clears it from the URL.
    let (_widget, container) =
        started(r#"{"locale":"en","persistence":false,"share":false}"#).await;
    until("first question", || {
        counter(&container) == "Question 1 of 24"
    })
    .await;
    assert_eq!(history_now(), (Some("pricing".into()), "#tab=2".into()));
    set_history("", "#");
}

#[wasm_bindgen_test]
async fn destroy_removes_the_widget() {
    let (host, container) = host();
    let mut widget = mount(host, container.clone(), "{}".into(), None, None, None).await;
    until("intro", || find(&container, ".mc-intro").is_some()).await;
    widget.destroy();
    leptos::task::tick().await;
    assert_eq!(container.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn destroying_during_the_pick_transition_leaves_the_module_working() {
    let (mut widget, container) = started(r#"{"locale":"de","persistence":false}"#).await;
    until("first question", || counter(&container) == "Frage 1 von 24").await;
    press(&find(&container, ".mc-step").unwrap(), "1");
    // The next step is due after the transition; the widget goes away first.
    widget.destroy();
    sleep(400).await;
    let (host2, container2) = host();
    let _again = mount(
        host2,
        container2.clone(),
        r#"{"locale":"de","persistence":false}"#.into(),
        None,
        None,
        None,
    )
    .await;
    until("a new widget's intro", || {
        find(&container2, ".mc-button--primary").is_some()
    })
    .await;
    click(&container2, ".mc-button--primary");
    until("its first question", || {
        counter(&container2) == "Frage 1 von 24"
    })
    .await;
}

/// Puts a share link for complete answers into the URL (so a widget opens on its results) until
/// dropped.
struct SharedResult;

impl SharedResult {
    fn open() -> Self {
        let location = web_sys::window().unwrap().location();
        location
            .set_hash("mc=1~cs-maturity~1~01234012340123401234~0120")
            .unwrap();
        SharedResult
    }
}

impl Drop for SharedResult {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash("");
        }
    }
}

fn attr(root: &Element, selector: &str, name: &str) -> Option<String> {
    find(root, selector).and_then(|e| e.get_attribute(name))
}

#[wasm_bindgen_test]
async fn the_lead_form_shows_only_with_an_endpoint_and_asks_for_the_configured_fields() {
    let _shared = SharedResult::open();
    let (plain_host, plain) = host();
    let _plain = mount(
        plain_host,
        plain.clone(),
        r#"{"locale":"en","persistence":false}"#.into(),
        None,
        None,
        None,
    )
    .await;
    until("results", || find(&plain, ".mc-results").is_some()).await;
    assert!(
        find(&plain, ".mc-leadform").is_none(),
        "no endpoint, no form"
    );

    let (host, container) = host();
    let config = r#"{"locale":"en","persistence":false,"privacy_url":"/privacy",
        "lead":{"endpoint":"/leads","fields":{"phone":"required","message":"optional"}}}"#;
    let _widget = mount(host, container.clone(), config.into(), None, None, None).await;
    until("lead form", || {
        find(&container, ".mc-leadform form").is_some()
    })
    .await;
    let labels: Vec<String> = (0..5)
        .filter_map(|i| {
            container
                .query_selector_all(".mc-field__label")
                .unwrap()
                .item(i)
                .and_then(|l| l.text_content())
        })
        .collect();
    assert_eq!(
        labels,
        [
            "Name",
            "Email (required)",
            "Company",
            "Phone (required)",
            "Message"
        ]
    );
    assert_eq!(
        attr(&container, "#mc-lead-email", "type").as_deref(),
        Some("email")
    );
    assert_eq!(
        attr(&container, "#mc-lead-email", "autocomplete").as_deref(),
        Some("email")
    );
    assert!(find(&container, "#mc-lead-phone[required]").is_some());
    assert!(find(&container, "textarea#mc-lead-message").is_some());
    assert_eq!(
        attr(&container, ".mc-leadform__hp", "aria-hidden").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&container, "#mc-lead-website", "tabindex").as_deref(),
        Some("-1")
    );
    assert_eq!(
        attr(&container, ".mc-consent__privacy", "href").as_deref(),
        Some("/privacy")
    );
    assert!(text(&container, ".mc-consent__text").starts_with("I agree that my details"));
    assert_eq!(
        attr(&container, ".mc-leadform__status", "role").as_deref(),
        Some("status")
    );
}

#[wasm_bindgen_test]
async fn sending_an_empty_lead_form_marks_every_problem_and_sends_nothing() {
    let _shared = SharedResult::open();
    let (host, container) = host();
    let config = r#"{"locale":"de","persistence":false,"lead":{"endpoint":"/leads","fields":{"name":"required"}}}"#;
    let _widget = mount(host, container.clone(), config.into(), None, None, None).await;
    until("lead form", || {
        find(&container, ".mc-leadform form").is_some()
    })
    .await;
    click(&container, ".mc-leadform button[type=submit]");
    until("problems shown", || {
        attr(&container, "#mc-lead-consent", "aria-invalid").is_some()
    })
    .await;
    for (input, message) in [
        ("#mc-lead-name", "Bitte ausfüllen."),
        ("#mc-lead-email", "Bitte ausfüllen."),
        (
            "#mc-lead-consent",
            "Ohne eure Einwilligung wird nichts gesendet. Setzt den Haken, wenn ihr einverstanden seid.",
        ),
    ] {
        assert_eq!(
            attr(&container, input, "aria-invalid").as_deref(),
            Some("true"),
            "{input}"
        );
        let described = attr(&container, input, "aria-describedby").expect("described");
        assert_eq!(text(&container, &format!("#{described}")), message);
    }
    assert!(
        find(&container, "#mc-lead-company[aria-invalid]").is_none(),
        "optional and empty is fine"
    );
    assert_eq!(text(&container, ".mc-leadform__status"), "");
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("maturity-check:leads")
        .unwrap();
    assert_eq!(stored, None, "nothing queued, nothing sent");
}
