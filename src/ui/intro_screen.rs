use leptos::either::Either;
use leptos::prelude::*;

use crate::check::{Check, Env};

/// What the check is, how long it takes, what happens with the answers; start or continue.
#[component]
pub fn IntroScreen(env: Env, check: Check) -> impl IntoView {
    let total = env.steps.len();
    let count = total.to_string();
    let duration = match env.q.minutes(env.locale()) {
        1 => env.t("intro.duration_one"),
        m => env.fill("intro.duration", &[("minutes", &m.to_string())]),
    };
    let privacy = env.config.privacy_url.clone();
    let subtitle = env.q.subtitle.as_ref().map(|s| env.tr(s).to_string());
    // Saved progress is read before the intro shows (`Screen::Loading`) and changes only as the
    // intro is left (start, continue, restart), so the intro reads it once.
    let resume = {
        let env = env.clone();
        check.resume().map(|p| {
            let label = if p.answers.is_complete() {
                env.t("intro.resume_results")
            } else {
                let current = (p.step.min(total.saturating_sub(1)) + 1).to_string();
                env.fill("intro.resume", &[("current", &current), ("total", &total.to_string())])
            };
            let (env_c, env_r) = (env.clone(), env.clone());
            view! {
                <div class="mc-resume">
                    <p class="mc-resume__note">{env.t("intro.saved")}</p>
                    <div class="mc-actions">
                        <button type="button" class="mc-button mc-button--primary" on:click=move |_| check.continue_saved(&env_c)>
                            {label}
                        </button>
                        <button type="button" class="mc-button" on:click=move |_| check.restart(&env_r)>
                            {env.t("intro.restart")}
                        </button>
                    </div>
                </div>
            }
        })
    };
    let env_start = env.clone();
    let link_note = check
        .link_note()
        .map(|line| view! { <p class="mc-notice" role="status">{line}</p> });
    view! {
        <section class="mc-intro mc-screen" aria-labelledby="mc-intro-title">
            {link_note}
            <p class="mc-eyebrow">{env.t("intro.eyebrow")}</p>
            <h2 id="mc-intro-title" class="mc-title">{env.tr(&env.q.title).to_string()}</h2>
            <p class="mc-lead">{subtitle.unwrap_or_else(|| env.fill("intro.lead", &[("count", &count)]))}</p>
            <ul class="mc-facts">
                <li>{env.fill("intro.questions", &[("count", &count)])}</li>
                <li>{duration}</li>
                <li>{env.t("intro.outcome")}</li>
            </ul>
            <p class="mc-privacy">
                {env.t("intro.privacy")}
                {privacy.map(|url| view! { " " <a href=url target="_blank" rel="noopener">{env.t("intro.privacy_link")}</a> })}
            </p>
            {match resume {
                Some(v) => Either::Left(v),
                None => {
                    let env = env_start.clone();
                    Either::Right(view! {
                        <div class="mc-actions">
                            <button type="button" class="mc-button mc-button--primary" on:click=move |_| check.start(&env)>
                                {env_start.t("intro.start")}
                            </button>
                        </div>
                    })
                }
            }}
        </section>
    }
}
