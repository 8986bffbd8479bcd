/*!
The radar chart of the dimension scores and of the role's targets, drawn as SVG, with a legend and
a table of the same numbers and the gap between them.

The table is the chart's text alternative for everyone, not a hidden duplicate: it sits beside the
chart on wide containers and below it on narrow ones. Rings mark the level boundaries, so the chart
shows the distance to the next stage, not just a shape; the dashed line is where the role's
profile says each dimension should be.

A dimension that is not rated has no point: the shape of the scores skips its axis (joining the
neighbours), and its label is set apart. Its table row says "not rated" and why, in place of the
score and the gap; the table holds the truth for a screen reader as for everyone.
*/

use leptos::prelude::*;

use maturity_check_engine::reasons::{gap, targets};
use maturity_check_engine::{Assessment, Checked};

use crate::check::{Check, Env};

const SIZE: f64 = 320.0;
const CENTER: f64 = SIZE / 2.0;
const RADIUS: f64 = 118.0;

/// The point at `score` (0-100) on axis `i` of `n`, as "x,y".
fn point(i: usize, n: usize, score: f64) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n as f64;
    let r = RADIUS * score / 100.0;
    (CENTER + r * angle.cos(), CENTER + r * angle.sin())
}

/// The polygon through the axes that have a score (`None`: the axis is skipped).
fn polygon(n: usize, score_of: impl Fn(usize) -> Option<f64>) -> String {
    (0..n)
        .filter_map(|i| {
            let (x, y) = point(i, n, score_of(i)?);
            Some(format!("{x:.1},{y:.1}"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Radar chart and score table of the six dimensions.
#[component]
pub fn ResultRadar() -> impl IntoView {
    let env = expect_context::<Env>();
    let check = expect_context::<Check>();
    let q = expect_context::<Checked>();
    let n = q.dimensions.len();
    let result = expect_context::<Assessment>();
    let targets = check.with_answers(|a| targets(&q, a));
    let rings: Vec<f64> = q
        .levels
        .iter()
        .skip(1)
        .map(|l| l.min)
        .chain([100.0])
        .collect();
    let ring_views = rings
        .iter()
        .map(|&r| view! { <polygon class="mc-radar__ring" points=polygon(n, |_| Some(r)) /> })
        .collect_view();
    let axes = (0..n)
        .map(|i| {
            let (x, y) = point(i, n, 100.0);
            view! { <line class="mc-radar__axis" x1=CENTER.to_string() y1=CENTER.to_string() x2=format!("{x:.1}") y2=format!("{y:.1}") /> }
        })
        .collect_view();
    let labels = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (x, y) = point(i, n, 116.0);
            let anchor = if (x - CENTER).abs() < 1.0 { "middle" } else if x > CENTER { "start" } else { "end" };
            let lines = label_lines(&short_title(env.tr(&d.title)));
            // A two-line label starts half a line higher, so it stays centred on its point.
            let lift = (lines.len() > 1).then_some("-0.55em");
            let lines = lines
                .into_iter()
                .enumerate()
                .map(|(k, line)| {
                    let (x, dy) = if k == 0 { (None, lift) } else { (Some(format!("{x:.1}")), Some("1.1em")) };
                    view! { <tspan x=x dy=dy>{line}</tspan> }
                })
                .collect_view();
            let class = if result.dimensions[i].rating.is_some() {
                "mc-radar__label"
            } else {
                "mc-radar__label mc-radar__label--not-rated"
            };
            view! {
                <text class=class x=format!("{x:.1}") y=format!("{y:.1}") text-anchor=anchor dominant-baseline="middle">
                    {lines}
                </text>
            }
        })
        .collect_view();
    let exact = |i: usize| result.dimensions.get(i).and_then(|d| d.exact);
    let shape = polygon(n, exact);
    let target_shape = polygon(n, |i| {
        Some(f64::from(targets.get(i).copied().unwrap_or(100)))
    });
    let dots = (0..n)
        .filter_map(|i| {
            let (x, y) = point(i, n, exact(i)?);
            Some(view! { <circle class="mc-radar__dot" cx=format!("{x:.1}") cy=format!("{y:.1}") r="4" /> })
        })
        .collect_view();
    let rows = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let r = &result.dimensions[i];
            let target = targets.get(i).copied().unwrap_or(100);
            let (score, gap) = match r.rating {
                Some(rating) => (
                    view! { <td class="mc-num">{rating.score.to_string()}</td> }.into_any(),
                    gap(rating.score, target).to_string(),
                ),
                None => {
                    let why = env.fill(
                        "results.not_rated_why",
                        &[
                            ("unknown", &r.unknown.len().to_string()),
                            ("count", &r.questions.to_string()),
                        ],
                    );
                    (
                        view! {
                            <td class="mc-table__not-rated">
                                {env.t("results.not_rated")}
                                <span class="mc-table__why">{why}</span>
                            </td>
                        }
                        .into_any(),
                        String::from("–"),
                    )
                }
            };
            view! {
                <tr>
                    <th scope="row">{short_title(env.tr(&d.title))}</th>
                    {score}
                    <td class="mc-num">{target.to_string()}</td>
                    <td class="mc-num">{gap}</td>
                </tr>
            }
        })
        .collect_view();
    // Room for the labels beside and above or below the outer ring, not more.
    let view_box = format!("-70 0 {} {}", SIZE + 140.0, SIZE + 4.0);
    view! {
        <div class="mc-radar">
            <div class="mc-radar__figure">
            <svg class="mc-radar__chart" viewBox=view_box role="img" aria-labelledby="mc-radar-title" aria-describedby="mc-radar-desc" focusable="false">
                <title id="mc-radar-title">{env.t("results.radar")}</title>
                <desc id="mc-radar-desc">{env.t("results.radar_alt")}</desc>
                {ring_views}
                {axes}
                <polygon class="mc-radar__target" data-series="target" points=target_shape />
                <polygon class="mc-radar__shape" data-series="you" points=shape />
                {dots}
                {labels}
            </svg>
            <ul class="mc-radar__legend">
                <li><span class="mc-radar__swatch mc-radar__swatch--you" aria-hidden="true"></span>{env.t("results.legend_you")}</li>
                <li><span class="mc-radar__swatch mc-radar__swatch--target" aria-hidden="true"></span>{env.t("results.legend_target")}</li>
            </ul>
            </div>
            <table class="mc-table">
                <caption class="mc-visually-hidden">{env.t("results.radar")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{env.t("results.table_dimension")}</th>
                        <th scope="col" class="mc-num">{env.t("results.table_score")}</th>
                        <th scope="col" class="mc-num">{env.t("results.table_target")}</th>
                        <th scope="col" class="mc-num">{env.t("results.table_gap")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A chart label on one line, or on two of about equal length when it is long: on a phone the
/// chart is narrow, and a long label on the left or right would run past its edge. "&" stays
/// with the word before it.
fn label_lines(label: &str) -> Vec<String> {
    const ONE_LINE: usize = 12;
    let mut words: Vec<String> = Vec::new();
    for word in label.split(' ').filter(|w| !w.is_empty()) {
        match words.last_mut() {
            Some(last) if word == "&" => {
                last.push_str(" &");
            }
            _ => words.push(word.to_string()),
        }
    }
    let width = |ws: &[String]| {
        ws.iter().map(|w| w.chars().count()).sum::<usize>() + ws.len().saturating_sub(1)
    };
    if width(&words) <= ONE_LINE || words.len() < 2 {
        return vec![words.join(" ")];
    }
    let split = (1..words.len())
        .min_by_key(|&k| width(&words[..k]).max(width(&words[k..])))
        .unwrap_or(1);
    vec![words[..split].join(" "), words[split..].join(" ")]
}

/// The part of a dimension title before " (" or " –", to keep chart labels and tags short.
pub fn short_title(title: &str) -> String {
    title
        .split([' '])
        .take_while(|w| !w.starts_with('(') && *w != "–" && *w != "-")
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::label_lines;

    #[test]
    fn long_labels_wrap_into_two_balanced_lines_and_keep_the_ampersand() {
        assert_eq!(
            label_lines("Technology & Scaling"),
            ["Technology &", "Scaling"]
        );
        assert_eq!(label_lines("Customer Retention"), ["Customer", "Retention"]);
        assert_eq!(label_lines("Kundenbindung"), ["Kundenbindung"]);
        assert_eq!(label_lines("Vision"), ["Vision"]);
        assert_eq!(label_lines("Goals & Steering"), ["Goals &", "Steering"]);
        assert_eq!(label_lines(""), [""]);
    }
}
