//! The widget's components in a real browser (headless Chromium via wasm-bindgen-test-runner).
//!
//! Each test mounts a widget through the same `mount` entry point the loader uses, into a fresh
//! host element, and drives it the way a person would: clicks and key presses, then reads the DOM.
//! Elements are found the way a person and a screen reader find them, by role and accessible
//! name (as Testing Library's `getByRole` does), not by the classes of the stylesheet.

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

// ---------------------------------------------------------------------------------------------
// Roles and accessible names: a small subset of WAI-ARIA, HTML-AAM and accname, enough for the
// widget's markup.
// ---------------------------------------------------------------------------------------------

/// How an accessible name is matched.
#[derive(Debug, Clone, Copy)]
enum Name<'a> {
    /// Any name, also none.
    Any,
    /// Exactly this (after collapsing whitespace).
    Is(&'a str),
    /// Containing this: for names with numbers or long sentences.
    Contains(&'a str),
    StartsWith(&'a str),
    EndsWith(&'a str),
}

impl<'a> From<&'a str> for Name<'a> {
    fn from(name: &'a str) -> Self {
        Name::Is(name)
    }
}

impl<'a> From<&'a String> for Name<'a> {
    fn from(name: &'a String) -> Self {
        Name::Is(name)
    }
}

impl Name<'_> {
    fn matches(self, name: &str) -> bool {
        match self {
            Name::Any => true,
            Name::Is(n) => name == n,
            Name::Contains(n) => name.contains(n),
            Name::StartsWith(n) => name.starts_with(n),
            Name::EndsWith(n) => name.ends_with(n),
        }
    }
}

fn contains(part: &str) -> Name<'_> {
    Name::Contains(part)
}

fn starts_with(part: &str) -> Name<'_> {
    Name::StartsWith(part)
}

fn ends_with(part: &str) -> Name<'_> {
    Name::EndsWith(part)
}

