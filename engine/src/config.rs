/*!
Widget configuration: raw JSON from a partner -> a validated [`WidgetConfig`].

The raw config is walked by hand rather than deserialised with serde so that every problem carries
its JSON path, unknown keys become warnings that name the nearest valid key (a typo must not silently
switch a feature off), and all problems come out in one pass. Values that reach CSS or the DOM are
restricted here: colours are hex, font families a safe character set, links http(s) or relative.

Errors stop the widget from mounting (it shows an error panel instead); warnings are reported and
the widget runs.
*/

use crate::json::{Json as Value, Object};
use crate::sorted_map::{SortedMap, TextMap};

use crate::lead::{is_uuid, Field, Fields, Need};
use crate::validate::{self, quoted, Checked, Problem};

/// A validated widget configuration. `Default` is what an empty config `{}` gives.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetConfig {
    /// Locale asked for; `None` = from the host page's `<html lang>`, else the browser.
    pub locale: Option<String>,
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
    /// ([`load_questionnaire`] on its text; [`check`] does it at once).
    Inline(Value),
    /// To be fetched; validated after loading.
    Url(String),
}

/// A text that is the same in every locale or given per locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalText {
    Same(String),
    PerLocale(TextMap),
}

impl LocalText {
    pub fn get(&self, locale: &str) -> Option<&str> {
        match self {
            LocalText::Same(s) => Some(s),
            LocalText::PerLocale(m) => m
                .get(locale)
                .or_else(|| m.values().next())
                .map(String::as_str),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CallToAction {
    pub label: LocalText,
    pub url: String,
    pub new_tab: bool,
}

/// Where leads go, what the form asks, and whether it stands before the results.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadConfig {
    pub target: LeadTarget,
    pub gate: LeadGate,
    pub fields: Fields,
    /// Replaces the catalogue's `lead.consent` text.
    pub consent_text: Option<LocalText>,
    /// How long one attempt may take before it is aborted.
    pub timeout_ms: u32,
    /// Attempts after a failed first one, before the lead waits in the queue.
    pub retries: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LeadTarget {
    /// Our documented JSON body, POSTed to `endpoint` (http(s) or relative).
    Json { endpoint: String },
    /// HubSpot's Forms API.
    HubSpot(HubSpot),
}

#[derive(Debug, Clone, PartialEq)]
pub struct HubSpot {
    pub portal_id: String,
    pub form_guid: String,
    /// Without a trailing slash; [`DEFAULT_HUBSPOT_API`] unless configured (tests point it at a
    /// local receiver).
    pub api_base: String,
    /// Our field name -> HubSpot property name, where it differs from the default.
    pub fields: TextMap,
}

impl HubSpot {
    /// The HubSpot property that our field `ours` goes to, if it is sent at all. Contact fields
    /// go to HubSpot's standard properties (the whole name into `firstname`: where a name splits
    /// into first and last is not ours to guess); `score`, `stage` and `submission_id` are sent
    /// only when mapped. Mapping to `""` sends nothing.
    pub fn field_name<'a>(&'a self, ours: &str) -> Option<&'a str> {
        let name = match self.fields.get(ours) {
            Some(mapped) => mapped.as_str(),
            None => match ours {
                "name" => "firstname",
                "email" => "email",
                "company" => "company",
                "phone" => "phone",
                "message" => "message",
                _ => return None,
            },
        };
        (!name.is_empty()).then_some(name)
    }
}

/// Where the lead form stands relative to the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeadGate {
    /// In the results, after the plan; the results are open to everyone.
    #[default]
    None,
    /// In place of the results, which open once the lead is sent or queued.
    BeforeResults,
    /// After the result summary; the rest of the results opens once the lead is sent or queued.
    AfterResults,
}

/// HubSpot's API host, used unless `lead.hubspot.api_base` says otherwise.
pub const DEFAULT_HUBSPOT_API: &str = "https://api.hsforms.com";
pub const DEFAULT_LEAD_TIMEOUT_MS: u32 = 10_000;
pub const DEFAULT_LEAD_RETRIES: u32 = 3;

/// The outcome of reading a config: the config if there were no errors, and every problem.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigReport {
    pub config: Option<WidgetConfig>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Top-level keys, in documentation order.
