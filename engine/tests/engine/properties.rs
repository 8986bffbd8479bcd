use maturity_check_engine::lead::delivery::{backoff_ms, Attempt, Delivery, Next, MAX_DELAY_MS};
use maturity_check_engine::lead::queue::Queue;
use maturity_check_engine::lead::{is_email, utm, SentMark};
use maturity_check_engine::share::{decode, decode_for, encode};
use maturity_check_engine::{
    assess, load, plan, progress, AdviceKind, Answer, Answers, Checked, DEFAULT_QUESTIONNAIRE,
};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::*;

fn questionnaires() -> Vec<Checked> {
    vec![
        three(),
        five(),
        load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire is valid"),
    ]
}

/// Any answers (including unanswered slots) that fit `q`.
fn answers_for(q: &Checked) -> impl Strategy<Value = Answers> {
    let scored: Vec<_> = q
        .questions
        .iter()
        .map(|x| {
            let dk = x.dont_know.is_some();
            prop_oneof![
                3 => (0u8..5).prop_map(|k| Some(Answer::Option(k))),
                1 => Just(if dk { Some(Answer::DontKnow) } else { None }),
                1 => Just(None),
            ]
        })
        .collect();
    let context: Vec<_> = q
        .context_questions
        .iter()
        .map(|c| proptest::option::of(0..c.options.len()))
        .collect();
    (scored, context).prop_map(|(scored, context)| Answers { scored, context })
}

/// A questionnaire and answers to it.
fn case() -> impl Strategy<Value = (Checked, Answers)> {
    (0..3usize).prop_flat_map(|i| {
        let q = questionnaires().swap_remove(i);
        answers_for(&q).prop_map(move |a| (q.clone(), a))
    })
}

