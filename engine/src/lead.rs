/*!
Lead capture, everything about it that needs no browser: what the form asks and how its input is
checked, the two request bodies (our documented JSON and HubSpot's Forms API), the UTM parameters
of the host page, and, in the submodules, how a delivery attempt is judged and retried
([`delivery`]) and the outbox kept in localStorage ([`queue`]).

The widget supplies what only a browser has (a random UUID, the clock, the page URL) as plain
values, so every byte of a request can be checked here in native tests. Docs: `docs/leads.md`.
*/

pub mod delivery;
pub mod queue;

use serde_json::{json, Map, Value};

use crate::config::{HubSpot, LeadConfig, LeadTarget};
use crate::flow::{self, Step};
use crate::json::Json;
use crate::scoring::{Answer, Answers, Assessment};
use crate::validate::Checked;

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

    fn index(self) -> usize {
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

/// What a person typed into the form, one value per [`Field`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact([String; 5]);

impl Contact {
    pub fn get(&self, field: Field) -> &str {
        &self.0[field.index()]
    }

    pub fn set(&mut self, field: Field, value: impl Into<String>) {
        self.0[field.index()] = value.into();
    }

    pub fn with(mut self, field: Field, value: impl Into<String>) -> Self {
        self.set(field, value);
        self
    }

    /// The value to send: trimmed, `None` when empty or when the form does not ask for it.
    pub fn value(&self, fields: &Fields, field: Field) -> Option<&str> {
        let v = self.get(field).trim();
        (fields.need(field) != Need::Off && !v.is_empty()).then_some(v)
    }
}

/// Why a field's value is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldIssue {
    /// A required field is empty.
    Missing,
    NotAnEmail,
    /// Holds characters a phone number does not have, or too few digits.
    NotAPhone,
    /// Longer than [`Field::max_len`].
    TooLong,
}

/// What the form should do with a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Everything is in order: send it.
    Send,
    /// Show these problems; send nothing.
    Fix {
        fields: Vec<(Field, FieldIssue)>,
        /// The consent box is not ticked.
        consent_missing: bool,
    },
    /// The honeypot field has a value, so a bot filled the form: send nothing, and tell the bot
    /// nothing either.
    Bot,
}

/// Decides on a submission: the honeypot first, then every field and the consent, all at once.
pub fn decide(fields: &Fields, contact: &Contact, consent: bool, honeypot: &str) -> Decision {
    if !honeypot.trim().is_empty() {
        return Decision::Bot;
    }
    let issues = check_contact(fields, contact);
    if issues.is_empty() && consent {
        Decision::Send
    } else {
        Decision::Fix {
            fields: issues,
            consent_missing: !consent,
        }
    }
}

/// Every problem with `contact`, in form order, at most one per field.
pub fn check_contact(fields: &Fields, contact: &Contact) -> Vec<(Field, FieldIssue)> {
    fields
        .shown()
        .filter_map(|(field, need)| {
            let v = contact.get(field).trim();
            let issue = if v.is_empty() {
                (need == Need::Required).then_some(FieldIssue::Missing)?
            } else if v.chars().count() > field.max_len() {
                FieldIssue::TooLong
            } else if field == Field::Email && !is_email(v) {
                FieldIssue::NotAnEmail
            } else if field == Field::Phone && !is_phone(v) {
                FieldIssue::NotAPhone
            } else {
                return None;
            };
            Some((field, issue))
        })
        .collect()
}

/// Whether `s` looks like an email address a person could receive mail at: one `@`, a local part
/// without spaces, and a domain of dot-separated labels ending in a top-level domain of two or
/// more letters. Deliberately no more than that: the only real check is sending a mail.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let plain = |c: char| !c.is_whitespace() && !c.is_control() && !"<>()[]\\,;:\"@".contains(c);
    if local.is_empty() || local.len() > 64 || s.len() > 254 || !local.chars().all(plain) {
        return false;
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels.iter().all(label_ok)
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
}

/// Whether `s` could be a phone number: digits with the usual separators, at least five digits.
pub fn is_phone(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || " +-()/.".contains(c))
        && s.chars().filter(char::is_ascii_digit).count() >= 5
}

/// The person's consent, as they saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Consent {
    /// The exact text next to the checkbox.
    pub text: String,
    /// The privacy notice linked beside it, if any.
    pub privacy_url: Option<String>,
    /// When the box was ticked, in ms since the Unix epoch.
    pub given_at_ms: f64,
}

/// The host page the widget is on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    /// `location.href`. The fragment is dropped before sending (it may hold a share code).
    pub url: String,
    /// `document.referrer`; empty means none.
    pub referrer: String,
    /// `document.title`.
    pub title: String,
}