pub const KEYS: &[&str] = &[
    "locale",
    "theme",
    "brand",
    "texts",
    "questionnaire",
    "cta",
    "privacy_url",
    "persistence",
    "share",
    "data_layer",
    "lead",
];
pub const THEME_KEYS: &[&str] = &[
    "primary",
    "accent",
    "background",
    "text",
    "font_family",
    "radius",
    "mode",
];
pub const BRAND_KEYS: &[&str] = &["name", "logo_url", "powered_by"];
pub const CTA_KEYS: &[&str] = &["label", "url", "new_tab"];
pub const LEAD_KEYS: &[&str] = &[
    "format",
    "endpoint",
    "hubspot",
    "gate",
    "fields",
    "consent_text",
    "timeout_ms",
    "retries",
];
pub const HUBSPOT_KEYS: &[&str] = &["portal_id", "form_guid", "api_base", "fields"];
/// The form's fields: keys of `lead.fields`, `lead.hubspot.fields` and the body's `contact`.
pub const LEAD_FIELD_KEYS: &[&str] = &["name", "email", "company", "phone", "message"];
/// Keys of `lead.hubspot.fields`: the form's fields and what else can go to HubSpot.
pub const HUBSPOT_FIELD_KEYS: &[&str] = &[
    "name",
    "email",
    "company",
    "phone",
    "message",
    "score",
    "stage",
    "submission_id",
];
/// Keys of the widget's UI strings, which `texts` may override. Public API: the widget's catalogue
/// must have exactly these (a test in the widget crate checks it).
pub const TEXT_KEYS: &[&str] = &[
    "intro.eyebrow",
    "intro.lead",
    "intro.duration",
    "intro.duration_one",
    "intro.questions",
    "intro.outcome",
    "intro.privacy",
    "intro.privacy_link",
    "intro.start",
    "intro.resume",
    "intro.resume_results",
    "intro.restart",
    "intro.saved",
    "link.failed",
    "link.damaged",
    "link.version",
    "link.other",
    "step.counter",
    "step.progress",
    "step.context",
    "step.back",
    "step.next",
    "step.keys",
    "results.eyebrow",
    "results.stage",
    "results.score",
    "results.to_next",
    "results.top",
    "results.radar",
    "results.radar_alt",
    "results.table_dimension",
    "results.table_score",
    "results.table_stage",
    "results.focus",
    "results.focus_lead",
    "results.plan",
    "results.now",
    "results.now_hint",
    "results.build_up",
    "results.build_up_hint",
    "results.leave_out",
    "results.leave_out_hint",
    "results.dimensions",
    "results.unknown",
    "results.kpis",
    "results.kpis_lead",
    "results.share",
    "results.share_hint",
    "results.share_label",
    "results.copy",
    "results.copied",
    "results.print",
    "results.restart",
    "results.edit",
    "lead.title",
    "lead.lead",
    "lead.gate_title",
    "lead.gate_lead",
    "lead.unlock_lead",
    "lead.unlock_title",
    "lead.name",
    "lead.email",
    "lead.company",
    "lead.phone",
    "lead.message",
    "lead.required",
    "lead.consent",
    "lead.privacy",
    "lead.honeypot",
    "lead.submit",
    "lead.sending",
    "lead.sent",
    "lead.queued",
    "lead.failed",
    "lead.failed_offline",
    "lead.error_missing",
    "lead.error_email",
    "lead.error_phone",
    "lead.error_too_long",
    "lead.error_consent",
    "error.title",
    "error.lead",
    "load.waiting",
    "load.failed",
    "load.retry",
    "load.start_failed",
    "brand.powered_by",
];
/// Locales the widget's UI catalogue has.
pub const UI_LOCALES: &[&str] = &["de", "en"];

/// Reads a config and validates an inline questionnaire too: everything a partner can get wrong
/// in one report (the `maturity-check-validate` command). Never panics, whatever the input.
pub fn check(json: &str, ui_keys: &[&str]) -> ConfigReport {
    let mut report = parse(json, ui_keys);
    if let Some(QuestionnaireSource::Inline(value)) =
        report.config.as_ref().map(|c| &c.questionnaire)
    {
        if let Err(problems) = load_inline_questionnaire(value) {
            report.errors.extend(problems);
            report.config = None;
        }
    }
    report
}

