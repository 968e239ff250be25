//! Accounts (sign-up, sign-in, the profile and its limits) and interactions (toggles, comments).

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::UserSummary;

/// Usernames: 3 to 20 of `a-z`, `0-9`, `_`.
pub const USERNAME_CHARS: (usize, usize) = (3, 20);
pub const DISPLAY_NAME_MAX_CHARS: usize = 24;
pub const BIO_MAX_CHARS: usize = 200;
pub const PASSWORD_CHARS: (usize, usize) = (8, 128);
pub const COMMENT_MAX_CHARS: usize = 500;
/// Largest avatar upload in bytes.
pub const AVATAR_MAX_BYTES: usize = 5 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignUp {
    pub username: String,
    pub display_name: String,
    pub password: String,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

/// The signed-in user's own account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    pub user: UserSummary,
    pub bio: String,
    pub email: Option<String>,
    pub collections_public: bool,
    pub likes_public: bool,
}

/// Who is signed in on this browser, if anyone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Session {
    pub me: Option<Me>,
}

/// Profile settings; absent fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProfileUpdate {
    pub display_name: Option<String>,
    pub bio: Option<String>,
    pub collections_public: Option<bool>,
    pub likes_public: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

// ---- Interactions ----

/// State after liking / collecting / following: whether it is on, and the new total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Toggle {
    pub active: bool,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewComment {
    pub body: String,
    /// Comment being answered: a top-level comment or one of its replies.
    #[serde(default)]
    pub reply_to: Option<i64>,
}
