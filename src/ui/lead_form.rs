use leptos::prelude::*;
use maturity_check_engine::config::LeadGate;
use maturity_check_engine::lead::{decide, Decision, Field, FieldIssue, Fields, Need};
use wasm_bindgen::JsCast;

use crate::check::{Check, Env};
use crate::lead::{Lead, Status};

/// Where a [`LeadForm`] stands; each one shows only where the config's `gate` puts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadSpot {
    /// A screen of its own in place of the results (`before_results`).
    Gate,
    /// Right after the result summary (`after_results`).
    AfterSummary,
    /// In the results after the call to action (`none`; and the status after a `before_results`
    /// gate has opened).
    InResults,
}

impl LeadSpot {
    fn shows(self, gate: LeadGate) -> bool {
        matches!(
            (self, gate),
            (LeadSpot::Gate, LeadGate::BeforeResults)
                | (LeadSpot::AfterSummary, LeadGate::AfterResults)
                | (
                    LeadSpot::InResults,
                    LeadGate::None | LeadGate::BeforeResults
                )
        )
    }
}

/// The lead form: the configured contact fields, the consent box with the privacy link, a
/// honeypot, and a live status line (sending, sent, queued, could not be sent). What was typed
/// lives in [`Lead`], so it survives a failed attempt and a change of screen.
#[component]
pub fn LeadForm(
    /// Where this instance stands.
    spot: LeadSpot,
) -> impl IntoView {
    let env = expect_context::<Env>();
    let Some(config) = env.config.lead.clone().filter(|c| spot.shows(c.gate)) else {
        return ().into_any();
    };
    let lead = expect_context::<Lead>();
    let status_line = NodeRef::<leptos::html::P>::new();
    let heading = NodeRef::<leptos::html::H2>::new();
    // Once the form has gone (sent or queued), focus would drop to nowhere: put it on the news.
    Effect::new(move |was_done: Option<bool>| {
        let done = lead.done();
        if was_done == Some(false) && done {
            // In the next frame: the form is removed by a render effect, which may run after this.
            request_animation_frame(move || {
                if focus_is_lost(status_line) {
                    if let Some(p) = status_line.get_untracked() {
                        let _ = p.focus();
                    }
                }
            });
        }
        done
    });
    // Sent and queued belong to the result they were sent with; after changed answers they are
    // old news and the form is back.
    let shown = Memo::new(move |_| match lead.status() {
        s @ (Status::Sent | Status::Queued) if lead.done() => s,
        s @ (Status::Sending | Status::Refused(_) | Status::Unsendable) => s,
        _ => Status::Idle,
    });
    let kind = move || match shown.get() {
        Status::Idle => "idle",
        Status::Sending => "sending",
        Status::Sent => "sent",
        Status::Queued => "queued",
        Status::Refused(_) | Status::Unsendable => "failed",
    };
    let env_status = env.clone();
    let text = move || match shown.get() {
        Status::Idle => String::new(),
        Status::Sending => env_status.t("lead.sending"),
        Status::Sent => env_status.t("lead.sent"),
        Status::Queued => env_status.t("lead.queued"),
        Status::Refused(code) => env_status.fill("lead.failed", &[("status", &code.to_string())]),
        Status::Unsendable => env_status.t("lead.failed_offline"),
    };
    // One live region for the widget's life: screen readers announce changes to it, not new ones.
    let status = view! {
        <p class="mc-status mc-leadform__status" data-status=kind role="status" tabindex="-1" node_ref=status_line>{text}</p>
    };
    let fields = config.fields;
    let form = move || (!lead.done()).then(|| view! { <LeadFields fields=fields /> });
    if spot == LeadSpot::Gate {
        let check = expect_context::<Check>();
        Effect::new(move |_| {
            if let Some(h) = heading.get() {
                if check.moved_by_user() {
                    // In the next frame: a screen from a chunk is attached only after it is built.
                    request_animation_frame(move || {
                        let _ = h.focus();
                    });
                }
            }
        });
        view! {
            <section class="mc-screen mc-leadform mc-leadform--gate" aria-labelledby="mc-lead-title">
                <p class="mc-eyebrow">{env.t("results.eyebrow")}</p>
                <h2 id="mc-lead-title" class="mc-title" tabindex="-1" node_ref=heading>{env.t("lead.gate_title")}</h2>
                <p class="mc-lead">{env.t("lead.gate_lead")}</p>
                {form}
                {status}
            </section>
        }
        .into_any()
    } else {
        let (title, intro) = if spot == LeadSpot::AfterSummary {
            (env.t("lead.unlock_title"), env.t("lead.unlock_lead"))
        } else {
            (env.t("lead.title"), env.t("lead.lead"))
        };
        view! {
            <section class="mc-section mc-leadform mc-noprint" aria-labelledby="mc-lead-title">
                <h3 class="mc-h3" id="mc-lead-title">{title}</h3>
                <p>{intro}</p>
                {form}
                {status}
            </section>
        }
        .into_any()
    }
}

/// Whether focus is on nothing in particular (the form that had it is gone).
fn focus_is_lost(anchor: NodeRef<leptos::html::P>) -> bool {
    let Some(p) = anchor.get_untracked() else {
        return false;
    };
    let root = p.get_root_node();
    let active = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .filter(|a| a.tag_name() != "BODY"),
    };
    active.is_none()
}

