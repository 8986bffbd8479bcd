use leptos::prelude::*;
use maturity_check_engine::plan::cell;
use maturity_check_engine::AdviceKind;

use crate::check::{Check, Env};

/// One dimension: its stage, what that means, "don't know" findings and its tailored advice.
#[component]
pub fn DimensionCard(
    /// Index into the questionnaire's dimensions.
    index: usize,
) -> impl IntoView {
    let env = expect_context::<Env>();
    let check = expect_context::<Check>();
    let q = env.q.clone();
    let result = check.assessment(&env);
    let answers = check.answers.get_untracked();
    let d = &q.dimensions[index];
    let r = &result.dimensions[index];
    let level = &q.levels[r.rating.level];
    let stage = env.fill(
        "results.stage",
        &[
            ("current", &(r.rating.level + 1).to_string()),
            ("total", &q.levels.len().to_string()),
        ],
    );
    let unknown = (!r.unknown.is_empty()).then(|| {
        env.fill(
            "results.unknown",
            &[("count", &r.unknown.len().to_string())],
        )
    });
    let lists = [
        (AdviceKind::QuickWin, "results.now"),
        (AdviceKind::LongTerm, "results.build_up"),
        (AdviceKind::LeaveOut, "results.leave_out"),
    ]
    .into_iter()
    .map(|(kind, title)| {
        let items = cell(&q, index, r.rating.level, kind, &answers)
            .into_iter()
            .map(|i| view! { <li>{env.tr(&q.advice[i].text).to_string()}</li> })
            .collect_view();
        view! {
            <div class="mc-card__advice">
                <h5 class="mc-card__advice-title">{env.t(title)}</h5>
                <ul>{items}</ul>
            </div>
        }
    })
    .collect_view();
    let heading_id = format!("mc-dim-{}", d.id);
    let labelled_by = heading_id.clone();
    view! {
        <article class="mc-card" data-dimension=d.id.clone() aria-labelledby=labelled_by>
            <header class="mc-card__head">
                <h4 class="mc-card__title" id=heading_id>{env.tr(&d.title).to_string()}</h4>
                <p class="mc-card__score"><span class="mc-card__points">{r.rating.score.to_string()}</span>" / 100"</p>
            </header>
            <p class="mc-card__stage">
                <span class=format!("mc-badge mc-badge--{}", r.rating.level + 1)>{stage}</span>
                " "
                <strong>{env.tr(&level.name).to_string()}</strong>
            </p>
            <p class="mc-card__desc">{env.tr(&d.description).to_string()}</p>
            <p class="mc-card__meaning">{env.tr(&level.description).to_string()}</p>
            {unknown.map(|u| view! { <p class="mc-card__unknown">{u}</p> })}
            <div class="mc-card__lists">{lists}</div>
        </article>
    }
}
