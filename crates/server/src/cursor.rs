//! Opaque keyset-pagination cursors: base64url of "{sort_key}.{id}".
//!
//! Keyset rather than OFFSET so pages stay stable when new rows arrive and deep pages stay fast.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::error::AppError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub key: i64,
    pub id: i64,
}

/// The 400 for a cursor this API did not hand out.
pub fn invalid_cursor() -> AppError {
    AppError::refuse(
        axum::http::StatusCode::BAD_REQUEST,
        api_types::ErrorCode::InvalidCursor,
        "Invalid cursor.",
    )
}

impl Cursor {
    pub fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}.{}", self.key, self.id))
    }

    pub fn decode(raw: &str) -> Result<Cursor, AppError> {
        let invalid = invalid_cursor;
        if raw.len() > 64 {
            return Err(invalid());
        }
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let (key, id) = text.split_once('.').ok_or_else(invalid)?;
        Ok(Cursor {
            key: key.parse().map_err(|_| invalid())?,
            id: id.parse().map_err(|_| invalid())?,
        })
    }

    /// Decodes an optional cursor parameter; an empty string counts as absent.
    pub fn decode_opt(raw: Option<&str>) -> Result<Option<Cursor>, AppError> {
        match raw {
            None | Some("") => Ok(None),
            Some(s) => Cursor::decode(s).map(Some),
        }
    }
}

/// Cuts a page fetched with `LIMIT limit + 1` back to `limit` rows and returns the cursor of
/// its last row when the extra row showed that another page exists.
pub fn cut_page<T>(rows: &mut Vec<T>, limit: i64, key: impl Fn(&T) -> Cursor) -> Option<String> {
    if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| key(r).encode())
    } else {
        None
    }
}

/// Validates a page size: absent means the default, out of range is a 422.
pub fn page_limit(limit: Option<u32>) -> Result<i64, AppError> {
    let limit = limit.unwrap_or(api_types::DEFAULT_PAGE_LIMIT);
    if limit == 0 || limit > api_types::MAX_PAGE_LIMIT {
        return Err(AppError::InvalidRequest(format!(
            "limit must be between 1 and {}.",
            api_types::MAX_PAGE_LIMIT
        )));
    }
    Ok(i64::from(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let c = Cursor { key: -42, id: 9001 };
        assert_eq!(Cursor::decode(&c.encode()).ok(), Some(c));
    }

    #[test]
    fn rejects_garbage() {
        for raw in ["!!!", "bm9wZQ", "MS4", &"A".repeat(100)] {
            assert!(Cursor::decode(raw).is_err(), "{raw} should be rejected");
        }
        assert_eq!(Cursor::decode_opt(Some("")).ok(), Some(None));
    }

    #[test]
    fn limits() {
        assert_eq!(page_limit(None).ok(), Some(20));
        assert!(page_limit(Some(0)).is_err());
        assert!(page_limit(Some(51)).is_err());
        assert_eq!(page_limit(Some(50)).ok(), Some(50));
    }
}
