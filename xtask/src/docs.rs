/*!
`cargo xtask docs`: writes `docs/questionnaire.md` from `questionnaire/default.json`.

The file has two parts: the format reference of a questionnaire file (hand-written in the template
`xtask/templates/questionnaire.md`, kept accurate to `engine/src/model.rs`, `validate/`,
`scoring.rs`, `flow.rs` and `plan.rs`), and the content of the default questionnaire, whose tables
and figures [`questionnaire_markdown`] generates into the template's placeholders. The prose of
the whole file is in the template. The test `questionnaire_doc_is_current` fails when the committed
file and the questionnaire or the template disagree.
*/

use std::fs;

use maturity_check_engine::flow::{self, Step};
use maturity_check_engine::model::{Condition, Questionnaire, READING_LIMIT};
use maturity_check_engine::{load, AdviceKind, Checked, Text};

use crate::{root, Result};

/// The questionnaire documented, relative to the repository root.
const SOURCE: &str = "questionnaire/default.json";
/// The generated file, relative to the repository root.
const TARGET: &str = "docs/questionnaire.md";
/// The locale the prose is written in; the questionnaire's texts are quoted in it first.
const PRIMARY: &str = "en";
/// The second locale shown beside the primary one where it helps.
const SECONDARY: &str = "de";

/// Generates the markdown for the questionnaire in `questionnaire/default.json`.
pub fn generate() -> Result<String> {
    let path = root().join(SOURCE);
    let json =
        fs::read_to_string(&path).map_err(|e| format!("could not read {}: {e}", path.display()))?;
    let q = load(&json).map_err(|e| format!("{SOURCE}: {e}"))?;
    Ok(questionnaire_markdown(&q))
}

/// `cargo xtask docs`: regenerates `docs/questionnaire.md`.
pub fn write() -> Result {
    let markdown = generate()?;
    let path = root().join(TARGET);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("could not create {}: {e}", dir.display()))?;
    }
    let unchanged = fs::read_to_string(&path).is_ok_and(|old| old == markdown);
    if unchanged {
        println!("{TARGET} is up to date");
    } else {
        fs::write(&path, &markdown)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        println!("wrote {TARGET} ({} bytes)", markdown.len());
    }
    Ok(())
}

/// The template of `docs/questionnaire.md`: the prose, with a `{{placeholder}}` for each generated
/// part ([`questionnaire_markdown`] fills them).
const TEMPLATE: &str = include_str!("../templates/questionnaire.md");

/// The whole of `docs/questionnaire.md` for `q`: [`TEMPLATE`] with its placeholders filled.
pub fn questionnaire_markdown(q: &Checked) -> String {
    let dimension_names: Vec<String> = q.dimensions.iter().map(|d| tr(&d.title)).collect();
    let level_names: Vec<String> = q.levels.iter().map(|l| tr(&l.name)).collect();
    let offered = q.questions.iter().filter(|x| x.dont_know.is_some()).count();
    let tailored = |replacing: bool| {
        q.advice
            .iter()
            .filter(|a| a.when.is_some() && a.replaces.is_some() == replacing)
            .count()
    };
    let role = q
        .context_questions
        .iter()
        .find(|c| c.id == q.profiles.role_question)
        .map_or_else(|| code(&q.profiles.role_question), |c| code(&c.id));
    let values = [
        ("source", SOURCE.to_string()),
        ("primary", PRIMARY.to_string()),
        ("secondary", SECONDARY.to_string()),
        ("facts", facts(q)),
        ("dimensions", dimensions(q)),
        ("levels", levels(q)),
        (
            "dont_know_questions",
            plural(offered, "question", "questions"),
        ),
        ("scored_questions", scored_questions(q)),
        ("role_question_code", role),
        (
            "steps",
            (q.questions.len() + q.context_questions.len()).to_string(),
        ),
        ("context_questions", context_questions(q)),
        (
            "advice_coverage",
            coverage_grid(&dimension_names, &level_names, &advice_counts(q)),
        ),
        ("replacing", tailored(true).to_string()),
        ("adding", tailored(false).to_string()),
        ("variants", variants(q)),
        ("role_question", q.profiles.role_question.clone()),
        ("default_role", q.profiles.default_role.clone()),
        ("profiles", profiles(q)),
        ("reading_limit", thousands(READING_LIMIT)),
        ("reading_load", reading_load(q)),
    ];
    fill(TEMPLATE, &values).unwrap_or_else(|e| panic!("xtask/templates/questionnaire.md: {e}"))
}

