/*!
The formal register of a questionnaire: a `Text` may carry, next to a declared locale `de`, the
key `de-formal` with the text that addresses the reader as "Sie" ([`crate::locales`]). With the
config's `formality: "formal"` a lookup tries `<locale>-formal` first, then `<locale>`, then the
fallback: [`Questionnaire::prefer_formal`] does that once for every text, so that the widget and
every per-locale file read a formal questionnaire as any other. [`missing_formal`] names the texts
without a formal form, for the config validator.
*/

use crate::locales::{FORMAL, FORMAL_SUFFIX};
use crate::model::{Questionnaire, Text};

impl Questionnaire {
    /// Every text in its formal form where it has one: `<l>-formal` replaces `<l>` for every
    /// declared locale `l`, and no `-formal` key is left.
    pub fn prefer_formal(&mut self) {
        let locales = self.locales.clone();
        for t in self.texts_mut() {
            for l in &locales {
                if let Some(formal) = t.0.remove(&[l.as_str(), FORMAL_SUFFIX].concat()) {
                    t.0.insert(l.clone(), formal);
                }
            }
            t.0.retain(|k, _| !k.ends_with(FORMAL_SUFFIX));
        }
    }
}

/// Every text of `q` with its JSON path, in file order: the texts
/// [`Questionnaire::texts_mut`] lists (a test holds the two walks together).
pub fn texts(q: &Questionnaire) -> Vec<(String, &Text)> {
    let mut out: Vec<(String, &Text)> = vec![("$.title".into(), &q.title)];
    fn push<'a>(out: &mut Vec<(String, &'a Text)>, path: String, t: Option<&'a Text>) {
        if let Some(t) = t {
            out.push((path, t));
        }
    }
    push(&mut out, "$.subtitle".into(), q.subtitle.as_ref());
    for (i, d) in q.dimensions.iter().enumerate() {
        push(&mut out, format!("$.dimensions[{i}].title"), Some(&d.title));
        push(
            &mut out,
            format!("$.dimensions[{i}].description"),
            Some(&d.description),
        );
        push(
            &mut out,
            format!("$.dimensions[{i}].find_out"),
            d.find_out.as_ref(),
        );
    }
    for (i, x) in q.questions.iter().enumerate() {
        let p = format!("$.questions[{i}]");
        push(&mut out, format!("{p}.prompt"), Some(&x.prompt));
        push(&mut out, format!("{p}.help"), x.help.as_ref());
        push(&mut out, format!("{p}.explain"), x.explain.as_ref());
        for (j, o) in x.options.iter().enumerate() {
            push(&mut out, format!("{p}.options[{j}].label"), Some(&o.label));
        }
        push(&mut out, format!("{p}.dont_know"), x.dont_know.as_ref());
    }
    for (i, x) in q.context_questions.iter().enumerate() {
        let p = format!("$.context_questions[{i}]");
        push(&mut out, format!("{p}.prompt"), Some(&x.prompt));
        push(&mut out, format!("{p}.help"), x.help.as_ref());
        push(&mut out, format!("{p}.explain"), x.explain.as_ref());
        for (j, o) in x.options.iter().enumerate() {
            push(&mut out, format!("{p}.options[{j}].label"), Some(&o.label));
        }
    }
    for (i, l) in q.levels.iter().enumerate() {
        push(&mut out, format!("$.levels[{i}].name"), Some(&l.name));
        push(
            &mut out,
            format!("$.levels[{i}].description"),
            Some(&l.description),
        );
    }
    for (i, a) in q.advice.iter().enumerate() {
        push(&mut out, format!("$.advice[{i}].text"), Some(&a.text));
        push(
            &mut out,
            format!("$.advice[{i}].because"),
            a.because.as_ref(),
        );
    }
    for (i, r) in q.profiles.roles.iter().enumerate() {
        for (j, k) in r.kpis.iter().enumerate() {
            let p = format!("$.profiles.roles[{i}].kpis[{j}]");
            push(&mut out, format!("{p}.name"), Some(&k.name));
            push(&mut out, format!("{p}.why"), Some(&k.why));
            push(&mut out, format!("{p}.definition"), k.definition.as_ref());
            push(&mut out, format!("{p}.target"), k.target.as_ref());
        }
    }
    out
}

/// The JSON paths of the texts of `q` that have a text in a declared locale with a formal
/// register ([`FORMAL`]) but no formal form of it, e.g. `$.questions[3].prompt.de-formal`.
pub fn missing_formal(q: &Questionnaire) -> Vec<String> {
    let formal: Vec<&String> = q
        .locales
        .iter()
        .filter(|l| FORMAL.contains(&l.as_str()))
        .collect();
    let mut out = Vec::new();
    for (path, t) in texts(q) {
        for l in &formal {
            let key = [l.as_str(), FORMAL_SUFFIX].concat();
            if t.0.contains_key(l.as_str()) && !t.0.contains_key(&key) {
                out.push(format!("{path}.{key}"));
            }
        }
    }
    out
}

/// The warning for a formal config whose questionnaire has `missing` texts without their formal
/// form: how many, and the first ten paths.
pub fn missing_warning(missing: &[String]) -> Option<String> {
    const SHOWN: usize = 10;
    let (first, rest) = missing.split_at(missing.len().min(SHOWN));
    (!first.is_empty()).then(|| {
        let more = if rest.is_empty() {
            String::new()
        } else {
            format!(" and {} more", rest.len())
        };
        format!(
            "\"formal\" is asked for, but {} text(s) of the questionnaire have no formal form and show informally: {}{more}",
            missing.len(),
            first.join(", ")
        )
    })
}
