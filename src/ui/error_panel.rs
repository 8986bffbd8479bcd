use leptos::prelude::*;
use maturity_check_engine::Problem;
use web_sys::HtmlElement;

/// Shown instead of the check when the config or questionnaire is invalid: each problem with the
/// JSON path of the value to fix.
#[component]
pub fn ErrorPanel(
    /// Heading, already translated.
    title: String,
    /// Sentence above the list, already translated.
    lead: String,
    /// What is wrong.
    problems: Vec<Problem>,
) -> impl IntoView {
    view! {
        <div class="mc">
            <section class="mc-error" role="alert">
                <h2 class="mc-error__title">{title}</h2>
                <p>{lead}</p>
                <ul class="mc-error__list">
                    {problems
                        .into_iter()
                        .map(|p| view! {
                            <li>
                                <code class="mc-error__path">{p.path}</code>
                                " "
                                <span>{p.message}</span>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </section>
        </div>
    }
}

/// Shown instead of the check when one of the widget's own files did not arrive (offline, a
/// dropped connection): nothing to fix in the config, so no list, but a button that tries again.
/// It asks the loader, through a `maturity-check:retry` event on `host`, to mount the widget anew.
/// The same markup as a lazy screen that failed to load ([`crate::ui::LazyView`]).
#[component]
pub fn LoadFailed(
    /// What happened, already translated.
    message: String,
    /// The button's label, already translated.
    retry: String,
    /// The `<maturity-check>` element.
    host: HtmlElement,
) -> impl IntoView {
    let again = move |_| {
        if let Ok(event) = web_sys::Event::new("maturity-check:retry") {
            let _ = host.dispatch_event(&event);
        }
    };
    view! {
        <div class="mc">
            <section class="mc-screen mc-load-failed" role="alert">
                <p>{message}</p>
                <div class="mc-actions">
                    <button type="button" class="mc-button mc-button--primary" on:click=again>
                        {retry}
                    </button>
                </div>
            </section>
        </div>
    }
}
