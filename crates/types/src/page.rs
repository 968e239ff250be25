//! The two shapes of a cursor-paged list: every list endpoint answers one of them.
//!
//! In the OpenAPI document utoipa names each use after its item type: `Page_NoteCard`,
//! `CountedPage_Comment`, ...

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// One page of a list: feeds, notifications, people, products, orders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque; pass back as `cursor` for the next page. `None` at the end.
    pub next_cursor: Option<String>,
}

// A type of its own rather than an optional `total` on `Page`: the document then says which
// lists always carry it.
/// One page of a list whose length is shown: comments, replies and search results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CountedPage<T> {
    pub items: Vec<T>,
    /// Opaque; pass back as `cursor` for the next page. `None` at the end.
    pub next_cursor: Option<String>,
    /// How many items the whole list has (every page): matching results, a note's top-level
    /// comments, a comment's replies.
    pub total: i64,
}

impl<T> From<CountedPage<T>> for Page<T> {
    /// The page without its count.
    fn from(page: CountedPage<T>) -> Self {
        Page {
            items: page.items,
            next_cursor: page.next_cursor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wire shape of the nine page types these replaced, field for field.
    #[test]
    fn wire_shape() {
        let page = Page {
            items: vec![1, 2],
            next_cursor: Some("Mg".to_string()),
        };
        assert_eq!(
            serde_json::to_value(&page).unwrap(),
            serde_json::json!({"items": [1, 2], "next_cursor": "Mg"})
        );
        let end: Page<i64> = serde_json::from_str(r#"{"items":[],"next_cursor":null}"#).unwrap();
        assert_eq!(end.next_cursor, None);
        let counted = CountedPage {
            items: vec!["a"],
            next_cursor: None,
            total: 7,
        };
        assert_eq!(
            serde_json::to_value(&counted).unwrap(),
            serde_json::json!({"items": ["a"], "next_cursor": null, "total": 7})
        );
        let page: Page<&str> = counted.into();
        assert_eq!(page.items, vec!["a"]);
    }
}
