use maturity_check_engine::progress::{self, Progress, ProgressError};
use maturity_check_engine::share::{decode, decode_for, encode, ShareError};
use maturity_check_engine::{Answer, Answers};

use crate::common::*;

fn sample() -> Answers {
    Answers {
        scored: vec![
            Some(Answer::Option(4)),
            None,
            Some(Answer::DontKnow),
            Some(Answer::Option(0)),
            Some(Answer::Option(2)),
        ],
        context: vec![Some(1), None],
    }
}

#[test]
fn share_codes_are_compact_and_round_trip() {
    let q = three();
    let code = encode(&q, &sample());
    assert_eq!(code, "1~fixture~1~4_x02~1_");
    assert_eq!(decode_for(&q, &code), Ok(sample()));
    assert!(
        code.chars()
            .all(|c| c.is_ascii_alphanumeric() || "~_-.".contains(c)),
        "URL-safe: {code}"
    );
}

#[test]
fn share_codes_from_other_questionnaires_are_refused() {
    let q = three();
    assert_eq!(
        decode_for(&q, "1~fixture~2~4_x02~1_"),
        Err(ShareError::OtherQuestionnaire {
            id: "fixture".into(),
            version: "2".into()
        })
    );
    assert_eq!(
        decode_for(&q, "1~fixture~1~4_x0~1_"),
        Err(ShareError::DoesNotFit),
        "one answer short"
    );
    assert_eq!(
        decode_for(&q, "1~fixture~1~4_x02~z_"),
        Err(ShareError::DoesNotFit),
        "option 35 of 2"
    );
    // "Don't know" on a question that does not offer it.
    assert_eq!(
        decode_for(&q, "1~fixture~1~4x_02~1_"),
        Err(ShareError::DoesNotFit)
    );
}

#[test]
fn damaged_share_codes_give_typed_errors() {
    for bad in [
        "",
        "~",
        "1",
        "1~fixture",
        "1~Fixture~1~0~0",
        "1~fixture~1~09~",
        "1~fixture~1~0~A",
        "1~a~b~c~d~e",
        "1~fixture~ ~0~0",
    ] {
        assert!(
            matches!(decode(bad), Err(ShareError::Malformed(_))),
            "{bad:?} -> {:?}",
            decode(bad)
        );
    }
    assert_eq!(
        decode("7~fixture~1~0~0"),
        Err(ShareError::UnknownFormat("7".into()))
    );
    assert!(decode(&"1".repeat(10_000)).is_err());
}

#[test]
fn progress_round_trips_and_is_keyed_by_id_alone() {
    let q = three();
    let p = Progress {
        answers: sample(),
        step: 4,
    };
    let text = progress::save(&q, &p);
    assert_eq!(progress::load(&q, &text), Ok(p));
    // One key for every version, so that progress of another version is found and named.
    assert_eq!(progress::storage_key(&q), "maturity-check:fixture:progress");
}

#[test]
fn progress_of_another_version_is_told_apart_from_damage() {
    let q = three();
    let other = r#"{"format":1,"answers":"1~fixture~0~4_x02~1_","step":3}"#;
    let e = progress::load(&q, other).expect_err("another version");
    assert_eq!(e, ProgressError::OtherVersion("0".into()));
    assert!(e.is_other_version());
    assert!(e.to_string().contains("version \"0\""), "{e}");
    // Damaged answers of this version, and another questionnaire, are not "another version".
    for text in [
        r#"{"format":1,"answers":"1~fixture~1~4_x0~1_","step":0}"#,
        r#"{"format":1,"answers":"1~other~0~4_x02~1_","step":0}"#,
        r#"{"format":1,"answers":"1~fixture~1~4_y02~1_","step":0}"#,
        "{not json",
    ] {
        let e = progress::load(&q, text).expect_err(text);
        assert!(!e.is_other_version(), "{text}: {e:?}");
    }
}

#[test]
fn keys_of_earlier_widgets_are_recognised_with_their_version() {
    let q = three();
    assert_eq!(
        progress::earlier_key_version(&q, "maturity-check:fixture:0"),
        Some("0")
    );
    for key in [
        // The current key, the current version, the lead's sent mark, another questionnaire.
        "maturity-check:fixture:progress",
        "maturity-check:fixture:1",
        "maturity-check:fixture:0:lead",
        "maturity-check:fixtures:0",
        "maturity-check:other:0",
        "something-else:fixture:0",
    ] {
        assert_eq!(progress::earlier_key_version(&q, key), None, "{key}");
    }
}

#[test]
fn corrupt_or_outdated_progress_is_a_typed_error() {
    let q = three();
    assert!(matches!(
        progress::load(&q, "{not json"),
        Err(ProgressError::Corrupt(_))
    ));
    assert!(matches!(
        progress::load(&q, "null"),
        Err(ProgressError::Corrupt(_))
    ));
    assert!(matches!(
        progress::load(&q, r#"{"format":9,"answers":"","step":0}"#),
        Err(ProgressError::UnknownFormat(9))
    ));
    assert!(matches!(
        progress::load(
            &q,
            r#"{"format":1,"answers":"1~other~1~4_x02~1_","step":0}"#
        ),
        Err(ProgressError::Answers(
            ShareError::OtherQuestionnaire { .. }
        ))
    ));
}
