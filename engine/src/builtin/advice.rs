/*!
The advice file: what only the results need, fetched when they are about to show, and how it is
joined to the core and validated as a whole.
*/

use serde::{Deserialize, Serialize};

use crate::model::{Advice, Kpi, Questionnaire, RoleProfile, Text};
use crate::problem::{json_error, Problem};
use crate::validate::{validate, Checked, Scorable};

/// What only the results need, of one questionnaire version in one locale, as the widget fetches
/// it: the advice, the role profiles, and the texts of the dimensions and levels that only the
/// results show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceFile {
    pub id: String,
    pub version: String,
    pub locale: String,
    pub advice: Vec<Advice>,
    pub roles: Vec<RoleProfile>,
    pub dimensions: Vec<DimensionTexts>,
    pub levels: Vec<LevelTexts>,
    /// The explanations of terms of the questions and context questions that have one: help a
    /// visitor may open, not needed before the first answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<ExplainText>,
}

/// A question's (or a context question's) explanation of its terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainText {
    pub id: String,
    pub text: Text,
}

/// A dimension's texts that only the results show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionTexts {
    pub id: String,
    pub description: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub find_out: Option<Text>,
}

/// A level's texts, which only the results show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelTexts {
    pub id: String,
    pub name: Text,
    pub description: Text,
}

/// The advice file of `q` in `text_locale` (advice, role profiles, the results' texts of dimensions
/// and levels): every text in that locale only. A formal text locale (`de-formal`) is written in
/// its base locale from the texts in their formal form, as its core is ([`super::core_file()`]).
pub fn advice_file(q: &Questionnaire, text_locale: &str) -> String {
    let locale = crate::locales::base(text_locale);
    let formal;
    let q = if locale == text_locale {
        q
    } else {
        let mut f = q.clone();
        f.prefer_formal();
        formal = f;
        &formal
    };
    let only = |t: &Text| t.only(locale, &q.default_locale);
    let file = AdviceFile {
        id: q.id.clone(),
        version: q.version.clone(),
        locale: locale.to_string(),
        advice: q
            .advice
            .iter()
            .map(|a| Advice {
                text: a.text.only(locale, &q.default_locale),
                because: a
                    .because
                    .as_ref()
                    .map(|t| t.only(locale, &q.default_locale)),
                ..a.clone()
            })
            .collect(),
        roles: q
            .profiles
            .roles
            .iter()
            .map(|r| RoleProfile {
                kpis: r
                    .kpis
                    .iter()
                    .map(|k| Kpi {
                        id: k.id.clone(),
                        name: k.name.only(locale, &q.default_locale),
                        why: k.why.only(locale, &q.default_locale),
                        definition: k.definition.as_ref().map(only),
                        target: k.target.as_ref().map(only),
                        when: k.when.clone(),
                    })
                    .collect(),
                ..r.clone()
            })
            .collect(),
        dimensions: q
            .dimensions
            .iter()
            .map(|d| DimensionTexts {
                id: d.id.clone(),
                description: only(&d.description),
                find_out: d.find_out.as_ref().map(only),
            })
            .collect(),
        levels: q
            .levels
            .iter()
            .map(|l| LevelTexts {
                id: l.id.clone(),
                name: only(&l.name),
                description: only(&l.description),
            })
            .collect(),
        explain: q
            .questions
            .iter()
            .map(|x| (&x.id, &x.explain))
            .chain(q.context_questions.iter().map(|c| (&c.id, &c.explain)))
            .filter_map(|(id, e)| {
                Some(ExplainText {
                    id: id.clone(),
                    text: only(e.as_ref()?),
                })
            })
            .collect(),
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// The core joined with a fetched advice file (advice, role profiles, the results' texts and the
/// explanations of terms): the questionnaire in that one locale, validated. An explanation for a
/// question the core does not have is refused, as a missing text is.
pub fn complete(core: &Scorable, advice_json: &str) -> Result<Checked, Vec<Problem>> {
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
    let mut q = Questionnaire::clone(core);
    q.advice = file.advice;
    q.profiles.roles = file.roles;
    let mut missing = Vec::new();
    for d in &mut q.dimensions {
        match file.dimensions.iter().find(|t| t.id == d.id) {
            Some(t) => (d.description, d.find_out) = (t.description.clone(), t.find_out.clone()),
            None => missing.push(format!("dimension \"{}\"", d.id)),
        }
    }
    for l in &mut q.levels {
        match file.levels.iter().find(|t| t.id == l.id) {
            Some(t) => (l.name, l.description) = (t.name.clone(), t.description.clone()),
            None => missing.push(format!("level \"{}\"", l.id)),
        }
    }
    for e in &file.explain {
        let target = q
            .questions
            .iter_mut()
            .find(|x| x.id == e.id)
            .map(|x| &mut x.explain)
            .or_else(|| {
                q.context_questions
                    .iter_mut()
                    .find(|c| c.id == e.id)
                    .map(|c| &mut c.explain)
            });
        match target {
            Some(slot) => *slot = Some(e.text.clone()),
            None => missing.push(format!("an explanation of \"{}\"", e.id)),
        }
    }
    if !missing.is_empty() {
        return Err(vec![Problem::new(
            "$",
            format!("the advice file has no texts for {}", missing.join(", ")),
        )]);
    }
    q.restrict_to(&file.locale);
    validate(q)
}
