/*!
The lead section: where leads go (our JSON or HubSpot), what the form asks and its consent text,
read into the settings types of [`crate::lead::settings`].
*/

use super::keys::{
    HUBSPOT_FIELD_KEYS, HUBSPOT_KEYS, LEAD_FIELD_KEYS, LEAD_KEYS, RETRIES, TIMEOUT_MS,
};
use super::walk::{shown, truncate, Walk};
use crate::json::Json as Value;
use crate::lead::settings::{
    Field, Fields, HubSpot, LeadConfig, LeadGate, LeadTarget, Need, DEFAULT_HUBSPOT_API,
    DEFAULT_LEAD_RETRIES, DEFAULT_LEAD_TIMEOUT_MS,
};
use crate::local_text::LocalText;
use crate::sorted_map::TextMap;
use crate::syntax::is_uuid;

impl<const LOUD: bool> Walk<LOUD> {
    pub(super) fn lead(&mut self, v: &Value) -> Option<LeadConfig> {
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
            .and_then(|v| self.integer("$.lead.timeout_ms", v, TIMEOUT_MS))
            .unwrap_or(DEFAULT_LEAD_TIMEOUT_MS);
        let retries = m
            .get("retries")
            .and_then(|v| self.integer("$.lead.retries", v, RETRIES))
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
    pub(super) fn endpoint(&mut self, path: &str, v: &Value) -> Option<String> {
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

    pub(super) fn hubspot(&mut self, v: &Value) -> Option<HubSpot> {
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
