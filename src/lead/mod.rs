/*!
Sending leads from the browser, so that none is lost and none is sent twice without the same id.

The engine builds the request and decides what every response means
([`maturity_check_engine::lead`]); this module does what needs a browser: the UUID and the clock,
`fetch` with a timeout, the pauses between attempts, and the outbox in localStorage.

A lead is written to the outbox *before* its first attempt and leaves it only when the receiver
accepts or refuses it, so a closed tab or a dead connection leaves it there to be sent again,
with its original submission id, when the browser comes back online or a widget next loads.
Every widget on a page shares one wasm module and therefore the state below: `IN_FLIGHT` keeps two
widgets (or a flush and a fresh submission) from sending the same lead at once, and `WATCHERS`
tell the widget that queued a lead when another flush delivered it.
*/

mod outbox;
mod state;
mod submit;

pub use outbox::{flush, outbox_text};
pub use state::{consent_text, Lead, Status};
