//! The widget's components, one per file, each named for what the person sees.

mod dimension_card;
mod error_panel;
mod intro_screen;
mod lazy_view;
mod lead_form;
mod plan_columns;
mod question_step;
mod result_radar;
pub(crate) mod results_screen;
mod widget_root;

pub use dimension_card::DimensionCard;
pub use error_panel::{ErrorPanel, LoadFailed};
pub use intro_screen::IntroScreen;
pub use lazy_view::LazyView;
pub use lead_form::{LeadForm, LeadSpot};
pub use plan_columns::PlanColumns;
pub use question_step::QuestionStep;
pub use result_radar::ResultRadar;
pub use results_screen::ResultsScreen;
pub use widget_root::WidgetRoot;
