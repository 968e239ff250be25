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
use crate::components::ui::{self, Button, ButtonSize, ButtonVariant, Tabs};
use crate::components::waiting_notes::WaitingNotes;
use crate::format;
use crate::i18n::{msg, t, tf};
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
            Tab::Notes => t(msg::common::NOTES),
            Tab::Collections => t(msg::user::COLLECTIONS),
            Tab::Likes => t(msg::user::LIKES),
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
            profile.set(Some(Err(ApiError::NotFound(
                t(msg::user::NO_SUCH_USER).into(),
            ))));
            return;
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        spawn_local(async move {
            let result = api::user(id).await;
            // `try_`: the reader may have left; reading a disposed value panics.
            if generation.try_get_value() == Some(mine) {
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
            <NotFound title=t(msg::common::USER_NOT_FOUND) message=t(msg::common::ACCOUNT_DOESNT_EXIST)/>
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
    const TABS: [Tab; 3] = [Tab::Notes, Tab::Collections, Tab::Likes];
    let tabs: Vec<ui::Tab> = TABS
        .iter()
        .map(|t| ui::Tab {
            label: t.label().to_string(),
            href: format!("/user/{uid}{}", t.query()),
            count: 0,
            ..Default::default()
        })
        .collect();
    let current = Signal::derive(move || {
        let t = tab.get();
        TABS.iter().position(|x| *x == t).unwrap_or(0)
    });
    let published = RwSignal::new(0u32);
    let body = move || {
        let now = tab.get();
        let hidden = match now {
            Tab::Notes => false,
            Tab::Collections => !collections_public && !is_me(),
            Tab::Likes => !likes_public && !is_me(),
        };
        if hidden {
            let private = match now {
                Tab::Likes => msg::user::LIKES_PRIVATE,
                _ => msg::user::COLLECTIONS_PRIVATE,
            };
            let message = tf(private, &[("name", &name)]);
            return view! {
                <EmptyState title=t(msg::user::LIST_PRIVATE) message=message/>
            }
            .into_any();
        }
        let (source, label, empty_title, empty_message) = match now {
            Tab::Notes => (
                FeedSource::Author(uid),
                tf(msg::user::NOTES_BY_NAME, &[("name", &name)]),
                t(msg::common::NO_NOTES_YET),
                t(msg::user::NOTHING_HAS_BEEN_POSTED_YET),
            ),
            Tab::Collections => (
                FeedSource::Collections(uid),
                tf(msg::user::NOTES_NAME_COLLECTED, &[("name", &name)]),
                t(msg::user::NO_COLLECTIONS_YET),
                t(msg::user::COLLECTED_NOTES_WILL_SHOW_UP),
            ),
            Tab::Likes => (
                FeedSource::Likes(uid),
                tf(msg::user::NOTES_NAME_LIKED, &[("name", &name)]),
                t(msg::user::NO_LIKES_YET),
                t(msg::user::LIKED_NOTES_WILL_SHOW_UP),
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
                        <li><a href=format!("/user/{uid}/following")><strong>{format::count(p.following_count)}</strong>{t(msg::user::FOLLOWING)}</a></li>
                        <li><a href=format!("/user/{uid}/followers")><strong>{move || format::count(followers.get())}</strong>{t(msg::user::FOLLOWERS)}</a></li>
                        <li><strong>{format::count(p.likes_and_collects)}</strong>{t(msg::user::LIKES_COLLECTS)}</li>
                    </ul>
                    <div class="profile-actions">
                        <FollowButton user_id=uid name=p.user.display_name.clone() following=following
                            on_count=Callback::new(move |n| followers.set(n))/>
                        <Show when=is_me>
                            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small href="/settings">{t(msg::user::EDIT_PROFILE)}</Button>
                            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small href="/orders">{t(msg::common::ORDERS)}</Button>
                            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small href="/creator">{t(msg::common::CREATOR_CENTER)}</Button>
                        </Show>
                    </div>
                </div>
            </header>
            <Show when=is_me>
                <WaitingNotes on_published=Callback::new(move |()| published.update(|n| *n += 1))/>
            </Show>
            <Tabs label=t(msg::user::PROFILE_SECTIONS) tabs=tabs current=current class="profile-tabs"/>
            {move || {
                // A waiting video note that went public: the notes list again, with it.
                published.track();
                body()
            }}
        </div>
    }
}
