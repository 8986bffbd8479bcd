/*!
One submission and what only the browser can supply for it (a random id, the clock, the page),
as plain values; and their text forms, written by hand so that the wasm carries no time or
formatting library.
*/

use super::form::Contact;

/// The person's consent, as they saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Consent {
    /// The exact text next to the checkbox.
    pub text: String,
    /// The privacy notice linked beside it, if any.
    pub privacy_url: Option<String>,
    /// When the box was ticked, in ms since the Unix epoch.
    pub given_at_ms: f64,
}

/// The host page the widget is on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    /// `location.href`. The fragment is dropped before sending (it may hold a share code).
    pub url: String,
    /// `document.referrer`; empty means none.
    pub referrer: String,
    /// `document.title`.
    pub title: String,
}

/// One submission: everything the bodies need besides the questionnaire, answers and result.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// A UUID v4, the same for every attempt and every retry from the queue.
    pub id: String,
    /// ms since the Unix epoch.
    pub submitted_at_ms: f64,
    /// The UI locale.
    pub locale: String,
    pub contact: Contact,
    pub consent: Consent,
    pub page: Page,
}

/// A UUID v4 in its usual text form from 16 random bytes (the widget's fallback where
/// `crypto.randomUUID` is missing, as on plain-http pages).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// ms since the Unix epoch as RFC 3339 in UTC with milliseconds, the form `Date.toISOString()`
/// gives: `2026-11-23T09:05:00.000Z`. Out-of-range input is clamped to years 1970-9999.
pub fn rfc3339(ms: f64) -> String {
    const MAX: f64 = 253_402_300_799_999.0; // 9999-12-31T23:59:59.999Z
    let ms = if ms.is_finite() {
        ms.clamp(0.0, MAX) as u64
    } else {
        0
    };
    let (secs, milli) = (ms / 1000, ms % 1000);
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
    // Howard Hinnant's civil_from_days, for days since 1970-01-01 (never negative here).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{milli:03}Z")
}
