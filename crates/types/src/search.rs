//! Search: notes, users and products by text, with sorts and filters that live in the URL.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Longest search query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

/// Order of note search results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SearchSort {
    /// Relevance mixed with engagement and recency.
    #[default]
    General,
    Newest,
    /// Most liked first.
    Likes,
}

/// Which notes a search includes by type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoteTypeFilter {
    #[default]
    All,
    Image,
    Video,
}

/// How recent the notes a search includes are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeFilter {
    #[default]
    Any,
    Day,
    Week,
    HalfYear,
}

impl SearchSort {
    pub const ALL: [SearchSort; 3] = [SearchSort::General, SearchSort::Newest, SearchSort::Likes];

    /// The value used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            SearchSort::General => "general",
            SearchSort::Newest => "newest",
            SearchSort::Likes => "likes",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

impl NoteTypeFilter {
    pub const ALL: [NoteTypeFilter; 3] = [
        NoteTypeFilter::All,
        NoteTypeFilter::Image,
        NoteTypeFilter::Video,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoteTypeFilter::All => "all",
            NoteTypeFilter::Image => "image",
            NoteTypeFilter::Video => "video",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

impl TimeFilter {
    pub const ALL: [TimeFilter; 4] = [
        TimeFilter::Any,
        TimeFilter::Day,
        TimeFilter::Week,
        TimeFilter::HalfYear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TimeFilter::Any => "any",
            TimeFilter::Day => "day",
            TimeFilter::Week => "week",
            TimeFilter::HalfYear => "half_year",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }

    /// The window in seconds, if any.
    pub fn seconds(self) -> Option<i64> {
        match self {
            TimeFilter::Any => None,
            TimeFilter::Day => Some(86_400),
            TimeFilter::Week => Some(7 * 86_400),
            TimeFilter::HalfYear => Some(182 * 86_400),
        }
    }
}
