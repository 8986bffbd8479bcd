use leptos::prelude::*;
use maturity_check_engine::reasons::{focus_areas, shorten, Goal};
use maturity_check_engine::{Answer, Assessment, Checked, Plan};

use crate::check::{Check, Env};

/// Words of a question's prompt quoted in a focus area; longer prompts are cut.
const QUESTION_WORDS: usize = 6;

/// The plan's focus dimensions, each with its gap to the role's target, the answer that holds it
/// down most, and the answers that would lift it to the next stage. The engine ranks and searches
/// ([`focus_areas`]); this words it.
#[component]
pub fn FocusAreas(
    /// The name of the role the targets are for.
    role: String,
) -> impl IntoView {
    let env = expect_context::<Env>();
    let check = expect_context::<Check>();
    let plan = expect_context::<Plan>();
    let q = expect_context::<Checked>();
    let result = expect_context::<Assessment>();
    let answers = check.answers();
    let question = |qi: usize| {
        q.questions
            .get(qi)
            .map(|x| shorten(env.tr(&x.prompt), QUESTION_WORDS))
            .unwrap_or_default()
    };
    let answer_label = |qi: usize, answer: Option<Answer>| -> String {
        q.questions
            .get(qi)
            .and_then(|x| env.answer_label(x, answer))
            .unwrap_or_default()
            .to_string()
    };
    let areas = focus_areas(&q, &result, &answers, &plan)
        .into_iter()
        .map(|area| {
            let d = &q.dimensions[area.dimension];
            let numbers = [
                ("score", area.score.to_string()),
                ("target", area.target.to_string()),
                ("gap", area.gap.to_string()),
            ];
            let args: Vec<(&str, &str)> = numbers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let gap = if area.gap > 0 {
                env.fill("results.focus_gap", &args)
            } else {
                env.fill("results.focus_reached", &args)
            };
            let first = area.reasons.first().map(|r| r.question);
            let why = area.reasons.first().map(|r| {
                let text = env.fill(
                    "results.reason",
                    &[
                        ("question", &question(r.question)),
                        ("answer", &answer_label(r.question, Some(r.answer))),
                    ],
                );
                view! { <p class="mc-focus__why">{text}</p> }
            });
            // The change that gains most is named; with more than one, the sentence says how
            // many answers it takes (the dimension's details list every answer).
            let lift = area.lift.as_ref().and_then(|l| {
                let best = l.changes.first()?;
                let to = answer_label(best.question, Some(Answer::Option(best.to)));
                let change = if Some(best.question) == first {
                    env.fill("results.change_same", &[("answer", &to)])
                } else {
                    env.fill(
                        "results.change",
                        &[("answer", &to), ("question", &question(best.question))],
                    )
                };
                let count = l.changes.len().to_string();
                let level = match l.goal {
                    Goal::Level(level) => {
                        q.levels.get(level).map(|x| env.tr(&x.name)).unwrap_or("")
                    }
                    Goal::Target(_) => "",
                };
                let target = match l.goal {
                    Goal::Target(t) => t.to_string(),
                    Goal::Level(_) => String::new(),
                };
                let key = match (l.goal, l.changes.len()) {
                    (Goal::Level(_), 1) => "results.lift_level",
                    (Goal::Level(_), _) => "results.lift_level_many",
                    (Goal::Target(_), 1) => "results.lift_target",
                    (Goal::Target(_), _) => "results.lift_target_many",
                };
                let text = env.fill(
                    key,
                    &[
                        ("level", level),
                        ("target", &target),
                        ("count", &count),
                        ("change", &change),
                    ],
                );
                Some(view! { <p class="mc-focus__lift">{text}</p> })
            });
            view! {
                <li class="mc-focus__area" data-dimension=d.id.clone()>
                    <h4 class="mc-focus__title">{env.tr(&d.title).to_string()}</h4>
                    <p class="mc-focus__gap">{gap}</p>
                    {why}
                    {lift}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="mc-focus" aria-labelledby="mc-focus-title">
            <h3 class="mc-h3" id="mc-focus-title">{env.t("results.focus")}</h3>
            <p class="mc-focus__lead">{env.fill("results.focus_lead", &[("role", &role)])}</p>
            <ol class="mc-focus__list">{areas}</ol>
        </section>
    }
}
