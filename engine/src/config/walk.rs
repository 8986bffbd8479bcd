/*!
The walk over a config, by hand rather than with serde, so that every problem carries its JSON
path, unknown keys become warnings that name the nearest valid key (a typo must not silently
switch a feature off), and all problems come out in one pass. This file holds the walk itself and
the checks of single values; the sections are walked in [`super::sections`], [`super::theme`] and
[`super::lead_walk`].
*/

use super::types::{ConfigReport, WidgetConfig};
use crate::json::{Json as Value, Object};
use crate::local_text::LocalText;
use crate::problem::{quoted, Problem};
use crate::sorted_map::TextMap;
use crate::syntax::{is_safe_url, parse_hex};

/// The nearest of `candidates` to `key`, if it is near enough to be a likely typo.
///
/// Optimal string alignment distance: edits plus swaps of neighbouring letters, the typos people
/// make. (Unrestricted Damerau-Levenshtein would also count swaps across other edits, needs a hash
/// map per call, and so brings hashing code into the widget's first view for no better hints.)
pub fn nearest<'a>(key: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::osa_distance(&key.to_ascii_lowercase(), c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The walk over a config. `LOUD` says whether it words its problems: the widget's first view
/// walks quietly ([`read_value`]), so that none of the messages, the typo hints and the code that
/// writes them is part of it; only a config with problems is walked again, loudly, by code that
/// is downloaded then. Both walks are this one code, so they always agree.
#[derive(Default)]
pub(super) struct Walk<const LOUD: bool> {
    pub(super) errors: Vec<Problem>,
    pub(super) warnings: Vec<Problem>,
}

impl<const LOUD: bool> Walk<LOUD> {
    /// Records an error; `problem` gives its path and message, and is called only when loud.
    pub(super) fn error<P: Into<String>, M: Into<String>>(
        &mut self,
        problem: impl FnOnce() -> (P, M),
    ) {
        let p = Self::word(problem);
        self.errors.push(p);
    }
    /// Records a warning, as [`Walk::error`] does.
    pub(super) fn warn<P: Into<String>, M: Into<String>>(
        &mut self,
        problem: impl FnOnce() -> (P, M),
    ) {
        let p = Self::word(problem);
        self.warnings.push(p);
    }
    pub(super) fn word<P: Into<String>, M: Into<String>>(
        problem: impl FnOnce() -> (P, M),
    ) -> Problem {
        if LOUD {
            let (path, message) = problem();
            Problem::new(path, message)
        } else {
            Problem::new(String::new(), String::new())
        }
    }

    pub(super) fn finish(self, config: Option<WidgetConfig>) -> ConfigReport {
        let config = if self.errors.is_empty() { config } else { None };
        ConfigReport {
            config,
            errors: self.errors,
            warnings: self.warnings,
        }
    }

    /// The object at `path`, with unknown keys warned about.
    pub(super) fn object<'v>(
        &mut self,
        path: &str,
        v: &'v Value,
        known: &[&str],
    ) -> Option<&'v Object> {
        let Some(map) = v.as_object() else {
            self.error(|| (path, format!("expected an object, found {}", kind(v))));
            return None;
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.warn(|| {
                    let hint = match nearest(key, known) {
                        Some(n) => format!("; did you mean \"{n}\"?"),
                        None => format!("; valid keys are {}", quoted(known)),
                    };
                    (
                        format!("{path}.{key}"),
                        format!("unknown key \"{key}\" is ignored{hint}"),
                    )
                });
            }
        }
        Some(map)
    }

    pub(super) fn string(&mut self, path: &str, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                self.error(|| (path, format!("expected a string, found {}", kind(other))));
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, path: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                self.error(|| {
                    (
                        path,
                        format!("expected true or false, found {}", kind(other)),
                    )
                });
                None
            }
        }
    }

    pub(super) fn colour(&mut self, path: &str, v: &Value) -> Option<String> {
        let s = self.string(path, v)?;
        if parse_hex(&s).is_some() {
            Some(s.to_ascii_lowercase())
        } else {
            self.error(|| {
                (
                    path,
                    format!("\"{s}\" is not a colour: use hex such as \"#0b5fff\" or \"#fff\""),
                )
            });
            None
        }
    }

    pub(super) fn url(&mut self, path: &str, v: &Value, allow_contact: bool) -> Option<String> {
        let s = self.string(path, v)?;
        if is_safe_url(&s, allow_contact) {
            Some(s)
        } else {
            let allowed = if allow_contact {
                "http(s), mailto:, tel: or a relative URL"
            } else {
                "an http(s) or relative URL"
            };
            self.error(|| {
                (
                    path,
                    format!("\"{}\" is not allowed here: use {allowed}", truncate(&s)),
                )
            });
            None
        }
    }
}

impl<const LOUD: bool> Walk<LOUD> {
    /// A text that is one string for every locale or an object of locale to string.
    pub(super) fn local_text(&mut self, path: &str, v: &Value) -> Option<LocalText> {
        match v {
            Value::String(s) => Some(LocalText::Same(s.clone())),
            Value::Object(per) => {
                let mut texts = TextMap::new();
                for (l, t) in per {
                    if let Some(s) = self.string(&format!("{path}.{l}"), t) {
                        texts.insert(l.clone(), s);
                    }
                }
                Some(LocalText::PerLocale(texts))
            }
            other => {
                self.error(|| {
                    (
                        path,
                        format!(
                            "expected a string or an object of locale to string, found {}",
                            kind(other)
                        ),
                    )
                });
                None
            }
        }
    }

    /// A whole number in `range`.
    pub(super) fn integer(
        &mut self,
        path: &str,
        v: &Value,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                self.error(|| {
                    (
                        path,
                        format!(
                            "{} is not valid: use a whole number from {} to {}",
                            shown(v),
                            range.start(),
                            range.end()
                        ),
                    )
                });
                None
            }
        }
    }

    /// One of `allowed`, by its name.
    pub(super) fn choice<T: Copy>(
        &mut self,
        path: &str,
        v: &Value,
        allowed: &[(&str, T)],
    ) -> Option<T> {
        let s = self.string(path, v)?;
        let found = allowed.iter().find(|(name, _)| *name == s).map(|(_, t)| *t);
        if found.is_none() {
            let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
            self.error(|| {
                (
                    path,
                    format!(
                        "\"{}\" is not valid: use one of {}",
                        truncate(&s),
                        quoted(&names)
                    ),
                )
            });
        }
        found
    }
}

pub(super) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value as a message names it: whole numbers and short strings as they are, anything else by
/// its kind. Not `Value`'s `Display`, which would bring a JSON writer (with float printing) into
/// the widget's first view for two messages.
pub(super) fn shown(v: &Value) -> String {
    match v {
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (_, Some(u)) => u.to_string(),
            // One decimal is written as it is; longer fractions are not worth a float printer.
            _ => match n.as_f64() {
                Some(x) if (x * 10.0).fract() == 0.0 && x.abs() < 1e9 => tenths(x),
                _ => "a number with a fraction".to_string(),
            },
        },
        Value::String(s) => format!("\"{}\"", truncate(s)),
        other => kind(other).to_string(),
    }
}

pub(super) fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

/// `x` (0 or more) to one decimal, without a trailing ".0": `12`, `12.5`. Written out by hand so
/// that the wasm carries no float formatting.
pub fn tenths(x: f64) -> String {
    let t = (x.max(0.0) * 10.0).round() as u64;
    match t % 10 {
        0 => (t / 10).to_string(),
        d => format!("{}.{d}", t / 10),
    }
}
