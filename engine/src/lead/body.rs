/*!
The two request bodies, our documented JSON (`docs/leads.md`) and HubSpot's Forms API, and the
request that carries one. Every byte is built from plain values, so native tests check it all.
*/

use serde_json::{json, Map, Value};

use super::settings::{Field, Fields, HubSpot, LeadConfig, LeadTarget};
use super::submission::{rfc3339, Submission};
use super::utm::{utm, without_fragment};
use crate::flow::{self, Step};
use crate::scoring::{Answer, Answers, Assessment};
use crate::validate::Scorable;

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
    q: &Scorable,
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
    q: &Scorable,
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
pub fn answer_list(q: &Scorable, answers: &Answers) -> Vec<Value> {
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
/// `maturity-check:complete` event. A dimension that is not rated has `null` score and level, and
/// so has the overall when no dimension is rated.
pub fn result_json(q: &Scorable, r: &Assessment) -> Value {
    let rated = |rating: Option<crate::scoring::Rating>| {
        let score = rating.map(|x| x.score);
        let level = rating
            .and_then(|x| q.levels.get(x.level))
            .map(|l| l.id.as_str());
        (score, level)
    };
    let dimensions: Vec<Value> = r
        .dimensions
        .iter()
        .filter_map(|d| {
            let id = &q.dimensions.get(d.dimension)?.id;
            let (score, level) = rated(d.rating);
            Some(json!({"id": id, "score": score, "level": level}))
        })
        .collect();
    let (score, level) = rated(r.overall);
    json!({
        "overall": {"score": score, "level": level},
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
    q: &Scorable,
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
    // No overall score (no dimension rated): the properties stay as they are in HubSpot.
    if let Some(overall) = result.overall {
        push("score", overall.score.to_string());
        if let Some(level) = q.levels.get(overall.level) {
            push("stage", level.id.clone());
        }
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
