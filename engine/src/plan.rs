/*!
From an assessment to a plan: which dimensions to work on first, and what to do there.

The role of service (a context answer) picks a target profile. A dimension's priority is its gap to
the role's target, weighted by how much that dimension matters for the role; ties go to the more
important dimension, then to questionnaire order, so the plan is deterministic. The plan draws on
the advice of the top `focus_dimensions` at the level each has reached, tailored by the context
answers (in each cell the variants that apply come first), and fills each column round-robin so
that every focus dimension is represented before any gets a second entry.

A dimension that is not rated ([`crate::scoring`]: half or more "don't know") has no level, so no
cell of advice fits it, and advising it on a guess would mislead: "leave out a customer success
platform" is wrong advice for a team that does not know whether another team runs one. It takes no
place among the priorities and gives the plan no entry of its advice. Instead the plan lists it in
[`Plan::find_out`]: the "now" column opens with what to find out first.

The KPIs to steer by are the role profile's, tailored by the context answers the same way
([`kpis`]).
*/

use crate::model::{Advice, AdviceKind, Condition, RoleProfile};
use crate::scoring::{Answers, Assessment};
use crate::validate::Checked;

/// A dimension's place in the order of work.
#[derive(Debug, Clone, PartialEq)]
pub struct Priority {
    /// Index into `dimensions`.
    pub dimension: usize,
    /// Points still missing to the role's target (0 when it is reached).
    pub gap: f64,
    /// `gap` times the dimension's importance for the role.
    pub weight: f64,
}

/// One step of the plan, pointing at the advice entry it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEntry {
    /// Index into the questionnaire's `advice`.
    pub advice: usize,
    /// Index into `dimensions`.
    pub dimension: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Index into `profiles.roles` of the profile the plan was made for.
    pub role: usize,
    pub priorities: Vec<Priority>,
    /// Quick wins: effect within weeks.
    pub now: Vec<PlanEntry>,
    /// Levers to build up over 6-12 months.
    pub build_up: Vec<PlanEntry>,
    /// What to leave out on purpose for now.
    pub leave_out: Vec<PlanEntry>,
    /// Dimensions that are not rated, in questionnaire order: the "now" column opens with what
    /// to find out there first (the dimension's `find_out` text). Not counted in
    /// `max_per_column`: finding out comes before any of the advice.
    pub find_out: Vec<usize>,
}

impl Plan {
    pub fn column(&self, kind: AdviceKind) -> &[PlanEntry] {
        match kind {
            AdviceKind::QuickWin => &self.now,
            AdviceKind::LongTerm => &self.build_up,
            AdviceKind::LeaveOut => &self.leave_out,
        }
    }
}

/// The profile for the answered role, or the default role's when it is unanswered.
pub fn role_profile<'q>(q: &'q Checked, answers: &Answers) -> (usize, &'q RoleProfile) {
    let pr = &q.profiles;
    let role = answers
        .context_option(q, &pr.role_question)
        .unwrap_or(&pr.default_role);
    let index = pr
        .roles
        .iter()
        .position(|r| r.role == role)
        .or_else(|| pr.roles.iter().position(|r| r.role == pr.default_role))
        .unwrap_or(0);
    (index, &pr.roles[index])
}

/// Whether an advice entry's condition holds for these context answers.
pub fn applies(q: &Checked, advice: &Advice, answers: &Answers) -> bool {
    holds(q, advice.when.as_ref(), answers)
}

/// Whether a condition (`when` of advice or a KPI) holds: no condition always does; otherwise
/// every listed question must be answered with one of its listed options.
pub fn holds(q: &Checked, when: Option<&Condition>, answers: &Answers) -> bool {
    when.is_none_or(|when| {
        when.iter().all(|(question, options)| {
            answers
                .context_option(q, question)
                .is_some_and(|chosen| options.iter().any(|o| o == chosen))
        })
    })
}

/// The KPIs to show for these answers: indices into the `kpis` of the answered role's profile
/// ([`role_profile`]), in file order, those without `when` and those whose `when` holds.
///
/// A question left unanswered matches no condition, as with advice: a respondent who skips the
/// business model sees only the KPIs that fit every business model. The built-in questionnaire
/// keeps at least four of those per role.
pub fn kpis(q: &Checked, answers: &Answers) -> Vec<usize> {
    let (_, profile) = role_profile(q, answers);
    profile
        .kpis
        .iter()
        .enumerate()
        .filter(|(_, k)| holds(q, k.when.as_ref(), answers))
        .map(|(i, _)| i)
        .collect()
}

