//! `/notifications`: likes and collects, new followers, and comments and @mentions, one tab
//! each (`?tab=likes|follows|comments`). Opening a tab marks it read once its first page is in,
//! while the items on screen keep their unread dots until the reader leaves.

use api_types::{Notification, NotificationKind, NotificationTab, UnreadCounts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::components::avatar::Avatar;
use crate::components::gate::SignedInOnly;
use crate::components::states::{EmptyState, ErrorState, ListStatus};
use crate::components::ui::{Tab, Tabs};
use crate::format;
use crate::hooks::use_paged::{append, use_paged};
use crate::i18n::{msg, t, tf};
use crate::session::use_auth;

fn tab_label(tab: NotificationTab) -> &'static str {
    match tab {
        NotificationTab::Likes => t(msg::notifications::LIKES_COLLECTS),
        NotificationTab::Follows => t(msg::notifications::NEW_FOLLOWERS),
        NotificationTab::Comments => t(msg::notifications::COMMENTS_MENTIONS),
    }
}

fn tab_unread(counts: &UnreadCounts, tab: NotificationTab) -> i64 {
    match tab {
        NotificationTab::Likes => counts.likes,
        NotificationTab::Follows => counts.follows,
        NotificationTab::Comments => counts.comments,
    }
}

fn tab_empty(tab: NotificationTab) -> (&'static str, &'static str) {
    match tab {
        NotificationTab::Likes => (
            t(msg::notifications::NO_LIKES_COLLECTS_YET),
            t(msg::notifications::WHEN_PEOPLE_LIKE_COLLECT_NOTES),
        ),
        NotificationTab::Follows => (
            t(msg::notifications::NO_NEW_FOLLOWERS_YET),
            t(msg::notifications::WHEN_SOMEONE_FOLLOWS_THEYLL_SHOW),
        ),
        NotificationTab::Comments => (
            t(msg::notifications::NO_COMMENTS_MENTIONS_YET),
            t(msg::notifications::COMMENTS_NOTES_REPLIES_COMMENTS_MENTIONS),
        ),
    }
}

fn sentence(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::Like => t(msg::notifications::LIKED_NOTE),
        NotificationKind::Collect => t(msg::notifications::COLLECTED_NOTE),
        NotificationKind::CommentLike => t(msg::notifications::LIKED_COMMENT),
        NotificationKind::Follow => t(msg::notifications::STARTED_FOLLOWING),
        NotificationKind::Comment => t(msg::notifications::COMMENTED_NOTE),
        NotificationKind::Reply => t(msg::notifications::REPLIED_COMMENT),
        NotificationKind::Mention => t(msg::notifications::MENTIONED),
    }
}

/// `YYYY-MM-DDTHH:MM:SS.sssZ` for a `<time datetime>`.
fn iso_time(unix: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    String::from(date.to_iso_string())
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let query = use_query_map();
    let tab = Memo::new(move |_| {
        query.with(|q| {
            q.get("tab")
                .and_then(|t| NotificationTab::parse(&t))
                .unwrap_or_default()
        })
    });
    view! {
        <SignedInOnly title=t(msg::notifications::NOTIFICATIONS)
            reason=t(msg::notifications::SIGN_SEE_WHO_LIKED_COLLECTED)>
            <Inbox tab=tab/>
        </SignedInOnly>
    }
}

#[component]
fn Inbox(tab: Memo<NotificationTab>) -> impl IntoView {
    let auth = use_auth();
    let tabs = Signal::derive(move || {
        NotificationTab::ALL
            .into_iter()
            .map(|t| {
                let unread = auth.unread.with(|u| tab_unread(u, t));
                Tab {
                    label: tab_label(t).to_string(),
                    href: format!("/notifications?tab={}", t.as_str()),
                    count: unread,
                    hidden_suffix: match unread {
                        0 => String::new(),
                        n => tf(msg::notifications::UNREAD_SUFFIX, &[("n", &n)]),
                    },
                }
            })
            .collect::<Vec<_>>()
    });
    let current = Signal::derive(move || {
        NotificationTab::ALL
            .iter()
            .position(|t| *t == tab.get())
            .unwrap_or(0)
    });
    view! {
        <section class="account-page notifications-page" aria-labelledby="notifications-title">
            <h1 id="notifications-title" class="account-title">{t(msg::notifications::NOTIFICATIONS)}</h1>
            <Tabs label=t(msg::notifications::NOTIFICATION_TYPES) tabs=tabs current=current alert=true class="notif-tabs"/>
            {move || {
                let t = tab.get();
                view! { <NotificationList tab=t/> }
            }}
        </section>
    }
}

