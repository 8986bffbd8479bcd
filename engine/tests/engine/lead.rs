use maturity_check_engine::config::{parse, LeadConfig, TEXT_KEYS};
use maturity_check_engine::lead::delivery::{
    backoff_ms, classify, retry_after_ms, Attempt, Delivery, Next, Verdict, MAX_DELAY_MS,
};
use maturity_check_engine::lead::queue::{Entry, Queue, QueueError, MAX_AGE_MS, MAX_ENTRIES};
use maturity_check_engine::lead::{
    answer_list, check_contact, decide, is_email, is_phone, is_uuid, request, rfc3339, utm,
    uuid_v4, Consent, Contact, Decision, Field, FieldIssue, Fields, Format, Need, Page, SentMark,
    Submission, Utm,
};
use maturity_check_engine::{assess, load, share, Answers, Checked, DEFAULT_QUESTIONNAIRE};
use serde_json::{json, Value};

/// The share code from the README: every answer given, the context answers 0, 1, 2, 0.
const CODE: &str = "1~cs-maturity~2~01234012340123401234~0120";
const ID: &str = "0b6f1c2e-4a5d-4c3b-9e8f-7a6b5c4d3e2f";
/// 2026-11-23T09:05:00.000Z
const NOW: f64 = 1_795_424_700_000.0;

fn default_q() -> Checked {
    load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire")
}

fn answers(q: &Checked) -> Answers {
    share::decode_for(q, CODE).expect("share code fits")
}

fn lead_config(json: &str) -> LeadConfig {
    let r = parse(json, TEXT_KEYS);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    r.config.and_then(|c| c.lead).expect("a lead config")
}

fn submission(contact: Contact) -> Submission {
    Submission {
        id: ID.into(),
        submitted_at_ms: NOW,
        locale: "de".into(),
        contact,
        consent: Consent {
            text: "Ich bin einverstanden.".into(),
            privacy_url: Some("https://partner.example/datenschutz".into()),
            given_at_ms: NOW - 12_000.0,
        },
        page: Page {
            url: "https://partner.example/check?utm_source=newsletter&utm_medium=email&utm_campaign=herbst%202026&x=1#mc=1~cs-maturity~2~x~y".into(),
            referrer: "https://www.google.com/".into(),
            title: "Service-Check | Partner".into(),
        },
    }
}

fn maria() -> Contact {
    Contact::default()
        .with(Field::Name, "  Maria Schmidt ")
        .with(Field::Email, "maria@firma.example")
        .with(Field::Company, "Firma GmbH")
        .with(Field::Phone, "+49 30 1234567")
}

/// The documented JSON Schema of the body: the ```json block with a `$schema` in the section
/// "## The JSON body" of docs/leads.md.
fn documented_schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/leads.md");
    let doc = std::fs::read_to_string(path).expect("docs/leads.md");
    let section = doc
        .split("\n## The JSON body")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("docs/leads.md has a section \"## The JSON body\"");
    let block = section
        .split("```json\n")
        .skip(1)
        .filter_map(|b| b.split("\n```").next())
        .find(|b| b.contains("\"$schema\""))
        .expect("a ```json block with the schema in that section");
    let schema: Value = serde_json::from_str(block).expect("the documented schema is JSON");
    assert!(
        schema["properties"].is_object(),
        "the schema describes properties"
    );
    schema
}

