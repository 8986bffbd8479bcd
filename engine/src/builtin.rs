/*!
The built-in questionnaire in two files per locale, so that the first view loads only what it
needs, in the visitor's language only. `cargo xtask dist` writes both next to the wasm.

* The **core** ([`core_file`]): everything but the advice, the role profiles (targets, weights,
  KPIs) and the texts only the results show (the descriptions of the dimensions, the names and
  descriptions of the levels). The loader fetches it beside the wasm module. It is the file the
  engine's tests validate in full, minus those parts, so it is read without running the
  validator again ([`read_core_file`]). It has a compact form, every field in the model's order and
  no JSON, so the first view carries neither a JSON parser's work on it nor serde's visitors for
  the model.
* The **advice**, the role profiles and the results' texts ([`advice_file`]), fetched when the
  results are about to show. [`complete`] joins it to the core and validates the whole, so a
  stale or damaged file is refused with its problems rather than trusted.
*/

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use std::collections::BTreeMap;

use crate::model::{
    Advice, Choice, ContextQuestion, Dimension, Kpi, Level, PlanSettings, Profiles, Question,
    Questionnaire, RoleProfile, Text,
};
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

/// Reads a core file ([`core_file`]). Its content is validated by the test suite (with the advice),
/// and a test checks that this reads the same questionnaire as the JSON file; a file that ends
/// early, runs on or has a field of the wrong kind is reported, never a panic.
pub fn read_core_file(text: &str) -> Result<Checked, Problem> {
    read_core(text).map(Checked::unvalidated).ok_or_else(|| {
        Problem::new(
            "$.questionnaire",
            "the built-in questions are damaged (a file of another widget version?); reload the page".to_string(),
        )
    })
}

fn read_core(text: &str) -> Option<Questionnaire> {
    let mut r = Reader(text.split(SEP));
    r.questionnaire().filter(|_| r.0.next().is_none())
}

/// The core of questionnaire `json` (the built-in one is `DEFAULT_QUESTIONNAIRE`) in `locale`:
/// what [`read_core_file`] reads. `None` if `json` is not a questionnaire this can write (the
/// engine's tests validate the built-in one in full, and say what is wrong with it).
pub fn core_file(json: &str, locale: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    let q = v.as_object()?;
    let mut out = Writer {
        fields: Vec::new(),
        locale: locale.to_string(),
        fallback: q.get("default_locale")?.as_str()?.to_string(),
    };
    out.questionnaire(q)?;
    Some(out.fields.join(&SEP.to_string()))
}

