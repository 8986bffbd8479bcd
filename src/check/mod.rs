/*!
The state of one widget instance and the moves on it.

[`Env`] is what does not change while the widget lives (questionnaire, config, strings, host
element); [`Check`] holds the few signals that do (screen, answers) and asks the engine for the
assessment when it is needed, so the engine stays the single source of every number shown. The
plan is made by the results screen, which is loaded with its own chunk.
Domain types hold no signals. The first view's components receive `Check` and `Env` as props, the
screens from chunks through context ([`Widget`]).

* `env.rs`: [`Env`], and the `{id, version}` of a questionnaire that events carry.
* `state.rs`: [`Check`], [`Screen`], [`Pick`], what the screens read and the moves that need no
  chunk; the code of the chunks uses these.
* `moves.rs`: the moves that start a chunk's download (making the state, answering, finishing,
  a share link pasted later). Only the first view calls them, so `crate::chunks` can use the
  rest of this module without an import circle.
* `widget.rs`: [`Widget`], the bundle the screens from chunks get as context, with the lead state.
*/

mod env;
mod moves;
mod state;
mod widget;

pub use env::{questionnaire, Env};
pub use state::{Check, Pick, Screen, SHARE_PARAM};
pub use widget::Widget;
