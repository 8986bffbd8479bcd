/*!
One locale's texts of a questionnaire: every per-locale file (core and advice) is cut from the
questionnaire as this leaves it, so they all choose a text the same way.
*/

use crate::model::{Questionnaire, Text};

impl Text {
    /// This text with only `locale` (or, missing that, `fallback` or any) under key `locale`.
    pub fn only(&self, locale: &str, fallback: &str) -> Text {
        Text([(locale.to_string(), self.get(locale, fallback).to_string())].into())
    }
}

impl Questionnaire {
    /// Every text of the questionnaire: the texts [`crate::formal::texts`] lists with their paths.
    pub fn texts_mut(&mut self) -> Vec<&mut Text> {
        let mut texts: Vec<&mut Text> = vec![&mut self.title];
        texts.extend(self.subtitle.as_mut());
        for d in &mut self.dimensions {
            texts.extend([&mut d.title, &mut d.description]);
            texts.extend(d.find_out.as_mut());
        }
        for x in &mut self.questions {
            texts.push(&mut x.prompt);
            texts.extend(x.help.as_mut());
            texts.extend(x.explain.as_mut());
            texts.extend(x.dont_know.as_mut());
            texts.extend(x.options.iter_mut().map(|o| &mut o.label));
        }
        for x in &mut self.context_questions {
            texts.push(&mut x.prompt);
            texts.extend(x.help.as_mut());
            texts.extend(x.explain.as_mut());
            texts.extend(x.options.iter_mut().map(|o| &mut o.label));
        }
        for l in &mut self.levels {
            texts.extend([&mut l.name, &mut l.description]);
        }
        for a in &mut self.advice {
            texts.push(&mut a.text);
            texts.extend(a.because.as_mut());
        }
        for r in &mut self.profiles.roles {
            for k in &mut r.kpis {
                texts.extend([&mut k.name, &mut k.why]);
                texts.extend(k.definition.as_mut());
                texts.extend(k.target.as_mut());
            }
        }
        texts
    }

    /// Keeps every text in `locale` only and makes it the one declared locale.
    pub fn restrict_to(&mut self, locale: &str) {
        let fallback = self.default_locale.clone();
        for t in self.texts_mut() {
            *t = t.only(locale, &fallback);
        }
        self.locales = vec![locale.to_string()];
        self.default_locale = locale.to_string();
    }
}
