//! Writes the built-in questionnaire without its advice and role profiles, as the widget's first view reads it
//! (`$OUT_DIR/default-core.txt`).
//!
//! The first view needs the questions, not the 200-odd advice entries and the KPIs of the role
//! profiles; those ship as one file per locale next to the wasm (`cargo xtask dist`) and are fetched for the results. The core is
//! written in the compact form `builtin::core` reads: every field in the model's order, separated
//! by U+001F, with no keys, quotes or escapes. Reading it needs a loop over `split`, not a JSON
//! parser and serde's visitors for every type of the model, which saves about 10 KB brotli of
//! code and data before the first question.

use std::path::PathBuf;

use serde_json::{Map, Value};

/// The field separator. A text that contains it cannot be written (and fails the engine's tests).
const SEP: char = '\u{1f}';

fn main() {
    let source = "../questionnaire/default.json";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("questionnaire/default.json is readable");
    // A file this cannot write comes out empty: `builtin::core` then reports it as damaged and the
    // engine's tests, which validate the JSON file itself, say what is wrong with it.
    let core = serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| {
            let mut out = Writer(Vec::new());
            out.questionnaire(v.as_object()?)?;
            Some(out.0.join(&SEP.to_string()))
        })
        .unwrap_or_default();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("default-core.txt"), core).expect("OUT_DIR is writable");
}

struct Writer(Vec<String>);

type Obj = Map<String, Value>;

impl Writer {
    fn raw(&mut self, s: String) -> Option<()> {
        (!s.contains(SEP)).then(|| self.0.push(s))
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

    fn text(&mut self, v: Option<&Value>) -> Option<()> {
        let map = v?.as_object()?;
        self.count(map.len())?;
        for (locale, s) in map {
            self.raw(locale.clone())?;
            self.str(Some(s))?;
        }
        Some(())
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
        self.str(q.get("default_locale"))?;
        let locales = q.get("locales")?.as_array()?;
        self.count(locales.len())?;
        for l in locales {
            self.str(Some(l))?;
        }
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