/// Checks `v` against the subset of JSON Schema the documentation uses; returns every mismatch.
fn schema_errors(schema: &Value, v: &Value, path: &str, out: &mut Vec<String>) {
    let type_ok = |t: &str| match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("{path}: the test does not know type {other}"),
    };
    match &schema["type"] {
        Value::String(t) if !type_ok(t) => out.push(format!("{path}: not {t}: {v}")),
        Value::Array(ts) if !ts.iter().any(|t| type_ok(t.as_str().unwrap_or(""))) => {
            out.push(format!("{path}: none of {ts:?}: {v}"))
        }
        _ => {}
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            out.push(format!("{path}: {v} is not {c}"));
        }
    }
    if let Some(Value::Array(allowed)) = schema.get("enum") {
        if !allowed.contains(v) {
            out.push(format!("{path}: {v} not in {allowed:?}"));
        }
    }
    if let (Some(min), Some(n)) = (schema["minimum"].as_f64(), v.as_f64()) {
        if n < min {
            out.push(format!("{path}: {n} < {min}"));
        }
    }
    if let (Some(max), Some(n)) = (schema["maximum"].as_f64(), v.as_f64()) {
        if n > max {
            out.push(format!("{path}: {n} > {max}"));
        }
    }
    if let Some(s) = v.as_str() {
        let len = s.chars().count() as u64;
        if schema["minLength"].as_u64().is_some_and(|m| len < m) {
            out.push(format!("{path}: too short"));
        }
        if schema["maxLength"].as_u64().is_some_and(|m| len > m) {
            out.push(format!("{path}: too long"));
        }
        match schema["format"].as_str() {
            Some("uuid") if !is_uuid(s) => out.push(format!("{path}: not a UUID: {s}")),
            Some("date-time")
                if !(s.len() == 24 && s.ends_with('Z') && s.as_bytes()[10] == b'T') =>
            {
                out.push(format!("{path}: not RFC 3339: {s}"))
            }
            Some("email") if !is_email(s) => out.push(format!("{path}: not an email: {s}")),
            _ => {}
        }
    }
    if let Some(obj) = v.as_object() {
        let props = schema["properties"].as_object();
        for key in schema["required"].as_array().into_iter().flatten() {
            let key = key.as_str().unwrap_or_default();
            if !obj.contains_key(key) {
                out.push(format!("{path}.{key}: required but missing"));
            }
        }
        for (k, child) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => schema_errors(s, child, &format!("{path}.{k}"), out),
                None if schema["additionalProperties"] == Value::Bool(false) => {
                    out.push(format!("{path}.{k}: not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, child) in arr.iter().enumerate() {
            schema_errors(items, child, &format!("{path}[{i}]"), out);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The form

#[test]
fn emails_are_checked_for_shape_only() {
    for ok in [
        "maria@firma.example",
        "a.b+c@sub.firma.de",
        "o'neil@example.co.uk",
        "jürgen@müller.de",
        "x@y.museum",
    ] {
        assert!(is_email(ok), "{ok}");
    }
    for bad in [
        "",
        "maria",
        "maria@",
        "@firma.de",
        "maria@firma",
        "maria@firma.d",
        "maria@@firma.de",
        "ma ria@firma.de",
        "maria@firma..de",
        "maria@-firma.de",
        ".maria@firma.de",
        "maria@firma.de1",
        "maria@firma.de\n",
        "<maria@firma.de>",
    ] {
        assert!(!is_email(bad), "{bad:?}");
    }
    assert!(!is_email(&format!("{}@firma.de", "a".repeat(65))));
}

#[test]
fn phones_are_digits_with_the_usual_separators() {
    for ok in [
        "+49 30 1234567",
        "(030) 123-45 67",
        "030/123456",
        "0049.30.12345",
    ] {
        assert!(is_phone(ok), "{ok}");
    }
    for bad in ["", "1234", "call me", "+49 30 12345 ext. 2", "030 123456;"] {
        assert!(!is_phone(bad), "{bad:?}");
    }
}

#[test]
fn every_field_problem_is_reported_at_once_in_form_order() {
    let mut fields = Fields::default();
    fields.set(Field::Phone, Need::Optional);
    fields.set(Field::Message, Need::Required);
    let contact = Contact::default()
        .with(Field::Name, "x".repeat(201))
        .with(Field::Email, "  ")
        .with(Field::Phone, "abc");
    assert_eq!(
        check_contact(&fields, &contact),
        vec![
            (Field::Name, FieldIssue::TooLong),
            (Field::Email, FieldIssue::Missing),
            (Field::Phone, FieldIssue::NotAPhone),
            (Field::Message, FieldIssue::Missing),
        ]
    );
    // Fields that are off are not checked, whatever they hold.
    let defaults = Fields::default();
    let off = Contact::default()
        .with(Field::Email, "a@b.de")
        .with(Field::Phone, "abc");
    assert!(check_contact(&defaults, &off).is_empty());
    assert_eq!(
        defaults.shown().collect::<Vec<_>>(),
        vec![
            (Field::Name, Need::Optional),
            (Field::Email, Need::Required),
            (Field::Company, Need::Optional),
        ]
    );
}

#[test]
fn the_honeypot_wins_then_consent_and_fields_are_all_checked() {
    let f = Fields::default();
    assert_eq!(decide(&f, &maria(), true, ""), Decision::Send);
    assert_eq!(
        decide(&f, &maria(), true, "http://spam.example"),
        Decision::Bot
    );
    assert_eq!(
        decide(&f, &Contact::default(), false, "x"),
        Decision::Bot,
        "a filled honeypot sends nothing, even when the rest is wrong"
    );
    assert_eq!(
        decide(&f, &maria(), false, ""),
        Decision::Fix {
            fields: vec![],
            consent_missing: true
        }
    );
    assert_eq!(
        decide(
            &f,
            &Contact::default().with(Field::Email, "nope"),
            false,
            " "
        ),
        Decision::Fix {
            fields: vec![(Field::Email, FieldIssue::NotAnEmail)],
            consent_missing: true
        }
    );
}

// ---------------------------------------------------------------------------------------------
// The JSON body

#[test]
fn the_json_body_carries_everything_documented() {
    let q = default_q();
    let a = answers(&q);
    let cfg = lead_config(r#"{"lead": {"endpoint": "https://crm.partner.example/leads"}}"#);
    let r = request(&cfg, &q, &a, &assess(&q, &a), &submission(maria()));
    assert_eq!(r.format, Format::Json);
    assert_eq!(r.url, "https://crm.partner.example/leads");
    let mut body = r.body;
    let answers = body["answers"].take();
    assert_eq!(
        body,
        json!({
            "format": 1,
            "submission_id": ID,
            "submitted_at": "2026-11-23T09:05:00.000Z",
            "questionnaire": {"id": "cs-maturity", "version": "2"},
            "locale": "de",
            // Phone is off by default: not sent even though something was typed.
            "contact": {"name": "Maria Schmidt", "email": "maria@firma.example", "company": "Firma GmbH", "phone": null, "message": null},
            "consent": {
                "text": "Ich bin einverstanden.",
                "privacy_url": "https://partner.example/datenschutz",
                "given_at": "2026-11-23T09:04:48.000Z"
            },
            "result": {
                "overall": {"score": 49, "level": "structured"},
                "dimensions": [
                    {"id": "vision", "score": 25, "level": "reactive"},
                    {"id": "steering", "score": 50, "level": "structured"},
                    {"id": "planning", "score": 75, "level": "strategic"},
                    {"id": "organisation", "score": 25, "level": "reactive"},
                    {"id": "retention", "score": 58, "level": "structured"},
                    {"id": "technology", "score": 63, "level": "structured"}
                ]
            },
            "context": {
                "page_url": "https://partner.example/check?utm_source=newsletter&utm_medium=email&utm_campaign=herbst%202026&x=1",
                "referrer": "https://www.google.com/",
                "utm": {"source": "newsletter", "medium": "email", "campaign": "herbst 2026", "term": null, "content": null}
            },
            "answers": null
        })
    );
    let answers = answers.as_array().expect("answers is a list").clone();
    assert_eq!(answers.len(), 24, "20 scored and 4 context questions");
    // In the order asked: the two context questions without `after` first.
    assert_eq!(
        answers[..4],
        [
            json!({"question_id": "team_size", "option_id": "small"}),
            json!({"question_id": "business_model", "option_id": "b2c"}),
            json!({"question_id": "vision-role", "option_id": "none"}),
            json!({"question_id": "service_role", "option_id": "differentiator"}),
        ]
    );
    assert_eq!(
        answers[4],
        json!({"question_id": "vision-decisions", "option_id": "mentioned"})
    );
}

#[test]
fn the_json_body_validates_against_the_schema_in_docs() {
    let schema = documented_schema();
    let q = default_q();
    let a = answers(&q);
    let r = assess(&q, &a);
    let cfg = lead_config(
        r#"{"lead": {"endpoint": "/leads", "fields": {"message": "optional", "phone": "required"}}}"#,
    );
    let mut bare = submission(Contact::default().with(Field::Phone, "030 123456"));
    bare.page = Page {
        url: "http://127.0.0.1:8080/".into(),
        ..Page::default()
    };
    bare.consent.privacy_url = None;
    for s in [submission(maria()), bare] {
        let body = request(&cfg, &q, &a, &r, &s).body;
        let mut errors = Vec::new();
        schema_errors(&schema, &body, "$", &mut errors);
        assert!(errors.is_empty(), "{errors:#?}\n{body:#}");
    }
    // And the check itself notices a wrong body.
    let mut wrong = request(&cfg, &q, &a, &r, &submission(maria())).body;
    wrong["contact"]["fax"] = json!("1");
    wrong["result"]["overall"]["score"] = json!(101);
    let mut errors = Vec::new();
    schema_errors(&schema, &wrong, "$", &mut errors);
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn dont_know_and_unanswered_questions_in_the_answer_list() {
    let q = default_q();
    let mut a = answers(&q);
    // The first question stays unanswered; another offers "don't know".
    let dk = (1..q.questions.len())
        .find(|&i| q.questions[i].dont_know.is_some())
        .expect("a question with don't know");
    a.scored[dk] = Some(maturity_check_engine::Answer::DontKnow);
    a.scored[0] = None;
    let list = answer_list(&q, &a);
    assert_eq!(list.len(), 23);
    assert!(list.contains(&json!({"question_id": q.questions[dk].id, "option_id": "dont_know"})));
    assert!(!list
        .iter()
        .any(|x| x["question_id"] == json!(q.questions[0].id)));
}

#[test]
fn utm_parameters_come_from_the_query_decoded_first_one_wins() {
    assert_eq!(
        utm("https://a.example/p?utm_source=li&utm_medium=social&utm_campaign=q4+launch&utm_term=service%20check&utm_content=%C3%BCber&utm_source=other#utm_medium=frag"),
        Utm {
            source: Some("li".into()),
            medium: Some("social".into()),
            campaign: Some("q4 launch".into()),
            term: Some("service check".into()),
            content: Some("über".into()),
        }
    );
    assert_eq!(utm("https://a.example/#utm_source=x"), Utm::default());
    assert_eq!(utm(""), Utm::default());
    assert_eq!(
        utm("/p?utm_source=%zz%&utm_medium=&utm_campaign=%E2%28")
            .source
            .as_deref(),
        Some("%zz%"),
        "broken escapes stay as typed"
    );
    assert_eq!(utm("/p?utm_medium=").medium, None, "empty is none");
}

#[test]
fn ids_and_times_have_their_standard_forms() {
    let id = uuid_v4([0xff; 16]);
    assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    assert!(is_uuid(&id) && is_uuid(&uuid_v4([0; 16])));
    assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    assert!(
        !is_uuid("0b6f1c2e4a5d4c3b9e8f7a6b5c4d3e2f")
            && !is_uuid("0b6f1c2e-4a5d-4c3b-9e8f-7a6b5c4d3e2g")
    );
    for (ms, text) in [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400_000.0, "2000-02-29T00:00:00.000Z"),
        (1_709_251_199_999.0, "2024-02-29T23:59:59.999Z"),
        (NOW, "2026-11-23T09:05:00.000Z"),
        (-5.0, "1970-01-01T00:00:00.000Z"),
        (f64::NAN, "1970-01-01T00:00:00.000Z"),
        (f64::INFINITY, "1970-01-01T00:00:00.000Z"),
        (1e300, "9999-12-31T23:59:59.999Z"),
    ] {
        assert_eq!(rfc3339(ms), text, "{ms}");
    }
}

// ---------------------------------------------------------------------------------------------
// HubSpot

#[test]
fn the_hubspot_body_has_the_forms_api_shape() {
    let q = default_q();
    let a = answers(&q);
    let cfg = lead_config(
        r#"{"lead": {"format": "hubspot", "hubspot": {"portal_id": 1234567, "form_guid": "2D1F0C3B-7A6E-4F5D-8C9B-0A1B2C3D4E5F"},
            "fields": {"phone": "optional", "message": "optional"}}}"#,
    );
    let r = request(&cfg, &q, &a, &assess(&q, &a), &submission(maria()));
    assert_eq!(r.format, Format::Hubspot);
    assert_eq!(
        r.url,
        "https://api.hsforms.com/submissions/v3/integration/submit/1234567/2d1f0c3b-7a6e-4f5d-8c9b-0a1b2c3d4e5f"
    );
    assert_eq!(
        r.body,
        json!({
            "submittedAt": "1795424700000",
            "fields": [
                {"objectTypeId": "0-1", "name": "firstname", "value": "Maria Schmidt"},
                {"objectTypeId": "0-1", "name": "email", "value": "maria@firma.example"},
                {"objectTypeId": "0-1", "name": "company", "value": "Firma GmbH"},
                {"objectTypeId": "0-1", "name": "phone", "value": "+49 30 1234567"}
            ],
            "context": {
                "pageUri": "https://partner.example/check?utm_source=newsletter&utm_medium=email&utm_campaign=herbst%202026&x=1",
                "pageName": "Service-Check | Partner"
            },
            "legalConsentOptions": {
                "consent": {"consentToProcess": true, "text": "Ich bin einverstanden."}
            }
        })
    );
}

#[test]
fn hubspot_fields_can_be_renamed_dropped_and_added() {
    let q = default_q();
    let a = answers(&q);
    let cfg = lead_config(
        r#"{"lead": {"hubspot": {"portal_id": "42", "form_guid": "2d1f0c3b-7a6e-4f5d-8c9b-0a1b2c3d4e5f", "api_base": "http://127.0.0.1:9999/",
            "fields": {"name": "full_name", "company": "", "score": "maturity_score", "stage": "maturity_stage", "submission_id": "mc_submission"}}}}"#,
    );
    let r = request(&cfg, &q, &a, &assess(&q, &a), &submission(maria()));
    assert!(r
        .url
        .starts_with("http://127.0.0.1:9999/submissions/v3/integration/submit/42/"));
    let pairs: Vec<(String, String)> = r.body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().into(),
                p["value"].as_str().unwrap().into(),
            )
        })
        .collect();
    let pair = |n: &str, v: &str| (n.to_string(), v.to_string());
    assert_eq!(
        pairs,
        vec![
            pair("full_name", "Maria Schmidt"),
            pair("email", "maria@firma.example"),
            pair("maturity_score", "49"),
            pair("maturity_stage", "structured"),
            pair("mc_submission", ID),
        ]
    );
}

