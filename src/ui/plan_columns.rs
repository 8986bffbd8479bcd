use leptos::prelude::*;
use maturity_check_engine::model::{Advice, Effort, Impact};
use maturity_check_engine::{AdviceKind, Checked};

use crate::check::Env;
use crate::ui::result_radar::short_title;

/// Entries each column shows before "show the whole plan": two, so that the screen stays within
/// its reading budget (700 words before anything is opened) with a lead form below the plan; with
/// three, the built-in advice (about 32 words an entry) alone passes it.
pub const SHOWN_PER_COLUMN: usize = 2;

/// The plan in three columns: do now, build up over 6-12 months, leave out on purpose. Each shows
/// its first [`SHOWN_PER_COLUMN`] entries with their effort and impact; one button opens the rest
/// of all three (the plan's `max_per_column` bounds them) and every entry's "because". The rest stays in the page while closed, hidden by the
/// stylesheet, so that print holds the whole plan.
///
/// "Do now" opens with what to find out first in each dimension that is not rated
/// ([`maturity_check_engine::Plan::find_out`]), always shown: until it is found out, the advice
/// for that dimension would be a guess, so it has none in any column.
#[component]
pub fn PlanColumns() -> impl IntoView {
    let env = expect_context::<Env>();
    let q = expect_context::<Checked>();
    let plan = expect_context::<maturity_check_engine::Plan>();
    let all = RwSignal::new(false);
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
    let total: usize = columns.iter().map(|(k, ..)| plan.column(*k).len()).sum();
    let hidden = columns
        .iter()
        .any(|(k, ..)| plan.column(*k).len() > SHOWN_PER_COLUMN);
    let list_ids = columns
        .iter()
        .map(|(_, class, ..)| format!("mc-plan-list-{class}"))
        .collect::<Vec<_>>()
        .join(" ");
    let find_out = plan
        .find_out
        .iter()
        .filter_map(|&d| {
            let d = q.dimensions.get(d)?;
            let text = d.find_out.as_ref().map(|t| env.tr(t).to_string());
            Some(view! {
                <li class="mc-plan__entry mc-plan__entry--find-out" data-find-out=d.id.clone()>
                    <span class="mc-tag">{short_title(env.tr(&d.title))}</span>
                    <span class="mc-visually-hidden">": "</span>
                    <span class="mc-plan__text">
                        <strong>{env.t("results.find_out")}</strong>
                        {text.map(|t| view! { ": " {t} })}
                    </span>
                </li>
            })
        })
        .collect::<Vec<_>>();
    let mut find_out = Some(find_out);
    let columns = columns
        .into_iter()
        .map(|(kind, class, title, hint)| {
            let first = if kind == AdviceKind::QuickWin {
                find_out.take()
            } else {
                None
            };
            let entries = plan
                .column(kind)
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let advice = &q.advice[e.advice];
                    let dimension = short_title(env.tr(&q.dimensions[e.dimension].title));
                    let extra = (i >= SHOWN_PER_COLUMN).then_some("");
                    let because = advice
                        .because
                        .as_ref()
                        .map(|b| view! { <span class="mc-plan__because">{env.tr(b).to_string()}</span> });
                    view! {
                        <li class="mc-plan__entry" data-advice=advice.id.clone() data-extra=extra>
                            <span class="mc-tag">{dimension}</span>
                            <span class="mc-visually-hidden">": "</span>
                            <span class="mc-plan__text">{env.tr(&advice.text).to_string()}</span>
                            {because}
                            {badges(&env, advice)}
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
                    <ol class="mc-plan__list" id=format!("mc-plan-list-{class}")>{first}{entries}</ol>
                </section>
            }
        })
        .collect_view();
    let toggle = hidden.then(|| {
        view! {
            <button
                type="button"
                class="mc-button mc-button--ghost mc-plan__all mc-noprint"
                aria-expanded=move || if all.get() { "true" } else { "false" }
                aria-controls=list_ids
                on:click=move |_| all.update(|a| *a = !*a)
            >
                {env.fill("results.plan_all", &[("count", &total.to_string())])}
            </button>
        }
    });
    view! {
        <section class="mc-section mc-plan" aria-labelledby="mc-plan-title" data-all=move || all.get().then_some("")>
            <h3 class="mc-h3" id="mc-plan-title">{env.t("results.plan")}</h3>
            <div class="mc-plan__columns">{columns}</div>
            {toggle}
        </section>
    }
}

/// The effort and impact of an entry, where the content gives them.
pub fn badges(env: &Env, advice: &Advice) -> Option<impl IntoView> {
    if advice.effort.is_none() && advice.impact.is_none() {
        return None;
    }
    let effort = advice.effort.map(|e| {
        let size = match e {
            Effort::S => "S",
            Effort::M => "M",
            Effort::L => "L",
        };
        view! {
            <span class="mc-chip" data-effort=e.as_str()>{env.fill("results.effort", &[("size", size)])}</span>
        }
    });
    let impact = advice.impact.map(|i| {
        let key = match i {
            Impact::Low => "results.impact_low",
            Impact::Medium => "results.impact_medium",
            Impact::High => "results.impact_high",
        };
        view! { <span class="mc-chip" data-impact=i.as_str()>{env.t(key)}</span> }
    });
    // Hidden commas, so that a screen reader says "effort S, impact high", not one run-on word.
    let comma = (effort.is_some() && impact.is_some())
        .then(|| view! { <span class="mc-visually-hidden">", "</span> });
    Some(view! { <span class="mc-plan__badges">{effort}{comma}{impact}</span> })
}
