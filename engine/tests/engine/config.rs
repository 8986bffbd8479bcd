use maturity_check_engine::config::{
    contrast, is_safe_url, nearest, parse, QuestionnaireSource, ThemeMode, WidgetConfig,
};

use crate::common::*;

const UI_KEYS: &[&str] = &["intro.start", "results.share"];

fn errors(json: &str) -> Vec<String> {
    parse(json, UI_KEYS)
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