/// Reads the fields `build.rs` wrote, in the same order.
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

    /// `BTreeMap`'s `collect` would sort first and bring a sort into the wasm; inserting one by one
    /// does not.
    fn map<V>(
        &mut self,
        mut value: impl FnMut(&mut Self) -> Option<V>,
    ) -> Option<BTreeMap<String, V>> {
        let mut map = BTreeMap::new();
        for _ in 0..self.count()? {
            map.insert(self.s()?, value(self)?);
        }
        Some(map)
    }

    fn text(&mut self) -> Option<Text> {
        self.map(Self::s).map(Text)
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

/// Writes the fields [`Reader`] reads, in the same order, every text in one locale.
struct Writer {
    fields: Vec<String>,
    locale: String,
    /// The questionnaire's default locale, for a text without `locale`.
    fallback: String,
}

type Obj = Map<String, Value>;

impl Writer {
    fn raw(&mut self, s: String) -> Option<()> {
        (!s.contains(SEP)).then(|| self.fields.push(s))
    }

    fn str(&mut self, v: Option<&Value>) -> Option<()> {
        self.raw(v?.as_str()?.to_string())
    }

    fn count(&mut self, n: usize) -> Option<()> {
        self.raw(n.to_string())
    }

    /// A number as whole thousandths (the reader divides by 1000): exact for every value the
    /// questionnaire format uses, and no float parsing in the wasm.
    fn number(&mut self, v: Option<&Value>, default: Option<f64>) -> Option<()> {
        let x = match v {
            None => default?,
            Some(v) => v.as_f64()?,
        };
        let thousandths = (x * 1000.0).round();
        if thousandths / 1000.0 != x || thousandths.abs() > 1e15 {
            return None;
        }
        self.raw(format!("{}", thousandths as i64))
    }

    /// A count (`usize` in the model).
    fn whole(&mut self, v: Option<&Value>, default: u64) -> Option<()> {
        let n = match v {
            None => default,
            Some(v) => v.as_u64()?,
        };
        self.raw(n.to_string())
    }

    /// The text in the file's locale, chosen as [`Text::get`] chooses.
    fn text(&mut self, v: Option<&Value>) -> Option<()> {
        let map = v?.as_object()?;
        let s = map
            .get(&self.locale)
            .or_else(|| map.get(&self.fallback))
            .or_else(|| map.values().next())?;
        self.count(1)?;
        self.raw(self.locale.clone())?;
        self.str(Some(s))
    }

    /// Absent (or null) as `0`, present as `1` and the value.
    fn optional(
        &mut self,
        v: Option<&Value>,
        f: impl FnOnce(&mut Self, &Value) -> Option<()>,
    ) -> Option<()> {
        match v.filter(|v| !v.is_null()) {
            None => self.raw("0".into()),
            Some(v) => {
                self.raw("1".into())?;
                f(self, v)
            }
        }
    }

    fn list(
        &mut self,
        v: Option<&Value>,
        mut f: impl FnMut(&mut Self, &Obj) -> Option<()>,
    ) -> Option<()> {
        let items = match v {
            None => &Vec::new(),
            Some(v) => v.as_array()?,
        };
        self.count(items.len())?;
        for item in items {
            f(self, item.as_object()?)?;
        }
        Some(())
    }

    fn choices(&mut self, v: Option<&Value>) -> Option<()> {
        self.list(v, |w, o| {
            w.str(o.get("id"))?;
            w.text(o.get("label"))
        })
    }

    fn questionnaire(&mut self, q: &Obj) -> Option<()> {
        self.str(q.get("id"))?;
        self.str(q.get("version"))?;
        // One locale, which is also the default: as `Questionnaire::restrict_to` leaves it.
        self.raw(self.locale.clone())?;
        self.count(1)?;
        self.raw(self.locale.clone())?;
        self.text(q.get("title"))?;
        self.optional(q.get("subtitle"), |w, v| w.text(Some(v)))?;
        self.list(q.get("dimensions"), |w, d| {
            w.str(d.get("id"))?;
            w.text(d.get("title"))?;
            // The description shows with the results only: it ships with the advice.
            w.number(d.get("weight"), Some(1.0))
        })?;
        self.list(q.get("questions"), |w, x| {
            w.str(x.get("id"))?;
            w.str(x.get("dimension"))?;
            w.number(x.get("weight"), Some(1.0))?;
            w.text(x.get("prompt"))?;
            w.optional(x.get("help"), |w, v| w.text(Some(v)))?;
            w.choices(x.get("options"))?;
            w.optional(x.get("dont_know"), |w, v| w.text(Some(v)))
        })?;
        self.list(q.get("context_questions"), |w, x| {
            w.str(x.get("id"))?;
            w.text(x.get("prompt"))?;
            w.optional(x.get("help"), |w, v| w.text(Some(v)))?;
            w.choices(x.get("options"))?;
            w.optional(x.get("after"), |w, v| w.str(Some(v)))
        })?;
        self.list(q.get("levels"), |w, l| {
            w.str(l.get("id"))?;
            // Name and description show with the results only: they ship with the advice.
            w.number(l.get("min"), None)?;
            w.number(l.get("max"), None)
        })?;
        let p = q.get("profiles")?.as_object()?;
        self.str(p.get("role_question"))?;
        self.str(p.get("default_role"))?;
        // The role profiles (targets, weights, KPIs) serve only the results: they ship with the
        // advice.
        let empty = Map::new();
        let plan = match q.get("plan") {
            None => &empty,
            Some(v) => v.as_object()?,
        };
        self.whole(plan.get("focus_dimensions"), 3)?;
        self.whole(plan.get("max_per_column"), 5)
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
        let core = core_file(crate::DEFAULT_QUESTIONNAIRE, "de").expect("written");
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
