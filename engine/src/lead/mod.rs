/*!
Lead capture, everything about it that needs no browser: what the form asks and how its input is
checked ([`settings`], [`form`]), the two request bodies, our documented JSON and HubSpot's Forms
API ([`body`], for a [`submission`]), the UTM parameters of the host page ([`mod@utm`]), what is
remembered once a lead is sent ([`mark`]), how a delivery attempt is judged and retried
([`delivery`]) and the outbox kept in localStorage ([`queue`]).

The widget supplies what only a browser has (a random UUID, the clock, the page URL) as plain
values, so every byte of a request can be checked here in native tests. Docs: `docs/leads.md`.
*/

pub mod body;
pub mod delivery;
pub mod form;
pub mod mark;
pub mod queue;
pub mod settings;
pub mod submission;
pub mod utm;

pub use crate::syntax::is_uuid;
pub use body::{
    answer_list, hubspot_body, hubspot_url, json_body, request, result_json, Format, Request,
    BODY_FORMAT,
};
pub use form::{check_contact, decide, is_email, is_phone, Contact, Decision, FieldIssue};
pub use mark::SentMark;
pub use settings::{
    Field, Fields, HubSpot, LeadConfig, LeadGate, LeadTarget, Need, DEFAULT_HUBSPOT_API,
    DEFAULT_LEAD_RETRIES, DEFAULT_LEAD_TIMEOUT_MS,
};
pub use submission::{rfc3339, uuid_v4, Consent, Page, Submission};
pub use utm::{utm, Utm};
