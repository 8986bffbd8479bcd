use std::future::Future;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::check::Env;
use crate::chunks::ChunkError;

/// A screen whose code comes from a chunk ([`crate::chunks`]): a short note while it downloads;
/// if the download fails, a message and a button that tries again. Answers are never touched.
#[component]
pub fn LazyView<Fut>(
    /// Fetches the chunk (once) and builds the view.
    load: fn() -> Fut,
) -> impl IntoView
where
    Fut: Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    let env = expect_context::<Env>();
    let attempt = RwSignal::new(0_u32);
    let waiting = env.t("load.waiting");
    move || {
        attempt.track();
        let env = env.clone();
        let waiting = waiting.clone();
        view! {
            <Suspense fallback=move || view! { <p class="mc-loading" role="status">{waiting.clone()}</p> }>
                {Suspend::new(SendWrapper::new({
                    let env = env.clone();
                    async move {
                        match load().await {
                            Ok(view) => view,
                            Err(ChunkError) => view! {
                                <section class="mc-screen mc-load-failed" role="alert">
                                    <p>{env.t("load.failed")}</p>
                                    <div class="mc-actions">
                                        <button type="button" class="mc-button mc-button--primary" on:click=move |_| attempt.update(|n| *n += 1)>
                                            {env.t("load.retry")}
                                        </button>
                                    </div>
                                </section>
                            }
                            .into_any(),
                        }
                    }
                }))}
            </Suspense>
        }
    }
}
