/*!
The config's keys: one table, per section in documentation order, of every key with its kind, its
description and (where `docs/config.md` has a table for its section) the cells of that table.

The walk's lists of known keys ([`KEYS`], [`THEME_KEYS`], ...) are written out of the same table
by `key_table!`, as separate constants of names only: the widget's first view walks a config
with them, and the descriptions, which only the generators read ([`super::schema`] writes
`public/config.schema.json`, [`super::docs`] the tables of `docs/config.md`), stay out of its
wasm.
*/

use std::ops::RangeInclusive;

/// One key of the config.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    /// The dotted path of the object the key is in: `""` for the top level, `"lead.hubspot"`.
    pub section: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    /// What the schema says about the key (editors show it on hover).
    pub description: &'static str,
    /// The key's row in its section's table in `docs/config.md`, if the section has one.
    pub doc: Option<Doc>,
}

impl Key {
    /// `theme.primary`; a top-level key is its name.
    pub fn path(&self) -> String {
        if self.section.is_empty() {
            self.name.to_string()
        } else {
            format!("{}.{}", self.section, self.name)
        }
    }
}

/// What values a key takes, as the schema states it (the walk checks the same, with messages).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// An object of the keys whose section is this key's path; no others.
    Object {
        required: &'static [&'static str],
    },
    /// A string, matching `pattern` if there is one.
    Text(Option<&'static str>),
    Boolean,
    /// A number in `min..=max`.
    Number {
        min: u32,
        max: u32,
    },
    /// A whole number in `min..=max`.
    Integer {
        min: u32,
        max: u32,
    },
    /// One of these strings.
    Choice(&'static [&'static str]),
    /// One string for every locale or an object of locale to string; `non_empty`: no empty
    /// string; `locales_named`: only the UI's locales as keys.
    LocalText {
        non_empty: bool,
        locales_named: bool,
    },
    /// UI string overrides: per UI locale, an object of [`TEXT_KEYS`] to string.
    Texts,
    /// A questionnaire object or the URL of its file.
    QuestionnaireOrUrl,
    /// Up to `max_len` digits, as a string or a whole number.
    Digits {
        max_len: u32,
    },
}

/// The cells of a key's row in `docs/config.md` (Markdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    pub ty: &'static str,
    pub default: &'static str,
    pub example: &'static str,
}

/// `#rgb` or `#rrggbb`, as the walk's colour check accepts.
pub const HEX_COLOUR: &str = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$";
/// A CSS font list: letters, digits, spaces, commas, quotes, `-`, `_`.
pub const FONT_LIST: &str = r#"^[\p{L}\p{N} ,\-_'"]{1,200}$"#;
/// http(s) or relative.
pub const URL: &str = r"^(https?://\S+|(?![A-Za-z][A-Za-z0-9+.-]*:)[^\s\\].*)$";
/// http(s), relative, `mailto:` or `tel:`.
pub const CONTACT_URL: &str =
    r"^(https?://\S+|mailto:.+|tel:.+|(?![A-Za-z][A-Za-z0-9+.-]*:)[^\s\\].*)$";
/// http(s) only.
pub const ABSOLUTE_URL: &str = r"^https?://\S+$";
pub const UUID: &str =
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
/// A HubSpot property's internal name, or `""` to not send the field.
pub const PROPERTY_NAME: &str = r"^[A-Za-z0-9_]{0,100}$";
/// `theme.radius`, in px: the walk checks it and the schema states it.
pub const RADIUS_PX: RangeInclusive<u32> = 0..=48;
/// `lead.timeout_ms`.
pub const TIMEOUT_MS: RangeInclusive<u32> = 1_000..=60_000;
/// `lead.retries`.
pub const RETRIES: RangeInclusive<u32> = 0..=10;
/// The values of `formality`: informal (the default) and formal.
pub const FORMALITY: &[&str] = &["informal", "formal"];
/// What `lead.fields` says of a field.
pub const NEEDS: &[&str] = &["required", "optional", "off"];