/// Reads a config. `ui_keys` are the UI catalogue's keys, which `texts` may override. An inline
/// questionnaire is only taken as it is here: the widget validates it when it loads it, so
/// that the validator's code is fetched only by pages that bring their own questionnaire.
/// Never panics, whatever the input.
pub fn parse(json: &str, ui_keys: &[&str]) -> ConfigReport {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(value) => parse_value(&Value::from(&value), ui_keys),
        Err(e) => not_json(&validate::json_error(&e)),
    }
}

/// [`parse`] for a config that is already parsed (the widget lets the browser parse it, so the
/// first view carries no JSON parser of its own).
pub fn parse_value(value: &Value, ui_keys: &[&str]) -> ConfigReport {
    let mut w = Walk::<true>::default();
    let config = w.config(value, ui_keys);
    w.finish(Some(config))
}

/// A config read without wording its problems: what the widget's first view does.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// Valid, and nothing to warn about.
    Clean(WidgetConfig),
    /// Valid, with warnings: [`parse_value`] words them.
    Warnings(WidgetConfig),
    /// Not valid: [`parse_value`] says why.
    Errors,
}

/// Reads a config as [`parse_value`] does (the same walk, so the same config and the same
/// verdict), but only says whether there is something to report, not what. The messages, typo
/// hints and the code that writes them are then needed only for a config with problems, so the
/// widget keeps them out of its first view.
pub fn read_value(value: &Value, ui_keys: &[&str]) -> Reading {
    let mut w = Walk::<false>::default();
    let config = w.config(value, ui_keys);
    if !w.errors.is_empty() {
        Reading::Errors
    } else if !w.warnings.is_empty() {
        Reading::Warnings(config)
    } else {
        Reading::Clean(config)
    }
}

/// The report for a config that is not JSON; `detail` says where it goes wrong.
pub fn not_json(detail: &str) -> ConfigReport {
    let mut w = Walk::<true>::default();
    w.error(|| ("$", format!("the config is not valid JSON: {detail}")));
    w.finish(None)
}

/// The nearest of `candidates` to `key`, if it is near enough to be a likely typo.
///
/// Optimal string alignment distance: edits plus swaps of neighbouring letters, the typos people
/// make. (Unrestricted Damerau-Levenshtein would also count swaps across other edits, needs a hash
/// map per call, and so brings hashing code into the widget's first view for no better hints.)
pub fn nearest<'a>(key: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::osa_distance(&key.to_ascii_lowercase(), c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The walk over a config. `LOUD` says whether it words its problems: the widget's first view
/// walks quietly ([`read_value`]), so that none of the messages, the typo hints and the code that
/// writes them is part of it; only a config with problems is walked again, loudly, by code that
/// is downloaded then. Both walks are this one code, so they always agree.
#[derive(Default)]
struct Walk<const LOUD: bool> {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl<const LOUD: bool> Walk<LOUD> {
    /// Records an error; `problem` gives its path and message, and is called only when loud.
    fn error<P: Into<String>, M: Into<String>>(&mut self, problem: impl FnOnce() -> (P, M)) {
        let p = Self::word(problem);
        self.errors.push(p);
    }
    /// Records a warning, as [`Walk::error`] does.
    fn warn<P: Into<String>, M: Into<String>>(&mut self, problem: impl FnOnce() -> (P, M)) {
        let p = Self::word(problem);
        self.warnings.push(p);
    }
    fn word<P: Into<String>, M: Into<String>>(problem: impl FnOnce() -> (P, M)) -> Problem {
        if LOUD {
            let (path, message) = problem();
            Problem::new(path, message)
        } else {
            Problem::new(String::new(), String::new())
        }
    }

    fn finish(self, config: Option<WidgetConfig>) -> ConfigReport {
        let config = if self.errors.is_empty() { config } else { None };
        ConfigReport {
            config,
            errors: self.errors,
            warnings: self.warnings,
        }
    }

