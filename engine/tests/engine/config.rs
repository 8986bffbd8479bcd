use maturity_check_engine::config::{
    check, contrast, is_safe_url, nearest, parse, QuestionnaireSource, ThemeMode, WidgetConfig,
};

use crate::common::*;

const UI_KEYS: &[&str] = &["intro.start", "results.share"];

fn errors(json: &str) -> Vec<String> {
    check(json, UI_KEYS)
        .errors
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn warnings(json: &str) -> Vec<String> {
    parse(json, UI_KEYS)
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn an_empty_config_gives_the_defaults() {
    let r = parse("{}", UI_KEYS);
    assert_eq!(r.config, Some(WidgetConfig::default()));
    assert!(r.errors.is_empty() && r.warnings.is_empty());
    let d = WidgetConfig::default();
    assert!(d.persistence && d.share && !d.data_layer && d.brand.powered_by);
}

#[test]
fn every_documented_key_is_read() {
    let json = r##"{
        "locale": "en",
        "theme": {"primary": "#112233", "accent": "#abc", "background": "#ffffff", "text": "#111111",
                  "font_family": "Inter, sans-serif", "radius": 4, "mode": "dark"},
        "brand": {"name": "Partner", "logo_url": "https://partner.example/logo.svg", "powered_by": false},
        "texts": {"en": {"intro.start": "Go"}},
        "questionnaire": "https://partner.example/q.json",
        "cta": {"label": {"de": "Sprecht mit uns", "en": "Talk to us"}, "url": "mailto:hi@partner.example", "new_tab": true},
        "privacy_url": "/privacy",
        "persistence": false, "share": false, "data_layer": true
    }"##;
    let r = parse(json, UI_KEYS);
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{r:?}");
    let c = r.config.unwrap();
    assert_eq!(c.locale.as_deref(), Some("en"));
    assert_eq!(c.theme.primary.as_deref(), Some("#112233"));
    assert_eq!(c.theme.accent.as_deref(), Some("#abc"));
    assert_eq!(c.theme.radius, Some(4.0));
    assert_eq!(c.theme.mode, ThemeMode::Dark);
    assert_eq!(c.brand.name.as_deref(), Some("Partner"));
    assert!(!c.brand.powered_by);
    assert_eq!(c.texts["en"]["intro.start"], "Go");
    assert_eq!(
        c.questionnaire,
        QuestionnaireSource::Url("https://partner.example/q.json".into())
    );
    let cta = c.cta.unwrap();
    assert_eq!(cta.label.get("de"), Some("Sprecht mit uns"));
    assert!(cta.new_tab);
    assert_eq!(c.privacy_url.as_deref(), Some("/privacy"));
    assert!(!c.persistence && !c.share && c.data_layer);
}

#[test]
fn unknown_keys_warn_with_the_nearest_valid_key() {
    let w = warnings(
        r##"{"persistance": false, "theme": {"primay": "#000000"}, "texts": {"en": {"intro.strat": "Go"}}, "zzz": 1}"##,
    );
    assert!(w.iter().any(|x| x.starts_with("$.persistance: ") && x.contains("did you mean \"persistence\"")), "{w:?}");
    assert!(
        w.iter()
            .any(|x| x.starts_with("$.theme.primay: ") && x.contains("did you mean \"primary\"")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|x| x.starts_with("$.texts.en.intro.strat: ") && x.contains("\"intro.start\"")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|x| x.starts_with("$.zzz: ") && x.contains("valid keys are")),
        "{w:?}"
    );
    assert_eq!(nearest("lang", &["locale", "share"]), None);
}

#[test]
fn invalid_values_are_errors_with_paths() {
    let e = errors(
        r##"{"locale": "fr", "theme": {"primary": "blue", "radius": 99, "mode": "neon", "font_family": "x;}body{"},
        "brand": {"logo_url": "javascript:alert(1)"}, "cta": {"label": 5, "url": "data:text/html,x"},
        "privacy_url": "JAVASCRIPT:void(0)", "share": "yes"}"##,
    );
    for path in [
        "$.locale",
        "$.theme.primary",
        "$.theme.radius",
        "$.theme.mode",
        "$.theme.font_family",
        "$.brand.logo_url",
        "$.cta.label",
        "$.cta.url",
        "$.privacy_url",
        "$.share",
    ] {
        assert!(
            e.iter().any(|x| x.starts_with(&format!("{path}: "))),
            "no error at {path}: {e:#?}"
        );
    }
    assert!(
        parse("{\"locale\": \"fr\"}", UI_KEYS).config.is_none(),
        "errors give no config"
    );
}

