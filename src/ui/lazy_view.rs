use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;

use crate::check::Widget;
use crate::lazy::{ChunkError, ChunkFuture};

/// Where the download stands. Numbers rather than an enum: a signal of `usize` is in the first
/// view anyway (the focused option), so this one needs no code of its own.
mod download {
    pub const LOADING: usize = 0;
    pub const READY: usize = 1;
    pub const FAILED: usize = 2;
}

/// A screen whose code comes from a chunk ([`crate::chunks`]): a short note while it downloads;
/// if the download fails, a message and a button that tries again. Answers are never touched.
///
/// A status signal and a spawned task rather than `<Suspense>`: the first view then carries none
/// of Leptos' async-derived and suspense machinery, which nothing else in the widget needs.
///
/// Not generic over the future: one copy of this component's code serves every lazy screen.
#[component]
pub fn LazyView(
    /// The widget the screen belongs to.
    widget: Widget,
    /// Fetches the chunk (once) and builds the view.
    load: fn(Widget) -> ChunkFuture<Result<AnyView, ChunkError>>,
) -> impl IntoView {
    let env = widget.env.clone();
    let status = RwSignal::new(download::LOADING);
    let ready = StoredValue::new_local(None::<AnyView>);
    // The chunk's view is built under this component's owner, so it finds the contexts, also
    // when "Try again" starts the load from a click handler (which runs under no owner).
    let owner = Owner::current().unwrap_or_default();
    let fetch = move || {
        status.set(download::LOADING);
        let built = owner.with(|| ScopedFuture::new_untracked(load(widget.clone())));
        leptos::task::spawn_local(async move {
            match built.await {
                Ok(view) => {
                    // The screen may have changed meanwhile: then both are gone, quietly.
                    if ready.try_set_value(Some(view)).is_none() {
                        status.try_set(download::READY);
                    }
                }
                Err(ChunkError) => {
                    status.try_set(download::FAILED);
                }
            }
        });
    };
    fetch();
    move || match status.get() {
        download::LOADING => {
            view! { <p class="mc-loading" role="status">{env.t("load.waiting")}</p> }.into_any()
        }
        download::READY => ready
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
        _ => {
            let fetch = fetch.clone();
            view! {
                <section class="mc-screen mc-load-failed" role="alert">
                    <p>{env.t("load.failed")}</p>
                    <div class="mc-actions">
                        <button type="button" class="mc-button mc-button--primary" on:click=move |_| fetch()>
                            {env.t("load.retry")}
                        </button>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}
