//! Per-account sliding-window limits on what costs the most or invites abuse: publishing notes
//! and uploading pictures. In memory, like the sign-in limiter (one server process); a restart
//! forgets the windows, which only ever errs on the side of letting people post.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::{AppError, AppResult};

/// At most `limit` actions within `window`.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub limit: usize,
    pub window: Duration,
}

/// Notes an account may publish: 5 per 10 minutes and 20 per day.
pub const PUBLISH_RULES: [Rule; 2] = [
    Rule {
        limit: 5,
        window: Duration::from_secs(10 * 60),
    },
    Rule {
        limit: 20,
        window: Duration::from_secs(24 * 3600),
    },
];

/// Pictures an account may upload: 60 per 10 minutes (nine per note leaves plenty).
pub const UPLOAD_RULES: [Rule; 1] = [Rule {
    limit: 60,
    window: Duration::from_secs(10 * 60),
}];

/// Keeps the times of recent actions per account and refuses one that would break a rule.
pub struct RateLimiter {
    /// What is limited, for messages: "publish notes", "upload pictures".
    action: &'static str,
    rules: &'static [Rule],
    events: Mutex<HashMap<i64, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(action: &'static str, rules: &'static [Rule]) -> Self {
        RateLimiter {
            action,
            rules,
            events: Mutex::new(HashMap::new()),
        }
    }

    fn longest_window(&self) -> Duration {
        self.rules
            .iter()
            .map(|r| r.window)
            .max()
            .unwrap_or_default()
    }

    /// Err(429 with Retry-After) if one more action by `account` now would break a rule.
    pub fn check(&self, account: i64) -> AppResult<()> {
        let mut map = self.events.lock().unwrap_or_else(|e| e.into_inner());
        self.check_in(&mut map, account, Instant::now())
    }

    /// Counts one action by `account` now.
    pub fn record(&self, account: i64) {
        let mut map = self.events.lock().unwrap_or_else(|e| e.into_inner());
        Self::record_in(&mut map, account, Instant::now());
    }

    /// [`check`](Self::check) and [`record`](Self::record) under one lock, so two requests
    /// cannot both take the last slot.
    pub fn acquire(&self, account: i64) -> AppResult<()> {
        let now = Instant::now();
        let mut map = self.events.lock().unwrap_or_else(|e| e.into_inner());
        self.check_in(&mut map, account, now)?;
        Self::record_in(&mut map, account, now);
        Ok(())
    }

    fn check_in(
        &self,
        map: &mut HashMap<i64, VecDeque<Instant>>,
        account: i64,
        now: Instant,
    ) -> AppResult<()> {
        let Some(times) = map.get_mut(&account) else {
            return Ok(());
        };
        let keep = self.longest_window();
        while times.front().is_some_and(|t| now - *t > keep) {
            times.pop_front();
        }
        for rule in self.rules {
            // Times are in order: those inside this rule's window are the newest ones.
            let inside = times.iter().filter(|t| now - **t <= rule.window).count();
            if inside >= rule.limit {
                // Free again once the oldest action that still counts leaves the window.
                let oldest = times[times.len() - rule.limit];
                let wait = rule.window.saturating_sub(now - oldest);
                return Err(self.refusal(rule, wait));
            }
        }
        Ok(())
    }

    fn record_in(map: &mut HashMap<i64, VecDeque<Instant>>, account: i64, now: Instant) {
        if map.len() > 100_000 {
            map.clear(); // bounded memory under a flood; the windows restart
        }
        map.entry(account).or_default().push_back(now);
    }

    fn refusal(&self, rule: &Rule, wait: Duration) -> AppError {
        let secs = wait.as_secs().max(1);
        let again = if secs < 60 {
            format!("{secs} second{}", plural(secs))
        } else if secs < 2 * 3600 {
            let m = secs.div_ceil(60);
            format!("{m} minute{}", plural(m))
        } else {
            let h = secs.div_ceil(3600);
            format!("{h} hours")
        };
        AppError::TooManyRequests {
            message: format!(
                "You can {} at most {} times per {}. Try again in {again}.",
                self.action,
                rule.limit,
                describe(rule.window)
            ),
            retry_after: secs,
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "minute", "10 minutes", "hour", "24 hours".
fn describe(window: Duration) -> String {
    let (n, unit) = match window.as_secs() {
        s if s >= 3600 && s % 3600 == 0 => (s / 3600, "hour"),
        s if s >= 60 && s % 60 == 0 => (s / 60, "minute"),
        s => (s, "second"),
    };
    if n == 1 {
        unit.to_string()
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_PER_MINUTE: [Rule; 1] = [Rule {
        limit: 2,
        window: Duration::from_secs(60),
    }];

    #[test]
    fn refuses_past_the_limit_per_account() {
        let limiter = RateLimiter::new("do it", &TWO_PER_MINUTE);
        assert!(limiter.acquire(1).is_ok());
        assert!(limiter.acquire(1).is_ok());
        match limiter.acquire(1) {
            Err(AppError::TooManyRequests {
                message,
                retry_after,
            }) => {
                assert!(message.contains("at most 2 times per minute."), "{message}");
                assert!((1..=60).contains(&retry_after), "{retry_after}");
            }
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(limiter.check(2).is_ok(), "other accounts are not affected");
    }

    #[test]
    fn windows_are_described_in_words() {
        assert_eq!(describe(Duration::from_secs(600)), "10 minutes");
        assert_eq!(describe(Duration::from_secs(86_400)), "24 hours");
        assert_eq!(describe(Duration::from_secs(3600)), "hour");
        assert_eq!(describe(Duration::from_secs(60)), "minute");
    }
}
