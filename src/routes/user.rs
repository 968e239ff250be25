//! `/user/:id?tab=notes|collections|likes`: a profile header (avatar, name, bio, following /
//! followers / likes & collects, follow button) and the chosen tab in the masonry feed.
//! Collections and Likes respect the owner's privacy settings.

use api_types::UserProfile;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::not_found::NotFound;
use crate::api::{self, ApiError, FeedSource};
use crate::components::avatar::Avatar;
use crate::components::feed::InfiniteFeed;
use crate::components::people::FollowButton;
use crate::components::states::{EmptyState, ErrorState};
use crate::format;
use crate::session::use_auth;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Notes,
    Collections,
    Likes,
}

impl Tab {
    fn parse(raw: Option<&str>) -> Tab {
        match raw {
            Some("collections") => Tab::Collections,
            Some("likes") => Tab::Likes,
            _ => Tab::Notes,
        }
    }

    fn query(self) -> &'static str {
        match self {
            Tab::Notes => "",
            Tab::Collections => "?tab=collections",
            Tab::Likes => "?tab=likes",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Notes => "Notes",
            Tab::Collections => "Collections",
            Tab::Likes => "Likes",
        }
    }
}

#[component]
pub fn UserPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let auth = use_auth();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    let tab = Memo::new(move |_| query.with(|q| Tab::parse(q.get("tab").as_deref())));
    let profile = RwSignal::new(None::<Result<UserProfile, ApiError>>);
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        // Signing in or out changes "following" and what is private, so reload then too.
        auth.viewer_epoch.track();
        let Some(id) = id.get() else {
            profile.set(Some(Err(ApiError::NotFound("No such user.".into()))));
            return;
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        spawn_local(async move {
            let result = api::user(id).await;
            if generation.get_value() == mine {
                profile.set(Some(result));
            }
        });
    });

    move || {
        match profile.get() {
        None => view! {
            <div class="profile" aria-busy="true"><div class="skeleton shimmer" style="width:112px;height:112px;border-radius:50%"></div></div>
        }
        .into_any(),
        Some(Err(e)) if e.is_not_found() => view! {
            <NotFound title="User not found" message="This account doesn't exist."/>
        }
        .into_any(),
        Some(Err(e)) => view! { <ErrorState message=e.to_string()/> }.into_any(),
        Some(Ok(p)) => view! { <Profile p=p tab=tab/> }.into_any(),
    }
    }
}

#[component]
fn Profile(p: UserProfile, tab: Memo<Tab>) -> impl IntoView {
    let auth = use_auth();
    let uid = p.user.id;
    let is_me = move || auth.user_id() == Some(uid);
    let following = RwSignal::new(p.followed_by_viewer);
    let followers = RwSignal::new(p.follower_count);
    let name = p.user.display_name.clone();
    let (collections_public, likes_public) = (p.collections_public, p.likes_public);
    let tab_link = move |t: Tab| {
        view! {
            <a href=format!("/user/{uid}{}", t.query()) aria-current=move || (tab.get() == t).then_some("page")>{t.label()}</a>
        }
    };
    let body = move || {
        let t = tab.get();
        let hidden = match t {
            Tab::Notes => false,
            Tab::Collections => !collections_public && !is_me(),
            Tab::Likes => !likes_public && !is_me(),
        };
        if hidden {
            return view! {
                <EmptyState title="This list is private" message=format!("{} keeps their {} to themselves.", name, t.label().to_lowercase())/>
            }
            .into_any();
        }
        let (source, label, empty_title, empty_message) = match t {
            Tab::Notes => (
                FeedSource::Author(uid),
                format!("Notes by {name}"),
                "No notes yet",
                "Nothing has been posted yet.",
            ),
            Tab::Collections => (
                FeedSource::Collections(uid),
                format!("Notes {name} collected"),
                "No collections yet",
                "Collected notes will show up here.",
            ),
            Tab::Likes => (
                FeedSource::Likes(uid),
                format!("Notes {name} liked"),
                "No likes yet",
                "Liked notes will show up here.",
            ),
        };
        view! {
            <InfiniteFeed source=Signal::stored(source) label=label empty_title=empty_title empty_message=empty_message/>
        }
        .into_any()
    };
    view! {
        <div class="user-page">
            <header class="profile">
                <Avatar user=p.user.clone() size=112/>
                <div class="profile-main">
                    <h1>{p.user.display_name.clone()}</h1>
                    <p class="profile-handle">"@"{p.user.username.clone()}</p>
                    <p class="profile-bio">{p.bio.clone()}</p>
                    <ul class="profile-stats">
                        <li><a href=format!("/user/{uid}/following")><strong>{format::count(p.following_count)}</strong>"following"</a></li>
                        <li><a href=format!("/user/{uid}/followers")><strong>{move || format::count(followers.get())}</strong>"followers"</a></li>
                        <li><strong>{format::count(p.likes_and_collects)}</strong>"likes & collects"</li>
                    </ul>
                    <div class="profile-actions">
                        <FollowButton user_id=uid name=p.user.display_name.clone() following=following
                            on_count=Callback::new(move |n| followers.set(n))/>
                        <Show when=is_me>
                            <a class="btn btn-secondary btn-sm" href="/settings">"Edit profile"</a>
                            <a class="btn btn-secondary btn-sm" href="/orders">"Orders"</a>
                            <a class="btn btn-secondary btn-sm" href="/creator">"Creator center"</a>
                        </Show>
                    </div>
                </div>
            </header>
            <nav class="tabs profile-tabs" aria-label="Profile sections">
                {tab_link(Tab::Notes)}
                {tab_link(Tab::Collections)}
                {tab_link(Tab::Likes)}
            </nav>
            {body}
        </div>
    }
}