fn attr_of(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

/// `s` with runs of whitespace as one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element with `id` nearest to `from`: the first match in `from` or its closest ancestor
/// that has one. Several widgets share the test page, each with the same ids, so a plain
/// `getElementById` could answer with another widget's element.
fn by_id_near(from: &Element, id: &str) -> Option<Element> {
    let selector = format!("[id=\"{id}\"]");
    let mut scope = Some(from.clone());
    while let Some(el) = scope {
        if el.id() == id {
            return Some(el);
        }
        if let Some(found) = el.query_selector(&selector).ok().flatten() {
            return Some(found);
        }
        scope = el.parent_element();
    }
    None
}

/// The element's role: its `role` attribute (the first token), else the implicit role of its tag.
fn role_of(el: &Element) -> Option<String> {
    if let Some(role) = attr_of(el, "role") {
        if let Some(first) = role.split_whitespace().next() {
            return Some(first.to_string());
        }
    }
    let has_name =
        || attr_of(el, "aria-label").is_some() || attr_of(el, "aria-labelledby").is_some();
    let in_sectioning = || {
        el.parent_element()
            .and_then(|p| {
                p.closest("article, aside, main, nav, section")
                    .ok()
                    .flatten()
            })
            .is_some()
    };
    let role = match el.local_name().as_str() {
        "button" => "button",
        "a" | "area" if el.has_attribute("href") => "link",
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "heading",
        "ul" | "ol" | "menu" => "list",
        "li" => "listitem",
        "table" => "table",
        "thead" | "tbody" | "tfoot" => "rowgroup",
        "tr" => "row",
        "th" => match attr_of(el, "scope").as_deref() {
            Some("row") => "rowheader",
            _ => "columnheader",
        },
        "td" => "cell",
        "caption" => "caption",
        "input" => match attr_of(el, "type")
            .unwrap_or_default()
            .to_lowercase()
            .as_str()
        {
            "checkbox" => "checkbox",
            "radio" => "radio",
            "button" | "submit" | "reset" | "image" => "button",
            "range" => "slider",
            "number" => "spinbutton",
            "search" => "searchbox",
            "hidden" => return None,
            // text, email, tel, url, and no type
            _ => "textbox",
        },
        "textarea" => "textbox",
        "select" => "combobox",
        "option" => "option",
        "progress" => "progressbar",
        "section" if has_name() => "region",
        "form" => "form",
        "main" => "main",
        "header" if !in_sectioning() => "banner",
        "footer" if !in_sectioning() => "contentinfo",
        "nav" => "navigation",
        "aside" => "complementary",
        "article" => "article",
        "fieldset" => "group",
        "dialog" => "dialog",
        "p" => "paragraph",
        "img" if attr_of(el, "alt").as_deref() == Some("") => "presentation",
        "img" => "img",
        _ => return None,
    };
    Some(role.to_string())
}

/// Roles whose name comes only from the author (a label, `aria-label`, `aria-labelledby`), never
/// from their content.
const NAME_FROM_AUTHOR: &[&str] = &[
    "alert",
    "article",
    "banner",
    "combobox",
    "complementary",
    "contentinfo",
    "dialog",
    "form",
    "group",
    "img",
    "list",
    "main",
    "navigation",
    "progressbar",
    "radiogroup",
    "region",
    "rowgroup",
    "searchbox",
    "status",
    "table",
    "textbox",
];

/// The element's accessible name: `aria-labelledby` (the text of those elements), `aria-label`,
/// for form fields their `<label>`, for images their `alt`, for tables their caption; else, for
/// roles that take it, the text content. Whitespace collapsed.
fn name_of(el: &Element) -> String {
    collapse(&raw_name(el))
}

fn raw_name(el: &Element) -> String {
    if let Some(ids) = attr_of(el, "aria-labelledby") {
        let parts: Vec<String> = ids
            .split_whitespace()
            .filter_map(|id| by_id_near(el, id))
            .map(|e| content_text(&e))
            .collect();
        if !parts.is_empty() {
            return parts.join(" ");
        }
    }
    if let Some(label) = attr_of(el, "aria-label").filter(|l| !l.trim().is_empty()) {
        return label;
    }
    let first_child = |selector: &str| {
        el.query_selector(selector)
            .ok()
            .flatten()
            .filter(|c| c.parent_element().as_ref() == Some(el))
    };
    match el.local_name().as_str() {
        "input" | "textarea" | "select" => {
            let ty = attr_of(el, "type").unwrap_or_default();
            if matches!(ty.as_str(), "button" | "submit" | "reset") {
                return attr_of(el, "value").unwrap_or_default();
            }
            let mut labels: Vec<Element> = Vec::new();
            let id = el.id();
            if !id.is_empty() {
                let mut scope = el.parent_element();
                while let Some(s) = scope {
                    let found = s
                        .query_selector_all(&format!("label[for=\"{id}\"]"))
                        .unwrap();
                    if found.length() > 0 {
                        labels.extend(
                            (0..found.length())
                                .filter_map(|i| found.item(i))
                                .filter_map(|n| n.dyn_into::<Element>().ok()),
                        );
                        break;
                    }
                    scope = s.parent_element();
                }
            }
            if let Some(wrapping) = el.closest("label").ok().flatten() {
                if !labels.contains(&wrapping) {
                    labels.push(wrapping);
                }
            }
            let text: Vec<String> = labels.iter().map(content_text).collect();
            return text.join(" ");
        }
        "img" => return attr_of(el, "alt").unwrap_or_default(),
        "table" => {
            return first_child("caption")
                .map(|c| content_text(&c))
                .unwrap_or_default()
        }
        "fieldset" => {
            return first_child("legend")
                .map(|c| content_text(&c))
                .unwrap_or_default()
        }
        "svg" => {
            return first_child("title")
                .map(|c| content_text(&c))
                .unwrap_or_default()
        }
        _ => {}
    }
    match role_of(el) {
        Some(role) if NAME_FROM_AUTHOR.contains(&role.as_str()) => String::new(),
        _ => content_text(el),
    }
}

/// The text of `el`'s content as a screen reader reads it: what is hidden from assistive
/// technology (`aria-hidden`, `hidden`, not rendered) left out, an element with `aria-label` read
/// by its label.
fn content_text(el: &Element) -> String {
    let mut out = String::new();
    let children = el.child_nodes();
    for i in 0..children.length() {
        let Some(node) = children.item(i) else {
            continue;
        };
        if let Some(child) = node.dyn_ref::<Element>() {
            if attr_of(child, "aria-hidden").as_deref() == Some("true")
                || child.has_attribute("hidden")
                || !rendered(child)
            {
                continue;
            }
            if let Some(label) = attr_of(child, "aria-label").filter(|l| !l.trim().is_empty()) {
                out.push_str(&label);
            } else if child.local_name() == "img" {
                out.push_str(&attr_of(child, "alt").unwrap_or_default());
            } else if child.local_name() == "br" {
                out.push(' ');
            } else {
                out.push_str(&content_text(child));
            }
        } else if node.node_type() == web_sys::Node::TEXT_NODE {
            out.push_str(&node.text_content().unwrap_or_default());
        }
    }
    out
}

/// Whether the browser renders `el` (not `display: none` on it or an ancestor, not
/// `visibility: hidden`), by `Element.checkVisibility`.
fn rendered(el: &Element) -> bool {
    let Ok(check) = js_sys::Reflect::get(el, &"checkVisibility".into()) else {
        return true;
    };
    let Some(check) = check.dyn_ref::<js_sys::Function>() else {
        return true;
    };
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"visibilityProperty".into(), &true.into()).unwrap();
    check
        .call1(el, &options)
        .map(|v| v.as_bool() != Some(false))
        .unwrap_or(true)
}