#[test]
fn only_the_json_format_sends_an_idempotency_key() {
    assert_eq!(
        Format::Json.headers(ID),
        vec![
            ("Content-Type", "application/json".to_string()),
            ("Idempotency-Key", ID.to_string())
        ]
    );
    assert_eq!(
        Format::Hubspot.headers(ID),
        vec![("Content-Type", "application/json".to_string())]
    );
}

// ---------------------------------------------------------------------------------------------
// Delivery

#[test]
fn responses_are_sent_retried_or_rejected() {
    use Attempt::*;
    for (a, v) in [
        (Status(200), Verdict::Sent),
        (Status(201), Verdict::Sent),
        (Status(204), Verdict::Sent),
        (Status(408), Verdict::Retry),
        (Status(429), Verdict::Retry),
        (Status(500), Verdict::Retry),
        (Status(502), Verdict::Retry),
        (Status(503), Verdict::Retry),
        (Status(599), Verdict::Retry),
        (Status(0), Verdict::Retry),
        (NetworkError, Verdict::Retry),
        (Timeout, Verdict::Retry),
        (Status(400), Verdict::Reject),
        (Status(401), Verdict::Reject),
        (Status(403), Verdict::Reject),
        (Status(404), Verdict::Reject),
        (Status(409), Verdict::Reject),
        (Status(422), Verdict::Reject),
        (Status(301), Verdict::Reject),
    ] {
        assert_eq!(classify(a), v, "{a:?}");
    }
}