/// The advice of one cell (dimension, level, kind), tailored: first the variants that apply, in
/// file order (each one that `replaces` a general entry in that entry's stead, taking the first
/// that applies, and each one that adds to the cell), then the general entries left, in file
/// order. A variant is written for the respondent's context, so it ranks before general advice
/// and is not the first to be cut by `max_per_column`.
pub fn cell(
    q: &Checked,
    dimension: usize,
    level: usize,
    kind: AdviceKind,
    answers: &Answers,
) -> Vec<usize> {
    let d = &q.dimensions[dimension].id;
    let l = &q.levels[level].id;
    let in_cell: Vec<usize> = (0..q.advice.len())
        .filter(|&i| {
            let a = &q.advice[i];
            &a.dimension == d && &a.level == l && a.kind == kind
        })
        .collect();
    let mut variants = Vec::new();
    let mut general = Vec::new();
    for &i in &in_cell {
        let a = &q.advice[i];
        if a.when.is_none() {
            let variant = in_cell.iter().copied().find(|&v| {
                q.advice[v].replaces.as_deref() == Some(a.id.as_str())
                    && applies(q, &q.advice[v], answers)
            });
            match variant {
                Some(v) => variants.push(v),
                None => general.push(i),
            }
        } else if a.replaces.is_none() && applies(q, a, answers) {
            variants.push(i);
        }
    }
    variants.sort_unstable();
    variants.extend(general);
    variants
}

/// The rated dimensions ordered by weighted gap to the role's targets, largest first. A dimension
/// that is not rated has no gap and is left out.
pub fn priorities(q: &Checked, assessment: &Assessment, profile: &RoleProfile) -> Vec<Priority> {
    let mut out: Vec<(Priority, f64)> = assessment
        .dimensions
        .iter()
        .filter_map(|r| {
            let exact = r.exact?;
            let id = &q.dimensions[r.dimension].id;
            let target = profile.targets.get(id).copied().unwrap_or(100.0);
            let importance = profile.importance.get(id).copied().unwrap_or(1.0);
            let gap = (target - exact).max(0.0);
            Some((
                Priority {
                    dimension: r.dimension,
                    gap,
                    weight: gap * importance,
                },
                importance,
            ))
        })
        .collect();
    out.sort_by(|(a, ia), (b, ib)| {
        b.weight
            .total_cmp(&a.weight)
            .then(ib.total_cmp(ia))
            .then(a.dimension.cmp(&b.dimension))
    });
    out.into_iter().map(|(p, _)| p).collect()
}

/// The plan for these answers.
pub fn plan(q: &Checked, assessment: &Assessment, answers: &Answers) -> Plan {
    let (role, profile) = role_profile(q, answers);
    let priorities = priorities(q, assessment, profile);
    // Priorities hold rated dimensions only, so each focus dimension has a level.
    let focus: Vec<(usize, usize)> = priorities
        .iter()
        .filter_map(|p| {
            Some((
                p.dimension,
                assessment.dimensions.get(p.dimension)?.rating?.level,
            ))
        })
        .take(q.plan.focus_dimensions)
        .collect();
    let column = |kind: AdviceKind| -> Vec<PlanEntry> {
        let cells: Vec<Vec<usize>> = focus
            .iter()
            .map(|&(d, level)| cell(q, d, level, kind, answers))
            .collect();
        let longest = cells.iter().map(Vec::len).max().unwrap_or(0);
        let mut entries = Vec::new();
        for round in 0..longest {
            for (&(d, _), c) in focus.iter().zip(&cells) {
                if let Some(&advice) = c.get(round) {
                    entries.push(PlanEntry {
                        advice,
                        dimension: d,
                    });
                }
            }
        }
        entries.truncate(q.plan.max_per_column);
        entries
    };
    Plan {
        role,
        now: column(AdviceKind::QuickWin),
        build_up: column(AdviceKind::LongTerm),
        leave_out: column(AdviceKind::LeaveOut),
        priorities,
        find_out: assessment.not_rated(),
    }
}
