//! The generated parts of `docs/questionnaire.md`: the facts, and a table per section.

use maturity_check_engine::flow::{self, Step};
use maturity_check_engine::model::{Condition, READING_LIMIT};
use maturity_check_engine::Checked;

use super::coverage::kind_name;
use super::{code, plural, table, thousands, tr, tr2, Md, SECONDARY};

/// The facts under the title: id, version, title, locales and what the questionnaire holds.
pub(super) fn facts(q: &Checked) -> String {
    let locales: Vec<String> = q
        .locales
        .iter()
        .map(|l| {
            if *l == q.default_locale {
                format!("`{l}` (default)")
            } else {
                code(l)
            }
        })
        .collect();
    let tailored = q.advice.iter().filter(|a| a.when.is_some()).count();
    let kpis: usize = q.profiles.roles.iter().map(|r| r.kpis.len()).sum();
    [
        format!("- **Id:** `{}`", q.id),
        format!("- **Version:** `{}`", q.version),
        format!(
            "- **Title:** {} ({SECONDARY}: {})",
            tr(&q.title),
            tr2(&q.title)
        ),
        format!("- **Locales:** {}", locales.join(", ")),
        format!(
            "- **Content:** {}, {}, {}, {}, {} ({} general, {} tailored), {} with {}",
            plural(q.dimensions.len(), "dimension", "dimensions"),
            plural(q.questions.len(), "scored question", "scored questions"),
            plural(
                q.context_questions.len(),
                "context question",
                "context questions"
            ),
            plural(q.levels.len(), "level", "levels"),
            plural(q.advice.len(), "advice entry", "advice entries"),
            q.advice.len() - tailored,
            tailored,
            plural(q.profiles.roles.len(), "role profile", "role profiles"),
            plural(kpis, "KPI", "KPIs"),
        ),
    ]
    .join("\n")
}

/// The table of dimensions.
pub(super) fn dimensions(q: &Checked) -> String {
    let rows: Vec<Vec<String>> = q
        .dimensions
        .iter()
        .map(|d| {
            let questions = q.questions.iter().filter(|x| x.dimension == d.id).count();
            vec![
                code(&d.id),
                tr(&d.title),
                tr2(&d.title),
                d.weight.to_string(),
                questions.to_string(),
                tr(&d.description),
            ]
        })
        .collect();
    table(
        &[
            "Id",
            "Title",
            "Title (de)",
            "Weight",
            "Questions",
            "Description",
        ],
        "lllrrl",
        &rows,
    )
}

/// The table of levels.
pub(super) fn levels(q: &Checked) -> String {
    let last = q.levels.len().saturating_sub(1);
    let rows: Vec<Vec<String>> = q
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let upper = if i == last { "≤" } else { "<" };
            vec![
                (i + 1).to_string(),
                code(&l.id),
                tr(&l.name),
                tr2(&l.name),
                format!("{} ≤ score {upper} {}", l.min, l.max),
                tr(&l.description),
            ]
        })
        .collect();
    table(
        &["#", "Id", "Name", "Name (de)", "Range", "Description"],
        "rlllll",
        &rows,
    )
}

/// The table of scored questions.
pub(super) fn scored_questions(q: &Checked) -> String {
    let rows: Vec<Vec<String>> = q
        .questions
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let dimension = q
                .dimensions
                .iter()
                .find(|d| d.id == x.dimension)
                .map_or_else(|| code(&x.dimension), |d| tr(&d.title));
            let dont_know = x.dont_know.as_ref().map_or_else(
                || "–".to_string(),
                |t| format!("yes: “{}” / “{}”", tr(t), tr2(t)),
            );
            vec![
                (i + 1).to_string(),
                code(&x.id),
                dimension,
                tr(&x.prompt),
                tr2(&x.prompt),
                dont_know,
            ]
        })
        .collect();
    table(
        &[
            "#",
            "Id",
            "Dimension",
            "Question",
            "Question (de)",
            "Don't know",
        ],
        "rlllll",
        &rows,
    )
}

/// The table of context questions, with the step at which each is asked.
pub(super) fn context_questions(q: &Checked) -> String {
    let steps = flow::steps(q);
    let rows: Vec<Vec<String>> = q
        .context_questions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let step = steps
                .iter()
                .position(|s| *s == Step::Context(i))
                .map_or_else(String::new, |s| (s + 1).to_string());
            let asked = match &c.after {
                None => "first, before question 1".to_string(),
                Some(after) => match q.questions.iter().position(|x| &x.id == after) {
                    Some(k) => format!("after #{} `{after}`", k + 1),
                    None => format!("after `{after}`"),
                },
            };
            let options: Vec<String> = c
                .options
                .iter()
                .map(|o| format!("`{}` {} / {}", o.id, tr(&o.label), tr2(&o.label)))
                .collect();
            vec![
                step,
                code(&c.id),
                asked,
                tr(&c.prompt),
                tr2(&c.prompt),
                options.join("<br>"),
            ]
        })
        .collect();
    table(
        &[
            "Step",
            "Id",
            "Asked",
            "Question",
            "Question (de)",
            "Options",
        ],
        "rlllll",
        &rows,
    )
}

