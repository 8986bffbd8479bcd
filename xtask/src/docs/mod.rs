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

use maturity_check_engine::model::READING_LIMIT;
use maturity_check_engine::{load, Checked, Text};

use crate::{root, Result};

mod coverage;
mod sections;

use coverage::{advice_counts, coverage_grid};
use sections::*;

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
const TEMPLATE: &str = include_str!("../../templates/questionnaire.md");

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

/// 1100 -> "1,100" (the docs' numbers are counts, read as `usize`).
fn thousands(n: usize) -> String {
    crate::size::thousands(n as u64)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use maturity_check_engine::model::{PlanSettings, Questionnaire};
    use maturity_check_engine::validate::{is_valid_id, LEVEL_COUNT, OPTION_COUNT};
    use maturity_check_engine::AdviceKind;

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