/// Writes each section's list of key names as a constant and every key into [`TABLE`].
macro_rules! key_table {
    ($(
        $(#[$meta:meta])*
        $list:ident = $section:literal {
            $($name:literal: $kind:expr, $description:literal $(, $doc:expr)?;)*
        }
    )*) => {
        $(
            $(#[$meta])*
            pub const $list: &[&str] = &[$($name),*];
        )*
        /// Every key of the config, section by section, each in documentation order.
        pub const TABLE: &[Key] = &[$($(Key {
            section: $section,
            name: $name,
            kind: $kind,
            description: $description,
            doc: key_table!(@doc $($doc)?),
        },)*)*];
    };
    (@doc) => { None };
    (@doc $doc:expr) => { Some($doc) };
}

key_table! {
    /// Top-level keys.
    KEYS = "" {
        "locale": Kind::Choice(UI_LOCALES),
            "Language of the check. Default: the page's <html lang>, else the browser's language.";
        "formality": Kind::Choice(FORMALITY),
            "How the German texts address the reader: informal (default, \"ihr\") or formal (\"Sie\"). English is the same in both.";
        "theme": Kind::Object { required: &[] },
            "Colours and shape, applied as CSS custom properties inside the widget.";
        "brand": Kind::Object { required: &[] },
            "A partner's brand in the widget header and footer.";
        "texts": Kind::Texts,
            "Overrides of the widget's UI strings per locale.";
        "questionnaire": Kind::QuestionnaireOrUrl,
            "A questionnaire replacing the default: the object itself or the URL of its JSON file (format: docs/questionnaire.md).";
        "cta": Kind::Object { required: &["label", "url"] },
            "Call to action shown with the results.";
        "privacy_url": Kind::Text(Some(URL)),
            "Link to the site's privacy policy.";
        "persistence": Kind::Boolean,
            "Keep answers in localStorage so a reload can continue. Default true.";
        "share": Kind::Boolean,
            "Offer a link that reopens the result (answers in the URL fragment). Default true.";
        "data_layer": Kind::Boolean,
            "Also push events to window.dataLayer. Default false.";
        "lead": Kind::Object { required: &[] },
            "The lead form: where leads go, what it asks, whether it stands before the results. Without it no form is shown. docs/leads.md describes the requests.";
    }
    THEME_KEYS = "theme" {
        "primary": Kind::Text(Some(HEX_COLOUR)),
            "Buttons, progress, chart. Default #1f4fd1.",
            Doc { ty: "hex colour `#rgb` or `#rrggbb`", default: "`#1f4fd1`", example: r##"`"#0f5c4d"`"## };
        "accent": Kind::Text(Some(HEX_COLOUR)),
            "Second colour (labels, build-up column). Default #0b7a5e.",
            Doc { ty: "hex colour", default: "`#0b7a5e`", example: r##"`"#9a5b00"`"## };
        "background": Kind::Text(Some(HEX_COLOUR)),
            "Widget background. Default #ffffff.",
            Doc { ty: "hex colour", default: "`#ffffff`", example: r##"`"#fffdf8"`"## };
        "text": Kind::Text(Some(HEX_COLOUR)),
            "Body text. Default #1b2230. A text/background pair below 4.5:1 contrast gives a warning.",
            Doc { ty: "hex colour", default: "`#1b2230`", example: r##"`"#1f2a27"`"## };
        "font_family": Kind::Text(Some(FONT_LIST)),
            r#"CSS font list, e.g. "Inter, sans-serif". Default: the system font."#,
            Doc { ty: "CSS font list (letters, digits, spaces, commas, quotes, `-`, `_`)", default: "system font", example: r#"`"Inter, sans-serif"`"# };
        "radius": Kind::Number { min: *RADIUS_PX.start(), max: *RADIUS_PX.end() },
            "Corner radius in px. Default 12.",
            Doc { ty: "number of px, 0-48", default: "`12`", example: "`4`" };
        "mode": Kind::Choice(&["light", "dark", "auto"]),
            "light (default), dark, or auto (follows the visitor's system).",
            Doc { ty: r#"`"light"`, `"dark"`, `"auto"`"#, default: r#"`"light"`"#, example: r#"`"auto"` follows the visitor's system setting"# };
    }
    BRAND_KEYS = "brand" {
        "name": Kind::Text(None),
            "Shown in the widget header when there is no logo; the logo's alt text.",
            Doc { ty: "string", default: "none", example: r#"`"Nordlicht Consulting"`: shown in the header when there is no logo, and the logo's alt text"# };
        "logo_url": Kind::Text(Some(URL)),
            "Logo in the widget header: http(s) or relative URL.",
            Doc { ty: "http(s) or relative URL (relative to the host page)", default: "none", example: r#"`"https://cdn.example/logo.svg"`"# };
        "powered_by": Kind::Boolean,
            "Show the small 'made with' line. Default true.",
            Doc { ty: "boolean", default: "`true`", example: r#"`false` hides the small "made with" line"# };
    }
    CTA_KEYS = "cta" {
        "label": Kind::LocalText { non_empty: false, locales_named: true },
            "Button text: one string, or one per locale.",
            Doc { ty: r#"string, or `{"de": …, "en": …}`"#, default: "required with `cta`", example: r#"`{"de": "Ergebnis besprechen", "en": "Discuss your result"}`"# };
        "url": Kind::Text(Some(CONTACT_URL)),
            "http(s), relative, mailto: or tel: URL.",
            Doc { ty: "http(s), relative, `mailto:` or `tel:` URL", default: "required with `cta`", example: r#"`"https://example.com/book"`"# };
        "new_tab": Kind::Boolean,
            "Open in a new tab. Default false.",
            Doc { ty: "boolean", default: "`false`", example: "`true`" };
    }
    LEAD_KEYS = "lead" {
        "format": Kind::Choice(&["json", "hubspot"]),
            "json (default): POST our documented JSON body to `endpoint`. hubspot: HubSpot's Forms API (default when only `hubspot` is given).";
        "endpoint": Kind::Text(Some(URL)),
            "json format: the URL leads are POSTed to, http(s) or relative. Must answer CORS preflights (docs/leads.md).";
        "hubspot": Kind::Object { required: &["portal_id", "form_guid"] },
            "hubspot format: the HubSpot form to submit to.";
        "gate": Kind::Choice(&["none", "before_results", "after_results"]),
            "none (default): the form sits in the results. before_results: it replaces the results until the lead is sent or queued. after_results: the summary shows, the rest opens once the lead is sent or queued.";
        "fields": Kind::Object { required: &[] },
            "Which fields the form asks for: required, optional or off. Email or phone must stay on.";
        "consent_text": Kind::LocalText { non_empty: true, locales_named: false },
            "Text beside the consent checkbox, one string or per locale. Default: the built-in text (texts.<locale>.lead.consent).";
        "timeout_ms": Kind::Integer { min: *TIMEOUT_MS.start(), max: *TIMEOUT_MS.end() },
            "How long one attempt may take. Default 10000.";
        "retries": Kind::Integer { min: *RETRIES.start(), max: *RETRIES.end() },
            "Attempts after a failed first one (network error, timeout, 408, 429, 5xx) before the lead waits in the browser's queue. Default 3.";
    }
    HUBSPOT_KEYS = "lead.hubspot" {
        "portal_id": Kind::Digits { max_len: 20 },
            "Your HubSpot account id.";
        "form_guid": Kind::Text(Some(UUID)),
            "The form's GUID.";
        "api_base": Kind::Text(Some(ABSOLUTE_URL)),
            "API host. Default https://api.hsforms.com.";
        "fields": Kind::Object { required: &[] },
            r#"Our field -> HubSpot property name; "" sends nothing. Defaults: name -> firstname, email, company, phone, message to the same names; score, stage, submission_id only when mapped."#;
    }
    /// The form's fields: keys of `lead.fields`, `lead.hubspot.fields` and the body's `contact`.
    LEAD_FIELD_KEYS = "lead.fields" {
        "name": Kind::Choice(NEEDS),
            "Default optional.";
        "email": Kind::Choice(NEEDS),
            "Default required.";
        "company": Kind::Choice(NEEDS),
            "Default optional.";
        "phone": Kind::Choice(NEEDS),
            "Default off.";
        "message": Kind::Choice(NEEDS),
            "Default off.";
    }
    /// Keys of `lead.hubspot.fields`: the form's fields and what else can go to HubSpot.
    HUBSPOT_FIELD_KEYS = "lead.hubspot.fields" {
        "name": Kind::Text(Some(PROPERTY_NAME)),
            "Default firstname (the whole name).";
        "email": Kind::Text(Some(PROPERTY_NAME)),
            "Default email.";
        "company": Kind::Text(Some(PROPERTY_NAME)),
            "Default company.";
        "phone": Kind::Text(Some(PROPERTY_NAME)),
            "Default phone.";
        "message": Kind::Text(Some(PROPERTY_NAME)),
            "Default message.";
        "score": Kind::Text(Some(PROPERTY_NAME)),
            "The overall score 0-100; not sent unless mapped.";
        "stage": Kind::Text(Some(PROPERTY_NAME)),
            "The overall stage's level id; not sent unless mapped.";
        "submission_id": Kind::Text(Some(PROPERTY_NAME)),
            "The submission's UUID; not sent unless mapped.";
    }
}

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
    "resume.version",
    "link.failed",
    "link.damaged",
    "link.version",
    "link.other",
    "step.counter",
    "step.progress",
    "step.context",
    "step.explain",
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
    "results.legend_you",
    "results.legend_target",
    "results.table_dimension",
    "results.table_score",
    "results.table_target",
    "results.table_gap",
    "results.focus",
    "results.focus_lead",
    "results.focus_gap",
    "results.focus_reached",
    "results.reason",
    "results.lift_level",
    "results.lift_target",
    "results.lift_level_many",
    "results.lift_target_many",
    "results.change",
    "results.change_same",
    "results.plan",
    "results.now",
    "results.now_hint",
    "results.build_up",
    "results.build_up_hint",
    "results.leave_out",
    "results.leave_out_hint",
    "results.effort",
    "results.impact_low",
    "results.impact_medium",
    "results.impact_high",
    "results.kpi_target",
    "results.plan_all",
    "results.dimensions",
    "results.dimension_answers",
    "results.dimension_more",
    "results.unknown",
    "results.not_rated",
    "results.not_rated_why",
    "results.not_rated_lead",
    "results.find_out",
    "results.no_overall",
    "results.no_overall_lead",
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
/// Locales the widget's UI catalogue has: the one list of [`crate::locales`].
pub const UI_LOCALES: &[&str] = crate::locales::LOCALES;
