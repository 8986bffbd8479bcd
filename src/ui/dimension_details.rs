use leptos::prelude::*;
use maturity_check_engine::plan::cell;
use maturity_check_engine::{AdviceKind, Assessment, Checked, Plan};

use crate::check::{Check, Env};
use crate::ui::plan_columns::badges;
use crate::ui::{Disclosure, HeadingLevel};

/// One dimension, closed until asked for: its score and stage on the button; inside, what the
/// dimension covers, the answers given, its "don't know" findings and the advice of its cell that
/// the plan does not show already (no advice text stands twice on the results screen). A
/// dimension that is not rated says so on its button, and inside why, and what to find out
/// first, in place of advice.
#[component]
pub fn DimensionDetails(
    /// Index into the questionnaire's dimensions.
    index: usize,
) -> AnyView {
    let env = expect_context::<Env>();
    let check = expect_context::<Check>();
    let plan = expect_context::<Plan>();
    let q = expect_context::<Checked>();
    let result = expect_context::<Assessment>();
    let answers = check.answers();
    let d = &q.dimensions[index];
    let r = &result.dimensions[index];
    let in_plan = |advice: usize| {
        AdviceKind::ALL
            .iter()
            .any(|k| plan.column(*k).iter().any(|e| e.advice == advice))
    };
    let unknown = (!r.unknown.is_empty()).then(|| {
        let text = env.fill(
            "results.unknown",
            &[("count", &r.unknown.len().to_string())],
        );
        view! { <p class="mc-details__unknown">{text}</p> }
    });
    let given = q
        .questions
        .iter()
        .enumerate()
        .filter(|(_, x)| x.dimension == d.id)
        .map(|(qi, x)| {
            let answer = match answers.scored.get(qi).copied().flatten() {
                Some(a) => env.answer_label(x, Some(a)).unwrap_or_default().to_string(),
                None => String::from("–"),
            };
            view! {
                <li>
                    <span class="mc-details__question">{env.tr(&x.prompt).to_string()}</span>
                    <span class="mc-details__answer">{answer}</span>
                </li>
            }
        })
        .collect_view();
    // Not rated: why, and what to find out first (the plan's "now" column says it too, so here
    // only the reason stands); no advice of a level it does not have.
    let Some(rating) = r.rating else {
        let why = env.fill(
            "results.not_rated_why",
            &[
                ("unknown", &r.unknown.len().to_string()),
                ("count", &r.questions.to_string()),
            ],
        );
        let label = view! {
            <span class="mc-details__title">{env.tr(&d.title).to_string()}</span>
            // Hidden punctuation, so that the button's name reads "Title: not rated".
            <span class="mc-visually-hidden">": "</span>
            <span class="mc-details__meta">
                <span class="mc-details__not-rated">{env.t("results.not_rated")}</span>
            </span>
        }
        .into_any();
        let description = env.tr(&d.description).to_string();
        let answers_title = env.t("results.dimension_answers");
        let id = d.id.clone();
        return view! {
            <div class="mc-details" data-dimension=id.clone()>
                <Disclosure id=format!("mc-dim-{id}") level=HeadingLevel::H4 label=label>
                    <p class="mc-details__desc">{description}</p>
                    <p class="mc-details__unknown">{why}". "{env.t("results.not_rated_lead")}</p>
                    <h5 class="mc-details__subtitle">{answers_title}</h5>
                    <ul class="mc-details__answers">{given}</ul>
                </Disclosure>
            </div>
        }
        .into_any();
    };
    let level = &q.levels[rating.level];
    let more: Vec<_> = [
        (AdviceKind::QuickWin, "results.now"),
        (AdviceKind::LongTerm, "results.build_up"),
        (AdviceKind::LeaveOut, "results.leave_out"),
    ]
    .into_iter()
    .filter_map(|(kind, title)| {
        let items: Vec<usize> = cell(&q, index, rating.level, kind, &answers)
            .into_iter()
            .filter(|&i| !in_plan(i))
            .collect();
        (!items.is_empty()).then(|| {
            let items = items
                .into_iter()
                .map(|i| {
                    let a = &q.advice[i];
                    let because = a.because.as_ref().map(|b| view! { " " <span class="mc-plan__because">{env.tr(b).to_string()}</span> });
                    view! {
                        <li data-advice=a.id.clone()>
                            {env.tr(&a.text).to_string()}
                            {because}
                            {badges(&env, a)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="mc-details__advice">
                    <h6 class="mc-details__advice-title">{env.t(title)}</h6>
                    <ul>{items}</ul>
                </div>
            }
        })
    })
    .collect();
    let more = (!more.is_empty()).then(|| {
        view! {
            <h5 class="mc-details__subtitle">{env.t("results.dimension_more")}</h5>
            {more}
        }
    });
    let label = view! {
        <span class="mc-details__title">{env.tr(&d.title).to_string()}</span>
        // Hidden punctuation, so that the button's name reads "Title: 50, Stage".
        <span class="mc-visually-hidden">": "</span>
        <span class="mc-details__meta">
            <span class="mc-details__points">{rating.score.to_string()}</span>
            <span class="mc-visually-hidden">","</span>
            " "
            <span class=format!("mc-badge mc-badge--{}", rating.level + 1)>{env.tr(&level.name).to_string()}</span>
        </span>
    }
    .into_any();
    let description = env.tr(&d.description).to_string();
    let answers_title = env.t("results.dimension_answers");
    let id = d.id.clone();
    view! {
        <div class="mc-details" data-dimension=id.clone()>
            <Disclosure id=format!("mc-dim-{id}") level=HeadingLevel::H4 label=label>
                <p class="mc-details__desc">{description}</p>
                <h5 class="mc-details__subtitle">{answers_title}</h5>
                <ul class="mc-details__answers">{given}</ul>
                {unknown}
                {more}
            </Disclosure>
        </div>
    }
    .into_any()
}