    /// The object at `path`, with unknown keys warned about.
    fn object<'v>(&mut self, path: &str, v: &'v Value, known: &[&str]) -> Option<&'v Object> {
        let Some(map) = v.as_object() else {
            self.error(|| (path, format!("expected an object, found {}", kind(v))));
            return None;
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.warn(|| {
                    let hint = match nearest(key, known) {
                        Some(n) => format!("; did you mean \"{n}\"?"),
                        None => format!("; valid keys are {}", quoted(known)),
                    };
                    (
                        format!("{path}.{key}"),
                        format!("unknown key \"{key}\" is ignored{hint}"),
                    )
                });
            }
        }
        Some(map)
    }

    fn string(&mut self, path: &str, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                self.error(|| (path, format!("expected a string, found {}", kind(other))));
                None
            }
        }
    }

    fn boolean(&mut self, path: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                self.error(|| {
                    (
                        path,
                        format!("expected true or false, found {}", kind(other)),
                    )
                });
                None
            }
        }
    }

    fn colour(&mut self, path: &str, v: &Value) -> Option<String> {
        let s = self.string(path, v)?;
        if parse_hex(&s).is_some() {
            Some(s.to_ascii_lowercase())
        } else {
            self.error(|| {
                (
                    path,
                    format!("\"{s}\" is not a colour: use hex such as \"#0b5fff\" or \"#fff\""),
                )
            });
            None
        }
    }

    fn url(&mut self, path: &str, v: &Value, allow_contact: bool) -> Option<String> {
        let s = self.string(path, v)?;
        if is_safe_url(&s, allow_contact) {
            Some(s)
        } else {
            let allowed = if allow_contact {
                "http(s), mailto:, tel: or a relative URL"
            } else {
                "an http(s) or relative URL"
            };
            self.error(|| {
                (
                    path,
                    format!("\"{}\" is not allowed here: use {allowed}", truncate(&s)),
                )
            });
            None
        }
    }

    fn config(&mut self, v: &Value, ui_keys: &[&str]) -> WidgetConfig {
        let mut c = WidgetConfig::default();
        let Some(map) = self.object("$", v, KEYS) else {
            return c;
        };
        if let Some(v) = map.get("locale") {
            if let Some(l) = self.string("$.locale", v) {
                if UI_LOCALES.contains(&l.as_str()) {
                    c.locale = Some(l);
                } else {
                    self.error(|| {
                        (
                            "$.locale",
                            format!(
                                "\"{l}\" is not supported: use one of {}",
                                quoted(UI_LOCALES)
                            ),
                        )
                    });
                }
            }
        }
        if let Some(v) = map.get("theme") {
            c.theme = self.theme(v);
        }
        if let Some(v) = map.get("brand") {
            if let Some(m) = self.object("$.brand", v, BRAND_KEYS) {
                c.brand.name = m.get("name").and_then(|v| self.string("$.brand.name", v));
                c.brand.logo_url = m
                    .get("logo_url")
                    .and_then(|v| self.url("$.brand.logo_url", v, false));
                if let Some(b) = m
                    .get("powered_by")
                    .and_then(|v| self.boolean("$.brand.powered_by", v))
                {
                    c.brand.powered_by = b;
                }
            }
        }
        if let Some(v) = map.get("texts") {
            c.texts = self.texts(v, ui_keys);
        }
        if let Some(v) = map.get("questionnaire") {
            c.questionnaire = match v {
                Value::String(_) => self
                    .url("$.questionnaire", v, false)
                    .map_or(QuestionnaireSource::Default, QuestionnaireSource::Url),
                Value::Object(_) => QuestionnaireSource::Inline(v.clone()),
                other => {
                    self.error(|| {
                        (
                            "$.questionnaire",
                            format!(
                                "expected a questionnaire object or its URL, found {}",
                                kind(other)
                            ),
                        )
                    });
                    QuestionnaireSource::Default
                }
            };
        }
        if let Some(v) = map.get("cta") {
            c.cta = self.cta(v);
        }
        if let Some(v) = map.get("privacy_url") {
            c.privacy_url = self.url("$.privacy_url", v, false);
        }
        if let Some(v) = map.get("lead") {
            c.lead = self.lead(v);
            if c.lead.is_some() && !map.contains_key("privacy_url") {
                self.warn(|| ("$.privacy_url",
                    "missing: a lead form should link to your privacy notice beside its consent box"));
            }
        }
        for (key, slot) in [
            ("persistence", &mut c.persistence),
            ("share", &mut c.share),
            ("data_layer", &mut c.data_layer),
        ] {
            if let Some(b) = map
                .get(key)
                .and_then(|v| self.boolean(&format!("$.{key}"), v))
            {
                *slot = b;
            }
        }
        c
    }

    fn theme(&mut self, v: &Value) -> Theme {
        let mut t = Theme::default();
        let Some(m) = self.object("$.theme", v, THEME_KEYS) else {
            return t;
        };
        t.primary = m
            .get("primary")
            .and_then(|v| self.colour("$.theme.primary", v));
        t.accent = m
            .get("accent")
            .and_then(|v| self.colour("$.theme.accent", v));
        t.background = m
            .get("background")
            .and_then(|v| self.colour("$.theme.background", v));
        t.text = m.get("text").and_then(|v| self.colour("$.theme.text", v));
        if let Some(f) = m
            .get("font_family")
            .and_then(|v| self.string("$.theme.font_family", v))
        {
            if !f.is_empty()
                && f.len() <= 200
                && f.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || (!c.is_ascii() && !c.is_control())
                        || " ,-_'\"".contains(c)
                })
            {
                t.font_family = Some(f);
            } else {
                self.error(|| ("$.theme.font_family", "use a CSS font list of names, commas, spaces and quotes, such as \"Inter, sans-serif\""));
            }
        }
        if let Some(r) = m.get("radius") {
            match r.as_f64() {
                Some(x) if (0.0..=48.0).contains(&x) => t.radius = Some(x),
                _ => self.error(|| {
                    (
                        "$.theme.radius",
                        format!(
                            "{} is not valid: use a number of pixels from 0 to 48",
                            shown(r)
                        ),
                    )
                }),
            }
        }
        if let Some(mode) = m.get("mode").and_then(|v| self.string("$.theme.mode", v)) {
            t.mode =
                match mode.as_str() {
                    "light" => ThemeMode::Light,
                    "dark" => ThemeMode::Dark,
                    "auto" => ThemeMode::Auto,
                    other => {
                        self.error(|| {
                            ("$.theme.mode",
                        format!("\"{other}\" is not a mode: use \"light\", \"dark\" or \"auto\""))
                        });
                        ThemeMode::Light
                    }
                };
        }
        if let (Some(fg), Some(bg)) = (&t.text, &t.background) {
            if let Some(ratio) = contrast(fg, bg) {
                if ratio < 4.5 {
                    self.warn(|| ("$.theme.text",
                        format!("text {fg} on background {bg} has a contrast of {}:1, below the 4.5:1 WCAG AA asks for", tenths(ratio))));
                }
            }
        }
        t
    }

    fn texts(&mut self, v: &Value, ui_keys: &[&str]) -> SortedMap<TextMap> {
        let mut out = SortedMap::new();
        let Some(m) = self.object("$.texts", v, UI_LOCALES) else {
            return out;
        };
        for (locale, entries) in m {
            if !UI_LOCALES.contains(&locale.as_str()) {
                continue;
            }
            let path = format!("$.texts.{locale}");
            let Some(entries) = self.object(&path, entries, ui_keys) else {
                continue;
            };
            let mut texts = TextMap::new();
            for (key, text) in entries {
                if ui_keys.contains(&key.as_str()) {
                    if let Some(s) = self.string(&format!("{path}.{key}"), text) {
                        texts.insert(key.clone(), s);
                    }
                }
            }
            out.insert(locale.clone(), texts);
        }
        out
    }

    fn cta(&mut self, v: &Value) -> Option<CallToAction> {
        let m = self.object("$.cta", v, CTA_KEYS)?;
        let label = match m.get("label") {
            Some(v) => self.local_text("$.cta.label", v),
            None => {
                self.error(|| ("$.cta.label", "missing: a call to action needs a label"));
                None
            }
        };
        let url = match m.get("url") {
            Some(v) => self.url("$.cta.url", v, true),
            None => {
                self.error(|| ("$.cta.url", "missing: a call to action needs a url"));
                None
            }
        };
        let new_tab = m
            .get("new_tab")
            .and_then(|v| self.boolean("$.cta.new_tab", v))
            .unwrap_or(false);
        Some(CallToAction {
            label: label?,
            url: url?,
            new_tab,
        })
    }
}