#[test]
fn not_json_or_not_an_object_is_an_error_at_the_root() {
    assert!(errors("{")
        .iter()
        .any(|x| x.starts_with("$: ") && x.contains("not valid JSON")));
    assert!(errors("[]")
        .iter()
        .any(|x| x.starts_with("$: ") && x.contains("expected an object")));
}

#[test]
fn an_inline_questionnaire_is_validated_with_prefixed_paths() {
    let mut q = json(THREE_LEVELS);
    let ok = parse(&format!("{{\"questionnaire\": {q}}}"), UI_KEYS);
    assert!(matches!(
        ok.config.map(|c| c.questionnaire),
        Some(QuestionnaireSource::Inline(_))
    ));
    q["levels"][1]["min"] = serde_json::json!(45);
    let e = errors(&format!("{{\"questionnaire\": {q}}}"));
    assert!(
        e.iter()
            .any(|x| x.starts_with("$.questionnaire.levels[1].min: ")),
        "{e:?}"
    );
}

#[test]
fn low_contrast_text_warns() {
    let w = warnings(r##"{"theme": {"text": "#777777", "background": "#888888"}}"##);
    assert!(
        w.iter()
            .any(|x| x.starts_with("$.theme.text: ") && x.contains("4.5:1")),
        "{w:?}"
    );
    assert!(warnings(r##"{"theme": {"text": "#000000", "background": "#ffffff"}}"##).is_empty());
    let black_on_white = contrast("#000", "#fff").unwrap();
    assert!((black_on_white - 21.0).abs() < 0.01);
}

#[test]
fn only_http_relative_and_documented_contact_urls_pass() {
    for ok in [
        "https://a.example/x",
        "http://a.example",
        "/path",
        "./x.json",
        "x.json",
        "?q=1",
        "#top",
    ] {
        assert!(is_safe_url(ok, false), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " javascript:x",
        "data:text/html,x",
        "vbscript:x",
        "https://",
        "",
        "file:///etc/passwd",
        "java\tscript:x",
    ] {
        assert!(!is_safe_url(bad, true), "{bad:?}");
    }
    assert!(is_safe_url("mailto:a@b.example", true) && !is_safe_url("mailto:a@b.example", false));
    assert!(is_safe_url("tel:+49301234", true));
}

#[test]
fn a_lead_config_is_read_with_defaults_filled() {
    use maturity_check_engine::config::{LeadGate, LeadTarget};
    use maturity_check_engine::lead::{Field, Fields, Need};

    let r = parse(
        r#"{"privacy_url": "/privacy", "lead": {"endpoint": "https://crm.example/leads"}}"#,
        UI_KEYS,
    );
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{r:?}");
    let lead = r.config.unwrap().lead.unwrap();
    assert_eq!(
        lead.target,
        LeadTarget::Json {
            endpoint: "https://crm.example/leads".into()
        }
    );
    assert_eq!(lead.gate, LeadGate::None);
    assert_eq!(lead.fields, Fields::default());
    assert_eq!(lead.fields.need(Field::Email), Need::Required);
    assert_eq!((lead.timeout_ms, lead.retries), (10_000, 3));
    assert_eq!(lead.consent_text, None);

    let r = parse(
        r#"{"privacy_url": "/privacy", "lead": {"format": "json", "endpoint": "/api/leads", "gate": "after_results",
            "fields": {"name": "required", "email": "optional", "company": "off", "phone": "required", "message": "optional"},
            "consent_text": {"de": "Ja.", "en": "Yes."}, "timeout_ms": 5000, "retries": 0}}"#,
        UI_KEYS,
    );
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{r:?}");
    let lead = r.config.unwrap().lead.unwrap();
    assert_eq!(lead.gate, LeadGate::AfterResults);
    assert_eq!(
        lead.fields.shown().collect::<Vec<_>>(),
        vec![
            (Field::Name, Need::Required),
            (Field::Email, Need::Optional),
            (Field::Phone, Need::Required),
            (Field::Message, Need::Optional)
        ]
    );
    assert_eq!(lead.consent_text.unwrap().get("en"), Some("Yes."));
    assert_eq!((lead.timeout_ms, lead.retries), (5_000, 0));
}

#[test]
fn a_hubspot_lead_config_is_read_and_its_format_inferred() {
    use maturity_check_engine::config::{LeadTarget, DEFAULT_HUBSPOT_API};

    let r = parse(
        r#"{"privacy_url": "/p", "lead": {"hubspot": {"portal_id": "1234567", "form_guid": "2D1F0C3B-7A6E-4F5D-8C9B-0A1B2C3D4E5F",
            "fields": {"name": "full_name", "score": "maturity_score"}}}}"#,
        UI_KEYS,
    );
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{r:?}");
    let LeadTarget::HubSpot(hub) = r.config.unwrap().lead.unwrap().target else {
        panic!("hubspot target expected");
    };
    assert_eq!(hub.portal_id, "1234567");
    assert_eq!(hub.form_guid, "2d1f0c3b-7a6e-4f5d-8c9b-0a1b2c3d4e5f");
    assert_eq!(hub.api_base, DEFAULT_HUBSPOT_API);
    assert_eq!(hub.field_name("name"), Some("full_name"));
    assert_eq!(hub.field_name("email"), Some("email"));
    assert_eq!(hub.field_name("score"), Some("maturity_score"));
    assert_eq!(hub.field_name("stage"), None, "extras only when mapped");
}

