use leptos::prelude::*;

/// Which heading a [`Disclosure`]'s button sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingLevel {
    H3,
    H4,
}

/// A section of the results that is closed until asked for: a heading whose button says, with
/// `aria-expanded`, whether the body below it shows. The body stays in the page while closed
/// (hidden by the stylesheet, which prints it open), so "save as PDF" holds everything.
#[component]
pub fn Disclosure(
    /// The body's id, unique within the widget; the button names it in `aria-controls`.
    id: String,
    level: HeadingLevel,
    /// What the button says.
    label: AnyView,
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let controls = id.clone();
    let button = view! {
        <button
            type="button"
            class="mc-disclosure__button"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls=controls
            on:click=move |_| open.update(|o| *o = !*o)
        >
            <span class="mc-disclosure__label">{label}</span>
            <span class="mc-disclosure__icon" aria-hidden="true"></span>
        </button>
    };
    let heading = match level {
        HeadingLevel::H3 => {
            view! { <h3 class="mc-disclosure__heading mc-h3">{button}</h3> }.into_any()
        }
        HeadingLevel::H4 => view! { <h4 class="mc-disclosure__heading">{button}</h4> }.into_any(),
    };
    view! {
        <div class="mc-disclosure" data-open=move || open.get().then_some("")>
            {heading}
            <div class="mc-disclosure__body" id=id>{children()}</div>
        </div>
    }
}
