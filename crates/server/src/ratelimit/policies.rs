//! What is limited: rules ("at most N within W"), where their windows live, how a refusal
//! reads, and every policy the server enforces.

use std::time::Duration;

use api_types::LimitedAction;

/// At most `limit` actions within `window`.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub limit: u32,
    pub window: Duration,
}

pub(super) const fn minutes(limit: u32, minutes: u64) -> Rule {
    Rule {
        limit,
        window: Duration::from_secs(minutes * 60),
    }
}

pub(super) const fn seconds(limit: u32, seconds: u64) -> Rule {
    Rule {
        limit,
        window: Duration::from_secs(seconds),
    }
}

/// Where a policy's windows are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// The database: shared by every server process.
    Shared,
    /// This process's memory (forgotten on restart; each process counts its own).
    Local,
}

/// How a refusal reads.
#[derive(Clone, Copy, Debug)]
pub enum Refusal {
    /// "You can {words} at most {limit} times per {window}. Try again in {wait}."
    Action {
        action: LimitedAction,
        words: &'static str,
    },
    /// "Too many failed sign-in attempts. Try again in {minutes} minutes."
    SignIn,
}

/// A named set of rules; every rule must hold for one more action to be allowed.
#[derive(Debug)]
pub struct Policy {
    /// Prefix of the policy's keys in storage.
    pub name: &'static str,
    pub rules: &'static [Rule],
    pub store: Store,
    pub refusal: Refusal,
}

/// Failed sign-ins (and current-password checks) per account *and* client, with backoff: five
/// wrong passwords hold that client back from that account for up to 15 minutes, ten for up to
/// an hour, twenty for up to a day. Other clients, the owner's included, are not affected.
pub const SIGN_IN_PAIR: Policy = Policy {
    name: "signin-pair",
    rules: &[minutes(5, 15), minutes(10, 60), minutes(20, 24 * 60)],
    store: Store::Shared,
    refusal: Refusal::SignIn,
};

/// Failed sign-ins per client over all accounts: guessing across many accounts (and the
/// argon2 work each guess costs) is bounded too.
pub const SIGN_IN_CLIENT: Policy = Policy {
    name: "signin-client",
    rules: &[minutes(20, 15), minutes(100, 24 * 60)],
    store: Store::Shared,
    refusal: Refusal::SignIn,
};

/// Accounts created per client: each is an argon2 hash and a row for good.
pub const SIGN_UP: Policy = Policy {
    name: "signup",
    rules: &[minutes(5, 60), minutes(20, 24 * 60)],
    store: Store::Shared,
    refusal: Refusal::Action {
        action: LimitedAction::SignUp,
        words: "create accounts",
    },
};

/// Searches (notes, users, products) per person: the account when signed in, else the client.
pub const SEARCH: Policy = Policy {
    name: "search",
    rules: &[minutes(120, 1)],
    store: Store::Local,
    refusal: Refusal::Action {
        action: LimitedAction::Search,
        words: "search",
    },
};

/// Notes an account may publish: 5 per 10 minutes and 20 per day.
pub const PUBLISH: Policy = Policy {
    name: "publish",
    rules: &[minutes(5, 10), minutes(20, 24 * 60)],
    store: Store::Shared,
    refusal: Refusal::Action {
        action: LimitedAction::Publish,
        words: "publish notes",
    },
};

/// Pictures an account may upload: 60 per 10 minutes (nine per note leaves plenty).
pub const UPLOAD: Policy = Policy {
    name: "upload",
    rules: &[minutes(60, 10)],
    store: Store::Shared,
    refusal: Refusal::Action {
        action: LimitedAction::Upload,
        words: "upload pictures",
    },
};

/// Chat messages per person in live rooms (all rooms together): a burst of 5 in 10 seconds,
/// 30 a minute. In memory: every message is a write already, and the window is short.
pub const LIVE_CHAT: Policy = Policy {
    name: "live-chat",
    rules: &[seconds(5, 10), minutes(30, 1)],
    store: Store::Local,
    refusal: Refusal::Action {
        action: LimitedAction::LiveChat,
        words: "send chat messages",
    },
};

/// Every policy, for checks over all of them.
pub const POLICIES: [&Policy; 7] = [
    &LIVE_CHAT,
    &SIGN_IN_PAIR,
    &SIGN_IN_CLIENT,
    &SIGN_UP,
    &SEARCH,
    &PUBLISH,
    &UPLOAD,
];
