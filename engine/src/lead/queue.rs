/*!
The outbox: leads their receiver has not accepted yet, kept in localStorage.

A lead goes in *before* its first attempt and comes out when the receiver accepts or refuses it, so
neither a dead connection nor a closed tab loses it: whatever is still inside is sent again when
the browser is back online or a widget next loads on the site, always with its original
submission id, which lets the receiver drop duplicates.

Stored under [`STORAGE_KEY`] as `{"format": 1, "leads": [entry, ...]}`; an entry holds the request
exactly as first built (see [`Entry`]). Reading accepts any text: the result is a queue or a typed
error, and entries that do not check out are dropped and counted, never guessed at.
*/

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::body::Format;
use crate::syntax::{is_safe_url, is_uuid};

/// One localStorage key per site for every widget and questionnaire: a lead is sent wherever the
/// next widget loads.
pub const STORAGE_KEY: &str = "maturity-check:leads";
const FORMAT: u32 = 1;
/// More than this many unsent leads means something is badly wrong; the next one is refused (and
/// the person told it could not be sent) rather than pushing out an older one.
pub const MAX_ENTRIES: usize = 50;
/// Leads older than this are dropped unsent: contact details should not sit in a browser forever.
pub const MAX_AGE_MS: f64 = 30.0 * 24.0 * 3600.0 * 1000.0;

/// A queued lead: the request as first built, so every retry sends the same bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub submission_id: String,
    pub format: Format,
    /// Absolute http(s) URL.
    pub url: String,
    pub body: Value,
    /// When the person submitted it, ms since the Unix epoch.
    pub created_at: f64,
    pub timeout_ms: u32,
    pub retries: u32,
}

impl Entry {
    fn check(&self) -> bool {
        let url = self.url.to_ascii_lowercase();
        is_uuid(&self.submission_id)
            && (url.starts_with("https://") || url.starts_with("http://"))
            && is_safe_url(&self.url, false)
            && self.body.is_object()
            && self.created_at.is_finite()
            && (1..=120_000).contains(&self.timeout_ms)
            && self.retries <= 20
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    format: u32,
    leads: Vec<Value>,
}

/// Why stored text is not a queue at all.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueueError {
    /// Not the JSON this widget writes.
    Corrupt(String),
    /// Written by another format version of the widget.
    UnknownFormat(u32),
}

impl fmt::Display for QueueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueueError::Corrupt(e) => write!(f, "the queue of unsent leads is not readable: {e}"),
            QueueError::UnknownFormat(v) => write!(
                f,
                "the queue of unsent leads has format {v}, which this version cannot read"
            ),
        }
    }
}

impl std::error::Error for QueueError {}

/// The queue is full ([`MAX_ENTRIES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

/// Unsent leads, oldest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Queue {
    entries: Vec<Entry>,
}

/// A queue read from storage, and how many unreadable entries were dropped from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub queue: Queue,
    pub discarded: usize,
}

impl Queue {
    /// Reads stored text. Any input gives a queue or a typed error, never a panic.
    pub fn parse(text: &str) -> Result<Loaded, QueueError> {
        let stored: Stored = serde_json::from_str(text)
            .map_err(|e| QueueError::Corrupt(crate::problem::json_error(&e)))?;
        if stored.format != FORMAT {
            return Err(QueueError::UnknownFormat(stored.format));
        }
        let total = stored.leads.len();
        let mut queue = Queue::default();
        for v in stored.leads {
            if let Ok(e) = serde_json::from_value::<Entry>(v) {
                if e.check() && queue.get(&e.submission_id).is_none() {
                    queue.entries.push(e);
                }
            }
        }
        queue.entries.truncate(MAX_ENTRIES);
        let discarded = total - queue.entries.len();
        Ok(Loaded { queue, discarded })
    }

    /// The text to store.
    pub fn to_text(&self) -> String {
        let stored = Stored {
            format: FORMAT,
            leads: self
                .entries
                .iter()
                .filter_map(|e| serde_json::to_value(e).ok())
                .collect(),
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, submission_id: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.submission_id == submission_id)
    }

    /// Adds `entry`, or replaces the entry with the same submission id.
    pub fn put(&mut self, entry: Entry) -> Result<(), Full> {
        if let Some(slot) = self
            .entries
            .iter_mut()
            .find(|e| e.submission_id == entry.submission_id)
        {
            *slot = entry;
            return Ok(());
        }
        if self.entries.len() >= MAX_ENTRIES {
            return Err(Full);
        }
        self.entries.push(entry);
        Ok(())
    }

    pub fn remove(&mut self, submission_id: &str) -> Option<Entry> {
        let i = self
            .entries
            .iter()
            .position(|e| e.submission_id == submission_id)?;
        Some(self.entries.remove(i))
    }

    /// Removes and returns the entries older than [`MAX_AGE_MS`] at `now_ms`.
    pub fn expire(&mut self, now_ms: f64) -> Vec<Entry> {
        let (old, keep) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|e| now_ms - e.created_at > MAX_AGE_MS);
        self.entries = keep;
        old
    }
}
