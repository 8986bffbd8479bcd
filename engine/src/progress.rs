/*!
Saved progress: what the widget keeps in storage so a respondent can continue after a reload.

It is the share code of the answers so far plus the step they were on, as a small JSON object. The
storage key carries the questionnaire id, and the code inside carries id and version, so state from
another questionnaire or another version is recognised and discarded instead of misread.

The key (`maturity-check:<id>:progress`) holds no version, so that a visitor who comes back after the questionnaire changed is
found, and [`load`] can say why their answers are gone ([`ProgressError::OtherVersion`]) rather
than lose them without a word. Keys written before that carried the version
(`maturity-check:<id>:<version>`); [`earlier_key_version`] recognises them.
*/

use std::fmt;

use crate::json::Json;
use crate::scoring::Answers;
use crate::share::{self, ShareError};
use crate::validate::Scorable;

const FORMAT: u32 = 1;

const KEY_PREFIX: &str = "maturity-check:";

/// The storage key for a questionnaire's progress, `maturity-check:<id>:progress`, the same for
/// each of its versions. The last part keeps it apart from the widget's other keys
/// (`maturity-check:leads`, the outbox, would be the key of a questionnaire named "leads").
pub fn storage_key(q: &Scorable) -> String {
    format!("{KEY_PREFIX}{}:{PROGRESS}", q.id)
}

const PROGRESS: &str = "progress";

/// The version in `key` when it is a progress key of `q` as widgets wrote them before the key lost
/// its version (`maturity-check:<id>:<version>`), for a version other than `q`'s; None for any
/// other key (the lead's sent mark, `…:<version>:lead`, included). What such a key holds was
/// saved under another version and cannot be restored.
pub fn earlier_key_version<'k>(q: &Scorable, key: &'k str) -> Option<&'k str> {
    let version = key
        .strip_prefix(KEY_PREFIX)?
        .strip_prefix(q.id.as_str())?
        .strip_prefix(':')?;
    (crate::syntax::is_valid_version(version) && version != q.version && version != PROGRESS)
        .then_some(version)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub answers: Answers,
    /// Index of the step the respondent was on.
    pub step: usize,
}

/// Why stored progress was discarded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProgressError {
    /// Not the JSON this widget writes.
    Corrupt(String),
    /// Written by another format version of the widget.
    UnknownFormat(u32),
    /// Saved for this questionnaire under another version of it (the version it was saved
    /// under): the answers are by position, so they cannot be carried over. Not damage: the
    /// widget can tell the visitor the check has changed since.
    OtherVersion(String),
    /// The answers inside do not fit: damaged, or from another questionnaire.
    Answers(ShareError),
}

impl ProgressError {
    /// Whether the progress was saved under another version of the questionnaire (as opposed to
    /// damaged or unreadable).
    pub fn is_other_version(&self) -> bool {
        matches!(self, ProgressError::OtherVersion(_))
    }
}

impl fmt::Display for ProgressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProgressError::Corrupt(e) => write!(f, "saved progress is not readable: {e}"),
            ProgressError::UnknownFormat(v) => write!(
                f,
                "saved progress has format {v}, which this version cannot read"
            ),
            ProgressError::OtherVersion(v) => write!(
                f,
                "saved progress belongs to version \"{v}\" of the questionnaire"
            ),
            ProgressError::Answers(e) => write!(f, "saved progress does not fit: {e}"),
        }
    }
}

impl std::error::Error for ProgressError {}

/// Serialises progress for storage: `{"format":1,"answers":"<share code>","step":<n>}`.
///
/// Written by hand rather than with serde_json: the widget saves after every answer, and
/// serde_json's writer would bring its error type (with std's texts for every I/O error kind) into
/// the first view for three fields. `load` reads it with a real JSON parser, and the tests check
/// that the text is exactly what serde_json writes.
pub fn save(q: &Scorable, progress: &Progress) -> String {
    format!(
        "{{\"format\":{FORMAT},\"answers\":{},\"step\":{}}}",
        json_string(&share::encode(q, &progress.answers)),
        progress.step
    )
}

/// `s` as a JSON string literal. Share codes are plain ASCII, but they carry the questionnaire's
/// id and version, which a partner writes.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Reads stored progress for `q`. Any input gives progress or a typed error, never a panic.
pub fn load(q: &Scorable, text: &str) -> Result<Progress, ProgressError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| ProgressError::Corrupt(crate::validate::json_error(&e)))?;
    load_value(q, &Json::from(&value))
}

/// [`load`] for text that is already parsed (the widget lets the browser parse it, so that its
/// code carries no JSON parser of its own).
pub fn load_value(q: &Scorable, value: &Json) -> Result<Progress, ProgressError> {
    let corrupt = |what: &str| ProgressError::Corrupt(what.to_string());
    let fields = value.as_object().ok_or_else(|| corrupt("not an object"))?;
    if let Some(key) = fields
        .keys()
        .find(|k| !["format", "answers", "step"].contains(&k.as_str()))
    {
        return Err(ProgressError::Corrupt(format!("unknown field \"{key}\"")));
    }
    let whole = |key: &str| fields.get(key).and_then(Json::as_u64);
    let format = whole("format").ok_or_else(|| corrupt("no format"))?;
    if format != u64::from(FORMAT) {
        return Err(ProgressError::UnknownFormat(
            u32::try_from(format).unwrap_or(u32::MAX),
        ));
    }
    let answers = fields
        .get("answers")
        .and_then(Json::as_str)
        .ok_or_else(|| corrupt("no answers"))?;
    let step = whole("step")
        .and_then(|s| usize::try_from(s).ok())
        .ok_or_else(|| corrupt("no step"))?;
    let code = share::decode(answers).map_err(ProgressError::Answers)?;
    if code.questionnaire_id == q.id && code.version != q.version {
        return Err(ProgressError::OtherVersion(code.version));
    }
    let answers = code.answers_for(q).map_err(ProgressError::Answers)?;
    Ok(Progress { answers, step })
}

#[cfg(test)]
mod tests {
    use super::json_string;

    #[test]
    fn json_strings_are_what_serde_json_writes() {
        for s in [
            "",
            "1~cs-maturity~3~0123x_~1_",
            "quote \" backslash \\ slash /",
            "\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "Umlaute äöü, € und 🙂",
        ] {
            assert_eq!(json_string(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }
}
