/*!
Code that is downloaded only when it is first needed, one file per chunk.

The first question must be interactive after as few bytes as possible, so the release build cuts
the code behind each function declared here with [`crate::lazy::lazy!`] out of the main wasm
module into a chunk of its own. Which file is which chunk, and when each is fetched:

* `results.rs` (`results`): the results screen with the plan, the fetch of the built-in
  questionnaire's advice and the scoring behind the `complete` event. Fetched in the background
  on the first answer, so the results appear at once after the last.
* `leads.rs` (`leads`): the lead state, form and delivery. Fetched with a lead gate, when the lead
  form shows, or when the outbox holds a lead to send.
* `restore.rs` (`restore`): the reading of saved answers and share links. Fetched at start-up
  only when there is either.
* `config_report.rs` (`config`): the wording of a config's problems, and the error panel.
  Fetched only for a config with problems.
* `custom.rs` (`custom`): the validation of a partner's own questionnaire. Fetched only for one.

The functions re-exported here are what the rest of the widget calls; each fetches its chunk
once, then runs the code.
*/

mod config_report;
mod custom;
mod leads;
mod restore;
mod results;

pub use crate::lazy::ChunkError;
pub use config_report::{config_report, error_panel};
pub use custom::{load_questionnaire, QuestionnaireInput};
pub use leads::{lead_gate, watch_outbox};
pub use restore::{open_shared_link, restore};
pub use results::{prefetch_results, report_complete, results_screen};
