//! A guest's anonymous id: made by this browser the first time a guest's signal is recorded
//! (a note read, "Not interested"), kept in `localStorage` only, and sent as `X-Guest-Id` with
//! API requests so For-you learns without an account. Signing in or up with it moves what it
//! learned to the account (the server merges and forgets it); the browser then forgets it too.

const ID_KEY: &str = "zc-guest-id";
/// Set once a guest signal was recorded: their For-you then comes from their own ranking
/// instead of the public page inlined in the document.
const TASTE_KEY: &str = "zc-guest-taste";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The id this browser already has, if any.
pub fn current() -> Option<String> {
    storage()?
        .get_item(ID_KEY)
        .ok()
        .flatten()
        .filter(|id| is_valid(id))
}

/// The id, made now if there is none (128 random bits as 32 hex digits).
pub fn ensure() -> Option<String> {
    if let Some(id) = current() {
        return Some(id);
    }
    let mut bytes = [0u8; 16];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    storage()?.set_item(ID_KEY, &id).ok()?;
    Some(id)
}

/// Whether this guest has told For-you anything yet.
pub fn has_taste() -> bool {
    current().is_some() && storage().is_some_and(|s| s.get_item(TASTE_KEY).ok().flatten().is_some())
}

/// Remembers that a signal was recorded for this guest.
pub fn note_taste() {
    if let Some(s) = storage() {
        let _ = s.set_item(TASTE_KEY, "1");
    }
}

/// After signing in or up: the account has what the guest id learned.
pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(ID_KEY);
        let _ = s.remove_item(TASTE_KEY);
    }
}

/// What the server accepts: 32 lowercase hexadecimal digits.
pub fn is_valid(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}
