/*!
A partner's text that is the same in every locale or given per locale (a call to action's label,
a lead form's consent). Its own module because both the config ([`crate::config`]) and the lead
settings ([`crate::lead::settings`]) hold one.
*/

use crate::sorted_map::TextMap;

/// A text that is the same in every locale or given per locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalText {
    Same(String),
    PerLocale(TextMap),
}

impl LocalText {
    pub fn get(&self, locale: &str) -> Option<&str> {
        match self {
            LocalText::Same(s) => Some(s),
            LocalText::PerLocale(m) => m
                .get(locale)
                .or_else(|| m.values().next())
                .map(String::as_str),
        }
    }
}