/// One submission: everything the bodies need besides the questionnaire, answers and result.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// A UUID v4, the same for every attempt and every retry from the queue.
    pub id: String,
    /// ms since the Unix epoch.
    pub submitted_at_ms: f64,
    /// The UI locale.
    pub locale: String,
    pub contact: Contact,
    pub consent: Consent,
    pub page: Page,
}

/// Which body a request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Hubspot,
}

/// A request ready to go: the widget POSTs `body` to `url` with [`Format::headers`].
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub format: Format,
    /// As configured; the widget resolves a relative URL against the page before queueing it.
    pub url: String,
    pub body: Value,
}

impl Format {
    /// Headers besides the method. Our JSON receivers get the submission id as `Idempotency-Key`;
    /// HubSpot's CORS rules do not allow extra headers, so it gets none.
    pub fn headers(self, submission_id: &str) -> Vec<(&'static str, String)> {
        let mut h = vec![("Content-Type", "application/json".to_string())];
        if self == Format::Json {
            h.push(("Idempotency-Key", submission_id.to_string()));
        }
        h
    }
}

/// The request for `submission` under `config`.
pub fn request(
    config: &LeadConfig,
    q: &Checked,
    answers: &Answers,
    result: &Assessment,
    submission: &Submission,
) -> Request {
    match &config.target {
        LeadTarget::Json { endpoint } => Request {
            format: Format::Json,
            url: endpoint.clone(),
            body: json_body(&config.fields, q, answers, result, submission),
        },
        LeadTarget::HubSpot(hub) => Request {
            format: Format::Hubspot,
            url: hubspot_url(hub),
            body: hubspot_body(hub, &config.fields, q, result, submission),
        },
    }
}

/// The version of the JSON body's layout; it changes only when a receiver would have to change.
pub const BODY_FORMAT: u32 = 1;

/// The JSON body, as documented in `docs/leads.md`.
pub fn json_body(
    fields: &Fields,
    q: &Checked,
    answers: &Answers,
    result: &Assessment,
    s: &Submission,
) -> Value {
    let contact: Map<String, Value> = Field::ALL
        .into_iter()
        .map(|f| (f.key().to_string(), s.contact.value(fields, f).into()))
        .collect();
    let utm = utm(&s.page.url);
    let referrer = (!s.page.referrer.is_empty()).then(|| s.page.referrer.clone());
    json!({
        "format": BODY_FORMAT,
        "submission_id": s.id,
        "submitted_at": rfc3339(s.submitted_at_ms),
        "questionnaire": {"id": q.id, "version": q.version},
        "locale": s.locale,
        "contact": contact,
        "consent": {
            "text": s.consent.text,
            "privacy_url": s.consent.privacy_url,
            "given_at": rfc3339(s.consent.given_at_ms),
        },
        "answers": answer_list(q, answers),
        "result": result_json(q, result),
        "context": {
            "page_url": without_fragment(&s.page.url),
            "referrer": referrer,
            "utm": {
                "source": utm.source,
                "medium": utm.medium,
                "campaign": utm.campaign,
                "term": utm.term,
                "content": utm.content,
            },
        },
    })
}

/// `[{question_id, option_id}]` in the order the questions were asked; "don't know" is
/// `"dont_know"`, as in the `maturity-check:answer` event. Unanswered questions are left out.
pub fn answer_list(q: &Checked, answers: &Answers) -> Vec<Value> {
    flow::steps(q)
        .into_iter()
        .filter_map(|step| {
            let (question, option) = match step {
                Step::Scored(i) => {
                    let question = q.questions.get(i)?;
                    let option = match answers.scored.get(i).copied().flatten()? {
                        Answer::Option(k) => question.options.get(usize::from(k))?.id.as_str(),
                        Answer::DontKnow => "dont_know",
                    };
                    (question.id.as_str(), option)
                }
                Step::Context(i) => {
                    let question = q.context_questions.get(i)?;
                    let k = answers.context.get(i).copied().flatten()?;
                    (question.id.as_str(), question.options.get(k)?.id.as_str())
                }
            };
            Some(json!({"question_id": question, "option_id": option}))
        })
        .collect()
}

/// `{overall: {score, level}, dimensions: [{id, score, level}]}` with level ids, as in the
/// `maturity-check:complete` event.
pub fn result_json(q: &Checked, r: &Assessment) -> Value {
    let level = |i: usize| q.levels.get(i).map(|l| l.id.as_str());
    let dimensions: Vec<Value> = r
        .dimensions
        .iter()
        .filter_map(|d| {
            let id = &q.dimensions.get(d.dimension)?.id;
            Some(json!({"id": id, "score": d.rating.score, "level": level(d.rating.level)}))
        })
        .collect();
    json!({
        "overall": {"score": r.overall.score, "level": level(r.overall.level)},
        "dimensions": dimensions,
    })
}

