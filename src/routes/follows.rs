//! `/user/:id/followers` and `/user/:id/following`: lists of people with follow buttons.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::api::PeopleList;
use crate::components::people::{PeopleListView, PeopleSource};

#[component]
fn FollowList(followers: bool) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    move || match id.get() {
        None => view! { <NotFound title="User not found" message="This account doesn't exist."/> }
            .into_any(),
        Some(id) => {
            let (title, list) = if followers {
                ("Followers", PeopleList::Followers(id))
            } else {
                ("Following", PeopleList::Following(id))
            };
            view! {
                <section class="people-page">
                    <a class="back-link" href=format!("/user/{id}")>"← Profile"</a>
                    <nav class="tabs" aria-label="People">
                        <a href=format!("/user/{id}/followers") aria-current=followers.then_some("page")>"Followers"</a>
                        <a href=format!("/user/{id}/following") aria-current=(!followers).then_some("page")>"Following"</a>
                    </nav>
                    <h1 class="visually-hidden">{title}</h1>
                    <PeopleListView
                        source=PeopleSource::List(list)
                        label=title
                        empty_title=if followers { "No followers yet" } else { "Not following anyone yet" }
                        empty_message=if followers { "Followers will show up here." } else { "People they follow will show up here." }
                    />
                </section>
            }
            .into_any()
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
