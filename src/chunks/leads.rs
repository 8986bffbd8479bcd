//! The leads' chunk: the lead state, the form and the delivery. The watch that sends queued leads
//! when the browser comes back online is first-view code; what it calls is the chunk's.

use leptos::prelude::*;

use super::results::results_screen;
use crate::check::{Env, Widget};
use crate::lazy::{in_background, lazy, ChunkError, ChunkFuture};

lazy!(
    leads,
    fn lead_gate_chunk(widget: Widget) -> ChunkFuture<Result<AnyView, ChunkError>> {
        crate::i18n::load_later();
        Box::pin(async move {
            let env = widget.env.clone();
            let lead = widget.lead();
            widget.clone().provide();
            crate::ui::results_screen::adopt_sheet(&env).await?;
            // A memo, so that other news about the lead does not build the form again.
            let gated = Memo::new(move |_| lead.gates_results());
            Ok((move || {
                if gated.get() {
                    untrack(|| view! { <crate::ui::LeadForm spot=crate::ui::LeadSpot::Gate /> })
                        .into_any()
                } else {
                    view! { <crate::ui::LazyView widget=widget.clone() load=|w| Box::pin(results_screen(w)) /> }
                        .into_any()
                }
            })
            .into_any())
        })
    }
);

lazy!(
    leads,
    fn flush_outbox_chunk(env: Env) -> () {
        leptos::task::spawn_local(crate::lead::flush(env))
    }
);

/// The lead form in place of the results (`lead.gate: "before_results"`), with its stylesheet.
pub async fn lead_gate(widget: Widget) -> Result<AnyView, ChunkError> {
    lead_gate_chunk(widget).await?.await
}

/// Sends what waits in the outbox, in the background.
pub fn flush_outbox(env: Env) {
    in_background(
        Box::pin(flush_outbox_chunk(env)),
        "could not download the code that sends queued leads; they stay queued",
        None,
    );
}

/// Sends what waits in the outbox now and whenever the browser comes back online, until the
/// widget is destroyed. Part of the first view; the sending code is a chunk of its own, fetched
/// only when there is something to send.
pub fn watch_outbox(env: &Env) {
    let has_queue = crate::lead::outbox_text().is_some();
    if env.config.lead.is_some() || has_queue {
        let flush_env = env.clone();
        let online = window_event_listener_untyped("online", move |_| {
            if crate::lead::outbox_text().is_some() {
                flush_outbox(flush_env.clone());
            }
        });
        on_cleanup(move || online.remove());
    }
    if has_queue {
        flush_outbox(env.clone());
    }
}
