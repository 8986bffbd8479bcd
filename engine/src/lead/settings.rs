/*!
What a partner set for leads: where they go, what the form asks, and where it stands. These are
the settings types both sides need: the config walk ([`crate::config`]) builds them and the
request code ([`super::body`]) reads them, so they live here, apart from either, and neither
imports the other.
*/

use crate::local_text::LocalText;
use crate::sorted_map::TextMap;

/// A field of the lead form, in the order the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    Email,
    Company,
    Phone,
    Message,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Name,
        Field::Email,
        Field::Company,
        Field::Phone,
        Field::Message,
    ];

    /// The field's key in the config, in the JSON body's `contact` and in UI string keys.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Company => "company",
            Field::Phone => "phone",
            Field::Message => "message",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The most characters accepted; receivers can size their columns by these.
    pub fn max_len(self) -> usize {
        match self {
            Field::Name | Field::Company => 200,
            Field::Email => 254,
            Field::Phone => 40,
            Field::Message => 4000,
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// Whether the form asks for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    Off,
}

impl Need {
    pub fn from_key(key: &str) -> Option<Need> {
        match key {
            "required" => Some(Need::Required),
            "optional" => Some(Need::Optional),
            "off" => Some(Need::Off),
            _ => None,
        }
    }
}

/// What the form asks for. Default: name optional, email required, company optional, phone and
/// message off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields([Need; 5]);

impl Default for Fields {
    fn default() -> Self {
        Fields([
            Need::Optional,
            Need::Required,
            Need::Optional,
            Need::Off,
            Need::Off,
        ])
    }
}

impl Fields {
    pub fn need(&self, field: Field) -> Need {
        self.0[field.index()]
    }

    pub fn set(&mut self, field: Field, need: Need) {
        self.0[field.index()] = need;
    }

    /// The fields the form shows, in order.
    pub fn shown(&self) -> impl Iterator<Item = (Field, Need)> + '_ {
        Field::ALL
            .into_iter()
            .map(|f| (f, self.need(f)))
            .filter(|(_, n)| *n != Need::Off)
    }
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
