use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;

use crate::check::Widget;
use crate::chunks::{ChunkError, ChunkFuture};

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed,
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
    let status = RwSignal::new(Status::Loading);
    let ready = StoredValue::new_local(None::<AnyView>);
    // The chunk's view is built under this component's owner, so it finds the contexts, also
    // when "Try again" starts the load from a click handler (which runs under no owner).
    let owner = Owner::current().unwrap_or_default();
    let fetch = move || {
        status.set(Status::Loading);
        let built = owner.with(|| ScopedFuture::new_untracked(load(widget.clone())));
        leptos::task::spawn_local(async move {
            match built.await {
                Ok(view) => {
                    // The screen may have changed meanwhile: then both are gone, quietly.
                    if ready.try_set_value(Some(view)).is_none() {
                        status.try_set(Status::Ready);
                    }
                }
                Err(ChunkError) => {
                    status.try_set(Status::Failed);
                }
            }
        });
    };
    fetch();
    move || match status.get() {
        Status::Loading => {
            view! { <p class="mc-loading" role="status">{env.t("load.waiting")}</p> }.into_any()
        }
        Status::Ready => ready
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
        Status::Failed => {
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
