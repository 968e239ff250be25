//! People: the follow button, a person row, and an infinitely scrolling list of people
//! (search results, followers, following).

use api_types::{Page, UserProfile};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar::Avatar;
use super::states::{EmptyState, ErrorState, ListStatus};
use super::toast::use_toasts;
use super::ui::{Button, ButtonSize, ButtonVariant};
use crate::api::{self, ApiError, PeopleList};
use crate::format;
use crate::hooks::use_paged::{append, show_errors, use_paged};
use crate::i18n::{msg, t, tf};
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
                    toasts.show(tf(msg::people::FOLLOW_FAILED, &[("error", &e)]));
                }
            }
            busy.set(false);
        });
    });
    let label = move || {
        let key = if following.get() {
            msg::people::UNFOLLOW_NAME
        } else {
            msg::people::FOLLOW_NAME
        };
        tf(key, &[("name", &name)])
    };
    view! {
        <Show when=move || !is_me()>
            <Button
                variant=Signal::derive(move || if following.get() { ButtonVariant::Secondary } else { ButtonVariant::Primary })
                size=ButtonSize::Small
                class="follow-btn"
                pressed=following
                label=Signal::derive(label.clone())
                on_click=Callback::new(move |e: leptos::ev::MouseEvent| {
                    e.prevent_default();
                    e.stop_propagation();
                    auth.require(act);
                })
            >
                {move || if following.get() { t(msg::people::FOLLOWING) } else { t(msg::people::FOLLOW) }}
            </Button>
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
                        {tf(msg::people::USERNAME_FOLLOWER_COUNT_FOLLOWERS_NOTE, &[("follower_count", &(format::count(p.follower_count))), ("note_count", &(format::count(p.note_count))), ("username", &p.user.username)])}
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

async fn fetch(source: &PeopleSource, cursor: Option<&str>) -> Result<Page<UserProfile>, ApiError> {
    match source {
        PeopleSource::Search(q) => api::search_users(q, cursor).await.map(Page::from),
        PeopleSource::List(list) => api::people(*list, cursor).await,
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
    let sentinel = NodeRef::<leptos::html::Div>::new();
    let source = StoredValue::new(source);
    let list = use_paged(
        move |after: Option<String>| {
            let source = source.get_value();
            async move { fetch(&source, after.as_deref()).await }
        },
        append,
        show_errors,
    );
    list.load.run(());
    list.more_when_near(sentinel, "0px 0px 600px 0px");
    let (items, error, loading) = (list.items, list.state.error, list.state.loading);
    view! {
        <ul class="user-results" aria-label=label>
            <For each=move || items.get() key=|p| p.user.id let:p>
                <PersonRow profile=p/>
            </For>
        </ul>
        {move || error.get().map(|e| view! { <ErrorState message=e on_retry=list.load/> })}
        <Show when=move || list.is_empty()>
            <EmptyState title=empty_title.clone() message=empty_message.clone()/>
        </Show>
        <div class="feed-sentinel" node_ref=sentinel aria-hidden="true"></div>
        <ListStatus loading=loading loading_text=t(msg::common::LOADING)/>
    }
}
