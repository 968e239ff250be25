//! Notifications: their kinds (with the names they are stored under), tabs and pages.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{Image, UserSummary};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    Like,
    Collect,
    CommentLike,
    Follow,
    Comment,
    Reply,
    Mention,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 7] = [
        NotificationKind::Like,
        NotificationKind::Collect,
        NotificationKind::CommentLike,
        NotificationKind::Follow,
        NotificationKind::Comment,
        NotificationKind::Reply,
        NotificationKind::Mention,
    ];

    /// The name in JSON and in the server's `notifications.kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Like => "like",
            NotificationKind::Collect => "collect",
            NotificationKind::CommentLike => "comment_like",
            NotificationKind::Follow => "follow",
            NotificationKind::Comment => "comment",
            NotificationKind::Reply => "reply",
            NotificationKind::Mention => "mention",
        }
    }

    pub fn parse(name: &str) -> Option<NotificationKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// The three tabs of the notifications page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationTab {
    /// Likes and collects.
    #[default]
    Likes,
    /// New followers.
    Follows,
    /// Comments, replies and @mentions.
    Comments,
}

impl NotificationTab {
    pub const ALL: [NotificationTab; 3] = [
        NotificationTab::Likes,
        NotificationTab::Follows,
        NotificationTab::Comments,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationTab::Likes => "likes",
            NotificationTab::Follows => "follows",
            NotificationTab::Comments => "comments",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

/// A note as referenced from elsewhere (a notification, a product).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteRef {
    pub id: i64,
    pub title: String,
    pub cover: Image,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub actor: UserSummary,
    pub note: Option<NoteRef>,
    /// The comment's id and text, for comment, reply, mention and comment-like notifications.
    pub comment_id: Option<i64>,
    pub comment: Option<String>,
    pub created_at: i64,
    pub read: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnreadCounts {
    pub likes: i64,
    pub follows: i64,
    pub comments: i64,
    pub total: i64,
}
