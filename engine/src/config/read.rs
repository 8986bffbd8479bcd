/*!
The ways into the walk: a config's text or its parsed value, loudly (every problem worded) or
quietly (only whether there is one), and the questionnaire a config brings.
*/

use super::types::{ConfigReport, QuestionnaireSource, Reading};
use super::walk::Walk;
use crate::json::Json as Value;
use crate::model::Questionnaire;
use crate::problem::{json_error, Problem};
use crate::validate::{self, Checked};

/// Reads a config and validates an inline questionnaire too: everything a partner can get wrong
/// in one report (the `maturity-check-validate` command). With `formality: "formal"` it also
/// warns about the texts of the questionnaire (inline or the built-in one) that have no formal
/// form ([`formal_warning`]). Never panics, whatever the input.
pub fn check(json: &str, ui_keys: &[&str]) -> ConfigReport {
    let mut report = parse(json, ui_keys);
    let Some(config) = report.config.as_ref() else {
        return report;
    };
    let questionnaire = match &config.questionnaire {
        QuestionnaireSource::Inline(value) => match load_inline_questionnaire(value) {
            Ok(q) => Some(q),
            Err(problems) => {
                report.errors.extend(problems);
                report.config = None;
                return report;
            }
        },
        QuestionnaireSource::Default => validate::load(crate::DEFAULT_QUESTIONNAIRE).ok(),
        QuestionnaireSource::Url(_) => None,
    };
    if let Some(w) =
        questionnaire.and_then(|q| formal_warning(config.formal, &q, "$.questionnaire"))
    {
        report.warnings.push(w);
    }
    report
}

/// For a config with `formality: "formal"` (`formal`), the warning at `$.formality` that names the
/// texts of `q` without a formal form, by JSON path under `prefix` (`$.questionnaire` for an
/// inline one, `$` for a file of its own): the first ten and how many.
pub fn formal_warning(formal: bool, q: &Questionnaire, prefix: &str) -> Option<Problem> {
    if !formal {
        return None;
    }
    let missing: Vec<String> = crate::formal::missing_formal(q)
        .into_iter()
        .map(|p| format!("{prefix}{}", p.trim_start_matches('$')))
        .collect();
    crate::formal::missing_warning(&missing).map(|m| Problem::new("$.formality", m))
}

/// Reads a config. `ui_keys` are the UI catalogue's keys, which `texts` may override. An inline
/// questionnaire is only taken as it is here: the widget validates it when it loads it, so
/// that the validator's code is fetched only by pages that bring their own questionnaire.
/// Never panics, whatever the input.
pub fn parse(json: &str, ui_keys: &[&str]) -> ConfigReport {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(value) => parse_value(&Value::from(&value), ui_keys),
        Err(e) => not_json(&json_error(&e)),
    }
}

/// [`parse`] for a config that is already parsed (the widget lets the browser parse it, so the
/// first view carries no JSON parser of its own).
pub fn parse_value(value: &Value, ui_keys: &[&str]) -> ConfigReport {
    let mut w = Walk::<true>::default();
    let config = w.config(value, ui_keys);
    w.finish(Some(config))
}

/// Reads a config as [`parse_value`] does (the same walk, so the same config and the same
/// verdict), but only says whether there is something to report, not what. The messages, typo
/// hints and the code that writes them are then needed only for a config with problems, so the
/// widget keeps them out of its first view.
pub fn read_value(value: &Value, ui_keys: &[&str]) -> Reading {
    let mut w = Walk::<false>::default();
    let config = w.config(value, ui_keys);
    if !w.errors.is_empty() {
        Reading::Errors
    } else if !w.warnings.is_empty() {
        Reading::Warnings(config)
    } else {
        Reading::Clean(config)
    }
}

/// The report for a config that is not JSON; `detail` says where it goes wrong.
pub fn not_json(detail: &str) -> ConfigReport {
    let mut w = Walk::<true>::default();
    w.error(|| ("$", format!("the config is not valid JSON: {detail}")));
    w.finish(None)
}

/// Loads the questionnaire of a config, given inline or fetched from its URL: problem paths sit
/// under `$.questionnaire`, like every other config problem's path.
pub fn load_questionnaire(text: &str) -> Result<Checked, Vec<Problem>> {
    let prefix = |mut p: Problem| {
        p.path = format!("$.questionnaire{}", p.path.trim_start_matches('$'));
        p
    };
    validate::load(text).map_err(|e| e.problems().into_iter().map(prefix).collect())
}

/// [`load_questionnaire`] for a questionnaire given inline in the config. Printed with
/// `serde_json::to_string`, not `Display`: a `Display` vtable would keep the JSON writer in the
/// widget's main module, which calls this only from a chunk.
pub fn load_inline_questionnaire(value: &Value) -> Result<Checked, Vec<Problem>> {
    load_questionnaire(&serde_json::to_string(&serde_json::Value::from(value)).unwrap_or_default())
}
