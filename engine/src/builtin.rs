/*!
The built-in questionnaire in two files per locale, so that the first view loads only what it
needs, in the visitor's language only. `cargo xtask dist` writes both next to the wasm.

* The **core** ([`core_file`]): everything but the advice, the role profiles (targets, weights,
  KPIs) and the texts only the results show (the descriptions of the dimensions, the names and
  descriptions of the levels), followed by the first view's own UI strings in the same locale
  ([`crate::ui_text`]). The loader fetches it beside the wasm module. It is the file the
  engine's tests validate in full, minus those parts, so it is read without running the
  validator again ([`read_core_file`]). It has a compact form, every field in the model's order and
  no JSON, so the first view carries neither a JSON parser's work on it nor serde's visitors for
  the model.
* The **advice**, the role profiles and the results' texts ([`advice_file`]), fetched when the
  results are about to show. [`complete`] joins it to the core and validates the whole, so a
  stale or damaged file is refused with its problems rather than trusted.
*/

use serde::{Deserialize, Serialize};

use crate::model::{
    Advice, Choice, ContextQuestion, Dimension, Kpi, Level, PlanSettings, Profiles, Question,
    Questionnaire, RoleProfile, Text,
};
use crate::sorted_map::TextMap;
use crate::validate::{json_error, validate, Checked, Problem};

/// The locales of the built-in questionnaire (`questionnaire/default.json`; a test keeps them in
/// step), and the one it falls back to.
pub const LOCALES: &[&str] = &["de", "en"];
pub const DEFAULT_LOCALE: &str = "de";

/// The field separator of the core file. A text that contains it cannot be written.
const SEP: char = '\u{1f}';

/// The file name of the built-in core in `locale`, next to the wasm module.
pub fn core_file_name(locale: &str) -> String {
    format!("maturity-check.core.{locale}.txt")
}

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
}

/// A dimension's text that only the results show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionTexts {
    pub id: String,
    pub description: Text,
}

/// A level's texts, which only the results show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelTexts {
    pub id: String,
    pub name: Text,
    pub description: Text,
}

/// The file name of the built-in advice in `locale`, next to the wasm module.
pub fn advice_file_name(locale: &str) -> String {
    format!("maturity-check.advice.{locale}.json")
}

/// A core file as read: the questionnaire, and the first view's UI strings in the file's locale
/// ([`crate::ui_text::WITH_CORE`], key to text).
#[derive(Debug, Clone)]
pub struct Core {
    pub questionnaire: Checked,
    pub ui: TextMap,
}

/// Reads a core file ([`core_file`]). Its content is validated by the test suite (with the advice),
/// and a test checks that this reads the same questionnaire as the JSON file; a file that ends
/// early, runs on or has a field of the wrong kind is reported, never a panic.
pub fn read_core_file(text: &str) -> Result<Core, Problem> {
    read_core(text)
        .map(|(q, ui)| Core {
            questionnaire: Checked::unvalidated(q),
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

/// The core of `q` in `locale`: what [`read_core_file`] reads. Written from the questionnaire
/// as [`Questionnaire::restrict_to`] leaves it, so its texts are chosen as every other per-locale
/// file's, then the first view's UI strings in `locale` ([`crate::ui_text::in_locale`]). `None`
/// if a text holds the field separator or a number is not a whole number of thousandths (the
/// engine's tests write the built-in one in every locale).
pub fn core_file(q: &Questionnaire, locale: &str) -> Option<String> {
    let mut q = q.clone();
    q.restrict_to(locale);
    let mut out = Writer(Vec::new());
    out.questionnaire(&q)?;
    out.list(crate::ui_text::WITH_CORE, |w, entry| {
        w.s(entry.0)?;
        w.s(crate::ui_text::in_locale(entry, locale))
    })?;
    Some(out.0.join(&SEP.to_string()))
}

/// Reads the fields [`Writer`] wrote, in the same order.
struct Reader<'a>(core::str::Split<'a, char>);

impl Reader<'_> {
    fn s(&mut self) -> Option<String> {
        self.0.next().map(str::to_string)
    }

    fn count(&mut self) -> Option<usize> {
        self.0.next()?.parse().ok()
    }

    /// Whole thousandths, so no float parsing.
    fn number(&mut self) -> Option<f64> {
        let thousandths: i64 = self.0.next()?.parse().ok()?;
        Some(thousandths as f64 / 1000.0)
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        (0..self.count()?).map(|_| item(self)).collect()
    }

    fn optional<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.0.next()? {
            "0" => Some(None),
            "1" => value(self).map(Some),
            _ => None,
        }
    }

    /// A count, then that many key and text pairs.
    fn text_map(&mut self) -> Option<TextMap> {
        let mut map = TextMap::new();
        for _ in 0..self.count()? {
            map.insert(self.s()?, self.s()?);
        }
        Some(map)
    }

    fn text(&mut self) -> Option<Text> {
        self.text_map().map(Text)
    }

    fn choices(&mut self) -> Option<Vec<Choice>> {
        self.list(|r| {
            Some(Choice {
                id: r.s()?,
                label: r.text()?,
            })
        })
    }

    fn questionnaire(&mut self) -> Option<Questionnaire> {
        Some(Questionnaire {
            id: self.s()?,
            version: self.s()?,
            default_locale: self.s()?,
            locales: self.list(Self::s)?,
            title: self.text()?,
            subtitle: self.optional(Self::text)?,
            // The built-in questions state no duration: the intro estimates it from their texts.
            duration_minutes: None,
            dimensions: self.list(|r| {
                Some(Dimension {
                    id: r.s()?,
                    title: r.text()?,
                    description: Text::default(),
                    weight: r.number()?,
                })
            })?,
            questions: self.list(|r| {
                Some(Question {
                    id: r.s()?,
                    dimension: r.s()?,
                    weight: r.number()?,
                    prompt: r.text()?,
                    help: r.optional(Self::text)?,
                    options: r.choices()?,
                    dont_know: r.optional(Self::text)?,
                })
            })?,
            context_questions: self.list(|r| {
                Some(ContextQuestion {
                    id: r.s()?,
                    prompt: r.text()?,
                    help: r.optional(Self::text)?,
                    options: r.choices()?,
                    after: r.optional(Self::s)?,
                })
            })?,
            levels: self.list(|r| {
                Some(Level {
                    id: r.s()?,
                    name: Text::default(),
                    description: Text::default(),
                    min: r.number()?,
                    max: r.number()?,
                })
            })?,
            advice: Vec::new(),
            profiles: Profiles {
                role_question: self.s()?,
                default_role: self.s()?,
                roles: Vec::new(),
            },
            plan: PlanSettings {
                focus_dimensions: self.count()?,
                max_per_column: self.count()?,
            },
        })
    }
}

