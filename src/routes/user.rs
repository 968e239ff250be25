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
use crate::format;
use crate::i18n::{is_zh, tr};
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
            Tab::Notes => tr("Notes", "笔记"),
            Tab::Collections => tr("Collections", "收藏"),
            Tab::Likes => tr("Likes", "赞过"),
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
                tr("No such user.", "用户不存在。").into(),
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
            <NotFound title=tr("User not found", "用户不存在") message=tr("This account doesn't exist.", "该账号不存在。")/>
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
    let body = move || {
        let t = tab.get();
        let hidden = match t {
            Tab::Notes => false,
            Tab::Collections => !collections_public && !is_me(),
            Tab::Likes => !likes_public && !is_me(),
        };
        if hidden {
            let message = if is_zh() {
                match t {
                    Tab::Likes => format!("{name}赞过的笔记不公开。"),
                    _ => format!("{name}的收藏不公开。"),
                }
            } else {
                format!(
                    "{} keeps their {} to themselves.",
                    name,
                    t.label().to_lowercase()
                )
            };
            return view! {
                <EmptyState title=tr("This list is private", "内容不公开") message=message/>
            }
            .into_any();
        }
        let (source, label, empty_title, empty_message) = match t {
            Tab::Notes => (
                FeedSource::Author(uid),
                if is_zh() {
                    format!("{name}的笔记")
                } else {
                    format!("Notes by {name}")
                },
                tr("No notes yet", "还没有笔记"),
                tr("Nothing has been posted yet.", "还没有发布任何内容。"),
            ),
            Tab::Collections => (
                FeedSource::Collections(uid),
                if is_zh() {
                    format!("{name}收藏的笔记")
                } else {
                    format!("Notes {name} collected")
                },
                tr("No collections yet", "还没有收藏"),
                tr(
                    "Collected notes will show up here.",
                    "收藏的笔记会显示在这里。",
                ),
            ),
            Tab::Likes => (
                FeedSource::Likes(uid),
                if is_zh() {
                    format!("{name}赞过的笔记")
                } else {
                    format!("Notes {name} liked")
                },
                tr("No likes yet", "还没有赞过的笔记"),
                tr("Liked notes will show up here.", "赞过的笔记会显示在这里。"),
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
                        <li><a href=format!("/user/{uid}/following")><strong>{format::count(p.following_count)}</strong>{tr("following", "关注")}</a></li>
                        <li><a href=format!("/user/{uid}/followers")><strong>{move || format::count(followers.get())}</strong>{tr("followers", "粉丝")}</a></li>
                        <li><strong>{format::count(p.likes_and_collects)}</strong>{tr("likes & collects", "获赞与收藏")}</li>
                    </ul>
                    <div class="profile-actions">
                        <FollowButton user_id=uid name=p.user.display_name.clone() following=following
                            on_count=Callback::new(move |n| followers.set(n))/>
                        <Show when=is_me>
                            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small href="/settings">{tr("Edit profile", "编辑资料")}</Button>
                            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small href="/orders">{tr("Orders", "订单")}</Button>
                            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small href="/creator">{tr("Creator center", "创作中心")}</Button>
                        </Show>
                    </div>
                </div>
            </header>
            <Tabs label=tr("Profile sections", "主页内容") tabs=tabs current=current class="profile-tabs"/>
            {body}
        </div>
    }
}
