//! `/user/:id/followers` and `/user/:id/following`: lists of people with follow buttons.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::api::PeopleList;
use crate::components::people::{PeopleListView, PeopleSource};
use crate::components::ui::{Tab, Tabs};
use crate::i18n::tr;

#[component]
fn FollowList(followers: bool) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    move || {
        match id.get() {
        None => view! { <NotFound title=tr("User not found", "用户不存在") message=tr("This account doesn't exist.", "该账号不存在。")/> }
            .into_any(),
        Some(id) => {
            let (title, list) = if followers {
                (tr("Followers", "粉丝"), PeopleList::Followers(id))
            } else {
                (tr("Following", "关注"), PeopleList::Following(id))
            };
            let tabs = vec![
                Tab {
                    label: tr("Followers", "粉丝").to_string(),
                    href: format!("/user/{id}/followers"),
                    count: 0,
                    ..Default::default()
                },
                Tab {
                    label: tr("Following", "关注").to_string(),
                    href: format!("/user/{id}/following"),
                    count: 0,
                    ..Default::default()
                },
            ];
            view! {
                <section class="people-page">
                    <a class="back-link" href=format!("/user/{id}")>{tr("← Profile", "← 主页")}</a>
                    <Tabs label=tr("People", "用户") tabs=tabs current=usize::from(!followers)/>
                    <h1 class="visually-hidden">{title}</h1>
                    <PeopleListView
                        source=PeopleSource::List(list)
                        label=title
                        empty_title=if followers { tr("No followers yet", "还没有粉丝") } else { tr("Not following anyone yet", "还没有关注任何人") }
                        empty_message=if followers { tr("Followers will show up here.", "粉丝会显示在这里。") } else { tr("People they follow will show up here.", "TA 关注的人会显示在这里。") }
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