impl<const LOUD: bool> Walk<LOUD> {
    /// A text that is one string for every locale or an object of locale to string.
    fn local_text(&mut self, path: &str, v: &Value) -> Option<LocalText> {
        match v {
            Value::String(s) => Some(LocalText::Same(s.clone())),
            Value::Object(per) => {
                let mut texts = TextMap::new();
                for (l, t) in per {
                    if let Some(s) = self.string(&format!("{path}.{l}"), t) {
                        texts.insert(l.clone(), s);
                    }
                }
                Some(LocalText::PerLocale(texts))
            }
            other => {
                self.error(|| {
                    (
                        path,
                        format!(
                            "expected a string or an object of locale to string, found {}",
                            kind(other)
                        ),
                    )
                });
                None
            }
        }
    }

    /// A whole number in `range`.
    fn integer(
        &mut self,
        path: &str,
        v: &Value,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                self.error(|| {
                    (
                        path,
                        format!(
                            "{} is not valid: use a whole number from {} to {}",
                            shown(v),
                            range.start(),
                            range.end()
                        ),
                    )
                });
                None
            }
        }
    }

    /// One of `allowed`, by its name.
    fn choice<T: Copy>(&mut self, path: &str, v: &Value, allowed: &[(&str, T)]) -> Option<T> {
        let s = self.string(path, v)?;
        let found = allowed.iter().find(|(name, _)| *name == s).map(|(_, t)| *t);
        if found.is_none() {
            let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
            self.error(|| {
                (
                    path,
                    format!(
                        "\"{}\" is not valid: use one of {}",
                        truncate(&s),
                        quoted(&names)
                    ),
                )
            });
        }
        found
    }

    fn lead(&mut self, v: &Value) -> Option<LeadConfig> {
        let m = self.object("$.lead", v, LEAD_KEYS)?;
        let errors_before = self.errors.len();
        let format = match m.get("format") {
            Some(v) => self.choice("$.lead.format", v, &[("json", false), ("hubspot", true)]),
            // Given only HubSpot settings, HubSpot is meant.
            None => Some(m.contains_key("hubspot") && !m.contains_key("endpoint")),
        };
        let target =
            match format {
                Some(false) => {
                    if m.contains_key("hubspot") {
                        self.warn(|| ("$.lead.hubspot", "ignored: \"format\" is \"json\""));
                    }
                    match m.get("endpoint") {
                        Some(v) => self.endpoint("$.lead.endpoint", v),
                        None => {
                            self.error(|| {
                                (
                                    "$.lead.endpoint",
                                    "missing: the json format needs the URL to POST leads to",
                                )
                            });
                            None
                        }
                    }
                    .map(|endpoint| LeadTarget::Json { endpoint })
                }
                Some(true) => {
                    if m.contains_key("endpoint") {
                        self.warn(|| {
                            ("$.lead.endpoint",
                        "ignored: \"format\" is \"hubspot\"; the URL comes from lead.hubspot")
                        });
                    }
                    match m.get("hubspot") {
                        Some(v) => self.hubspot(v).map(LeadTarget::HubSpot),
                        None => {
                            self.error(|| {
                                (
                                    "$.lead.hubspot",
                                    "missing: the hubspot format needs portal_id and form_guid",
                                )
                            });
                            None
                        }
                    }
                }
                None => None,
            };
        let gate = m
            .get("gate")
            .and_then(|v| {
                self.choice(
                    "$.lead.gate",
                    v,
                    &[
                        ("none", LeadGate::None),
                        ("before_results", LeadGate::BeforeResults),
                        ("after_results", LeadGate::AfterResults),
                    ],
                )
            })
            .unwrap_or_default();
        let mut fields = Fields::default();
        if let Some(f) = m
            .get("fields")
            .and_then(|v| self.object("$.lead.fields", v, LEAD_FIELD_KEYS))
        {
            for (key, need) in f {
                let Some(field) = Field::from_key(key) else {
                    continue;
                };
                let needs = [
                    ("required", Need::Required),
                    ("optional", Need::Optional),
                    ("off", Need::Off),
                ];
                if let Some(n) = self.choice(&format!("$.lead.fields.{key}"), need, &needs) {
                    fields.set(field, n);
                }
            }
            if fields.need(Field::Email) == Need::Off && fields.need(Field::Phone) == Need::Off {
                self.error(|| {
                    (
                        "$.lead.fields",
                        "a lead needs a way to reach the person: keep \"email\" or \"phone\" on",
                    )
                });
            }
        }
        let consent_text = m.get("consent_text").and_then(|v| {
            let t = self.local_text("$.lead.consent_text", v)?;
            let empty = match &t {
                LocalText::Same(s) => s.trim().is_empty(),
                LocalText::PerLocale(per) => {
                    per.is_empty() || per.values().any(|s| s.trim().is_empty())
                }
            };
            if empty {
                self.error(|| {
                    (
                        "$.lead.consent_text",
                        "must not be empty: the person has to see what they agree to",
                    )
                });
            }
            Some(t)
        });
        let timeout_ms = m
            .get("timeout_ms")
            .and_then(|v| self.integer("$.lead.timeout_ms", v, 1_000..=60_000))
            .unwrap_or(DEFAULT_LEAD_TIMEOUT_MS);
        let retries = m
            .get("retries")
            .and_then(|v| self.integer("$.lead.retries", v, 0..=10))
            .unwrap_or(DEFAULT_LEAD_RETRIES);
        if self.errors.len() > errors_before {
            return None;
        }
        Some(LeadConfig {
            target: target?,
            gate,
            fields,
            consent_text,
            timeout_ms,
            retries,
        })
    }

    /// Where leads are POSTed: http(s) or relative; plain http warns, except to this machine.
    fn endpoint(&mut self, path: &str, v: &Value) -> Option<String> {
        let url = self.url(path, v, false)?;
        let lower = url.trim().to_ascii_lowercase();
        let local = ["http://localhost", "http://127.0.0.1", "http://[::1]"]
            .iter()
            .any(|p| lower.starts_with(p));
        if lower.starts_with("http://") && !local {
            self.warn(|| {
                (
                    path,
                    "plain http sends contact details unencrypted: use https",
                )
            });
        }
        Some(url)
    }

    fn hubspot(&mut self, v: &Value) -> Option<HubSpot> {
        let m = self.object("$.lead.hubspot", v, HUBSPOT_KEYS)?;
        let portal_id = match m.get("portal_id") {
            Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64().map(|n| n.to_string()),
            Some(Value::String(s))
                if !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Some(s.clone())
            }
            Some(other) => {
                self.error(|| {
                    (
                        "$.lead.hubspot.portal_id",
                        format!(
                            "{} is not a HubSpot portal id: use its digits, such as \"1234567\"",
                            shown(other)
                        ),
                    )
                });
                None
            }
            None => {
                self.error(|| {
                    (
                        "$.lead.hubspot.portal_id",
                        "missing: the id of your HubSpot account (Settings > Account details)",
                    )
                });
                None
            }
        };
        let form_guid = match m.get("form_guid") {
            Some(v) => self.string("$.lead.hubspot.form_guid", v).and_then(|s| {
                if is_uuid(&s) {
                    Some(s.to_ascii_lowercase())
                } else {
                    self.error(|| ("$.lead.hubspot.form_guid", format!("\"{}\" is not a form GUID: use the 36-character id from the form's URL or embed code", truncate(&s))));
                    None
                }
            }),
            None => {
                self.error(|| ("$.lead.hubspot.form_guid", "missing: the GUID of the HubSpot form to submit to"));
                None
            }
        };
        let api_base = match m.get("api_base") {
            Some(v) => self.endpoint("$.lead.hubspot.api_base", v).and_then(|url| {
                let lower = url.to_ascii_lowercase();
                if lower.starts_with("https://") || lower.starts_with("http://") {
                    Some(url.trim_end_matches('/').to_string())
                } else {
                    self.error(|| {
                        (
                            "$.lead.hubspot.api_base",
                            "use an absolute http(s) URL, such as \"https://api.hsforms.com\"",
                        )
                    });
                    None
                }
            }),
            None => Some(DEFAULT_HUBSPOT_API.to_string()),
        };
        let mut fields = TextMap::new();
        if let Some(f) = m
            .get("fields")
            .and_then(|v| self.object("$.lead.hubspot.fields", v, HUBSPOT_FIELD_KEYS))
        {
            for (key, name) in f {
                if !HUBSPOT_FIELD_KEYS.contains(&key.as_str()) {
                    continue;
                }
                let path = format!("$.lead.hubspot.fields.{key}");
                let Some(name) = self.string(&path, name) else {
                    continue;
                };
                if name.len() <= 100 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    fields.insert(key.clone(), name);
                } else {
                    self.error(|| (path, format!("\"{}\" is not a HubSpot property name: use its internal name, such as \"firstname\" (or \"\" to not send it)", truncate(&name))));
                }
            }
        }
        Some(HubSpot {
            portal_id: portal_id?,
            form_guid: form_guid?,
            api_base: api_base?,
            fields,
        })
    }
}

