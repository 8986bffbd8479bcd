/*!
One question: dimension, "question 3 of 24", a progress bar, the question's terms explained in a
folded `<details>` where it has any, and the options as a radio group.

The group follows the ARIA radio-group pattern with one deliberate difference: arrow keys only move
focus, and Space, Enter, a click or a number key picks. Picking moves on to the next question, so
selecting on arrow (the native behaviour) would skip questions while someone is still reading.
Focus moves to the question's heading when the step appears, so screen readers announce it.
*/

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use maturity_check_engine::flow::Step;
use maturity_check_engine::{Answer, Scorable};

use crate::check::{Check, Env, Pick};

/// One option as shown.
#[derive(Clone)]
struct Item {
    pick: Pick,
    label: String,
    /// Visually set apart ("don't know").
    aside: bool,
}

/// The question at position `index` of the flow.
#[component]
pub fn QuestionStep(
    env: Env,
    check: Check,
    /// Position in [`Env::steps`].
    index: usize,
) -> impl IntoView {
    let total = env.steps.len();
    let Some(&step) = env.steps.get(index) else {
        return ().into_any();
    };
    let (eyebrow, prompt, help, items) = match step {
        Step::Scored(i) => {
            let question = &env.q.questions[i];
            let dimension = env.q.dimensions.iter().find(|d| d.id == question.dimension);
            let mut items: Vec<Item> = question
                .options
                .iter()
                .enumerate()
                .map(|(k, o)| Item {
                    pick: Pick::Scored(Answer::Option(k as u8)),
                    label: env.tr(&o.label).to_string(),
                    aside: false,
                })
                .collect();
            if let Some(dk) = &question.dont_know {
                items.push(Item {
                    pick: Pick::Scored(Answer::DontKnow),
                    label: env.tr(dk).to_string(),
                    aside: true,
                });
            }
            (
                dimension
                    .map(|d| env.tr(&d.title).to_string())
                    .unwrap_or_default(),
                env.tr(&question.prompt).to_string(),
                question.help.as_ref().map(|h| env.tr(h).to_string()),
                items,
            )
        }
        Step::Context(i) => {
            let question = &env.q.context_questions[i];
            let items = question
                .options
                .iter()
                .enumerate()
                .map(|(k, o)| Item {
                    pick: Pick::Context(k),
                    label: env.tr(&o.label).to_string(),
                    aside: false,
                })
                .collect();
            (
                env.t("step.context"),
                env.tr(&question.prompt).to_string(),
                question.help.as_ref().map(|h| env.tr(h).to_string()),
                items,
            )
        }
    };
    // The terms explained: from the questionnaire, or for the built-in one from its advice file,
    // which the first answer starts to fetch (the first explained question is the sixth step).
    let text = |q: &Scorable| {
        match step {
            Step::Scored(i) => q.questions.get(i).and_then(|x| x.explain.as_ref()),
            Step::Context(i) => q.context_questions.get(i).and_then(|c| c.explain.as_ref()),
        }
        .map(|t| env.tr(t).to_string())
    };
    let explain = text(&env.q).or_else(|| {
        env.whole
            .try_with_value(|w| w.as_deref().and_then(text))
            .flatten()
    });
    let explain_label = env.t("step.explain");
    let count = items.len();
    let current = move || check.shown_pick(index, step);
    let initial_focus = items
        .iter()
        .position(|it| Some(it.pick) == check.answer_of(step))
        .unwrap_or(0);
    let focused = RwSignal::new(initial_focus);
    let option_refs: Vec<NodeRef<leptos::html::Div>> = (0..count).map(|_| NodeRef::new()).collect();
    let heading = NodeRef::<leptos::html::H2>::new();

    // Announce the new question: focus its heading once it is in the document (the next frame),
    // but only when the person moved here (never on page load, which would pull focus out of the
    // host page). A frame rather than an effect: the first view then needs none of the effect
    // machinery.
    if check.moved_by_user() {
        request_animation_frame(move || {
            // `try_`: by then the person may have moved on and this step be gone.
            if let Some(h) = heading.try_get_untracked().flatten() {
                let _ = h.focus();
            }
        });
    }

    let pick = {
        let env = env.clone();
        let items = items.clone();
        move |k: usize| {
            if let Some(item) = items.get(k) {
                if !check.in_transition(index) {
                    check.answer(&env, index, item.pick);
                }
            }
        }
    };
    let move_focus = {
        let refs = option_refs.clone();
        move |k: usize| {
            focused.set(k);
            if let Some(el) = refs.get(k).and_then(|r| r.get()) {
                let _ = el.focus();
            }
        }
    };
    let on_keydown = {
        let pick = pick.clone();
        move |ev: KeyboardEvent| {
            let now = focused.get_untracked();
            let key = ev.key();
            // Space and Enter on a button (Back, Next) keep their own meaning.
            let on_option = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| el.get_attribute("role").as_deref() == Some("radio"));
            let handled = match key.as_str() {
                "ArrowDown" | "ArrowRight" => {
                    move_focus((now + 1) % count);
                    true
                }
                "ArrowUp" | "ArrowLeft" => {
                    move_focus((now + count - 1) % count);
                    true
                }
                "Home" => {
                    move_focus(0);
                    true
                }
                "End" => {
                    move_focus(count - 1);
                    true
                }
                " " | "Enter" if on_option => {
                    pick(now);
                    true
                }
                digit => match digit.parse::<usize>() {
                    Ok(n)
                        if (1..=count).contains(&n)
                            && !ev.ctrl_key()
                            && !ev.meta_key()
                            && !ev.alt_key() =>
                    {
                        move_focus(n - 1);
                        pick(n - 1);
                        true
                    }
                    _ => false,
                },
            };
            if handled {
                ev.prevent_default();
            }
        }
    };

    let counter = env.fill(
        "step.counter",
        &[
            ("current", &(index + 1).to_string()),
            ("total", &total.to_string()),
        ],
    );
    let back_label = env.t("step.back");
    let next_label = env.t("step.next");
    let answered = move || current().is_some();
    let go_next = {
        let env = env.clone();
        move |_| {
            check.next(&env, index);
        }
    };

    let options = items
        .into_iter()
        .enumerate()
        .map(|(k, item)| {
            let pick = pick.clone();
            let checked = move || current() == Some(item.pick);
            let class = if item.aside {
                "mc-option mc-option--aside"
            } else {
                "mc-option"
            };
            view! {
                <div
                    class=class
                    role="radio"
                    node_ref=option_refs[k]
                    aria-checked=move || if checked() { "true" } else { "false" }
                    tabindex=move || if focused.get() == k { "0" } else { "-1" }
                    on:click=move |_| {
                        focused.set(k);
                        pick(k);
                    }
                    on:focus=move |_| focused.set(k)
                >
                    <span class="mc-option__key" aria-hidden="true">{(k + 1).to_string()}</span>
                    <span class="mc-option__label">{item.label}</span>
                </div>
            }
        })
        .collect_view();

    view! {
        <section class="mc-step mc-screen" aria-labelledby="mc-step-title" on:keydown=on_keydown>
            <div class="mc-step__meta">
                <p class="mc-eyebrow">{eyebrow}</p>
                <p class="mc-step__counter" id="mc-step-counter">{counter}</p>
            </div>
            <progress class="mc-progress" max=total.to_string() value=index.to_string() aria-labelledby="mc-step-counter"></progress>
            <h2 id="mc-step-title" class="mc-question" tabindex="-1" node_ref=heading>{prompt}</h2>
            {help.map(|h| view! { <p class="mc-help">{h}</p> })}
            // Native disclosure: opens and closes without any code of ours.
            {explain.map(|e| view! {
                <details class="mc-explain">
                    <summary>{explain_label.clone()}</summary>
                    <p>{e}</p>
                </details>
            })}
            <div class="mc-options" role="radiogroup" aria-labelledby="mc-step-title" aria-describedby="mc-step-keys">
                {options}
            </div>
            <p class="mc-keys" id="mc-step-keys">{env.t("step.keys")}</p>
            <div class="mc-actions mc-actions--step">
                <button type="button" class="mc-button mc-button--ghost" on:click=move |_| check.back()>{back_label}</button>
                {move || answered().then(|| view! {
                    <button type="button" class="mc-button" on:click=go_next.clone()>{next_label.clone()}</button>
                })}
            </div>
        </section>
    }
    .into_any()
}