/// `template` with every `{{name}}` replaced by the value of `name` (a trailing line break of the
/// value dropped, so that a table stands in the template as its own paragraph). Fails on a
/// placeholder without a value and on a value without a placeholder.
fn fill(template: &str, values: &[(&str, String)]) -> Result<String> {
    let mut out = String::with_capacity(template.len() * 2);
    let mut used = vec![false; values.len()];
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or_else(|| {
            format!(
                "`{{{{` without `}}}}`: {}",
                &rest[start..].lines().next().unwrap_or("")
            )
        })?;
        let name = &after[..end];
        let i = values
            .iter()
            .position(|(n, _)| *n == name)
            .ok_or_else(|| format!("no value for the placeholder `{{{{{name}}}}}`"))?;
        used[i] = true;
        out.push_str(values[i].1.strip_suffix('\n').unwrap_or(&values[i].1));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    match values.iter().zip(&used).find(|(_, used)| !**used) {
        Some(((name, _), _)) => Err(format!("no placeholder `{{{{{name}}}}}` for its value")),
        None => Ok(out),
    }
}

/// A markdown document being written.
#[derive(Default)]
struct Md(String);

impl Md {
    fn line(&mut self, s: impl AsRef<str>) {
        self.0.push_str(s.as_ref());
        self.0.push('\n');
    }

    fn blank(&mut self) {
        self.0.push('\n');
    }

    /// A table; `align` has one of `l`, `r`, `c` per column.
    fn table(&mut self, header: &[&str], align: &str, rows: &[Vec<String>]) {
        self.0.push_str(&table(header, align, rows));
        self.blank();
    }
}

