/*!
Widget configuration: raw JSON from a partner -> a validated [`WidgetConfig`].

The raw config is walked by hand rather than deserialised with serde so that every problem carries
its JSON path, unknown keys become warnings that name the nearest valid key (a typo must not silently
switch a feature off), and all problems come out in one pass. Values that reach CSS or the DOM are
restricted here: colours are hex, font families a safe character set, links http(s) or relative.

Errors stop the widget from mounting (it shows an error panel instead); warnings are reported and
the widget runs.

* [`types`]: the validated config; [`keys`]: the one table of every key, from which the walk's
  key lists, [`schema`] (`public/config.schema.json`) and [`docs`] (the tables of
  `docs/config.md`) are written;
* [`read`]: the ways in (loud or quiet, text or parsed value) and the questionnaire a config brings;
* `walk`: the walk and its checks of single values, with the sections in `sections`, `theme`
  and `lead_walk`; [`contrast`](mod@contrast): the theme's contrast warning.

The lead form's settings types live in [`crate::lead::settings`] and are re-exported here: the walk
builds them and the lead code reads them, and neither imports the other.
*/

pub mod contrast;
pub mod docs;
pub mod keys;
mod lead_walk;
pub mod read;
pub mod schema;
mod sections;
mod theme;
pub mod types;
pub mod typescript;
mod walk;

pub use crate::lead::settings::{
    HubSpot, LeadConfig, LeadGate, LeadTarget, DEFAULT_HUBSPOT_API, DEFAULT_LEAD_RETRIES,
    DEFAULT_LEAD_TIMEOUT_MS,
};
pub use crate::local_text::LocalText;
pub use crate::syntax::{is_safe_url, parse_hex};
pub use contrast::contrast;
pub use keys::{
    BRAND_KEYS, CTA_KEYS, FORMALITY, HUBSPOT_FIELD_KEYS, HUBSPOT_KEYS, KEYS, LEAD_FIELD_KEYS,
    LEAD_KEYS, TEXT_KEYS, THEME_KEYS, UI_LOCALES,
};
pub use read::{
    check, formal_warning, load_inline_questionnaire, load_questionnaire, not_json, parse,
    parse_value, read_value,
};
pub use types::{
    Brand, CallToAction, ConfigReport, QuestionnaireSource, Reading, Theme, ThemeMode, WidgetConfig,
};
pub use walk::{nearest, tenths};
