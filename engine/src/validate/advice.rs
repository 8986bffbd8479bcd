/*!
The rules on what the results need: advice for every dimension, level and kind, its conditions on
context answers, and the role profiles' targets, weights and KPIs (with their conditions).
*/

use std::collections::{BTreeMap, BTreeSet};

use super::validator::Validator;
use crate::model::*;
use crate::problem::quoted;
use crate::syntax::is_valid_id;

impl Validator<'_> {
    pub(super) fn advice(&mut self) {
        let q = self.q;
        let mut seen = BTreeSet::new();
        let by_id: BTreeMap<&str, &Advice> = q.advice.iter().map(|a| (a.id.as_str(), a)).collect();
        for (i, a) in q.advice.iter().enumerate() {
            let p = format!("$.advice[{i}]");
            self.id(&format!("{p}.id"), &a.id, &mut seen, "advice");
            if !q.dimensions.iter().any(|d| d.id == a.dimension) {
                self.problem(
                    format!("{p}.dimension"),
                    format!("unknown dimension \"{}\"", a.dimension),
                );
            }
            if !q.levels.iter().any(|l| l.id == a.level) {
                let known: Vec<_> = q.levels.iter().map(|l| l.id.as_str()).collect();
                self.problem(
                    format!("{p}.level"),
                    format!(
                        "unknown level \"{}\": use one of {}",
                        a.level,
                        quoted(&known)
                    ),
                );
            }
            self.text(&format!("{p}.text"), &a.text);
            if let Some(because) = &a.because {
                self.text(&format!("{p}.because"), because);
            }
            if let Some(when) = &a.when {
                self.condition(&format!("{p}.when"), when);
            }
            if let Some(r) = &a.replaces {
                match by_id.get(r.as_str()) {
                    None => self.problem(format!("{p}.replaces"), format!("unknown advice \"{r}\"")),
                    Some(t) if t.dimension != a.dimension || t.level != a.level || t.kind != a.kind => self.problem(
                        format!("{p}.replaces"),
                        format!("\"{r}\" is in another cell: a variant replaces an entry of the same dimension, level and kind"),
                    ),
                    Some(t) if t.when.is_some() => {
                        self.problem(format!("{p}.replaces"), format!("\"{r}\" is itself tailored: replace a general entry"))
                    }
                    Some(_) if a.when.is_none() => {
                        self.problem(format!("{p}.when"), "an entry that replaces another must say when (`when`)")
                    }
                    Some(_) => {}
                }
            }
        }
        for d in &q.dimensions {
            for l in &q.levels {
                for kind in AdviceKind::ALL {
                    let general = q.advice.iter().any(|a| {
                        a.dimension == d.id && a.level == l.id && a.kind == kind && a.when.is_none()
                    });
                    if !general {
                        self.problem(
                            "$.advice",
                            format!(
                                "no general (untailored) {} advice for dimension \"{}\" at level \"{}\"",
                                kind.as_str(),
                                d.id,
                                l.id
                            ),
                        );
                    }
                }
            }
        }
    }

    pub(super) fn condition(&mut self, p: &str, when: &Condition) {
        let q = self.q;
        if when.is_empty() {
            self.problem(p, "an empty condition: leave `when` out for general advice");
        }
        for (qid, opts) in when {
            match q.context_questions.iter().find(|c| &c.id == qid) {
                None => {
                    let known: Vec<_> = q.context_questions.iter().map(|c| c.id.as_str()).collect();
                    self.problem(
                        format!("{p}.{qid}"),
                        format!(
                            "unknown context question \"{qid}\": use one of {}",
                            quoted(&known)
                        ),
                    );
                }
                Some(c) => {
                    if opts.is_empty() {
                        self.problem(format!("{p}.{qid}"), "list at least one option id");
                    }
                    for (k, o) in opts.iter().enumerate() {
                        if !c.options.iter().any(|x| &x.id == o) {
                            let known: Vec<_> = c.options.iter().map(|x| x.id.as_str()).collect();
                            self.problem(
                                format!("{p}.{qid}[{k}]"),
                                format!("unknown option \"{o}\": use one of {}", quoted(&known)),
                            );
                        }
                    }
                }
            }
        }
    }

    pub(super) fn profiles(&mut self) {
        let q = self.q;
        let pr = &q.profiles;
        let Some(role_q) = q
            .context_questions
            .iter()
            .find(|c| c.id == pr.role_question)
        else {
            self.problem(
                "$.profiles.role_question",
                format!("unknown context question \"{}\": name the question that asks for the role of service", pr.role_question),
            );
            return;
        };
        let options: Vec<&str> = role_q.options.iter().map(|o| o.id.as_str()).collect();
        if !options.contains(&pr.default_role.as_str()) {
            self.problem(
                "$.profiles.default_role",
                format!(
                    "unknown role \"{}\": use one of {}",
                    pr.default_role,
                    quoted(&options)
                ),
            );
        }
        let mut seen = BTreeSet::new();
        for (i, r) in pr.roles.iter().enumerate() {
            let p = format!("$.profiles.roles[{i}]");
            if !options.contains(&r.role.as_str()) {
                self.problem(
                    format!("{p}.role"),
                    format!(
                        "unknown role \"{}\": use one of {}",
                        r.role,
                        quoted(&options)
                    ),
                );
            }
            if !seen.insert(r.role.as_str()) {
                self.problem(
                    format!("{p}.role"),
                    format!("role \"{}\" has two profiles", r.role),
                );
            }
            self.per_dimension(
                &format!("{p}.targets"),
                &r.targets,
                |x| (0.0..=100.0).contains(&x),
                "a target between 0 and 100",
            );
            self.per_dimension(
                &format!("{p}.importance"),
                &r.importance,
                |x| x.is_finite() && x > 0.0,
                "an importance greater than 0",
            );
            if r.kpis.is_empty() {
                self.problem(format!("{p}.kpis"), "list at least one KPI for this role");
            }
            let mut role_kpis = BTreeSet::new();
            for (k, kpi) in r.kpis.iter().enumerate() {
                let kp = format!("{p}.kpis[{k}]");
                if !is_valid_id(&kpi.id) {
                    self.bad_id(&format!("{kp}.id"), &kpi.id);
                }
                if !role_kpis.insert(kpi.id.as_str()) {
                    self.problem(
                        format!("{kp}.id"),
                        format!("KPI \"{}\" is listed twice for this role", kpi.id),
                    );
                }
                self.text(&format!("{kp}.name"), &kpi.name);
                self.text(&format!("{kp}.why"), &kpi.why);
                if let Some(definition) = &kpi.definition {
                    self.text(&format!("{kp}.definition"), definition);
                }
                if let Some(target) = &kpi.target {
                    self.text(&format!("{kp}.target"), target);
                }
                if let Some(when) = &kpi.when {
                    self.condition(&format!("{kp}.when"), when);
                }
            }
        }
        for o in &options {
            if !seen.contains(o) {
                self.problem(
                    "$.profiles.roles",
                    format!("role \"{o}\" has no profile: add one"),
                );
            }
        }
    }

    pub(super) fn per_dimension(
        &mut self,
        p: &str,
        map: &crate::sorted_map::SortedMap<f64>,
        ok: impl Fn(f64) -> bool,
        what: &str,
    ) {
        let q = self.q;
        for d in &q.dimensions {
            match map.get(&d.id) {
                None => self.problem(
                    format!("{p}.{}", d.id),
                    format!("missing: give every dimension {what}"),
                ),
                Some(x) if !ok(*x) => self.problem(
                    format!("{p}.{}", d.id),
                    format!("{x} is not valid: give {what}"),
                ),
                Some(_) => {}
            }
        }
        for k in map.keys() {
            if !q.dimensions.iter().any(|d| &d.id == k) {
                self.problem(format!("{p}.{k}"), format!("unknown dimension \"{k}\""));
            }
        }
    }
}
