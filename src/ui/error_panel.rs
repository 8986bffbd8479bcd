use leptos::prelude::*;
use maturity_check_engine::Problem;

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
