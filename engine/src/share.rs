/*!
Share codes: a respondent's answers, with the questionnaire's id and version, in a string short and
plain enough for a URL fragment.

Format `1~<questionnaire id>~<version>~<scored>~<context>`: `1` is the format; `<scored>` has one
character per scored question (`0`-`4` the option, `x` don't know, `_` unanswered); `<context>` one
per context question (the option index in base 36, `_` unanswered). Every character is unreserved in
URLs, so the code needs no escaping. Answers are positional, which is why the version is part of the
code: a code only opens against the exact questionnaire it was made with.

Decoding happens in two steps, like validation: [`decode`] reads any string into a [`ShareCode`] or a
[`ShareError`]; [`ShareCode::answers_for`] checks it against a questionnaire.
*/

use std::fmt;

use crate::scoring::{Answer, Answers};
use crate::validate::{is_valid_id, is_valid_version, Scorable, OPTION_COUNT};

const FORMAT: &str = "1";
const SEP: char = '~';

/// A decoded share code, not yet checked against a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareCode {
    pub questionnaire_id: String,
    pub version: String,
    pub scored: Vec<Option<Answer>>,
    pub context: Vec<Option<usize>>,
}

/// Why a share code cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShareError {
    /// Not a share code at all, or a damaged one; says which part.
    Malformed(&'static str),
    /// Made by a newer version of the widget.
    UnknownFormat(String),
    /// Made with another questionnaire or another version of it.
    OtherQuestionnaire { id: String, version: String },
    /// Right questionnaire, but the answers do not fit its questions.
    DoesNotFit,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Malformed(part) => write!(f, "the share code is damaged ({part})"),
            ShareError::UnknownFormat(v) => write!(
                f,
                "the share code has format \"{v}\", which this version cannot read"
            ),
            ShareError::OtherQuestionnaire { id, version } => {
                write!(
                    f,
                    "the share code belongs to questionnaire \"{id}\" version \"{version}\""
                )
            }
            ShareError::DoesNotFit => {
                write!(f, "the share code's answers do not fit this questionnaire")
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// The share code for `answers` to `q`.
pub fn encode(q: &Scorable, answers: &Answers) -> String {
    let scored: String = answers
        .scored
        .iter()
        .map(|a| match a {
            Some(Answer::Option(k)) => char::from(b'0' + (*k).min(9)),
            Some(Answer::DontKnow) => 'x',
            None => '_',
        })
        .collect();
    let context: String = answers
        .context
        .iter()
        .map(|a| {
            a.and_then(|k| char::from_digit(k as u32, 36))
                .unwrap_or('_')
        })
        .collect();
    format!(
        "{FORMAT}{SEP}{}{SEP}{}{SEP}{scored}{SEP}{context}",
        q.id, q.version
    )
}

/// Reads any string into a share code. Never panics.
pub fn decode(code: &str) -> Result<ShareCode, ShareError> {
    if code.len() > 4096 {
        return Err(ShareError::Malformed("too long"));
    }
    let mut parts = code.split(SEP);
    let format = parts.next().unwrap_or("");
    if format != FORMAT {
        return if !format.is_empty()
            && format.chars().all(|c| c.is_ascii_digit())
            && parts.clone().count() == 4
        {
            Err(ShareError::UnknownFormat(format.to_string()))
        } else {
            Err(ShareError::Malformed("not a share code"))
        };
    }
    let (Some(id), Some(version), Some(scored), Some(context), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(ShareError::Malformed("wrong number of parts"));
    };
    if !is_valid_id(id) {
        return Err(ShareError::Malformed("questionnaire id"));
    }
    if !is_valid_version(version) {
        return Err(ShareError::Malformed("version"));
    }
    let scored = scored
        .chars()
        .map(|c| match c {
            '_' => Ok(None),
            'x' => Ok(Some(Answer::DontKnow)),
            c => c
                .to_digit(10)
                .filter(|&k| (k as usize) < OPTION_COUNT)
                .map(|k| Some(Answer::Option(k as u8)))
                .ok_or(ShareError::Malformed("answers")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let context = context
        .chars()
        .map(|c| match c {
            '_' => Ok(None),
            c if c.is_ascii_lowercase() || c.is_ascii_digit() => {
                Ok(c.to_digit(36).map(|k| k as usize))
            }
            _ => Err(ShareError::Malformed("context answers")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ShareCode {
        questionnaire_id: id.to_string(),
        version: version.to_string(),
        scored,
        context,
    })
}

impl ShareCode {
    /// The answers, if this code was made with `q` (same id and version) and fits its questions.
    pub fn answers_for(self, q: &Scorable) -> Result<Answers, ShareError> {
        if self.questionnaire_id != q.id || self.version != q.version {
            return Err(ShareError::OtherQuestionnaire {
                id: self.questionnaire_id,
                version: self.version,
            });
        }
        let answers = Answers {
            scored: self.scored,
            context: self.context,
        };
        if answers.fits(q) {
            Ok(answers)
        } else {
            Err(ShareError::DoesNotFit)
        }
    }
}

/// Decodes `code` and checks it against `q` in one step.
pub fn decode_for(q: &Scorable, code: &str) -> Result<Answers, ShareError> {
    decode(code)?.answers_for(q)
}