/// The advice file of `q` in `locale` (advice, role profiles, the results' texts of dimensions and
/// levels): every text in that locale only.
pub fn advice_file(q: &Questionnaire, locale: &str) -> String {
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
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// The core joined with a fetched advice file (advice and role profiles): the questionnaire in that one locale, validated.
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
    q.profiles.roles = file.roles;
    let mut missing = Vec::new();
    for d in &mut q.dimensions {
        match file.dimensions.iter().find(|t| t.id == d.id) {
            Some(t) => d.description = t.description.clone(),
            None => missing.push(format!("dimension \"{}\"", d.id)),
        }
    }
    for l in &mut q.levels {
        match file.levels.iter().find(|t| t.id == l.id) {
            Some(t) => (l.name, l.description) = (t.name.clone(), t.description.clone()),
            None => missing.push(format!("level \"{}\"", l.id)),
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

/// Writes the fields [`Reader`] reads, in the same order.
struct Writer(Vec<String>);

impl Writer {
    fn s(&mut self, s: &str) -> Option<()> {
        (!s.contains(SEP)).then(|| self.0.push(s.to_string()))
    }

    fn count(&mut self, n: usize) -> Option<()> {
        self.s(&n.to_string())
    }

    /// A number as whole thousandths (the reader divides by 1000): exact for every value the
    /// questionnaire format uses, and no float parsing in the wasm.
    fn number(&mut self, x: f64) -> Option<()> {
        let thousandths = (x * 1000.0).round();
        if thousandths / 1000.0 != x || thousandths.abs() > 1e15 {
            return None;
        }
        self.s(&(thousandths as i64).to_string())
    }

    fn list<T>(
        &mut self,
        items: &[T],
        mut item: impl FnMut(&mut Self, &T) -> Option<()>,
    ) -> Option<()> {
        self.count(items.len())?;
        items.iter().try_for_each(|i| item(self, i))
    }

    /// Absent as `0`, present as `1` and the value.
    fn optional<T>(
        &mut self,
        v: Option<&T>,
        value: impl FnOnce(&mut Self, &T) -> Option<()>,
    ) -> Option<()> {
        match v {
            None => self.s("0"),
            Some(v) => {
                self.s("1")?;
                value(self, v)
            }
        }
    }

    fn text(&mut self, t: &Text) -> Option<()> {
        self.count(t.0.len())?;
        t.0.iter().try_for_each(|(locale, s)| {
            self.s(locale)?;
            self.s(s)
        })
    }

    fn choices(&mut self, choices: &[Choice]) -> Option<()> {
        self.list(choices, |w, c| {
            w.s(&c.id)?;
            w.text(&c.label)
        })
    }

    fn questionnaire(&mut self, q: &Questionnaire) -> Option<()> {
        self.s(&q.id)?;
        self.s(&q.version)?;
        self.s(&q.default_locale)?;
        self.list(&q.locales, |w, l| w.s(l))?;
        self.text(&q.title)?;
        self.optional(q.subtitle.as_ref(), Self::text)?;
        self.list(&q.dimensions, |w, d| {
            w.s(&d.id)?;
            w.text(&d.title)?;
            // The description shows with the results only: it ships with the advice.
            w.number(d.weight)
        })?;
        self.list(&q.questions, |w, x| {
            w.s(&x.id)?;
            w.s(&x.dimension)?;
            w.number(x.weight)?;
            w.text(&x.prompt)?;
            w.optional(x.help.as_ref(), Self::text)?;
            w.choices(&x.options)?;
            w.optional(x.dont_know.as_ref(), Self::text)
        })?;
        self.list(&q.context_questions, |w, x| {
            w.s(&x.id)?;
            w.text(&x.prompt)?;
            w.optional(x.help.as_ref(), Self::text)?;
            w.choices(&x.options)?;
            w.optional(x.after.as_ref(), |w, a| w.s(a))
        })?;
        self.list(&q.levels, |w, l| {
            w.s(&l.id)?;
            // Name and description show with the results only: they ship with the advice.
            w.number(l.min)?;
            w.number(l.max)
        })?;
        // The role profiles (targets, weights, KPIs) serve only the results: they ship with the
        // advice.
        self.s(&q.profiles.role_question)?;
        self.s(&q.profiles.default_role)?;
        self.count(q.plan.focus_dimensions)?;
        self.count(q.plan.max_per_column)
    }
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