#[test]
fn lead_problems_are_errors_and_warnings_with_paths() {
    let e = errors(
        r#"{"lead": {"format": "xml", "gate": "always", "fields": {"email": "maybe", "phone": 1},
            "consent_text": "  ", "timeout_ms": 10, "retries": -1}}"#,
    );
    for path in [
        "$.lead.format",
        "$.lead.gate",
        "$.lead.fields.email",
        "$.lead.fields.phone",
        "$.lead.consent_text",
        "$.lead.timeout_ms",
        "$.lead.retries",
    ] {
        assert!(
            e.iter().any(|x| x.starts_with(&format!("{path}: "))),
            "no error at {path}: {e:#?}"
        );
    }
    let e = errors(r#"{"lead": {"format": "json"}}"#);
    assert!(
        e.iter().any(|x| x.starts_with("$.lead.endpoint: missing")),
        "{e:?}"
    );
    let e = errors(r#"{"lead": {"endpoint": "javascript:alert(1)"}}"#);
    assert!(
        e.iter().any(|x| x.starts_with("$.lead.endpoint: ")),
        "{e:?}"
    );
    let e = errors(r#"{"lead": {"format": "hubspot"}}"#);
    assert!(
        e.iter().any(|x| x.starts_with("$.lead.hubspot: missing")),
        "{e:?}"
    );
    let e = errors(
        r#"{"lead": {"hubspot": {"portal_id": "12a", "form_guid": "nope", "api_base": "/relative", "fields": {"email": "e mail"}}}}"#,
    );
    for path in [
        "$.lead.hubspot.portal_id",
        "$.lead.hubspot.form_guid",
        "$.lead.hubspot.api_base",
        "$.lead.hubspot.fields.email",
    ] {
        assert!(
            e.iter().any(|x| x.starts_with(&format!("{path}: "))),
            "no error at {path}: {e:#?}"
        );
    }
    let e = errors(r#"{"lead": {"hubspot": {}}}"#);
    assert!(
        e.iter()
            .any(|x| x.starts_with("$.lead.hubspot.portal_id: missing")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|x| x.starts_with("$.lead.hubspot.form_guid: missing")),
        "{e:?}"
    );
    let e = errors(r#"{"lead": {"endpoint": "/l", "fields": {"email": "off", "phone": "off"}}}"#);
    assert!(e.iter().any(|x| x.starts_with("$.lead.fields: ")), "{e:?}");
    assert!(parse(r#"{"lead": {"format": "xml"}}"#, UI_KEYS)
        .config
        .is_none());

    let w = warnings(
        r#"{"lead": {"endpoint": "http://crm.example/leads", "hubspot": {}, "gatee": "none", "fields": {"emial": "required"}}}"#,
    );
    for (path, needle) in [
        ("$.privacy_url", "privacy notice"),
        ("$.lead.endpoint", "https"),
        ("$.lead.hubspot", "ignored"),
        ("$.lead.gatee", "did you mean \"gate\""),
        ("$.lead.fields.emial", "did you mean \"email\""),
    ] {
        assert!(
            w.iter()
                .any(|x| x.starts_with(&format!("{path}: ")) && x.contains(needle)),
            "no warning at {path} mentioning {needle}: {w:#?}"
        );
    }
    assert!(
        warnings(r#"{"privacy_url": "/p", "lead": {"endpoint": "http://127.0.0.1:8787/leads"}}"#)
            .is_empty(),
        "plain http to this machine is fine"
    );
}

#[test]
fn numbers_and_json_errors_read_well_in_messages() {
    use maturity_check_engine::config::tenths;
    assert_eq!(tenths(12.0), "12");
    assert_eq!(tenths(12.46), "12.5");
    assert_eq!(tenths(3.12), "3.1");
    assert_eq!(tenths(0.04), "0");
    let e = errors("{\n  \"locale\": \"en\",\n  oops\n}");
    assert!(
        e.iter().any(|x| x.starts_with("$: ")
            && x.contains("not valid JSON: a syntax error at line 3, column 3")),
        "{e:?}"
    );
    let w = warnings(r##"{"theme": {"text": "#888888", "background": "#ffffff"}}"##);
    assert!(w.iter().any(|x| x.contains("contrast of 3.5:1")), "{w:?}");
    // A wrong value is named as it was given when that reads well, else by its kind.
    for (value, named) in [
        ("11", "11 is not valid"),
        ("-3", "-3 is not valid"),
        ("1.5", "1.5 is not valid"),
        ("1.25", "a number with a fraction is not valid"),
        ("\"ten\"", "\"ten\" is not valid"),
        ("true", "a boolean is not valid"),
    ] {
        let e = errors(&format!(
            r#"{{"lead": {{"endpoint": "https://x.example/l", "retries": {value}}}, "privacy_url": "/p"}}"#
        ));
        assert!(e.iter().any(|x| x.contains(named)), "{value}: {e:?}");
    }
}

#[test]
fn the_quiet_reading_says_whether_there_is_something_to_report() {
    use maturity_check_engine::config::{read_value, Reading, TEXT_KEYS};
    let read = |v: serde_json::Value| read_value(&(&v).into(), TEXT_KEYS);
    assert!(matches!(
        read(serde_json::json!({"locale": "en", "theme": {"primary": "#123456"}})),
        Reading::Clean(c) if c.locale.as_deref() == Some("en") && c.theme.primary.as_deref() == Some("#123456")
    ));
    assert!(matches!(
        read(serde_json::json!({"locale": "en", "colour": "red"})),
        Reading::Warnings(c) if c.locale.as_deref() == Some("en")
    ));
    assert_eq!(read(serde_json::json!({"locale": "fr"})), Reading::Errors);
    assert_eq!(read(serde_json::json!([])), Reading::Errors);
}
