/*!
The built-in questionnaire in two parts, so that the first view carries only what it needs.

* The **core** ([`CORE`]): everything but the advice, in every locale, compiled into the widget.
  It is the file the engine's tests validate in full, minus `advice`, so it is parsed without
  running the validator again ([`core`]).
* The **advice**: one file per locale ([`advice_file`], written next to the wasm by
  `cargo xtask dist`), fetched when the results are about to show. [`complete`] joins it to the
  core and validates the whole, so a stale or damaged file is refused with its problems rather
  than trusted.
*/

use serde::{Deserialize, Serialize};

use crate::model::{Advice, Questionnaire, Text};
use crate::validate::{json_error, validate, Checked, Problem};

/// The built-in questionnaire without its advice (`advice: []`), minified. Made by `build.rs`.
pub const CORE: &str = include_str!(concat!(env!("OUT_DIR"), "/default-core.json"));

/// The advice of one questionnaire version in one locale, as the widget fetches it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceFile {
    pub id: String,
    pub version: String,
    pub locale: String,
    pub advice: Vec<Advice>,
}

/// The file name of the built-in advice in `locale`, next to the wasm module.
pub fn advice_file_name(locale: &str) -> String {
    format!("maturity-check.advice.{locale}.json")
}

/// The core of the built-in questionnaire. Its content is validated by the test suite (with the
/// advice); only the JSON syntax can fail here, and then says where.
pub fn core() -> Result<Checked, Problem> {
    serde_json::from_str::<Questionnaire>(CORE)
        .map(Checked::unvalidated)
        .map_err(|e| {
            Problem::new(
                "$",
                format!("the built-in questionnaire has {}", json_error(&e)),
            )
        })
}

/// The advice file of `q` in `locale`: every text in that locale only.
pub fn advice_file(q: &Questionnaire, locale: &str) -> String {
    let file = AdviceFile {
        id: q.id.clone(),
        version: q.version.clone(),
        locale: locale.to_string(),
        advice: q
            .advice
            .iter()
            .map(|a| Advice {
                text: a.text.only(locale, &q.default_locale),
                ..a.clone()
            })
            .collect(),
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// The core joined with a fetched advice file: the questionnaire in that one locale, validated.
pub fn complete(core: &Questionnaire, advice_json: &str) -> Result<Checked, Vec<Problem>> {
    let file: AdviceFile = serde_json::from_str(advice_json).map_err(|e| {
        vec![Problem::new(
            "$",
            format!("the advice file is not readable: {}", json_error(&e)),
        )]
    })?;
    if file.id != core.id || file.version != core.version {
        return Err(vec![Problem::new(
            "$",
            format!(
                "the advice file is for {} {}, the questionnaire is {} {}",
                file.id, file.version, core.id, core.version
            ),
        )]);
    }
    let mut q = core.clone();
    q.advice = file.advice;
    q.restrict_to(&file.locale);
    validate(q)
}

impl Text {
    /// This text with only `locale` (or, missing that, `fallback` or any) under key `locale`.
    pub fn only(&self, locale: &str, fallback: &str) -> Text {
        Text([(locale.to_string(), self.get(locale, fallback).to_string())].into())
    }
}

impl Questionnaire {
    /// Keeps every text in `locale` only and makes it the one declared locale.
    pub fn restrict_to(&mut self, locale: &str) {
        let fallback = self.default_locale.clone();
        let mut texts: Vec<&mut Text> = vec![&mut self.title];
        texts.extend(self.subtitle.as_mut());
        for d in &mut self.dimensions {
            texts.extend([&mut d.title, &mut d.description]);
        }
        for x in &mut self.questions {
            texts.push(&mut x.prompt);
            texts.extend(x.help.as_mut());
            texts.extend(x.dont_know.as_mut());
            texts.extend(x.options.iter_mut().map(|o| &mut o.label));
        }
        for x in &mut self.context_questions {
            texts.push(&mut x.prompt);
            texts.extend(x.help.as_mut());
            texts.extend(x.options.iter_mut().map(|o| &mut o.label));
        }
        for l in &mut self.levels {
            texts.extend([&mut l.name, &mut l.description]);
        }
        texts.extend(self.advice.iter_mut().map(|a| &mut a.text));
        for r in &mut self.profiles.roles {
            for k in &mut r.kpis {
                texts.extend([&mut k.name, &mut k.why]);
            }
        }
        for t in texts {
            *t = t.only(locale, &fallback);
        }
        self.locales = vec![locale.to_string()];
        self.default_locale = locale.to_string();
    }
}