/// Loads the questionnaire of a config, given inline or fetched from its URL: problem paths sit
/// under `$.questionnaire`, like every other config problem's path.
pub fn load_questionnaire(text: &str) -> Result<Checked, Vec<Problem>> {
    let prefix = |mut p: Problem| {
        p.path = format!("$.questionnaire{}", p.path.trim_start_matches('$'));
        p
    };
    validate::load(text).map_err(|e| e.problems().into_iter().map(prefix).collect())
}

/// [`load_questionnaire`] for a questionnaire given inline in the config. Printed with
/// `serde_json::to_string`, not `Display`: a `Display` vtable would keep the JSON writer in the
/// widget's main module, which calls this only from a chunk.
pub fn load_inline_questionnaire(value: &Value) -> Result<Checked, Vec<Problem>> {
    load_questionnaire(&serde_json::to_string(&serde_json::Value::from(value)).unwrap_or_default())
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value as a message names it: whole numbers and short strings as they are, anything else by
/// its kind. Not `Value`'s `Display`, which would bring a JSON writer (with float printing) into
/// the widget's first view for two messages.
fn shown(v: &Value) -> String {
    match v {
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (_, Some(u)) => u.to_string(),
            // One decimal is written as it is; longer fractions are not worth a float printer.
            _ => match n.as_f64() {
                Some(x) if (x * 10.0).fract() == 0.0 && x.abs() < 1e9 => tenths(x),
                _ => "a number with a fraction".to_string(),
            },
        },
        Value::String(s) => format!("\"{}\"", truncate(s)),
        other => kind(other).to_string(),
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

/// `x` (0 or more) to one decimal, without a trailing ".0": `12`, `12.5`. Written out by hand so
/// that the wasm carries no float formatting.
pub fn tenths(x: f64) -> String {
    let t = (x.max(0.0) * 10.0).round() as u64;
    match t % 10 {
        0 => (t / 10).to_string(),
        d => format!("{}.{d}", t / 10),
    }
}

/// Whether `url` is http(s), relative, or (where allowed) mailto:/tel:. Everything else, notably
/// `javascript:` and `data:`, is refused.
pub fn is_safe_url(url: &str, allow_contact: bool) -> bool {
    let u = url.trim();
    if u.is_empty() || u.chars().any(|c| c.is_control()) {
        return false;
    }
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return u.len() > lower.find("://").map_or(0, |i| i + 3);
    }
    if allow_contact && (lower.starts_with("mailto:") || lower.starts_with("tel:")) {
        return true;
    }
    // Relative: no scheme before the first '/', '?' or '#'; not protocol-relative to a foreign host
    // by accident of a backslash.
    let head = lower.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':') && !lower.starts_with("\\")
}

