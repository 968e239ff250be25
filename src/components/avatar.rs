//! A round user avatar.

use api_types::UserSummary;
use leptos::prelude::*;

#[component]
pub fn Avatar(
    user: UserSummary,
    /// Drawn size in CSS pixels.
    size: u32,
) -> impl IntoView {
    // 64px rendition for small avatars, 160px for large ones (covers 2x screens).
    let src = user.avatar_url(if size <= 32 { 64 } else { 160 });
    view! {
        <img
            class="avatar"
            src=src
            width=size
            height=size
            alt=""
            loading="lazy"
            decoding="async"
        />
    }
}
