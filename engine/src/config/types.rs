/*!
The validated config's types: what the walk (`super::walk` and its sections) produces and the
widget reads. `Default` is what an empty config `{}` gives.
*/

use crate::json::Json as Value;
use crate::lead::settings::LeadConfig;
use crate::local_text::LocalText;
use crate::problem::Problem;
use crate::sorted_map::{SortedMap, TextMap};

/// A validated widget configuration. `Default` is what an empty config `{}` gives.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetConfig {
    /// Locale asked for; `None` = from the host page's `<html lang>`, else the browser.
    pub locale: Option<String>,
    /// `formality: "formal"`: German addresses the reader as "Sie" ([`crate::formal`]).
    pub formal: bool,
    pub theme: Theme,
    pub brand: Brand,
    /// UI text overrides: locale -> catalogue key -> text.
    pub texts: SortedMap<TextMap>,
    pub questionnaire: QuestionnaireSource,
    pub cta: Option<CallToAction>,
    pub privacy_url: Option<String>,
    /// Keep answers in localStorage so a reload can continue.
    pub persistence: bool,
    /// Offer a share link with the answers in its fragment.
    pub share: bool,
    /// Also push events to `window.dataLayer`.
    pub data_layer: bool,
    /// The lead form; `None` shows none.
    pub lead: Option<LeadConfig>,
}

impl Default for WidgetConfig {
    fn default() -> Self {
        WidgetConfig {
            locale: None,
            formal: false,
            theme: Theme::default(),
            brand: Brand::default(),
            texts: SortedMap::new(),
            questionnaire: QuestionnaireSource::Default,
            cta: None,
            privacy_url: None,
            persistence: true,
            share: true,
            data_layer: false,
            lead: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ThemeMode {
    #[default]
    Light,
    Dark,
    /// Follows the visitor's `prefers-color-scheme`.
    Auto,
}

/// Colours are `#rrggbb`; `None` keeps the built-in value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Theme {
    pub primary: Option<String>,
    pub accent: Option<String>,
    pub background: Option<String>,
    pub text: Option<String>,
    pub font_family: Option<String>,
    /// Corner radius in px.
    pub radius: Option<f64>,
    pub mode: ThemeMode,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Brand {
    pub name: Option<String>,
    pub logo_url: Option<String>,
    /// Show the small "powered by" link.
    pub powered_by: bool,
}

impl Default for Brand {
    fn default() -> Self {
        Brand {
            name: None,
            logo_url: None,
            powered_by: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum QuestionnaireSource {
    /// The questionnaire shipped with the widget.
    Default,
    /// Given in the config as an object, validated when the widget loads it
    /// ([`load_questionnaire`](super::read::load_questionnaire) on its text; [`check`](super::read::check) does it at once).
    Inline(Value),
    /// To be fetched; validated after loading.
    Url(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CallToAction {
    pub label: LocalText,
    pub url: String,
    pub new_tab: bool,
}

/// The outcome of reading a config: the config if there were no errors, and every problem.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigReport {
    pub config: Option<WidgetConfig>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// A config read without wording its problems: what the widget's first view does.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// Valid, and nothing to warn about.
    Clean(WidgetConfig),
    /// Valid, with warnings: [`parse_value`](super::read::parse_value) words them.
    Warnings(WidgetConfig),
    /// Not valid: [`parse_value`](super::read::parse_value) says why.
    Errors,
}