/// Whether `el` is out of the accessibility tree: it or an ancestor is `aria-hidden`, `hidden`,
/// or not rendered.
fn inaccessible(el: &Element) -> bool {
    let mut at = Some(el.clone());
    while let Some(e) = at {
        if attr_of(&e, "aria-hidden").as_deref() == Some("true") || e.has_attribute("hidden") {
            return true;
        }
        at = e.parent_element();
    }
    !rendered(el)
}

/// The elements under `root` (not `root` itself) with `role` and a name that `name` matches, in
/// document order; with `hidden`, also those out of the accessibility tree.
fn query_role(root: &Element, role: &str, name: Name, hidden: bool) -> Vec<Element> {
    let all = root.query_selector_all("*").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter(|e| role_of(e).as_deref() == Some(role))
        .filter(|e| hidden || !inaccessible(e))
        .filter(|e| name.matches(&name_of(e)))
        .collect()
}

/// The first element under `root` with `role` and a name that `name` matches.
fn by_role<'a>(root: &Element, role: &str, name: impl Into<Name<'a>>) -> Option<Element> {
    query_role(root, role, name.into(), false)
        .into_iter()
        .next()
}

/// Like [`by_role`], for an element that must be there.
fn get_by_role<'a>(root: &Element, role: &str, name: impl Into<Name<'a>>) -> Element {
    let name = name.into();
    by_role(root, role, name).unwrap_or_else(|| panic!("no {role} named {name:?}"))
}

/// Every element under `root` with `role`, whatever its name.
fn all_by_role(root: &Element, role: &str) -> Vec<Element> {
    query_role(root, role, Name::Any, false)
}

/// Like [`by_role`], also among the elements hidden from assistive technology.
fn by_role_including_hidden<'a>(
    root: &Element,
    role: &str,
    name: impl Into<Name<'a>>,
) -> Option<Element> {
    query_role(root, role, name.into(), true).into_iter().next()
}

/// A heading's level: `aria-level`, else the digit of `h1`-`h6`.
fn level_of(el: &Element) -> Option<u8> {
    attr_of(el, "aria-level")
        .and_then(|l| l.parse().ok())
        .or_else(|| el.local_name().strip_prefix('h')?.parse().ok())
}

/// Every heading under `root` of `level` (any level with `None`).
fn headings(root: &Element, level: Option<u8>) -> Vec<Element> {
    all_by_role(root, "heading")
        .into_iter()
        .filter(|h| level.is_none() || level_of(h) == level)
        .collect()
}