#[test]
fn backoff_doubles_with_jitter_and_is_capped() {
    assert_eq!(backoff_ms(0, 0.0), 500);
    assert_eq!(backoff_ms(0, 0.999_999), 999);
    assert_eq!(backoff_ms(1, 0.0), 1_000);
    assert_eq!(backoff_ms(1, 0.5), 1_500);
    assert_eq!(backoff_ms(2, 0.0), 2_000);
    assert_eq!(backoff_ms(10, 0.0), MAX_DELAY_MS / 2);
    assert_eq!(backoff_ms(u32::MAX, 1.0), MAX_DELAY_MS);
    assert_eq!(backoff_ms(0, f64::NAN), 500);
    assert_eq!(backoff_ms(0, -3.0), 500);
    assert_eq!(retry_after_ms("2"), Some(2_000));
    assert_eq!(retry_after_ms(" 3600 "), Some(MAX_DELAY_MS));
    assert_eq!(retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT"), None);
}

#[test]
fn two_503s_then_success_is_sent_on_the_third_attempt() {
    let mut d = Delivery::new(3);
    assert_eq!(d.after(Attempt::Status(503), 0.0, None), Next::Wait(500));
    assert_eq!(d.after(Attempt::Status(503), 0.5, None), Next::Wait(1_500));
    assert_eq!(d.after(Attempt::Status(200), 0.0, None), Next::Sent);
    assert_eq!(d.attempts(), 3);
}

#[test]
fn retries_run_out_and_the_lead_is_given_up_to_the_queue() {
    let mut d = Delivery::new(2);
    assert!(matches!(
        d.after(Attempt::NetworkError, 0.0, None),
        Next::Wait(_)
    ));
    assert!(matches!(
        d.after(Attempt::Timeout, 0.0, None),
        Next::Wait(_)
    ));
    assert_eq!(
        d.after(Attempt::NetworkError, 0.0, None),
        Next::GiveUp(Attempt::NetworkError)
    );
    let mut none = Delivery::new(0);
    assert_eq!(
        none.after(Attempt::Status(503), 0.0, None),
        Next::GiveUp(Attempt::Status(503))
    );
}

#[test]
fn a_4xx_is_not_retried_and_retry_after_is_honoured() {
    let mut d = Delivery::new(3);
    assert_eq!(
        d.after(Attempt::Status(400), 0.0, None),
        Next::Rejected(400)
    );
    let mut d = Delivery::new(3);
    assert_eq!(
        d.after(Attempt::Status(429), 0.0, Some("7")),
        Next::Wait(7_000)
    );
    assert_eq!(
        d.after(Attempt::Status(503), 0.0, Some("0")),
        Next::Wait(1_000),
        "the backoff is the least"
    );
}

// ---------------------------------------------------------------------------------------------
// The queue

fn entry(id_byte: u8, created_at: f64) -> Entry {
    Entry {
        submission_id: uuid_v4([id_byte; 16]),
        format: Format::Json,
        url: "https://crm.partner.example/leads".into(),
        body: json!({"submission_id": uuid_v4([id_byte; 16])}),
        created_at,
        timeout_ms: 10_000,
        retries: 3,
    }
}

#[test]
fn the_queue_round_trips_and_replaces_by_submission_id() {
    let mut q = Queue::default();
    q.put(entry(1, NOW)).unwrap();
    q.put(entry(2, NOW)).unwrap();
    let mut again = entry(1, NOW);
    again.retries = 5;
    q.put(again.clone()).unwrap();
    assert_eq!(q.entries().len(), 2);
    let text = q.to_text();
    let loaded = Queue::parse(&text).unwrap();
    assert_eq!(loaded.discarded, 0);
    assert_eq!(loaded.queue, q);
    assert_eq!(loaded.queue.get(&again.submission_id), Some(&again));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], json!(1));
    assert_eq!(v["leads"][0]["format"], json!("json"));
    assert_eq!(q.remove(&again.submission_id), Some(again));
    assert_eq!(q.entries().len(), 1);
}

