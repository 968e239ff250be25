//! `/user/:id/followers` and `/user/:id/following`: lists of people with follow buttons.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::api::PeopleList;
use crate::components::people::{PeopleListView, PeopleSource};
use crate::components::ui::{Tab, Tabs};
use crate::i18n::{msg, t};

#[component]
fn FollowList(followers: bool) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    move || {
        match id.get() {
        None => view! { <NotFound title=t(msg::common::USER_NOT_FOUND) message=t(msg::common::ACCOUNT_DOESNT_EXIST)/> }
            .into_any(),
        Some(id) => {
            let (title, list) = if followers {
                (t(msg::follows::FOLLOWERS), PeopleList::Followers(id))
            } else {
                (t(msg::follows::FOLLOWING), PeopleList::Following(id))
            };
            let tabs = vec![
                Tab {
                    label: t(msg::follows::FOLLOWERS).to_string(),
                    href: format!("/user/{id}/followers"),
                    count: 0,
                    ..Default::default()
                },
                Tab {
                    label: t(msg::follows::FOLLOWING).to_string(),
                    href: format!("/user/{id}/following"),
                    count: 0,
                    ..Default::default()
                },
            ];
            view! {
                <section class="people-page">
                    <a class="back-link" href=format!("/user/{id}")>{t(msg::follows::PROFILE)}</a>
                    <Tabs label=t(msg::follows::PEOPLE) tabs=tabs current=usize::from(!followers)/>
                    <h1 class="visually-hidden">{title}</h1>
                    <PeopleListView
                        source=PeopleSource::List(list)
                        label=title
                        empty_title=if followers { t(msg::follows::NO_FOLLOWERS_YET) } else { t(msg::follows::NOT_FOLLOWING_ANYONE_YET) }
                        empty_message=if followers { t(msg::follows::FOLLOWERS_WILL_SHOW_UP_HERE) } else { t(msg::follows::PEOPLE_THEY_FOLLOW_WILL_SHOW) }
                    />
                </section>
            }
            .into_any()
        }
    }
    }
}

#[component]
pub fn FollowersPage() -> impl IntoView {
    view! { <FollowList followers=true/> }
}

#[component]
pub fn FollowingPage() -> impl IntoView {
    view! { <FollowList followers=false/> }
}
