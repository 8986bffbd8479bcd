/*!
Writes a questionnaire's core as fields, in the order [`super::reader`] reads them.
*/

use crate::model::{Choice, Questionnaire, Text};

/// The field separator of the core file. A text that contains it cannot be written.
pub(super) const SEP: char = '\u{1f}';

/// Writes the fields [`super::reader::Reader`] reads, in the same order.
pub(super) struct Writer(pub(super) Vec<String>);

impl Writer {
    pub(super) fn s(&mut self, s: &str) -> Option<()> {
        (!s.contains(SEP)).then(|| self.0.push(s.to_string()))
    }

    pub(super) fn count(&mut self, n: usize) -> Option<()> {
        self.s(&n.to_string())
    }

    /// A number as whole thousandths (the reader divides by 1000): exact for every value the
    /// questionnaire format uses, and no float parsing in the wasm.
    pub(super) fn number(&mut self, x: f64) -> Option<()> {
        let thousandths = (x * 1000.0).round();
        if thousandths / 1000.0 != x || thousandths.abs() > 1e15 {
            return None;
        }
        self.s(&(thousandths as i64).to_string())
    }

    pub(super) fn list<T>(
        &mut self,
        items: &[T],
        mut item: impl FnMut(&mut Self, &T) -> Option<()>,
    ) -> Option<()> {
        self.count(items.len())?;
        items.iter().try_for_each(|i| item(self, i))
    }

    /// Absent as `0`, present as `1` and the value.
    pub(super) fn optional<T>(
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

    pub(super) fn text(&mut self, t: &Text) -> Option<()> {
        self.count(t.0.len())?;
        t.0.iter().try_for_each(|(locale, s)| {
            self.s(locale)?;
            self.s(s)
        })
    }

    pub(super) fn choices(&mut self, choices: &[Choice]) -> Option<()> {
        self.list(choices, |w, c| {
            w.s(&c.id)?;
            w.text(&c.label)
        })
    }

    pub(super) fn questionnaire(&mut self, q: &Questionnaire) -> Option<()> {
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
            w.optional(x.explain.as_ref(), Self::text)?;
            w.choices(&x.options)?;
            w.optional(x.dont_know.as_ref(), Self::text)
        })?;
        self.list(&q.context_questions, |w, x| {
            w.s(&x.id)?;
            w.text(&x.prompt)?;
            w.optional(x.help.as_ref(), Self::text)?;
            w.optional(x.explain.as_ref(), Self::text)?;
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