/// `` `business_model` = `b2b` or `both` and `contact_volume` = `high` ``.
pub(super) fn condition(when: &Condition) -> String {
    when.iter()
        .map(|(question, options)| {
            let options: Vec<String> = options.iter().map(|o| code(o)).collect();
            format!("`{question}` = {}", options.join(" or "))
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The table of advice entries with a condition.
pub(super) fn variants(q: &Checked) -> String {
    let rows: Vec<Vec<String>> = q
        .advice
        .iter()
        .filter_map(|a| {
            let when = a.when.as_ref()?;
            Some(vec![
                code(&a.id),
                format!("`{}` · `{}` · {}", a.dimension, a.level, kind_name(a.kind)),
                condition(when),
                a.replaces
                    .as_deref()
                    .map_or_else(|| "– (added)".to_string(), code),
            ])
        })
        .enumerate()
        .map(|(i, mut row)| {
            row.insert(0, (i + 1).to_string());
            row
        })
        .collect();
    table(&["#", "Id", "Cell", "When", "Replaces"], "rllll", &rows)
}

/// A section per role profile: its targets and importance per dimension, and its KPIs.
pub(super) fn profiles(q: &Checked) -> String {
    let mut md = Md::default();
    let role_question = q
        .context_questions
        .iter()
        .find(|c| c.id == q.profiles.role_question);
    for r in &q.profiles.roles {
        let label = role_question
            .and_then(|c| c.options.iter().find(|o| o.id == r.role))
            .map(|o| format!("{} / {}", tr(&o.label), tr2(&o.label)))
            .unwrap_or_default();
        let default = if r.role == q.profiles.default_role {
            ", default"
        } else {
            ""
        };
        md.line(format!("### `{}`{default}", r.role));
        md.blank();
        if !label.is_empty() {
            md.line(format!("Role: {label}."));
            md.blank();
        }
        let rows: Vec<Vec<String>> = q
            .dimensions
            .iter()
            .map(|d| {
                vec![
                    tr(&d.title),
                    r.targets
                        .get(&d.id)
                        .map_or_else(String::new, f64::to_string),
                    r.importance
                        .get(&d.id)
                        .map_or_else(String::new, f64::to_string),
                ]
            })
            .collect();
        md.table(&["Dimension", "Target", "Importance"], "lrr", &rows);
        let rows: Vec<Vec<String>> = r
            .kpis
            .iter()
            .map(|k| {
                vec![
                    code(&k.id),
                    tr(&k.name),
                    tr2(&k.name),
                    tr(&k.why),
                    k.definition.as_ref().map_or_else(String::new, tr),
                    k.target.as_ref().map_or_else(|| "–".to_string(), tr),
                    k.when
                        .as_ref()
                        .map_or_else(|| "always".to_string(), condition),
                ]
            })
            .collect();
        md.table(
            &[
                "KPI id",
                "KPI",
                "KPI (de)",
                "Why it matters",
                "Definition",
                "Starting target",
                "Shown when",
            ],
            "lllllll",
            &rows,
        );
    }
    md.0.trim_end().to_string()
}

/// The table of words to read per locale, against the limit.
pub(super) fn reading_load(q: &Checked) -> String {
    let rows: Vec<Vec<String>> = q
        .locales
        .iter()
        .map(|l| {
            let load = q.reading_load(l);
            let (scored, context, total) = (load.scored, load.context, load.total());
            let status = if total <= READING_LIMIT {
                format!("within, {} to spare", thousands(READING_LIMIT - total))
            } else {
                format!("**over by {}**", thousands(total - READING_LIMIT))
            };
            vec![
                code(l),
                thousands(scored),
                thousands(context),
                thousands(total),
                thousands(READING_LIMIT),
                format!("{}%", total * 100 / READING_LIMIT),
                status,
            ]
        })
        .collect();
    table(
        &[
            "Locale",
            "Scored questions",
            "Context questions",
            "Total",
            "Limit",
            "Of limit",
            "Status",
        ],
        "lrrrrrl",
        &rows,
    )
}
