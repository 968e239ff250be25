//! The one rate limiter: sliding windows per key ("at most N actions within W") for everything
//! that costs the most or invites abuse. Each [`Policy`] names its rules and where its windows
//! live: [`Store::Shared`] in the database (`rate_events`), so every server process sees the same
//! counts (sign-in failures, sign-ups, publishing, uploads: rare actions, each already dearer
//! than one small write); [`Store::Local`] in this process's memory, for the hot read path
//! (search), where a write per request would cost more than the work it guards. Keys say whose
//! window it is: an account (`u42`), a client (`client::Client::key`), or both.

mod policies;

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use api_types::{ErrorCode, ErrorParams, LimitedAction};
use axum::http::StatusCode;
use sqlx::SqliteConnection;

use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};

pub use policies::{
    Policy, Refusal, Rule, Store, LIVE_CHAT, POLICIES, PUBLISH, SEARCH, SIGN_IN_CLIENT,
    SIGN_IN_PAIR, SIGN_UP, UPLOAD,
};

/// Events older than this are of no use to any rule (the longest window is a day).
const RETENTION_MS: i64 = 24 * 3600 * 1000;
/// Shared events are pruned at most this often per process.
const PRUNE_EVERY_MS: i64 = 60 * 1000;
/// Local keys kept before the map is dropped (bounded memory under a flood of clients).
const MAX_LOCAL_KEYS: usize = 100_000;

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

fn bucket(policy: &Policy, key: &str) -> String {
    format!("{}:{key}", policy.name)
}

pub struct Limiter {
    db: Db,
    /// Multiplies every limit: 1 in production; load tests that send everything from one
    /// address raise it (`RATE_LIMIT_FACTOR`).
    factor: u32,
    local: Mutex<HashMap<String, VecDeque<i64>>>,
    pruned_at: AtomicI64,
}

impl Limiter {
    pub fn new(db: Db, factor: u32) -> Self {
        Limiter {
            db,
            factor: factor.max(1),
            local: Mutex::new(HashMap::new()),
            pruned_at: AtomicI64::new(0),
        }
    }

    /// The same limiter with every limit multiplied by `factor` (at least 1).
    pub fn with_factor(self, factor: u32) -> Self {
        Limiter {
            factor: factor.max(1),
            ..self
        }
    }

    fn limit(&self, rule: &Rule) -> usize {
        (rule.limit as usize).saturating_mul(self.factor as usize)
    }

    /// The most events any rule of `policy` looks at.
    fn depth(&self, policy: &Policy) -> usize {
        policy
            .rules
            .iter()
            .map(|r| self.limit(r))
            .max()
            .unwrap_or(0)
    }

    /// Err(429 with Retry-After) if one more action under `key` now would break a rule.
    pub async fn check(&self, policy: &Policy, key: &str) -> AppResult<()> {
        match policy.store {
            Store::Local => self.check_local(policy, key, now_ms()),
            Store::Shared => {
                let mut conn = self.db.acquire().await?;
                self.check_in(&mut conn, policy, key).await
            }
        }
    }

    /// Counts one action under `key` now.
    pub async fn record(&self, policy: &Policy, key: &str) -> AppResult<()> {
        match policy.store {
            Store::Local => {
                self.record_local(policy, key, now_ms());
                Ok(())
            }
            Store::Shared => {
                let (_turn, mut tx) = write_tx(&self.db).await?;
                self.record_in(&mut tx, policy, key).await?;
                tx.commit().await?;
                Ok(())
            }
        }
    }

    /// [`check`](Self::check) and [`record`](Self::record) at once, so two requests cannot
    /// both take the last slot.
    pub async fn acquire(&self, policy: &Policy, key: &str) -> AppResult<()> {
        match policy.store {
            Store::Local => {
                let now = now_ms();
                let mut map = self.local.lock().unwrap_or_else(|e| e.into_inner());
                let times = map.get(&bucket(policy, key));
                self.verdict(policy, now, times.into_iter().flatten().rev().copied())?;
                self.record_into(&mut map, policy, key, now);
                Ok(())
            }
            Store::Shared => {
                let (_turn, mut tx) = write_tx(&self.db).await?;
                self.check_in(&mut tx, policy, key).await?;
                self.record_in(&mut tx, policy, key).await?;
                tx.commit().await?;
                Ok(())
            }
        }
    }

