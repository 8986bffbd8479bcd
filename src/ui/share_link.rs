use leptos::prelude::*;

use crate::browser;
use crate::check::{Check, Env};

/// The link that opens this result on any device, with a button that copies it.
#[component]
pub fn ShareLink() -> impl IntoView {
    let env = expect_context::<Env>();
    let check = expect_context::<Check>();
    let url = check.share_url(&env).unwrap_or_default();
    let copied = RwSignal::new(false);
    let url_copy = url.clone();
    let copy = move |_| {
        let url = url_copy.clone();
        leptos::task::spawn_local(async move {
            copied.set(browser::copy_text(&url).await);
        });
    };
    view! {
        <section class="mc-section mc-share mc-noprint" aria-labelledby="mc-share-title">
            <h3 class="mc-h3" id="mc-share-title">{env.t("results.share")}</h3>
            <p class="mc-muted">{env.t("results.share_hint")}</p>
            <div class="mc-share__row">
                <label class="mc-visually-hidden" for="mc-share-url">{env.t("results.share_label")}</label>
                <input id="mc-share-url" class="mc-input" type="text" readonly value=url />
                <button type="button" class="mc-button" on:click=copy>{env.t("results.copy")}</button>
            </div>
            <p class="mc-status" role="status">{move || copied.get().then(|| expect_context::<Env>().t("results.copied"))}</p>
        </section>
    }
}