#[test]
fn the_queue_refuses_more_than_its_limit_and_drops_old_leads() {
    let mut q = Queue::default();
    for i in 0..MAX_ENTRIES {
        q.put(entry(i as u8, NOW - i as f64)).unwrap();
    }
    assert!(q.put(entry(200, NOW)).is_err());
    assert!(q.put(entry(3, NOW)).is_ok(), "replacing is always possible");
    let mut q = Queue::default();
    q.put(entry(1, NOW - MAX_AGE_MS - 1.0)).unwrap();
    q.put(entry(2, NOW - 1_000.0)).unwrap();
    let old = q.expire(NOW);
    assert_eq!(old.len(), 1);
    assert_eq!(old[0].submission_id, uuid_v4([1; 16]));
    assert_eq!(q.entries().len(), 1);
}

#[test]
fn unreadable_queues_and_entries_give_typed_errors_or_are_dropped() {
    assert!(matches!(Queue::parse(""), Err(QueueError::Corrupt(_))));
    assert!(matches!(
        Queue::parse("{not json"),
        Err(QueueError::Corrupt(_))
    ));
    assert!(matches!(Queue::parse("[]"), Err(QueueError::Corrupt(_))));
    assert_eq!(
        Queue::parse(r#"{"format": 2, "leads": []}"#),
        Err(QueueError::UnknownFormat(2))
    );
    let good = serde_json::to_value(entry(1, NOW)).unwrap();
    let mut bad_url = good.clone();
    bad_url["url"] = json!("javascript:alert(1)");
    let mut relative = good.clone();
    relative["url"] = json!("/leads");
    let mut bad_id = good.clone();
    bad_id["submission_id"] = json!("1");
    let mut extra = good.clone();
    extra["x"] = json!(1);
    let mut not_object = good.clone();
    not_object["body"] = json!("text");
    let text = json!({"format": 1, "leads": [good, bad_url, relative, bad_id, extra, not_object, 7, good]}).to_string();
    let loaded = Queue::parse(&text).unwrap();
    assert_eq!(
        loaded.queue.entries().len(),
        1,
        "one good entry, its duplicate dropped"
    );
    assert_eq!(loaded.discarded, 7);
    assert!(QueueError::UnknownFormat(2)
        .to_string()
        .contains("format 2"));
}

#[test]
fn a_sent_mark_round_trips_and_anything_else_is_no_mark() {
    let q = default_q();
    let mark = SentMark {
        submission_id: ID.into(),
        answers: CODE.into(),
    };
    assert_eq!(SentMark::parse(&mark.to_text()), Some(mark));
    assert_eq!(
        SentMark::storage_key(&q),
        "maturity-check:cs-maturity:2:lead"
    );
    assert_eq!(SentMark::parse("{}"), None);
    assert_eq!(
        SentMark::parse(r#"{"submission_id": "1", "answers": ""}"#),
        None
    );
}
