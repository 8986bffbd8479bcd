use leptos::prelude::*;
use maturity_check_engine::AdviceKind;

use crate::check::Env;

/// The plan in three columns: do now, build up over 6-12 months, leave out on purpose.
#[component]
pub fn PlanColumns() -> impl IntoView {
    let env = expect_context::<Env>();
    let plan = expect_context::<maturity_check_engine::Plan>();
    let columns = [
        (
            AdviceKind::QuickWin,
            "now",
            "results.now",
            "results.now_hint",
        ),
        (
            AdviceKind::LongTerm,
            "build-up",
            "results.build_up",
            "results.build_up_hint",
        ),
        (
            AdviceKind::LeaveOut,
            "leave-out",
            "results.leave_out",
            "results.leave_out_hint",
        ),
    ];
    columns
        .into_iter()
        .map(|(kind, class, title, hint)| {
            let entries = plan
                .column(kind)
                .iter()
                .map(|e| {
                    let advice = &env.q.advice[e.advice];
                    let dimension = env.tr(&env.q.dimensions[e.dimension].title).to_string();
                    view! {
                        <li class="mc-plan__entry" data-advice=advice.id.clone()>
                            <span class="mc-tag">{dimension}</span>
                            <span>{env.tr(&advice.text).to_string()}</span>
                        </li>
                    }
                })
                .collect_view();
            let heading_id = format!("mc-plan-{class}");
    let labelled_by = heading_id.clone();
            view! {
                <section class=format!("mc-plan__column mc-plan__column--{class}") aria-labelledby=labelled_by>
                    <h4 class="mc-plan__title" id=heading_id>{env.t(title)}</h4>
                    <p class="mc-plan__hint">{env.t(hint)}</p>
                    <ol class="mc-plan__list">{entries}</ol>
                </section>
            }
        })
        .collect_view()
}