/// The `<form>` itself.
#[component]
fn LeadFields(
    /// Which fields to ask for.
    fields: Fields,
) -> impl IntoView {
    let env = expect_context::<Env>();
    let check = expect_context::<Check>();
    let lead = expect_context::<Lead>();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // Problems show after the first send and then follow the input as it is corrected.
    let tried = RwSignal::new(false);
    let decision = Memo::new(move |_| {
        lead.with_draft(true, |c| {
            decide(
                &fields,
                c,
                lead.consented(true),
                "", // the honeypot never shows a problem
            )
        })
    });
    let issue_of = move |field: Field| {
        if !tried.get() {
            return None;
        }
        decision.with(|d| match d {
            Decision::Fix { fields, .. } => {
                fields.iter().find(|(f, _)| *f == field).map(|(_, i)| *i)
            }
            _ => None,
        })
    };
    let consent_missing = move || {
        tried.get()
            && decision.with(|d| {
                matches!(
                    d,
                    Decision::Fix {
                        consent_missing: true,
                        ..
                    }
                )
            })
    };

    let inputs = fields
        .shown()
        .map(|(field, need)| {
            let env = expect_context::<Env>();
            let key = field.key();
            let id = format!("mc-lead-{key}");
            let error_id = format!("{id}-error");
            let described = {
                let error_id = error_id.clone();
                move || issue_of(field).map(|_| error_id.clone())
            };
            let invalid = move || issue_of(field).is_some().then_some("true");
            let message = move || {
                let env = expect_context::<Env>();
                issue_of(field).map(|issue| match issue {
                    FieldIssue::Missing => env.t("lead.error_missing"),
                    FieldIssue::NotAnEmail => env.t("lead.error_email"),
                    FieldIssue::NotAPhone => env.t("lead.error_phone"),
                    _ => env.fill(
                        "lead.error_too_long",
                        &[("max", &field.max_len().to_string())],
                    ),
                })
            };
            let initial = lead.with_draft(false, |c| c.get(field).to_string());
            let on_input = move |ev| {
                let value = event_target_value(&ev);
                lead.set_field(field, value);
            };
            let required = need == Need::Required;
            let (kind, autocomplete) = match field {
                Field::Name => ("text", "name"),
                Field::Email => ("email", "email"),
                Field::Company => ("text", "organization"),
                Field::Phone => ("tel", "tel"),
                Field::Message => ("text", "off"),
            };
            let control = if field == Field::Message {
                view! {
                    <textarea id=id.clone() name=key class="mc-input mc-input--area" rows="4"
                        required=required aria-invalid=invalid aria-describedby=described
                        prop:value=initial on:input=on_input></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input id=id.clone() name=key type=kind class="mc-input" autocomplete=autocomplete
                        required=required aria-invalid=invalid aria-describedby=described
                        prop:value=initial on:input=on_input />
                }
                .into_any()
            };
            view! {
                <div class="mc-field">
                    <label class="mc-field__label" for=id>
                        {env.t(&format!("lead.{key}"))}
                        {required.then(|| view! { <span class="mc-field__req">" (" {env.t("lead.required")} ")"</span> })}
                    </label>
                    {control}
                    <p class="mc-field__error" id=error_id>{message}</p>
                </div>
            }
        })
        .collect_view();

    let consent_text = crate::lead::consent_text(&env);
    let privacy = env.config.privacy_url.clone().map(|url| {
        view! {
            <a class="mc-consent__privacy" href=url target="_blank" rel="noopener">{env.t("lead.privacy")}</a>
        }
    });
    let on_consent = move |ev| {
        let ticked = event_target_checked(&ev);
        lead.set_consent(ticked);
    };
    let on_honeypot = move |ev| lead.set_honeypot(event_target_value(&ev));
    let sending = move || lead.status() == Status::Sending;
    let env_submit = env.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if lead.is_sending() {
            return;
        }
        let verdict = lead.with_draft(false, |c| {
            decide(&fields, c, lead.consented(false), &lead.honeypot())
        });
        match verdict {
            Decision::Send => lead.submit(&env_submit, &check),
            Decision::Bot => lead.pretend_sent(&check),
            Decision::Fix {
                fields: issues,
                consent_missing,
            } => {
                tried.set(true);
                let first = issues
                    .first()
                    .map(|(f, _)| format!("#mc-lead-{}", f.key()))
                    .or_else(|| consent_missing.then(|| "#mc-lead-consent".to_string()));
                if let (Some(selector), Some(form)) = (first, form_ref.get_untracked()) {
                    if let Some(el) = form
                        .query_selector(&selector)
                        .ok()
                        .flatten()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = el.focus();
                    }
                }
            }
        }
    };

    view! {
        <form class="mc-leadform__form" novalidate node_ref=form_ref on:submit=on_submit>
            {inputs}
            // A field people never see and bots fill in: anything in it means nothing is sent.
            <div class="mc-leadform__hp" aria-hidden="true">
                <label for="mc-lead-website">{env.t("lead.honeypot")}</label>
                <input id="mc-lead-website" name="website" type="text" tabindex="-1" autocomplete="off"
                    prop:value=lead.honeypot() on:input=on_honeypot />
            </div>
            <div class="mc-consent">
                <input id="mc-lead-consent" type="checkbox" class="mc-consent__box" required=true
                    prop:checked=lead.consented(false)
                    aria-invalid=move || consent_missing().then_some("true")
                    aria-describedby=move || consent_missing().then_some("mc-lead-consent-error")
                    on:change=on_consent />
                <label class="mc-consent__text" for="mc-lead-consent">{consent_text}</label>
                {privacy}
                <p class="mc-field__error mc-consent__error" id="mc-lead-consent-error">
                    {move || consent_missing().then(|| expect_context::<Env>().t("lead.error_consent"))}
                </p>
            </div>
            <div class="mc-actions">
                // aria-disabled, not disabled: a disabled button would drop the focus.
                <button type="submit" class="mc-button mc-button--primary" aria-disabled=move || sending().then_some("true")>
                    {env.t("lead.submit")}
                </button>
            </div>
        </form>
    }
}
