/*!
What the widget remembers once a lead is sent or queued, so that a reload does not ask again.
*/

use serde_json::Value;

use crate::json::Json;
use crate::syntax::is_uuid;
use crate::validate::Scorable;

/// What the widget remembers (with `persistence` on) once a lead is sent or queued: which
/// submission carried which answers, so a reload shows that result as sent instead of asking again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SentMark {
    pub submission_id: String,
    /// The share code of the answers the lead carried.
    pub answers: String,
}

impl SentMark {
    /// The storage key, beside the questionnaire's saved progress. It carries the version: a mark
    /// is for answers of that version only.
    pub fn storage_key(q: &Scorable) -> String {
        format!("maturity-check:{}:{}:lead", q.id, q.version)
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