/// `#rgb` or `#rrggbb` as (r, g, b).
pub fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let v = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
    match hex.len() {
        3 => Some((v(0, 1)? * 17, v(1, 1)? * 17, v(2, 1)? * 17)),
        6 => Some((v(0, 2)?, v(2, 2)?, v(4, 2)?)),
        _ => None,
    }
}

/// `x^2.4` for `x` in (0, 1], as the fifth root of `x^12` by Newton's method from `x^2` (which is
/// above the root, so the steps fall monotonically onto it). `powf` would bring libm's `pow`
/// into the wasm for this one use; this is exact to the last bits of an `f64` here.
fn pow_2_4(x: f64) -> f64 {
    let x2 = x * x;
    let x4 = x2 * x2;
    let a = x4 * x4 * x4;
    let mut y = x2;
    for _ in 0..64 {
        let y4 = (y * y) * (y * y);
        let next = (4.0 * y + a / y4) / 5.0;
        if next >= y {
            break;
        }
        y = next;
    }
    y
}

/// WCAG contrast ratio of two hex colours.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let lum = |(r, g, b): (u8, u8, u8)| {
        let ch = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                pow_2_4((c + 0.055) / 1.055)
            }
        };
        0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    };
    let (la, lb) = (lum(parse_hex(a)?), lum(parse_hex(b)?));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

#[cfg(test)]
mod contrast_tests {
    use super::pow_2_4;

    #[test]
    fn the_root_matches_powf_for_every_channel_value() {
        for c in 11..=255u8 {
            let x = (f64::from(c) / 255.0 + 0.055) / 1.055;
            let (ours, std) = (pow_2_4(x), x.powf(2.4));
            assert!((ours - std).abs() <= 1e-14 * std, "{c}: {ours} vs {std}");
        }
    }
}
