//! People: the follow button, a person row, and an infinitely scrolling list of people
//! (search results, followers, following).

use api_types::UserProfile;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar::Avatar;
use super::states::{EmptyState, ErrorState};
use super::toast::use_toasts;
use crate::api::{self, ApiError, PeopleList};
use crate::format;
use crate::hooks::use_intersection::use_intersection;
use crate::session::use_auth;

/// Follow / Following toggle. Optimistic: flips at once, rolls back with a toast on failure.
/// Signed out, it asks for an account first and then follows. Hidden on one's own profile.
#[component]
pub fn FollowButton(
    user_id: i64,
    #[prop(into)] name: String,
    following: RwSignal<bool>,
    /// Told the new follower count when the server answers.
    #[prop(optional)]
    on_count: Option<Callback<i64>>,
) -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let is_me = move || auth.user_id() == Some(user_id);
    let act = Callback::new(move |()| {
        if busy.get_untracked() || auth.user_id_untracked() == Some(user_id) {
            return;
        }
        let on = !following.get_untracked();
        following.set(on);
        busy.set(true);
        spawn_local(async move {
            match api::set_follow(user_id, on).await {
                Ok(t) => {
                    following.set(t.active);
                    if let Some(cb) = on_count {
                        cb.run(t.count);
                    }
                }
                Err(e) => {
                    following.set(!on);
                    toasts.show(format!("Couldn't update follow: {e}"));
                }
            }
            busy.set(false);
        });
    });
    let label = move || {
        if following.get() {
            format!("Unfollow {name}")
        } else {
            format!("Follow {name}")
        }
    };
    view! {
        <Show when=move || !is_me()>
            <button
                type="button"
                class="btn btn-sm follow-btn"
                class:btn-primary=move || !following.get()
                class:btn-secondary=move || following.get()
                aria-pressed=move || following.get().to_string()
                aria-label=label.clone()
                on:click=move |e| {
                    e.prevent_default();
                    e.stop_propagation();
                    auth.require(act);
                }
            >
                {move || if following.get() { "Following" } else { "Follow" }}
            </button>
        </Show>
    }
}

#[component]
pub fn PersonRow(profile: UserProfile) -> impl IntoView {
    let following = RwSignal::new(profile.followed_by_viewer);
    let p = profile;
    view! {
        <li class="person">
            <a class="user-row" href=format!("/user/{}", p.user.id)>
                <Avatar user=p.user.clone() size=56/>
                <span class="user-row-main">
                    <span class="user-row-name">{p.user.display_name.clone()}</span>
                    <span class="user-row-meta">
                        {format!("@{} · {} followers · {} notes", p.user.username, format::count(p.follower_count), format::count(p.note_count))}
                    </span>
                    <span class="user-row-bio">{p.bio.clone()}</span>
                </span>
            </a>
            <FollowButton user_id=p.user.id name=p.user.display_name.clone() following=following/>
        </li>
    }
}

/// Where a list of people comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeopleSource {
    Search(String),
    List(PeopleList),
}

async fn fetch(
    source: &PeopleSource,
    cursor: Option<&str>,
) -> Result<(Vec<UserProfile>, Option<String>), ApiError> {
    match source {
        PeopleSource::Search(q) => api::search_users(q, cursor)
            .await
            .map(|p| (p.items, p.next_cursor)),
        PeopleSource::List(list) => api::people(*list, cursor)
            .await
            .map(|p| (p.items, p.next_cursor)),
    }
}

/// People from `source`, loading the next page as the end nears the viewport.
#[component]
pub fn PeopleListView(
    source: PeopleSource,
    #[prop(into)] label: String,
    #[prop(into)] empty_title: String,
    #[prop(into)] empty_message: String,
) -> impl IntoView {
    let items = RwSignal::new(Vec::<UserProfile>::new());
    let cursor = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let loaded_once = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let source = StoredValue::new(source);
    let load = Callback::new(move |()| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        error.set(None);
        let after = cursor.get_untracked();
        spawn_local(async move {
            match fetch(&source.get_value(), after.as_deref()).await {
                Ok((page, next)) => {
                    items.update(|i| i.extend(page));
                    cursor.set(next);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            loading.set(false);
            loaded_once.set(true);
        });
    });
    load.run(());
    let sentinel = NodeRef::<leptos::html::Div>::new();
    use_intersection(sentinel, "0px 0px 600px 0px", move || {
        if cursor.with_untracked(Option::is_some) && error.with_untracked(Option::is_none) {
            load.run(());
        }
    });
    view! {
        <ul class="user-results" aria-label=label>
            <For each=move || items.get() key=|p| p.user.id let:p>
                <PersonRow profile=p/>
            </For>
        </ul>
        {move || error.get().map(|e| view! { <ErrorState message=e on_retry=load/> })}
        <Show when=move || loaded_once.get() && items.with(Vec::is_empty) && error.with(Option::is_none)>
            <EmptyState title=empty_title.clone() message=empty_message.clone()/>
        </Show>
        <div class="feed-sentinel" node_ref=sentinel aria-hidden="true"></div>
        <Show when=move || loading.get()>
            <p class="feed-more" role="status"><span class="spinner" aria-hidden="true"></span>"Loading…"</p>
        </Show>
    }
}
