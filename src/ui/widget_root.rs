use leptos::prelude::*;

use crate::check::{Check, Env, Screen, Widget};
use crate::chunks;
use crate::ui::{IntroScreen, LazyView, QuestionStep};
use maturity_check_engine::config::LeadGate;

/// The whole check: brand header, the current screen, and the footer.
#[component]
pub fn WidgetRoot(
    /// The instance's questionnaire, config and strings.
    env: Env,
) -> impl IntoView {
    let check = Check::new(&env);
    chunks::watch_outbox(&env);
    let widget = Widget::new(env.clone(), check);
    // A share link pasted into a tab that already shows the page only changes the fragment.
    let on_hash = {
        let env = env.clone();
        window_event_listener_untyped("hashchange", move |_| check.open_shared_link(&env))
    };
    on_cleanup(move || on_hash.remove());
    // The form in place of the results: its chunk shows the results once the lead is sent.
    let gated = env
        .config
        .lead
        .as_ref()
        .is_some_and(|l| l.gate == LeadGate::BeforeResults);
    let brand = env.config.brand.clone();
    let powered_by = brand.powered_by.then(|| env.t("brand.powered_by"));
    // The brand bar shows only what a partner configured; the check's own title is the heading.
    let header = (brand.logo_url.is_some() || brand.name.is_some()).then(|| {
        let name = brand.name.clone();
        view! {
            <header class="mc-brand">
                {brand.logo_url.clone().map(|src| view! { <img class="mc-brand__logo" src=src alt=name.clone().unwrap_or_default() /> })}
                {brand.name.clone().filter(|_| brand.logo_url.is_none()).map(|n| view! { <span class="mc-brand__title">{n}</span> })}
            </header>
        }
    });
    let screen = move || {
        match check.screen() {
        Screen::Loading => {
            view! { <p class="mc-loading" role="status">{widget.env.t("load.waiting")}</p> }
                .into_any()
        }
        Screen::Intro => view! { <IntroScreen env=widget.env.clone() check=check /> }.into_any(),
        Screen::Step(i) => {
            view! { <QuestionStep env=widget.env.clone() check=check index=i /> }.into_any()
        }
        Screen::Results if gated => {
            view! { <LazyView widget=widget.clone() load=|w| Box::pin(chunks::lead_gate(w)) /> }
                .into_any()
        }
        Screen::Results => {
            view! { <LazyView widget=widget.clone() load=|w| Box::pin(chunks::results_screen(w)) /> }
                .into_any()
        }
    }
    };
    view! {
        <div class="mc" lang=env.locale().to_string() dir="ltr">
            {header}
            <main class="mc-main">{screen}</main>
            {powered_by.map(|label| view! {
                <footer class="mc-footer">
                    <span class="mc-footer__powered">{label}</span>
                </footer>
            })}
        </div>
    }
}
