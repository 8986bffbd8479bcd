/*!
The config's top level and its small sections (texts, the call to action); the theme and the lead
form have files of their own.
*/

use super::keys::{BRAND_KEYS, CTA_KEYS, KEYS, UI_LOCALES};
use super::types::{CallToAction, QuestionnaireSource, WidgetConfig};
use super::walk::{kind, Walk};
use crate::json::Json as Value;
use crate::problem::quoted;
use crate::sorted_map::{SortedMap, TextMap};

impl<const LOUD: bool> Walk<LOUD> {
    pub(super) fn config(&mut self, v: &Value, ui_keys: &[&str]) -> WidgetConfig {
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
        if let Some(v) = map.get("formality") {
            if let Some(formal) =
                self.choice("$.formality", v, &[("informal", false), ("formal", true)])
            {
                c.formal = formal;
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

    pub(super) fn texts(&mut self, v: &Value, ui_keys: &[&str]) -> SortedMap<TextMap> {
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

    pub(super) fn cta(&mut self, v: &Value) -> Option<CallToAction> {
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