fn table(header: &[&str], align: &str, rows: &[Vec<String>]) -> String {
    let mut out = format!("| {} |\n|", header.join(" | "));
    for a in align.chars() {
        out.push_str(match a {
            'r' => "---:|",
            'c' => ":---:|",
            _ => "---|",
        });
    }
    out.push('\n');
    for row in rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

/// A questionnaire text in the primary locale, escaped for a table cell.
fn tr(t: &Text) -> String {
    cell_text(t.0.get(PRIMARY).map_or("", String::as_str))
}

/// A questionnaire text in the secondary locale, escaped for a table cell.
fn tr2(t: &Text) -> String {
    cell_text(t.0.get(SECONDARY).map_or("", String::as_str))
}

/// Escapes text for a markdown table cell: one line, no markup.
fn cell_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn code(s: &str) -> String {
    format!("`{s}`")
}

/// 1100 -> "1,100".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The facts under the title: id, version, title, locales and what the questionnaire holds.
fn facts(q: &Checked) -> String {
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
fn dimensions(q: &Checked) -> String {
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
fn levels(q: &Checked) -> String {
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
fn scored_questions(q: &Checked) -> String {
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
fn context_questions(q: &Checked) -> String {
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

/// Advice entries of one dimension, level and kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct KindCount {
    /// Entries without `when`.
    general: usize,
    /// Entries with `when`.
    tailored: usize,
}

/// Counts indexed `[dimension][level][kind]`, kinds in the order of [`AdviceKind::ALL`].
type Counts = Vec<Vec<[KindCount; 3]>>;

fn kind_index(kind: AdviceKind) -> usize {
    AdviceKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default()
}

fn kind_name(kind: AdviceKind) -> &'static str {
    match kind {
        AdviceKind::QuickWin => "quick win",
        AdviceKind::LongTerm => "long-term lever",
        AdviceKind::LeaveOut => "leave-out",
    }
}

/// Counts the advice of every dimension × level × kind. Works on unvalidated questionnaires.
fn advice_counts(q: &Questionnaire) -> Counts {
    let mut counts = vec![vec![[KindCount::default(); 3]; q.levels.len()]; q.dimensions.len()];
    for a in &q.advice {
        let d = q.dimensions.iter().position(|d| d.id == a.dimension);
        let l = q.levels.iter().position(|l| l.id == a.level);
        if let (Some(d), Some(l)) = (d, l) {
            let c = &mut counts[d][l][kind_index(a.kind)];
            if a.when.is_some() {
                c.tailored += 1;
            } else {
                c.general += 1;
            }
        }
    }
    counts
}

/// The coverage table and a line on gaps. A cell without a general entry shows "GAP".
fn coverage_grid(dimensions: &[String], levels: &[String], counts: &Counts) -> String {
    let mut rows = Vec::new();
    let mut totals = [KindCount::default(); 3];
    let mut gaps = Vec::new();
    for (d, dimension) in dimensions.iter().enumerate() {
        for (l, level) in levels.iter().enumerate() {
            let cell = counts
                .get(d)
                .and_then(|by_level| by_level.get(l))
                .copied()
                .unwrap_or_default();
            let mut row = vec![dimension.clone(), level.clone()];
            for (k, kind) in AdviceKind::ALL.into_iter().enumerate() {
                totals[k].general += cell[k].general;
                totals[k].tailored += cell[k].tailored;
                if cell[k].general == 0 {
                    gaps.push(format!("{dimension} × {level} × {}", kind_name(kind)));
                    row.push("**GAP**".to_string());
                } else {
                    row.push(cell[k].general.to_string());
                }
            }
            row.push(tailored_summary(&cell));
            rows.push(row);
        }
    }
    let mut total_row = vec!["**All**".to_string(), String::new()];
    total_row.extend(totals.iter().map(|t| format!("**{}**", t.general)));
    total_row.push(format!("**{}**", tailored_summary(&totals)));
    rows.push(total_row);
    let mut out = table(
        &[
            "Dimension",
            "Level",
            "Quick wins",
            "Long-term levers",
            "Leave out",
            "Tailored variants",
        ],
        "llrrrl",
        &rows,
    );
    out.push('\n');
    let cells = dimensions.len() * levels.len() * AdviceKind::ALL.len();
    if gaps.is_empty() {
        out.push_str(&format!(
            "No gaps: all {cells} cells ({} dimensions × {} levels × 3 kinds) have at least one \
             general entry.\n",
            dimensions.len(),
            levels.len()
        ));
    } else {
        out.push_str(&format!(
            "**{} of {cells} cells lack a general entry** (validation rejects such a file): {}.\n",
            gaps.len(),
            gaps.join("; ")
        ));
    }
    out
}

/// "3: 2 quick wins, 1 leave-out", or "–".
fn tailored_summary(cell: &[KindCount; 3]) -> String {
    let total: usize = cell.iter().map(|c| c.tailored).sum();
    if total == 0 {
        return "–".to_string();
    }
    let parts: Vec<String> = AdviceKind::ALL
        .into_iter()
        .zip(cell)
        .filter(|(_, c)| c.tailored > 0)
        .map(|(kind, c)| {
            let name = kind_name(kind);
            plural(c.tailored, name, &format!("{name}s"))
        })
        .collect();
    format!("{total}: {}", parts.join(", "))
}

/// `` `business_model` = `b2b` or `both` and `contact_volume` = `high` ``.
fn condition(when: &Condition) -> String {
    when.iter()
        .map(|(question, options)| {
            let options: Vec<String> = options.iter().map(|o| code(o)).collect();
            format!("`{question}` = {}", options.join(" or "))
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The table of advice entries with a condition.
fn variants(q: &Checked) -> String {
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
fn profiles(q: &Checked) -> String {
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
            .map(|k| vec![code(&k.id), tr(&k.name), tr2(&k.name), tr(&k.why)])
            .collect();
        md.table(
            &["KPI id", "KPI", "KPI (de)", "Why it matters"],
            "llll",
            &rows,
        );
    }
    md.0.trim_end().to_string()
}

/// The table of words to read per locale, against the limit.
fn reading_load(q: &Checked) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use maturity_check_engine::model::PlanSettings;
    use maturity_check_engine::validate::{is_valid_id, LEVEL_COUNT, OPTION_COUNT};

    #[test]
    fn questionnaire_doc_is_current() {
        let generated = generate().expect("the default questionnaire loads");
        let committed = fs::read_to_string(root().join(TARGET)).unwrap_or_default();
        assert!(
            generated == committed,
            "docs/questionnaire.md is out of date: run `cargo xtask docs`"
        );
    }

    fn fixture() -> Questionnaire {
        let path = root().join("engine/tests/fixtures/three-levels.json");
        let json = fs::read_to_string(path).expect("fixture is readable");
        load(&json).expect("fixture is valid").into_inner()
    }

    fn grid(q: &Questionnaire) -> String {
        let dimensions: Vec<String> = q.dimensions.iter().map(|d| d.id.clone()).collect();
        let levels: Vec<String> = q.levels.iter().map(|l| l.id.clone()).collect();
        coverage_grid(&dimensions, &levels, &advice_counts(q))
    }

    #[test]
    fn a_cell_without_general_advice_is_rendered_as_gap() {
        let mut q = fixture();
        let (d, l) = (q.dimensions[0].id.clone(), q.levels[1].id.clone());
        q.advice.retain(|a| {
            !(a.dimension == d
                && a.level == l
                && a.kind == AdviceKind::LongTerm
                && a.when.is_none())
        });
        let grid = grid(&q);
        let row = grid
            .lines()
            .find(|r| r.starts_with(&format!("| {d} | {l} |")))
            .expect("the cell's row is in the grid");
        let cells: Vec<&str> = row.split(" | ").collect();
        assert_eq!(cells[3], "**GAP**", "long-term column of {row}");
        assert_ne!(cells[2], "**GAP**", "quick wins are still covered: {row}");
        assert_eq!(grid.matches("GAP").count(), 1, "{grid}");
        assert!(
            grid.contains(&format!("1 of {} cells lack", 2 * 3 * 3)),
            "{grid}"
        );
        assert!(!grid.contains("No gaps"), "{grid}");
    }

    #[test]
    fn a_complete_questionnaire_has_no_gaps() {
        let grid = grid(&fixture());
        assert!(!grid.contains("GAP"), "{grid}");
        assert!(grid.contains("No gaps: all 18 cells"), "{grid}");
    }

    /// The hand-written format reference states these numbers; fail if the engine changes them.
    #[test]
    fn the_format_reference_matches_the_engine() {
        assert_eq!(OPTION_COUNT, 5);
        assert!(TEMPLATE.contains("**Exactly 5**"));
        assert_eq!(LEVEL_COUNT, 2..=7);
        assert!(TEMPLATE.contains("**2 to 7 levels**"));
        let plan = PlanSettings::default();
        assert_eq!((plan.focus_dimensions, plan.max_per_column), (3, 5));
        assert!(is_valid_id("a"));
        assert!(is_valid_id("0-a_b"));
        assert!(!is_valid_id("_a"));
        assert!(!is_valid_id("A"));
        assert!(is_valid_id(&"a".repeat(64)));
        assert!(!is_valid_id(&"a".repeat(65)));
    }

    #[test]
    fn the_template_is_filled_exactly() {
        let values = [("a", "one\n".to_string()), ("b", "two".to_string())];
        assert_eq!(
            fill("x {{a}} y\n{{b}}\n{{a}}", &values).as_deref(),
            Ok("x one y\ntwo\none")
        );
        assert_eq!(
            fill("{{a}} {{c}}", &values),
            Err("no value for the placeholder `{{c}}`".to_string())
        );
        assert_eq!(
            fill("{{a}}", &values),
            Err("no placeholder `{{b}}` for its value".to_string())
        );
        assert!(fill("{{a", &values).unwrap_err().contains("without"));
        // Every placeholder of the real template has its value (`questionnaire_markdown` panics
        // otherwise), and none is left in the document.
        assert!(!generate().unwrap().contains("{{"));
    }

    #[test]
    fn markdown_helpers() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1100), "1,100");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(cell_text("a | b\nc_d"), "a \\| b c\\_d");
    }
}
