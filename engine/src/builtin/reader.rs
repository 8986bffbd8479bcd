/*!
Reads a core file's fields back into the model, in the order [`super::writer`] writes them.
*/

use crate::model::{
    Choice, ContextQuestion, Dimension, Level, PlanSettings, Profiles, Question, Questionnaire,
    Text,
};
use crate::sorted_map::TextMap;

/// Reads the fields [`super::writer::Writer`] wrote, in the same order.
pub(super) struct Reader<'a>(pub(super) core::str::Split<'a, char>);

impl Reader<'_> {
    pub(super) fn s(&mut self) -> Option<String> {
        self.0.next().map(str::to_string)
    }

    pub(super) fn count(&mut self) -> Option<usize> {
        self.0.next()?.parse().ok()
    }

    /// Whole thousandths, so no float parsing.
    pub(super) fn number(&mut self) -> Option<f64> {
        let thousandths: i64 = self.0.next()?.parse().ok()?;
        Some(thousandths as f64 / 1000.0)
    }

    pub(super) fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        (0..self.count()?).map(|_| item(self)).collect()
    }

    pub(super) fn optional<T>(
        &mut self,
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        match self.0.next()? {
            "0" => Some(None),
            "1" => value(self).map(Some),
            _ => None,
        }
    }

    /// A count, then that many key and text pairs.
    pub(super) fn text_map(&mut self) -> Option<TextMap> {
        let mut map = TextMap::new();
        for _ in 0..self.count()? {
            map.insert(self.s()?, self.s()?);
        }
        Some(map)
    }

    pub(super) fn text(&mut self) -> Option<Text> {
        self.text_map().map(Text)
    }

    pub(super) fn choices(&mut self) -> Option<Vec<Choice>> {
        self.list(|r| {
            Some(Choice {
                id: r.s()?,
                label: r.text()?,
            })
        })
    }

    pub(super) fn questionnaire(&mut self) -> Option<Questionnaire> {
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
                    // Shown with the results only: it ships with the advice.
                    find_out: None,
                })
            })?,
            questions: self.list(|r| {
                Some(Question {
                    id: r.s()?,
                    dimension: r.s()?,
                    weight: r.number()?,
                    prompt: r.text()?,
                    help: r.optional(Self::text)?,
                    explain: r.optional(Self::text)?,
                    options: r.choices()?,
                    dont_know: r.optional(Self::text)?,
                })
            })?,
            context_questions: self.list(|r| {
                Some(ContextQuestion {
                    id: r.s()?,
                    prompt: r.text()?,
                    help: r.optional(Self::text)?,
                    explain: r.optional(Self::text)?,
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