/// The first heading under `root` of `level` (any with `None`) with a name that `name` matches.
fn heading<'a>(root: &Element, level: Option<u8>, name: impl Into<Name<'a>>) -> Option<Element> {
    let name = name.into();
    headings(root, level)
        .into_iter()
        .find(|h| name.matches(&name_of(h)))
}

/// The accessible names of `elements`.
fn names(elements: &[Element]) -> Vec<String> {
    elements.iter().map(name_of).collect()
}

/// The accessible description: the text of the elements `aria-describedby` names.
fn description_of(el: &Element) -> String {
    let ids = attr_of(el, "aria-describedby").unwrap_or_default();
    let parts: Vec<String> = ids
        .split_whitespace()
        .filter_map(|id| by_id_near(el, id))
        .map(|e| content_text(&e))
        .collect();
    collapse(&parts.join(" "))
}

/// The element `el`'s `aria-controls` names (the first).
fn controlled(el: &Element) -> Option<Element> {
    let ids = attr_of(el, "aria-controls")?;
    by_id_near(el, ids.split_whitespace().next()?)
}

fn is_checked(el: &Element) -> bool {
    attr_of(el, "aria-checked").as_deref() == Some("true")
}

/// What `el` says, whitespace collapsed (for live regions, whose text is their message).
fn text_of(el: &Element) -> String {
    collapse(&el.text_content().unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// Acting and the widget's landmarks.
// ---------------------------------------------------------------------------------------------

fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>()
        .expect("an HTML element")
        .click();
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

/// Mounts a widget with `config` into `container` (inside `host`), as the loader does when it
/// has not fetched the built-in questions ahead and saw no progress of an earlier version.
async fn mount_in(host: HtmlElement, container: &HtmlElement, config: &str) -> WidgetHandle {
    mount(
        host,
        container.clone(),
        config.into(),
        None,
        None,
        None,
        false,
    )
    .await
}

/// Mounts a widget with `config` into a fresh host; returns it and its container.
async fn mounted(config: &str) -> (WidgetHandle, HtmlElement) {
    let (host, container) = host();
    let widget = mount_in(host, &container, config).await;
    (widget, container)
}

/// Mounts a widget with `config` and presses its start button, labelled `start`.
async fn started(config: &str, start: &str) -> (WidgetHandle, HtmlElement) {
    let (widget, container) = mounted(config).await;
    until("intro", || by_role(&container, "button", start).is_some()).await;
    click(&get_by_role(&container, "button", start));
    (widget, container)
}

/// "Question 3 of 24": the name of the step's progress bar.
fn counter(root: &Element) -> String {
    by_role(root, "progressbar", Name::Any)
        .map(|p| name_of(&p))
        .unwrap_or_default()
}

/// The current question: the region named by its heading, where its keys are pressed.
fn question(root: &Element) -> Element {
    let title = heading(root, Some(2), Name::Any).expect("a question heading");
    get_by_role(root, "region", &name_of(&title))
}

/// The results' summary, named "Stage 2 of 3: …" by its heading (English).
fn summary(root: &Element) -> Option<Element> {
    by_role(root, "region", starts_with("Stage "))
}

#[wasm_bindgen_test]
async fn intro_shows_the_title_the_length_and_a_start_button() {
    let (_widget, container) = mounted(r#"{"locale":"en","persistence":false}"#).await;
    until("intro", || {
        heading(&container, Some(2), Name::Any).is_some()
    })
    .await;
    let title = name_of(&heading(&container, Some(2), Name::Any).unwrap());
    assert!(title.contains("Maturity"), "title: {title}");
    // The intro is a region named by its title.
    let intro = get_by_role(&container, "region", &title);
    assert!(by_role(&intro, "listitem", "24 questions").is_some());
    assert!(by_role(&intro, "paragraph", contains("stay in your browser")).is_some());
    assert_eq!(names(&all_by_role(&intro, "button")), ["Start the check"]);
}

#[wasm_bindgen_test]
async fn picking_by_number_key_records_the_answer_and_moves_on() {
    let (_widget, container) =
        started(r#"{"locale":"de","persistence":false}"#, "Check starten").await;
    until("first question", || counter(&container) == "Frage 1 von 24").await;
    let options = all_by_role(&container, "radio");
    assert!(options.len() >= 2);
    // The options form a group named by the question.
    let prompt = name_of(&heading(&container, Some(2), Name::Any).unwrap());
    assert!(by_role(&container, "radiogroup", &prompt).is_some());
    press(&question(&container), "2");
    until("second question", || {
        counter(&container) == "Frage 2 von 24"
    })
    .await;
    // Back shows the earlier choice as checked.
    click(&get_by_role(&container, "button", "Zurück"));
    until("first question again", || {
        counter(&container) == "Frage 1 von 24"
    })
    .await;
    let checked = all_by_role(&container, "radio")
        .iter()
        .position(is_checked)
        .expect("a checked option");
    assert_eq!(checked + 1, 2, "the second option is checked");
}

#[wasm_bindgen_test]
async fn arrow_keys_move_focus_without_picking() {
    let (_widget, container) =
        started(r#"{"locale":"en","persistence":false}"#, "Start the check").await;
    until("first question", || {
        counter(&container) == "Question 1 of 24"
    })
    .await;
    let options = all_by_role(&container, "radio");
    let first = &options[0];
    first.dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    press(first, "ArrowDown");
    leptos::task::tick().await;
    let active = document().active_element().expect("focus");
    assert_eq!(role_of(&active).as_deref(), Some("radio"));
    assert!(
        active.is_same_node(Some(&options[1])),
        "focus moved to the second option"
    );
    assert!(
        !all_by_role(&container, "radio").iter().any(is_checked),
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
    let (_widget, container) =
        started(r#"{"locale":"en","persistence":false}"#, "Start the check").await;
    // A native disclosure has no ARIA role of its own: it is found by its element, `details`.
    let explain = |root: &Element| root.query_selector("details").ok().flatten();
    until("first question", || {
        counter(&container) == "Question 1 of 24"
    })
    .await;
    assert!(
        explain(&question(&container)).is_none(),
        "team size needs no explanation"
    );
    // Question 6 is `vision-promise`, which explains what a service promise is.
    for i in 1..=5 {
        until("a question", || {
            counter(&container) == format!("Question {i} of 24")
        })
        .await;
        press(&question(&container), "1");
    }
    until("sixth question", || {
        counter(&container) == "Question 6 of 24"
    })
    .await;
    let details = explain(&question(&container)).expect("an explanation on question 6");
    let summary = details
        .query_selector("summary")
        .ok()
        .flatten()
        .expect("a summary");
    assert_eq!(collapse(&content_text(&summary)), "What does this mean?");
    assert_eq!(attr_of(&details, "open"), None, "folded at first");
}

#[wasm_bindgen_test]
async fn a_full_run_shows_stage_scores_and_plan() {
    let (_widget, container) = started(r#"{"locale":"en","persistence":false,"cta":{"label":"Talk to us","url":"https://example.com/contact"}}"#, "Start the check").await;
    for i in 1..=24 {
        until("a question", || {
            counter(&container) == format!("Question {i} of 24")
        })
        .await;
        // The highest option of every question ("3" on the three-option context questions).
        let n = all_by_role(&container, "radio").len();
        let key = if n >= 5 { "5" } else { "1" };
        press(&question(&container), key);
    }
    until("results", || summary(&container).is_some()).await;
    let title = heading(&container, Some(2), Name::Any)
        .map(|h| name_of(&h))
        .unwrap_or_default();
    assert!(title.starts_with("Stage 3 of 3"), "{title}");
    let score = get_by_role(&container, "paragraph", ends_with(" of 100 points"));
    assert_eq!(name_of(&score), "100 of 100 points");
    let table = get_by_role(&container, "table", "Your scores and your target");
    let body_rows = all_by_role(&table, "row")
        .into_iter()
        .filter(|r| !all_by_role(r, "cell").is_empty())
        .count();
    assert_eq!(body_rows, 6);
    for column in ["Do now", "Build up", "Leave out on purpose"] {
        let column_region = get_by_role(&container, "region", column);
        let entries = all_by_role(&column_region, "listitem");
        assert!(!entries.is_empty(), "plan column {column} is empty");
    }
    let dimensions = get_by_role(&container, "region", "Each area in detail");
    assert_eq!(headings(&dimensions, Some(4)).len(), 6);
    // A dimension opens and closes with its button, which says so.
    let button = get_by_role(&dimensions, "button", starts_with("Vision & Positioning"));
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    click(&button);
    leptos::task::tick().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    // The stylesheet shows the body by its wrapper's `data-open`, and these tests run without
    // the stylesheet: the attribute is what says the body the button controls shows.
    let body = controlled(&button).expect("the button names what it opens");
    assert!(body
        .parent_element()
        .is_some_and(|wrapper| wrapper.has_attribute("data-open")));
    click(&button);
    leptos::task::tick().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    // The radar draws the role's target beside the scores, and the table lists both.
    let chart = by_role(
        &container,
        "img",
        starts_with("Your scores and your target"),
    );
    // The line has no role (the chart is one image, its parts presentational): its data
    // attribute is the only way to tell it drawn.
    assert!(chart
        .as_ref()
        .and_then(|c| c
            .query_selector("polygon[data-series=target]")
            .ok()
            .flatten())
        .is_some());
    assert_eq!(all_by_role(&table, "columnheader").len(), 4);
    let focus = get_by_role(&container, "region", "Where to focus");
    assert_eq!(all_by_role(&focus, "listitem").len(), 3);
    let cta = by_role(&container, "link", "Talk to us").expect("call to action");
    assert_eq!(
        cta.get_attribute("href").as_deref(),
        Some("https://example.com/contact")
    );
    assert!(chart.is_some(), "radar has a text alternative");
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
    let _widget = mount_in(host, &container, config).await;
    until("error panel", || {
        by_role(&container, "alert", Name::Any).is_some()
    })
    .await;
    let panel = text_of(&get_by_role(&container, "alert", Name::Any));
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
    let (_widget, container) =
        started(r#"{"locale":"en","persistence":false}"#, "Start the check").await;
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
    let (_widget, container) = started(
        r#"{"locale":"en","persistence":false,"share":false}"#,
        "Start the check",
    )
    .await;
    until("first question", || {
        counter(&container) == "Question 1 of 24"
    })
    .await;
    assert_eq!(history_now(), (Some("pricing".into()), "#tab=2".into()));
    set_history("", "#");
}

#[wasm_bindgen_test]
async fn destroy_removes_the_widget() {
    let (mut widget, container) = mounted("{}").await;
    // The intro, named by its title (in whichever language the page asks for).
    until("intro", || {
        heading(&container, Some(2), Name::Any).is_some()
    })
    .await;
    widget.destroy();
    leptos::task::tick().await;
    assert_eq!(container.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn destroying_during_the_pick_transition_leaves_the_module_working() {
    let (mut widget, container) =
        started(r#"{"locale":"de","persistence":false}"#, "Check starten").await;
    until("first question", || counter(&container) == "Frage 1 von 24").await;
    press(&question(&container), "1");
    // The next step is due after the transition; the widget goes away first.
    widget.destroy();
    sleep(400).await;
    let (_again, container2) = mounted(r#"{"locale":"de","persistence":false}"#).await;
    until("a new widget's intro", || {
        by_role(&container2, "button", "Check starten").is_some()
    })
    .await;
    click(&get_by_role(&container2, "button", "Check starten"));
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
            .set_hash("mc=1~cs-maturity~2~01234012340123401234~0120")
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

#[wasm_bindgen_test]
async fn the_lead_form_shows_only_with_an_endpoint_and_asks_for_the_configured_fields() {
    let _shared = SharedResult::open();
    let (_plain, plain) = mounted(r#"{"locale":"en","persistence":false}"#).await;
    until("results", || summary(&plain).is_some()).await;
    assert!(
        by_role(&plain, "form", Name::Any).is_none(),
        "no endpoint, no form"
    );

    let config = r#"{"locale":"en","persistence":false,"privacy_url":"/privacy",
        "lead":{"endpoint":"/leads","fields":{"phone":"required","message":"optional"}}}"#;
    let (_widget, container) = mounted(config).await;
    until("lead form", || {
        by_role(&container, "form", Name::Any).is_some()
    })
    .await;
    let lead = get_by_role(&container, "region", "Talk your result through");
    let form = get_by_role(&lead, "form", Name::Any);
    assert_eq!(
        names(&all_by_role(&form, "textbox")),
        [
            "Name",
            "Email (required)",
            "Company",
            "Phone (required)",
            "Message"
        ]
    );
    let email = get_by_role(&form, "textbox", "Email (required)");
    assert_eq!(email.get_attribute("type").as_deref(), Some("email"));
    assert_eq!(
        email.get_attribute("autocomplete").as_deref(),
        Some("email")
    );
    assert!(get_by_role(&form, "textbox", "Phone (required)").has_attribute("required"));
    assert_eq!(
        get_by_role(&form, "textbox", "Message").local_name(),
        "textarea"
    );
    // The honeypot is out of the accessibility tree (and out of the tab order).
    assert!(by_role(&form, "textbox", "Leave this field empty").is_none());
    let honeypot =
        by_role_including_hidden(&form, "textbox", "Leave this field empty").expect("a honeypot");
    assert!(honeypot
        .parent_element()
        .is_some_and(|wrapper| wrapper.get_attribute("aria-hidden").as_deref() == Some("true")));
    assert_eq!(honeypot.get_attribute("tabindex").as_deref(), Some("-1"));
    assert_eq!(
        get_by_role(&form, "link", "Privacy notice")
            .get_attribute("href")
            .as_deref(),
        Some("/privacy")
    );
    assert!(by_role(&form, "checkbox", starts_with("I agree that my details")).is_some());
    assert!(
        by_role(&lead, "status", Name::Any).is_some(),
        "the form's status line is a live region"
    );
}

#[wasm_bindgen_test]
async fn sending_an_empty_lead_form_marks_every_problem_and_sends_nothing() {
    let _shared = SharedResult::open();
    let config = r#"{"locale":"de","persistence":false,"lead":{"endpoint":"/leads","fields":{"name":"required"}}}"#;
    let (_widget, container) = mounted(config).await;
    until("lead form", || {
        by_role(&container, "form", Name::Any).is_some()
    })
    .await;
    let lead = get_by_role(&container, "region", "Über euer Ergebnis sprechen");
    let form = get_by_role(&lead, "form", Name::Any);
    click(&get_by_role(&form, "button", "Kontaktdaten senden"));
    let consent = get_by_role(&form, "checkbox", starts_with("Ich bin einverstanden"));
    until("problems shown", || consent.has_attribute("aria-invalid")).await;
    for (field, message) in [
        (get_by_role(&form, "textbox", "Name (Pflichtfeld)"), "Bitte ausfüllen."),
        (get_by_role(&form, "textbox", "E-Mail (Pflichtfeld)"), "Bitte ausfüllen."),
        (
            consent.clone(),
            "Ohne eure Einwilligung wird nichts gesendet. Setzt den Haken, wenn ihr einverstanden seid.",
        ),
    ] {
        let which = name_of(&field);
        assert_eq!(
            field.get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{which}"
        );
        assert!(field.has_attribute("aria-describedby"), "{which}: described");
        assert_eq!(description_of(&field), message);
    }
    assert!(
        !get_by_role(&form, "textbox", "Unternehmen").has_attribute("aria-invalid"),
        "optional and empty is fine"
    );
    assert_eq!(text_of(&get_by_role(&lead, "status", Name::Any)), "");
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("maturity-check:leads")
        .unwrap();
    assert_eq!(stored, None, "nothing queued, nothing sent");
}
