//! The advice coverage grid: general entries per dimension, level and kind, and the gaps.

use maturity_check_engine::model::Questionnaire;
use maturity_check_engine::AdviceKind;

use super::{plural, table};

/// Advice entries of one dimension, level and kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct KindCount {
    /// Entries without `when`.
    general: usize,
    /// Entries with `when`.
    tailored: usize,
}

/// Counts indexed `[dimension][level][kind]`, kinds in the order of [`AdviceKind::ALL`].
pub(super) type Counts = Vec<Vec<[KindCount; 3]>>;

fn kind_index(kind: AdviceKind) -> usize {
    AdviceKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default()
}

pub(super) fn kind_name(kind: AdviceKind) -> &'static str {
    match kind {
        AdviceKind::QuickWin => "quick win",
        AdviceKind::LongTerm => "long-term lever",
        AdviceKind::LeaveOut => "leave-out",
    }
}

/// Counts the advice of every dimension × level × kind. Works on unvalidated questionnaires.
pub(super) fn advice_counts(q: &Questionnaire) -> Counts {
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
pub(super) fn coverage_grid(dimensions: &[String], levels: &[String], counts: &Counts) -> String {
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
