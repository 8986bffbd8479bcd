//! The widget's components, one per file, each named for what the person sees.

mod dimension_details;
mod disclosure;
mod error_panel;
mod focus_areas;
mod intro_screen;
mod kpi_list;
mod lazy_view;
mod lead_form;
pub(crate) mod plan_columns;
mod question_step;
pub(crate) mod result_radar;
pub(crate) mod results_screen;
mod share_link;
mod widget_root;

pub use dimension_details::DimensionDetails;
pub use disclosure::{Disclosure, HeadingLevel};
pub use error_panel::{ErrorPanel, LoadFailed};
pub use focus_areas::FocusAreas;
pub use intro_screen::IntroScreen;
pub use kpi_list::KpiList;
pub use lazy_view::LazyView;
pub use lead_form::{LeadForm, LeadSpot};
pub use plan_columns::PlanColumns;
pub use question_step::QuestionStep;
pub use result_radar::ResultRadar;
pub use results_screen::ResultsScreen;
pub use share_link::ShareLink;
pub use widget_root::WidgetRoot;