    /// Forgets `key`'s window (a correct password ends that client's run of failures).
    pub async fn clear(&self, policy: &Policy, key: &str) -> AppResult<()> {
        match policy.store {
            Store::Local => {
                let mut map = self.local.lock().unwrap_or_else(|e| e.into_inner());
                map.remove(&bucket(policy, key));
            }
            Store::Shared => {
                let (_turn, mut tx) = write_tx(&self.db).await?;
                sqlx::query("DELETE FROM rate_events WHERE bucket = $1")
                    .bind(bucket(policy, key))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// [`check`](Self::check) inside a caller's transaction (a shared policy; a local one
    /// ignores `conn`).
    pub async fn check_in(
        &self,
        conn: &mut SqliteConnection,
        policy: &Policy,
        key: &str,
    ) -> AppResult<()> {
        let now = now_ms();
        if policy.store == Store::Local {
            return self.check_local(policy, key, now);
        }
        let times: Vec<i64> = sqlx::query_scalar(
            "SELECT at_ms FROM rate_events WHERE bucket = $1 AND at_ms > $2 \
             ORDER BY at_ms DESC LIMIT $3",
        )
        .bind(bucket(policy, key))
        .bind(now - RETENTION_MS)
        .bind(self.depth(policy) as i64)
        .fetch_all(&mut *conn)
        .await?;
        self.verdict(policy, now, times.into_iter())
    }

    /// [`record`](Self::record) inside a caller's write transaction, so the action and its
    /// count commit together.
    pub async fn record_in(
        &self,
        conn: &mut SqliteConnection,
        policy: &Policy,
        key: &str,
    ) -> AppResult<()> {
        let now = now_ms();
        if policy.store == Store::Local {
            self.record_local(policy, key, now);
            return Ok(());
        }
        sqlx::query("INSERT INTO rate_events (bucket, at_ms) VALUES ($1, $2)")
            .bind(bucket(policy, key))
            .bind(now)
            .execute(&mut *conn)
            .await?;
        let last = self.pruned_at.load(Ordering::Relaxed);
        if now - last > PRUNE_EVERY_MS
            && self
                .pruned_at
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            sqlx::query("DELETE FROM rate_events WHERE at_ms <= $1")
                .bind(now - RETENTION_MS)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    fn check_local(&self, policy: &Policy, key: &str, now: i64) -> AppResult<()> {
        let map = self.local.lock().unwrap_or_else(|e| e.into_inner());
        let times = map.get(&bucket(policy, key));
        self.verdict(policy, now, times.into_iter().flatten().rev().copied())
    }

    fn record_local(&self, policy: &Policy, key: &str, now: i64) {
        let mut map = self.local.lock().unwrap_or_else(|e| e.into_inner());
        self.record_into(&mut map, policy, key, now);
    }

    fn record_into(
        &self,
        map: &mut HashMap<String, VecDeque<i64>>,
        policy: &Policy,
        key: &str,
        now: i64,
    ) {
        if map.len() >= MAX_LOCAL_KEYS {
            map.retain(|_, times| times.back().is_some_and(|t| now - t < RETENTION_MS));
            if map.len() >= MAX_LOCAL_KEYS {
                map.clear(); // a flood of keys: the windows restart rather than memory grow
            }
        }
        let depth = self.depth(policy);
        let times = map.entry(bucket(policy, key)).or_default();
        times.push_back(now);
        // Only the newest `depth` events can matter to a rule.
        while times.len() > depth {
            times.pop_front();
        }
    }

    /// Ok if every rule allows one more action at `now`, given the past events newest first;
    /// else the refusal with the longest wait (every rule must pass).
    fn verdict(
        &self,
        policy: &Policy,
        now: i64,
        newest_first: impl Iterator<Item = i64>,
    ) -> AppResult<()> {
        let times: Vec<i64> = newest_first.take(self.depth(policy)).collect();
        let mut refused: Option<(u64, &Rule)> = None;
        for rule in policy.rules {
            let limit = self.limit(rule);
            let window = rule.window.as_millis() as i64;
            let inside = times.iter().take_while(|t| now - **t < window).count();
            if limit == 0 || inside < limit {
                continue;
            }
            // Free again once the oldest event that still counts leaves the window.
            let oldest = times[limit - 1];
            let wait_ms = (window - (now - oldest)).max(0);
            let wait = (wait_ms as u64).div_ceil(1000).max(1);
            if refused.is_none_or(|(w, _)| wait > w) {
                refused = Some((wait, rule));
            }
        }
        match refused {
            None => Ok(()),
            Some((wait, rule)) => Err(self.refusal(policy, rule, wait)),
        }
    }

    fn refusal(&self, policy: &Policy, rule: &Rule, wait_secs: u64) -> AppError {
        let mut params = ErrorParams {
            retry_after: Some(wait_secs),
            ..Default::default()
        };
        let message = match policy.refusal {
            Refusal::SignIn => {
                // Minutes (never "seconds": the wait is usually long) until hours read better.
                let wait = if wait_secs < 2 * 3600 {
                    let m = wait_secs.div_ceil(60).max(1);
                    format!("{m} minute{}", plural(m))
                } else {
                    wait_words(wait_secs)
                };
                params.action = Some(LimitedAction::SignIn);
                format!("Too many failed sign-in attempts. Try again in {wait}.")
            }
            Refusal::Action { action, words } => {
                params.action = Some(action);
                params.limit = Some(self.limit(rule) as u64);
                params.window_secs = Some(rule.window.as_secs());
                format!(
                    "You can {words} at most {} times per {}. Try again in {}.",
                    self.limit(rule),
                    describe(rule.window),
                    wait_words(wait_secs)
                )
            }
        };
        AppError::refuse(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            message,
        )
        .with(params)
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "42 seconds", "3 minutes", "5 hours".
fn wait_words(secs: u64) -> String {
    if secs < 60 {
        format!("{secs} second{}", plural(secs))
    } else if secs < 2 * 3600 {
        let m = secs.div_ceil(60);
        format!("{m} minute{}", plural(m))
    } else {
        format!("{} hours", secs.div_ceil(3600))
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
    use super::policies::minutes;
    use super::*;

    const TWO_PER_MINUTE: Policy = Policy {
        name: "test",
        rules: &[minutes(2, 1), minutes(3, 60)],
        store: Store::Local,
        refusal: Refusal::Action {
            action: LimitedAction::Upload,
            words: "do it",
        },
    };

    async fn limiter() -> Limiter {
        let db = sqlx::sqlite::SqlitePoolOptions::new()
            .connect("sqlite::memory:")
            .await
            .expect("in-memory database");
        Limiter::new(db, 1)
    }

    fn wait_of(result: AppResult<()>) -> (String, u64) {
        match result {
            Err(e @ AppError::Refused(_)) if e.code() == ErrorCode::RateLimited => {
                let wait = e.params().and_then(|p| p.retry_after).unwrap_or(0);
                (e.to_string(), wait)
            }
            other => panic!("expected 429, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn every_rule_must_hold_and_the_longest_wait_wins() {
        let l = limiter().await;
        let minute = 60_000;
        let t0 = 1_000_000_000;
        l.record_local(&TWO_PER_MINUTE, "a", t0);
        l.record_local(&TWO_PER_MINUTE, "a", t0 + 1_000);
        let refused = l.check_local(&TWO_PER_MINUTE, "a", t0 + 2_000);
        // What a client needs to say it in its own words.
        let params = refused.as_ref().err().and_then(|e| e.params().cloned());
        assert_eq!(
            params,
            Some(ErrorParams {
                action: Some(LimitedAction::Upload),
                limit: Some(2),
                window_secs: Some(60),
                retry_after: Some(58),
                ..Default::default()
            })
        );
        let (message, wait) = wait_of(refused);
        assert!(message.contains("at most 2 times per minute."), "{message}");
        assert_eq!(wait, 58, "until the first of the two leaves the minute");
        assert!(
            l.check_local(&TWO_PER_MINUTE, "b", t0).is_ok(),
            "other keys"
        );
        // A minute on, the per-minute rule passes; a third event then trips the hourly one.
        assert!(l.check_local(&TWO_PER_MINUTE, "a", t0 + minute).is_ok());
        l.record_local(&TWO_PER_MINUTE, "a", t0 + minute);
        let (message, wait) = wait_of(l.check_local(&TWO_PER_MINUTE, "a", t0 + 2 * minute));
        assert!(message.contains("3 times per hour"), "{message}");
        assert_eq!(wait, 58 * 60);
    }

    #[tokio::test]
    async fn the_factor_multiplies_limits() {
        let l = limiter().await.with_factor(10);
        for i in 0..19 {
            l.record_local(&TWO_PER_MINUTE, "a", 1_000 + i);
        }
        assert!(
            l.check_local(&TWO_PER_MINUTE, "a", 2_000).is_ok(),
            "19 of 20"
        );
        l.record_local(&TWO_PER_MINUTE, "a", 2_000);
        let (message, _) = wait_of(l.check_local(&TWO_PER_MINUTE, "a", 2_001));
        assert!(message.contains("at most 20 times per minute"), "{message}");
    }

    #[tokio::test]
    async fn sign_in_refusals_speak_of_minutes() {
        let l = limiter().await;
        let (message, wait) = wait_of(Err(l.refusal(&SIGN_IN_PAIR, &SIGN_IN_PAIR.rules[0], 61)));
        assert_eq!(
            message,
            "Too many failed sign-in attempts. Try again in 2 minutes."
        );
        assert_eq!(wait, 61);
        let (message, _) = wait_of(Err(l.refusal(
            &SIGN_IN_PAIR,
            &SIGN_IN_PAIR.rules[2],
            20_000,
        )));
        assert!(message.ends_with("Try again in 6 hours."), "{message}");
    }

    #[test]
    fn windows_fit_the_retention_and_names_are_unique() {
        let mut names = std::collections::HashSet::new();
        for policy in POLICIES {
            assert!(names.insert(policy.name), "{} twice", policy.name);
            for rule in policy.rules {
                assert!(
                    rule.window.as_millis() as i64 <= RETENTION_MS,
                    "{}",
                    policy.name
                );
                assert!(rule.limit > 0);
            }
        }
    }

    #[test]
    fn windows_are_described_in_words() {
        assert_eq!(describe(Duration::from_secs(600)), "10 minutes");
        assert_eq!(describe(Duration::from_secs(86_400)), "24 hours");
        assert_eq!(describe(Duration::from_secs(3600)), "hour");
        assert_eq!(describe(Duration::from_secs(60)), "minute");
        assert_eq!(wait_words(1), "1 second");
        assert_eq!(wait_words(61), "2 minutes");
        assert_eq!(wait_words(3 * 3600), "3 hours");
    }
}