/// The HubSpot Forms API endpoint for unauthenticated submissions.
pub fn hubspot_url(hub: &HubSpot) -> String {
    format!(
        "{}/submissions/v3/integration/submit/{}/{}",
        hub.api_base.trim_end_matches('/'),
        hub.portal_id,
        hub.form_guid
    )
}

/// The body of HubSpot's "submit data to a form" API: `fields` as name/value pairs under the
/// mapped HubSpot property names, `context` with the page, and `legalConsentOptions` with the text
/// the person agreed to.
pub fn hubspot_body(
    hub: &HubSpot,
    fields: &Fields,
    q: &Checked,
    result: &Assessment,
    s: &Submission,
) -> Value {
    let mut pairs: Vec<Value> = Vec::new();
    let mut push = |ours: &str, value: String| {
        if let Some(name) = hub.field_name(ours) {
            pairs.push(json!({"objectTypeId": "0-1", "name": name, "value": value}));
        }
    };
    for f in Field::ALL {
        if let Some(v) = s.contact.value(fields, f) {
            push(f.key(), v.to_string());
        }
    }
    push("score", result.overall.score.to_string());
    if let Some(level) = q.levels.get(result.overall.level) {
        push("stage", level.id.clone());
    }
    push("submission_id", s.id.clone());
    json!({
        "submittedAt": format!("{}", s.submitted_at_ms.max(0.0).floor() as u64),
        "fields": pairs,
        "context": {
            "pageUri": without_fragment(&s.page.url),
            "pageName": s.page.title,
        },
        "legalConsentOptions": {
            "consent": {
                "consentToProcess": true,
                "text": s.consent.text,
            },
        },
    })
}

/// What the widget remembers (with `persistence` on) once a lead is sent or queued: which
/// submission carried which answers, so a reload shows that result as sent instead of asking again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SentMark {
    pub submission_id: String,
    /// The share code of the answers the lead carried.
    pub answers: String,
}

impl SentMark {
    /// The storage key, beside the questionnaire's saved progress.
    pub fn storage_key(q: &Checked) -> String {
        format!("{}:lead", crate::progress::storage_key(q))
    }

    /// Reads a stored mark; anything unreadable is no mark.
    pub fn parse(text: &str) -> Option<SentMark> {
        let value: Value = serde_json::from_str(text).ok()?;
        Self::from_value(&Json::from(&value))
    }

    /// [`SentMark::parse`] for text that is already parsed (by the browser, in the widget).
    pub fn from_value(value: &Json) -> Option<SentMark> {
        let fields = value.as_object()?;
        let text = |key: &str| fields.get(key)?.as_str().map(str::to_string);
        let mark = SentMark {
            submission_id: text("submission_id")?,
            answers: text("answers")?,
        };
        (fields.len() == 2 && is_uuid(&mark.submission_id)).then_some(mark)
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The UTM parameters of a page URL's query, percent-decoded; the first of each wins.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Utm {
    pub source: Option<String>,
    pub medium: Option<String>,
    pub campaign: Option<String>,
    pub term: Option<String>,
    pub content: Option<String>,
}

/// Reads `utm_source`, `utm_medium`, `utm_campaign`, `utm_term` and `utm_content` from `url`'s
/// query (not its fragment). Any string in, never a panic.
pub fn utm(url: &str) -> Utm {
    let mut out = Utm::default();
    let query = without_fragment(url)
        .split_once('?')
        .map_or("", |(_, q)| q)
        .to_string();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match percent_decode(k).as_str() {
            "utm_source" => &mut out.source,
            "utm_medium" => &mut out.medium,
            "utm_campaign" => &mut out.campaign,
            "utm_term" => &mut out.term,
            "utm_content" => &mut out.content,
            _ => continue,
        };
        let v = percent_decode(v);
        if slot.is_none() && !v.is_empty() {
            *slot = Some(v.chars().take(200).collect());
        }
    }
    out
}

fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or("")
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte; malformed escapes
/// stay as they are, invalid UTF-8 becomes U+FFFD.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A UUID v4 in its usual text form from 16 random bytes (the widget's fallback where
/// `crypto.randomUUID` is missing, as on plain-http pages).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Whether `s` is a UUID in its usual lowercase or uppercase text form.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// ms since the Unix epoch as RFC 3339 in UTC with milliseconds, the form `Date.toISOString()`
/// gives: `2026-11-23T09:05:00.000Z`. Out-of-range input is clamped to years 1970-9999.
pub fn rfc3339(ms: f64) -> String {
    const MAX: f64 = 253_402_300_799_999.0; // 9999-12-31T23:59:59.999Z
    let ms = if ms.is_finite() {
        ms.clamp(0.0, MAX) as u64
    } else {
        0
    };
    let (secs, milli) = (ms / 1000, ms % 1000);
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
    // Howard Hinnant's civil_from_days, for days since 1970-01-01 (never negative here).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{milli:03}Z")
}
