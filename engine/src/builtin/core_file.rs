/*!
The core file: the questionnaire without what only the results show, then the first view's UI
strings, as fields joined by a separator no text holds, so the first view reads it without a
JSON parser.
*/

use super::reader::Reader;
use super::writer::{Writer, SEP};
use crate::model::Questionnaire;
use crate::problem::Problem;
use crate::sorted_map::TextMap;
use crate::validate::Scorable;

/// A core file as read: the questionnaire, and the first view's UI strings in the file's locale
/// ([`crate::ui_text::WITH_CORE`], key to text). The questionnaire is [`Scorable`], not
/// [`crate::Checked`]: it has no advice until [`super::complete`] joins its advice file on.
#[derive(Debug, Clone)]
pub struct Core {
    pub questionnaire: Scorable,
    pub ui: TextMap,
}

/// Reads a core file ([`core_file`]). Its content is validated by the test suite (with the advice),
/// and a test checks that this reads the same questionnaire as the JSON file, so it is trusted
/// without running the validator ([`Scorable::trusted_builtin`]); a file that ends early, runs on
/// or has a field of the wrong kind is reported, never a panic.
pub fn read_core_file(text: &str) -> Result<Core, Problem> {
    read_core(text)
        .map(|(q, ui)| Core {
            questionnaire: Scorable::trusted_builtin(q),
            ui,
        })
        .ok_or_else(|| {
            Problem::new(
                "$.questionnaire",
                "the built-in questions are damaged (a file of another widget version?); reload the page".to_string(),
            )
        })
}

fn read_core(text: &str) -> Option<(Questionnaire, TextMap)> {
    let mut r = Reader(text.split(SEP));
    let q = r.questionnaire()?;
    let ui = r.text_map()?;
    r.0.next().is_none().then_some((q, ui))
}

/// The core of `q` in `text_locale` ([`crate::locales`]): what [`read_core_file`] reads, without
/// the questions' explanations of terms (they are in the advice file, [`super::advice_file`]). Written
/// from the questionnaire as [`Questionnaire::restrict_to`] leaves it, so its texts are chosen as
/// every other per-locale file's (for a formal text locale such as `de-formal`, from the texts in
/// their formal form, [`Questionnaire::prefer_formal`], in its base locale `de`), then the first
/// view's UI strings in `text_locale` ([`crate::ui_text::text`]). `None` if a text holds the field
/// separator or a number is not a whole number of thousandths (the engine's tests write the
/// built-in one in every text locale).
pub fn core_file(q: &Questionnaire, text_locale: &str) -> Option<String> {
    let locale = crate::locales::base(text_locale);
    let mut q = q.clone();
    if locale != text_locale {
        q.prefer_formal();
    }
    q.restrict_to(locale);
    // The explanations of terms come with the advice file: they are help a visitor may open, and
    // the first explained question is not the first one asked.
    for x in &mut q.questions {
        x.explain = None;
    }
    for c in &mut q.context_questions {
        c.explain = None;
    }
    let mut out = Writer(Vec::new());
    out.questionnaire(&q)?;
    let keys = crate::ui_text::de::WITH_CORE;
    out.list(keys, |w, (key, _)| {
        w.s(key)?;
        w.s(crate::ui_text::text(
            crate::ui_text::WITH_CORE,
            text_locale,
            key,
        )?)
    })?;
    Some(out.0.join(&SEP.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_core_is_refused_not_read_in_part() {
        let q = crate::load(crate::DEFAULT_QUESTIONNAIRE).expect("the built-in questionnaire");
        let core = core_file(&q, "de").expect("written");
        assert!(read_core(&core).is_some());
        let fields: Vec<&str> = core.split(SEP).collect();
        let join = |f: &[&str]| f.join(&SEP.to_string());
        // ends early, at every tenth field
        for end in (0..fields.len()).step_by(10) {
            assert!(
                read_core(&join(&fields[..end])).is_none(),
                "cut at field {end}"
            );
        }
        // one field too many
        assert!(read_core(&format!("{core}{SEP}x")).is_none());
        // a count or a number that is not one
        // id, version, default locale, then the count of locales
        let count = 3;
        assert_eq!(fields[count], "1");
        let mut bad = fields.clone();
        bad[count] = "two";
        assert!(read_core(&join(&bad)).is_none());
        assert!(read_core("").is_none());
    }
}