/// A JSON value of any shape, small.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<i64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value at a pseudo-random place in `v` (chosen by `path`) with `new`.
fn mutate(v: &mut Value, path: &[usize], new: Value) {
    let mut here = v;
    for (depth, &step) in path.iter().enumerate() {
        let next = match here {
            Value::Array(a) if !a.is_empty() => {
                let i = step % a.len();
                &mut a[i]
            }
            Value::Object(m) if !m.is_empty() => {
                let key = m.keys().nth(step % m.len()).cloned().unwrap_or_default();
                &mut m[&key]
            }
            _ => break,
        };
        if depth + 1 == path.len() {
            *next = new;
            return;
        }
        here = next;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn loading_any_text_never_panics(text in ".{0,200}") {
        let _ = load(&text);
    }

    #[test]
    fn loading_a_mutated_questionnaire_gives_ok_or_problems_with_paths(
        path in proptest::collection::vec(any::<usize>(), 1..6),
        new in any_json(),
    ) {
        let mut v = json(THREE_LEVELS);
        mutate(&mut v, &path, new);
        match load(&v.to_string()) {
            Ok(q) => prop_assert!(!q.levels.is_empty()),
            Err(e) => prop_assert!(e.problems().iter().all(|p| p.path.starts_with('$') && !p.message.is_empty())),
        }
    }

    #[test]
    fn parsing_any_config_text_never_panics(text in ".{0,200}") {
        let r = maturity_check_engine::config::parse(&text, maturity_check_engine::config::TEXT_KEYS);
        prop_assert!(r.config.is_some() || !r.errors.is_empty());
    }

    #[test]
    fn a_mutated_config_gives_a_config_or_located_errors(
        path in proptest::collection::vec(any::<usize>(), 1..4),
        new in any_json(),
    ) {
        let mut v = serde_json::json!({
            "locale": "en",
            "theme": {"primary": "#112233", "text": "#000000", "background": "#ffffff", "radius": 4, "mode": "auto"},
            "brand": {"name": "B", "logo_url": "/logo.svg", "powered_by": true},
            "texts": {"de": {"intro.start": "Los"}},
            "cta": {"label": {"de": "A", "en": "B"}, "url": "https://example.com", "new_tab": false},
            "privacy_url": "/privacy", "persistence": true, "share": true, "data_layer": false
        });
        mutate(&mut v, &path, new);
        let r = maturity_check_engine::config::parse(&v.to_string(), maturity_check_engine::config::TEXT_KEYS);
        prop_assert_eq!(r.config.is_some(), r.errors.is_empty());
        prop_assert!(r.errors.iter().chain(&r.warnings).all(|p| p.path.starts_with('$') && !p.message.is_empty()));
    }

    /// The widget's first view reads a config quietly and words its problems only when there are
    /// some: both walks must agree on the config and on whether there is anything to report.
    #[test]
    fn the_quiet_reading_agrees_with_the_worded_report(
        base in 0..2usize,
        path in proptest::collection::vec(any::<usize>(), 1..5),
        new in any_json(),
    ) {
        use maturity_check_engine::config::{parse_value, read_value, Reading, TEXT_KEYS};
        let lead = if base == 0 {
            serde_json::json!({"format": "json", "endpoint": "https://example.com/leads", "gate": "after_results",
                "fields": {"phone": "optional", "company": "off"}, "consent_text": {"de": "Ja", "en": "Yes"},
                "timeout_ms": 5000, "retries": 2})
        } else {
            serde_json::json!({"hubspot": {"portal_id": "123", "form_guid": "0b3c1a2e-4d5f-4a6b-8c7d-9e0f1a2b3c4d",
                "fields": {"name": "firstname", "score": "maturity_score"}}, "gate": "before_results"})
        };
        let mut v = serde_json::json!({
            "locale": "de",
            "theme": {"primary": "#112233", "accent": "#abc", "text": "#000000", "background": "#ffffff", "font_family": "Inter, sans-serif", "radius": 4, "mode": "dark"},
            "brand": {"name": "B", "logo_url": "/logo.svg", "powered_by": false},
            "texts": {"en": {"intro.start": "Go"}},
            "cta": {"label": "Talk", "url": "mailto:a@example.com", "new_tab": true},
            "privacy_url": "/privacy", "persistence": false, "share": true, "data_layer": true,
            "lead": lead
        });
        mutate(&mut v, &path, new);
        let v = maturity_check_engine::json::Json::from(&v);
        let loud = parse_value(&v, TEXT_KEYS);
        let expected = match (loud.config, loud.errors.is_empty(), loud.warnings.is_empty()) {
            (Some(c), true, true) => Reading::Clean(c),
            (Some(c), true, false) => Reading::Warnings(c),
            _ => Reading::Errors,
        };
        prop_assert_eq!(read_value(&v, TEXT_KEYS), expected);
    }

    #[test]
    fn decoding_any_share_code_never_panics(text in "[0-9a-z~_x.-]{0,60}|.{0,60}") {
        let _ = decode(&text);
        let _ = decode_for(&three(), &text);
    }

    #[test]
    fn loading_any_stored_progress_never_panics(text in ".{0,120}", answers in "[0-9x_]{0,8}", step in any::<u64>()) {
        let q = three();
        let _ = progress::load(&q, &text);
        let shaped = format!(r#"{{"format":1,"answers":"1~fixture~1~{answers}~0_","step":{step}}}"#);
        let _ = progress::load(&q, &shaped);
    }

    #[test]
    fn share_codes_round_trip_exactly((q, a) in case()) {
        prop_assert_eq!(decode_for(&q, &encode(&q, &a)), Ok(a));
    }

    #[test]
    fn scores_stay_within_0_and_100_and_levels_exist((q, a) in case()) {
        let r = assess(&q, &a);
        prop_assert_eq!(r.overall.is_some(), r.dimensions.iter().any(|d| d.rating.is_some()));
        if let Some(o) = r.overall {
            prop_assert!(o.score <= 100 && o.level < q.levels.len());
        }
        for d in &r.dimensions {
            prop_assert_eq!(d.rating.is_some(), d.exact.is_some());
            prop_assert_eq!(d.rating.is_none(), 2 * d.unknown.len() >= d.questions);
            if let (Some(rating), Some(exact)) = (d.rating, d.exact) {
                prop_assert!(rating.score <= 100 && (0.0..=100.0).contains(&exact));
                prop_assert!(rating.level < q.levels.len());
            }
        }
    }

    /// Raising an option, or answering an unanswered question, never lowers a score. ("Don't
    /// know" is left out of the score, so answering it instead may lower one: not this case.)
    #[test]
    fn raising_any_answer_never_lowers_any_score((q, a) in case(), pick in any::<usize>(), up in 1u8..5) {
        let i = pick % a.scored.len();
        let mut higher = a.clone();
        higher.scored[i] = Some(match a.scored[i] {
            Some(Answer::Option(k)) => Answer::Option((k + up).min(4)),
            Some(Answer::DontKnow) => return Ok(()),
            None => Answer::Option(up - 1),
        });
        let (before, after) = (assess(&q, &a), assess(&q, &higher));
        prop_assert_eq!(before.overall.is_some(), after.overall.is_some());
        if let (Some(b), Some(h)) = (before.overall, after.overall) {
            prop_assert!(h.score >= b.score && h.level >= b.level);
        }
        for (b, h) in before.dimensions.iter().zip(&after.dimensions) {
            prop_assert_eq!(b.rating.is_some(), h.rating.is_some());
            if let (Some(br), Some(hr), Some(be), Some(he)) = (b.rating, h.rating, b.exact, h.exact) {
                prop_assert!(he >= be && hr.score >= br.score && hr.level >= br.level);
            }
        }
    }

    #[test]
    fn every_plan_entry_exists_in_the_questionnaire_and_fits_its_column((q, a) in case()) {
        let r = assess(&q, &a);
        let p = plan(&q, &r, &a);
        prop_assert_eq!(&p.find_out, &r.not_rated());
        for kind in AdviceKind::ALL {
            let column = p.column(kind);
            prop_assert!(column.len() <= q.plan.max_per_column);
            // Only a questionnaire with no dimension rated has an empty column.
            prop_assert_eq!(column.is_empty(), r.overall.is_none());
            for e in column {
                let advice = q.advice.get(e.advice);
                prop_assert!(advice.is_some());
                let advice = advice.unwrap();
                prop_assert_eq!(advice.kind, kind);
                prop_assert_eq!(&advice.dimension, &q.dimensions[e.dimension].id);
                let rating = r.dimensions[e.dimension].rating;
                prop_assert!(rating.is_some(), "advice for a dimension that is not rated");
                let level = rating.map_or(0, |x| x.level);
                prop_assert_eq!(&advice.level, &q.levels[level].id);
            }
        }
    }
    #[test]
    fn reading_any_stored_lead_queue_never_panics(text in ".{0,200}", body in any_json(), id in "[0-9a-f-]{30,40}", n in any::<u64>()) {
        let _ = Queue::parse(&text);
        let _ = SentMark::parse(&text);
        let shaped = serde_json::json!({"format": 1, "leads": [{
            "submission_id": id, "format": "json", "url": "https://a.example/l", "body": body,
            "created_at": n as f64, "timeout_ms": n % 200_000, "retries": n % 30,
        }, body]}).to_string();
        match Queue::parse(&shaped) {
            Ok(loaded) => {
                prop_assert_eq!(loaded.queue.entries().len() + loaded.discarded, 2);
                // What was read writes back and reads again the same.
                let again = Queue::parse(&loaded.queue.to_text());
                prop_assert_eq!(again.map(|l| l.queue), Ok(loaded.queue));
            }
            Err(e) => prop_assert!(false, "a well-formed queue was refused: {e}"),
        }
    }

    #[test]
    fn any_text_is_safe_as_a_page_url_or_an_email(text in ".{0,120}") {
        let _ = utm(&text);
        let _ = utm(&format!("https://a.example/?{text}"));
        let _ = is_email(&text);
    }

    #[test]
    fn every_wait_is_within_bounds_and_retries_end(retries in 0u32..12, randoms in proptest::collection::vec(any::<f64>(), 12)) {
        for (i, r) in randoms.iter().enumerate() {
            let d = backoff_ms(i as u32, *r);
            prop_assert!((500..=MAX_DELAY_MS).contains(&d));
        }
        let mut d = Delivery::new(retries);
        let mut waits = 0;
        loop {
            match d.after(Attempt::NetworkError, randoms[waits as usize % randoms.len()], None) {
                Next::Wait(ms) => { prop_assert!(ms <= MAX_DELAY_MS); waits += 1; }
                Next::GiveUp(_) => break,
                other => prop_assert!(false, "unexpected {other:?}"),
            }
        }
        prop_assert_eq!(waits, retries);
    }
}
