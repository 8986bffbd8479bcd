/*!
The lead form's input and its checks: what a person typed, why a value is refused, and what the
form does with a submission. All checks run at once, so the form shows every problem together.
*/

use super::settings::{Field, Fields, Need};

/// What a person typed into the form, one value per [`Field`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact([String; 5]);

impl Contact {
    pub fn get(&self, field: Field) -> &str {
        &self.0[field.index()]
    }

    pub fn set(&mut self, field: Field, value: impl Into<String>) {
        self.0[field.index()] = value.into();
    }

    pub fn with(mut self, field: Field, value: impl Into<String>) -> Self {
        self.set(field, value);
        self
    }

    /// The value to send: trimmed, `None` when empty or when the form does not ask for it.
    pub fn value(&self, fields: &Fields, field: Field) -> Option<&str> {
        let v = self.get(field).trim();
        (fields.need(field) != Need::Off && !v.is_empty()).then_some(v)
    }
}

/// Why a field's value is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldIssue {
    /// A required field is empty.
    Missing,
    NotAnEmail,
    /// Holds characters a phone number does not have, or too few digits.
    NotAPhone,
    /// Longer than [`Field::max_len`].
    TooLong,
}

/// What the form should do with a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Everything is in order: send it.
    Send,
    /// Show these problems; send nothing.
    Fix {
        fields: Vec<(Field, FieldIssue)>,
        /// The consent box is not ticked.
        consent_missing: bool,
    },
    /// The honeypot field has a value, so a bot filled the form: send nothing, and tell the bot
    /// nothing either.
    Bot,
}

/// Decides on a submission: the honeypot first, then every field and the consent, all at once.
pub fn decide(fields: &Fields, contact: &Contact, consent: bool, honeypot: &str) -> Decision {
    if !honeypot.trim().is_empty() {
        return Decision::Bot;
    }
    let issues = check_contact(fields, contact);
    if issues.is_empty() && consent {
        Decision::Send
    } else {
        Decision::Fix {
            fields: issues,
            consent_missing: !consent,
        }
    }
}

/// Every problem with `contact`, in form order, at most one per field.
pub fn check_contact(fields: &Fields, contact: &Contact) -> Vec<(Field, FieldIssue)> {
    fields
        .shown()
        .filter_map(|(field, need)| {
            let v = contact.get(field).trim();
            let issue = if v.is_empty() {
                (need == Need::Required).then_some(FieldIssue::Missing)?
            } else if v.chars().count() > field.max_len() {
                FieldIssue::TooLong
            } else if field == Field::Email && !is_email(v) {
                FieldIssue::NotAnEmail
            } else if field == Field::Phone && !is_phone(v) {
                FieldIssue::NotAPhone
            } else {
                return None;
            };
            Some((field, issue))
        })
        .collect()
}

/// Whether `s` looks like an email address a person could receive mail at: one `@`, a local part
/// without spaces, and a domain of dot-separated labels ending in a top-level domain of two or
/// more letters. Deliberately no more than that: the only real check is sending a mail.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let plain = |c: char| !c.is_whitespace() && !c.is_control() && !"<>()[]\\,;:\"@".contains(c);
    if local.is_empty() || local.len() > 64 || s.len() > 254 || !local.chars().all(plain) {
        return false;
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels.iter().all(label_ok)
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
}

/// Whether `s` could be a phone number: digits with the usual separators, at least five digits.
pub fn is_phone(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || " +-()/.".contains(c))
        && s.chars().filter(char::is_ascii_digit).count() >= 5
}
