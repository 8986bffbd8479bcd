use std::cell::RefCell;
use std::sync::Arc;

use futures::future::FutureExt;
use leptos::prelude::*;
use maturity_check_engine::plan::role_profile;
use maturity_check_engine::reasons::to_next_level;
use maturity_check_engine::{builtin, plan, Assessment, Checked, Scorable};

use crate::browser::{self, PageLoadSlot};
use crate::check::{Check, Env, Widget};
use crate::lazy::ChunkError;
use crate::lead::Lead;
use crate::ui::{
    DimensionDetails, FocusAreas, KpiList, LeadForm, LeadSpot, PlanColumns, ResultRadar, ShareLink,
};

thread_local! {
    /// The built-in questionnaire joined with its advice, by advice URL: fetched once per page.
    static WITH_ADVICE: PageLoadSlot<Checked, ChunkError> = const { RefCell::new(None) };
}

/// Adds the stylesheet of the results and the lead form to this widget (fetched once per page):
/// the first view goes without it.
pub async fn adopt_sheet(env: &Env) -> Result<(), ChunkError> {
    env.adopt_results_sheet().await.map_err(|e| {
        browser::warn(&format!("could not load the results stylesheet: {e}"));
        ChunkError
    })
}

/// `env` ready for the results: the stylesheet adopted, and the questionnaire with its advice, in
/// `env` and on its own (the built-in one is loaded without it; the advice file of the locale is
/// fetched and checked here, once per page).
pub async fn with_advice(env: Env) -> Result<(Env, Checked), ChunkError> {
    adopt_sheet(&env).await?;
    let Some(url) = env.advice_url.clone() else {
        // A partner's questionnaire has its advice from the start (an `Env` has either).
        let q = env.whole.try_get_value().flatten().ok_or(ChunkError)?;
        return Ok((env.with_questionnaire(&q), q));
    };
    let core = env.q.clone();
    let q = browser::load_once(&WITH_ADVICE, &url, || {
        fetch_advice(core, url.clone()).boxed_local()
    })
    .await?;
    // The question screens show the explanations of terms from it (`try_`: the widget may be gone).
    if env.whole.try_with_value(Option::is_none) == Some(true) {
        env.whole.try_set_value(Some(q.clone()));
    }
    Ok((env.with_questionnaire(&q), q))
}

async fn fetch_advice(core: Arc<Scorable>, url: String) -> Result<Checked, ChunkError> {
    let text = browser::fetch_text(&url).await.map_err(|e| {
        browser::warn(&format!("could not load the advice from {url}: {e}"));
        ChunkError
    })?;
    builtin::complete(&core, &text).map_err(|problems| {
        for p in problems {
            browser::error(&format!("advice from {url}: {p}"));
        }
        ChunkError
    })
}

/// Everything the results screen needs, then the screen: the questionnaire with its advice, the
/// assessment and the plan, provided as context to the screen's parts (scored once per screen).
pub async fn load(widget: Widget) -> Result<AnyView, ChunkError> {
    let (env, q) = with_advice(widget.env.clone()).await?;
    let check = widget.check;
    let assessment = check.assessment(&env);
    let plan = check.with_answers(|a| plan(&q, &assessment, a));
    widget.with_env(env).provide();
    provide_context(q);
    provide_context(plan);
    provide_context(assessment);
    Ok(view! { <ResultsScreen /> }.into_any())
}