/// One tab's notifications, loading the next page as the end nears the viewport.
#[component]
fn NotificationList(tab: NotificationTab) -> impl IntoView {
    let auth = use_auth();
    let marked = StoredValue::new(false);

    let mark_read = move |page_has_unread: bool| {
        let stale_count = auth.unread.with_untracked(|u| tab_unread(u, tab));
        if !page_has_unread && stale_count == 0 {
            return;
        }
        spawn_local(async move {
            if let Ok(counts) = api::mark_read(tab).await {
                auth.unread.set(counts);
            }
        });
    };

    let sentinel = NodeRef::<leptos::html::Div>::new();
    let list = use_paged(
        move |after: Option<String>| async move {
            let page = api::notifications(tab, after.as_deref()).await;
            // The first page is on screen: the tab counts as seen. Items keep the `read`
            // they arrived with, so their dots stay while the reader is here.
            if let Ok(page) = &page {
                if marked.try_get_value() == Some(false) {
                    marked.set_value(true);
                    mark_read(page.items.iter().any(|n| !n.read));
                }
            }
            page
        },
        append,
        move |e| {
            let gone = matches!(e, ApiError::Unauthorized(_));
            if gone {
                auth.signed_out();
            }
            gone
        },
    );
    list.load.run(());
    list.more_when_near(sentinel, "0px 0px 600px 0px");
    let (items, error, loading, loaded_once) = (
        list.items,
        list.state.error,
        list.state.loading,
        list.state.answered,
    );

    let (empty_title, empty_message) = tab_empty(tab);
    let now = format::now_unix();
    view! {
        <Show when=move || !loaded_once.get() && loading.get()>
            <NotificationSkeleton/>
        </Show>
        <ul class="notif-list" aria-label=tab_label(tab)>
            <For each=move || items.get() key=|n| n.id let:n>
                <NotificationRow n=n now=now/>
            </For>
        </ul>
        {move || error.get().map(|e| view! { <ErrorState message=e on_retry=list.load/> })}
        <Show when=move || list.is_empty()>
            <EmptyState title=empty_title message=empty_message/>
        </Show>
        <div class="feed-sentinel" node_ref=sentinel aria-hidden="true"></div>
        <ListStatus loading=Signal::derive(move || loaded_once.get() && loading.get()) loading_text=t(msg::common::LOADING)/>
    }
}

#[component]
fn NotificationRow(n: Notification, now: i64) -> impl IntoView {
    let profile = format!("/user/{}", n.actor.id);
    let unread = !n.read;
    let thumb = n.note.map(|note| {
        let ph = &note.cover.placeholder;
        let style = format!("background-image:linear-gradient({},{})", ph.top, ph.bottom);
        view! {
            <a class="notif-thumb" href=format!("/explore/{}", note.id) style=style>
                <img
                    src=note.cover.url(240)
                    width="56"
                    height="56"
                    alt=note.title
                    loading="lazy"
                    decoding="async"
                />
            </a>
        }
    });
    view! {
        <li class="notif" class:notif-unread=unread>
            {unread.then(|| view! {
                <span class="notif-dot" aria-hidden="true"></span>
                <span class="visually-hidden">{t(msg::notifications::UNREAD)}</span>
            })}
            // The name link below is the one in the tab order; this one is a bigger target.
            <a class="notif-avatar" href=profile.clone() tabindex="-1" aria-hidden="true">
                <Avatar user=n.actor.clone() size=44/>
            </a>
            <div class="notif-main">
                <p class="notif-line">
                    <a class="notif-actor" href=profile>{n.actor.display_name.clone()}</a>
                    " "
                    <span class="notif-what">{sentence(n.kind)}</span>
                </p>
                {n.comment.map(|c| view! { <p class="notif-comment">{c}</p> })}
                <p class="notif-meta">
                    <time datetime=iso_time(n.created_at)>{format::relative_time(n.created_at, now)}</time>
                </p>
            </div>
            {thumb}
        </li>
    }
}

#[component]
fn NotificationSkeleton() -> impl IntoView {
    view! {
        <ul class="notif-list notif-skeleton" aria-hidden="true">
            {(0..6)
                .map(|i| view! {
                    <li class="notif">
                        <span class="skeleton shimmer notif-skeleton-avatar"></span>
                        <span class="notif-main">
                            <span class="skeleton shimmer line" style=format!("width:{}%", 70 - (i % 3) * 12)></span>
                            <span class="skeleton shimmer line short"></span>
                        </span>
                        <span class="skeleton shimmer notif-skeleton-thumb"></span>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}
