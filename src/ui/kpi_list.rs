use leptos::prelude::*;
use maturity_check_engine::plan::{kpis, role_profile};
use maturity_check_engine::Checked;

use crate::check::{Check, Env};
use crate::ui::{Disclosure, HeadingLevel};

/// The KPIs to steer by in the visitor's role and business model, closed until asked for: each
/// with how it is computed, a starting target where the content gives one, and why it matters.
#[component]
pub fn KpiList(
    /// The name of the role.
    role: String,
) -> impl IntoView {
    let env = expect_context::<Env>();
    let check = expect_context::<Check>();
    let q = expect_context::<Checked>();
    let answers = check.answers();
    let (_, profile) = role_profile(&q, &answers);
    let kpis = kpis(&q, &answers)
        .into_iter()
        .filter_map(|i| profile.kpis.get(i))
        .map(|k| {
            let definition = k.definition.as_ref().map(|d| {
                view! { <span class="mc-kpi__definition">{env.tr(d).to_string()}</span> }
            });
            let target = k.target.as_ref().map(|t| {
                view! {
                    <span class="mc-kpi__target">
                        <span class="mc-kpi__label">{env.t("results.kpi_target")}</span>
                        " "
                        {env.tr(t).to_string()}
                    </span>
                }
            });
            view! {
                <li class="mc-kpi" data-kpi=k.id.clone()>
                    <strong class="mc-kpi__name">{env.tr(&k.name).to_string()}</strong>
                    {definition}
                    {target}
                    <span class="mc-kpi__why">{env.tr(&k.why).to_string()}</span>
                </li>
            }
        })
        .collect_view();
    let label = view! { {env.t("results.kpis")} }.into_any();
    view! {
        <section class="mc-section mc-kpis">
            <Disclosure id="mc-kpis-body".to_string() level=HeadingLevel::H3 label=label>
                <p>{env.fill("results.kpis_lead", &[("role", &role)])}</p>
                <ul class="mc-kpis__list">{kpis}</ul>
            </Disclosure>
        </section>
    }
}