/// The result, in the order a head of service reads it: the summary (stage, score, what it means,
/// the radar against the role's target, the focus areas with their reasons), the short plan, the
/// call to action and the lead form; then, closed until asked for, the KPIs and each dimension in
/// detail; share, print and restart last.
#[component]
pub fn ResultsScreen() -> impl IntoView {
    let env = expect_context::<Env>();
    let check = expect_context::<Check>();
    let q = expect_context::<Checked>();
    let result = expect_context::<Assessment>();
    let answers = check.answers();
    let heading = NodeRef::<leptos::html::H2>::new();
    // With no dimension rated there is no overall stage: the summary says so and why, and the
    // plan's "now" column holds what to find out first.
    let summary = match result
        .overall
        .and_then(|o| Some((o, q.levels.get(o.level)?)))
    {
        Some((overall, level)) => {
            let stage = env.fill(
                "results.stage",
                &[
                    ("current", &(overall.level + 1).to_string()),
                    ("total", &q.levels.len().to_string()),
                ],
            );
            let to_next = match to_next_level(&q, overall) {
                Some((next, points)) => {
                    let next = &q.levels[next];
                    env.fill(
                        "results.to_next",
                        &[
                            ("points", &points.to_string()),
                            ("name", env.tr(&next.name)),
                        ],
                    )
                }
                None => env.t("results.top"),
            };
            view! {
                <h2 id="mc-results-title" class="mc-title" tabindex="-1" node_ref=heading>
                    <span class="mc-summary__stage">{stage}</span>
                    ": "
                    <span class="mc-summary__level">{env.tr(&level.name).to_string()}</span>
                </h2>
                <p class="mc-summary__score">
                    <span class="mc-summary__points">{overall.score.to_string()}</span>
                    " "
                    <span>{env.t("results.score")}</span>
                </p>
                <p class="mc-lead">{env.tr(&level.description).to_string()}</p>
                <p class="mc-summary__next">{to_next}</p>
            }
            .into_any()
        }
        None => view! {
            <h2 id="mc-results-title" class="mc-title" tabindex="-1" node_ref=heading>
                {env.t("results.no_overall")}
            </h2>
            <p class="mc-lead">{env.t("results.no_overall_lead")}</p>
        }
        .into_any(),
    };
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if check.moved_by_user() {
                // In the next frame: a screen from a chunk is attached only after it is built.
                request_animation_frame(move || {
                    let _ = h.focus();
                });
            }
        }
    });
    let (_, profile) = role_profile(&q, &answers);
    let role_name = q
        .context_questions
        .iter()
        .find(|c| c.id == q.profiles.role_question)
        .and_then(|c| c.options.iter().find(|o| o.id == profile.role))
        .map(|o| env.tr(&o.label).to_string())
        .unwrap_or_default();
    let details = (0..q.dimensions.len())
        .map(|i| view! { <DimensionDetails index=i /> })
        .collect_view();
    let cta = env.config.cta.as_ref().map(|c| {
        let label = c.label.get(env.locale()).unwrap_or_default().to_string();
        let target = c.new_tab.then_some("_blank");
        let rel = c.new_tab.then_some("noopener");
        view! {
            <section class="mc-cta" aria-label=label.clone()>
                <a class="mc-button mc-button--primary mc-cta__link" href=c.url.clone() target=target rel=rel>{label.clone()}</a>
            </section>
        }
    });
    let share = env.config.share.then(|| view! { <ShareLink /> });
    let env_restart = env.clone();
    let lead = expect_context::<Lead>();
    view! {
        <div class="mc-results mc-screen" data-locked=move || lead.locks_results().then_some("")>
            <section class="mc-summary" aria-labelledby="mc-results-title">
                <div class="mc-summary__head">
                    <p class="mc-eyebrow">{env.t("results.eyebrow")}</p>
                    {summary}
                </div>
                <section class="mc-summary__radar" aria-labelledby="mc-radar-heading">
                    <h3 class="mc-h3" id="mc-radar-heading">{env.t("results.radar")}</h3>
                    <ResultRadar />
                </section>
                <FocusAreas role=role_name.clone() />
            </section>
            <LeadForm spot=LeadSpot::AfterSummary />
            <PlanColumns />
            {cta}
            <LeadForm spot=LeadSpot::InResults />
            <KpiList role=role_name />
            <section class="mc-section mc-dimensions" aria-labelledby="mc-dimensions-title">
                <h3 class="mc-h3" id="mc-dimensions-title">{env.t("results.dimensions")}</h3>
                <div class="mc-details-list">{details}</div>
            </section>
            {share}
            <div class="mc-actions mc-noprint">
                <button type="button" class="mc-button" on:click=move |_| browser::print()>{env.t("results.print")}</button>
                <button type="button" class="mc-button mc-button--ghost" on:click=move |_| check.back()>{env.t("results.edit")}</button>
                <button type="button" class="mc-button mc-button--ghost" on:click=move |_| check.restart(&env_restart)>{env.t("results.restart")}</button>
            </div>
        </div>
    }
}
