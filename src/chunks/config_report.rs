//! The config's chunk: the wording of a config's problems, and the error panel that lists them.

use leptos::prelude::*;
use maturity_check_engine::config::ConfigReport;
use maturity_check_engine::json::Json;
use maturity_check_engine::Problem;

use crate::lazy::{lazy, ChunkError};

lazy!(
    config,
    fn config_report_chunk(value: Json) -> ConfigReport {
        maturity_check_engine::config::parse_value(&value, crate::i18n::KEYS)
    }
);

lazy!(
    config,
    fn error_panel_chunk(
        container: web_sys::HtmlElement,
        locale: String,
        formal: bool,
        problems: Vec<Problem>,
    ) -> Box<dyn std::any::Any> {
        crate::i18n::load_errors();
        let text = crate::i18n::Catalogue::new(&locale, Default::default()).formal(formal);
        let (title, lead) = (text.get("error.title"), text.get("error.lead"));
        Box::new(mount_to(container, move || {
            view! { <crate::ui::ErrorPanel title=title lead=lead problems=problems /> }
        }))
    }
);

/// Mounts the error panel (the list of what is wrong in the config or the questionnaire) into
/// `container`, in `locale`, formal if `formal`; its code and its strings come with the code that
/// words the problems.
pub async fn error_panel(
    container: web_sys::HtmlElement,
    locale: String,
    formal: bool,
    problems: Vec<Problem>,
) -> Result<Box<dyn std::any::Any>, ChunkError> {
    error_panel_chunk(container, locale, formal, problems).await
}

/// A config's problems, worded: only a config that has some needs this code
/// (see `maturity_check_engine::config::read_value`).
pub async fn config_report(value: Json) -> Result<ConfigReport, ChunkError> {
    config_report_chunk(value).await
}
