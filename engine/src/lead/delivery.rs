/*!
Judging a delivery attempt and spacing the retries.

A [`Delivery`] is the retry loop as a state machine: the widget makes an attempt, tells
[`Delivery::after`] what happened, and gets back what to do next (done, wait this long and try
again, or give up and queue). Randomness comes in as a number in `[0, 1)`, so the schedule is
deterministic under test.
*/

/// What one attempt came back with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// An HTTP response with this status.
    Status(u16),
    /// No response: offline, refused, DNS, or a CORS failure (which the browser does not tell
    /// apart from the others).
    NetworkError,
    /// No response within the configured timeout; the request was aborted.
    Timeout,
}

/// How an attempt counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted (2xx).
    Sent,
    /// Might work later: no response, a timeout, 408, 429 or 5xx.
    Retry,
    /// Will not work by repeating it: any other status.
    Reject,
}

/// The verdict on an attempt.
pub fn classify(attempt: Attempt) -> Verdict {
    match attempt {
        Attempt::Status(200..=299) => Verdict::Sent,
        Attempt::Status(408 | 429 | 500..=599) => Verdict::Retry,
        // Status 0 is what an opaque or failed fetch reports: no real answer from the receiver.
        Attempt::Status(0) | Attempt::NetworkError | Attempt::Timeout => Verdict::Retry,
        Attempt::Status(_) => Verdict::Reject,
    }
}

/// The first retry waits 0.5-1 s; each further one doubles that.
pub const BASE_DELAY_MS: u32 = 1_000;
/// No wait exceeds this, however many retries or whatever `Retry-After` says.
pub const MAX_DELAY_MS: u32 = 30_000;

/// The wait before retry number `retry` (0 = the first retry): exponential backoff with "equal
/// jitter", i.e. between half and all of `BASE_DELAY_MS * 2^retry`, capped at `MAX_DELAY_MS`.
/// `random` is in `[0, 1)`; anything else is clamped.
pub fn backoff_ms(retry: u32, random: f64) -> u32 {
    let ceiling = BASE_DELAY_MS
        .saturating_mul(1 << retry.min(16))
        .min(MAX_DELAY_MS);
    let r = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let half = ceiling / 2;
    half + (f64::from(ceiling - half) * r) as u32
}

/// A `Retry-After` header in its seconds form, in ms, capped at `MAX_DELAY_MS`. The HTTP-date
/// form and anything unreadable give `None` (the backoff alone applies).
pub fn retry_after_ms(header: &str) -> Option<u32> {
    let secs: u32 = header.trim().parse().ok()?;
    Some(secs.saturating_mul(1000).min(MAX_DELAY_MS))
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Accepted: remove it from the queue, tell the person it is sent.
    Sent,
    /// Refused with this status: do not repeat it; tell the person, keep what they typed.
    Rejected(u16),
    /// Wait this many ms, then try again.
    Wait(u32),
    /// Every retry is used up and the last attempt still failed the way `Attempt` says: leave it
    /// in the queue for later.
    GiveUp(Attempt),
}

/// One submission's retry loop. `retries` is how many attempts follow a failed first one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    retries: u32,
    attempts: u32,
}

impl Delivery {
    pub fn new(retries: u32) -> Self {
        Delivery {
            retries,
            attempts: 0,
        }
    }

    /// Attempts made so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Records `attempt` and says what comes next. `random` is in `[0, 1)` (the jitter);
    /// `retry_after` is the response's `Retry-After` header, if the receiver sent one.
    pub fn after(&mut self, attempt: Attempt, random: f64, retry_after: Option<&str>) -> Next {
        self.attempts = self.attempts.saturating_add(1);
        match classify(attempt) {
            Verdict::Sent => Next::Sent,
            Verdict::Reject => match attempt {
                Attempt::Status(code) => Next::Rejected(code),
                _ => Next::GiveUp(attempt),
            },
            Verdict::Retry if self.attempts > self.retries => Next::GiveUp(attempt),
            Verdict::Retry => {
                let backoff = backoff_ms(self.attempts - 1, random);
                let asked = retry_after.and_then(retry_after_ms).unwrap_or(0);
                Next::Wait(backoff.max(asked))
            }
        }
    }
}
