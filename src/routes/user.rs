//! `/user/:id`: a creator's profile header and their notes in the masonry feed.

use api_types::UserProfile;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::api::{self, ApiError, FeedSource};
use crate::components::avatar::Avatar;
use crate::components::feed::InfiniteFeed;
use crate::components::states::ErrorState;
use crate::format;

#[component]
pub fn UserPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    let profile = RwSignal::new(None::<Result<UserProfile, ApiError>>);
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        let Some(id) = id.get() else {
            profile.set(Some(Err(ApiError::NotFound("No such user.".into()))));
            return;
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        profile.set(None);
        spawn_local(async move {
            let result = api::user(id).await;
            if generation.get_value() == mine {
                profile.set(Some(result));
            }
        });
    });

    move || {
        match profile.get() {
        None => view! { <div class="profile" aria-busy="true"><div class="skeleton shimmer" style="width:112px;height:112px;border-radius:50%"></div></div> }.into_any(),
        Some(Err(e)) if e.is_not_found() => view! {
            <NotFound title="User not found" message="This account doesn't exist."/>
        }
        .into_any(),
        Some(Err(e)) => view! { <ErrorState message=e.to_string()/> }.into_any(),
        Some(Ok(p)) => {
            let source = Signal::derive(move || FeedSource::Author(p.user.id));
            let label = format!("Notes by {}", p.user.display_name);
            view! {
                <div class="user-page">
                    <header class="profile">
                        <Avatar user=p.user.clone() size=112/>
                        <div>
                            <h1>{p.user.display_name.clone()}</h1>
                            <p class="profile-handle">"@"{p.user.username.clone()}</p>
                            <p class="profile-bio">{p.bio.clone()}</p>
                            <ul class="profile-stats">
                                <li><strong>{format::count(p.note_count)}</strong>"notes"</li>
                                <li><strong>{format::count(p.likes_and_collects)}</strong>"likes & collects"</li>
                            </ul>
                        </div>
                    </header>
                    <h2 class="section-title">"Notes"</h2>
                    <InfiniteFeed source=source label=label/>
                </div>
            }
            .into_any()
        }
    }
    }
}
