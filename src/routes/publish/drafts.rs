//! `/publish/drafts`: the saved drafts, to resume or delete.

use api_types::Draft;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::gate::SignedInOnly;
use crate::components::picture::Picture;
use crate::components::states::EmptyState;
use crate::components::toast::use_toasts;
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::format;
use crate::i18n::{msg, t, tf};

/// `/publish/drafts`: saved drafts, newest first, to resume or delete.
#[component]
pub fn DraftsPage() -> impl IntoView {
    view! {
        <SignedInOnly title=t(msg::common::DRAFTS) reason=t(msg::publish_drafts::SIGN_SEE_DRAFTS)>
            <DraftList/>
        </SignedInOnly>
    }
}

#[component]
fn DraftList() -> impl IntoView {
    let drafts = RwSignal::new(None::<Result<Vec<Draft>, ApiError>>);
    let toasts = use_toasts();
    spawn_local(async move { drafts.set(Some(api::drafts().await)) });
    let remove = move |id: i64| {
        spawn_local(async move {
            match api::delete_draft(id).await {
                Ok(()) => drafts.update(|d| {
                    if let Some(Ok(list)) = d {
                        list.retain(|x| x.id != id)
                    }
                }),
                Err(e) => toasts.show(e.to_string()),
            }
        })
    };
    view! {
        <div class="page-narrow drafts-page">
            <h1 class="page-title">{t(msg::common::DRAFTS)}</h1>
            <p><Button href="/publish">{t(msg::publish_drafts::NEW_NOTE)}</Button></p>
            {move || match drafts.get() {
                None => view! { <div class="skeleton shimmer line" aria-busy="true"></div> }.into_any(),
                Some(Err(e)) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <EmptyState title=t(msg::publish_drafts::NO_DRAFTS)
                        message=t(msg::publish_drafts::WHAT_START_WRITING_SAVED_HERE)/>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="draft-list" aria-label=t(msg::publish_drafts::DRAFTS)>
                        {list.into_iter().map(|d| {
                            let id = d.id;
                            let name = if d.title.trim().is_empty() { t(msg::publish_drafts::UNTITLED).to_string() } else { d.title.clone() };
                            view! {
                                <li class="draft-row">
                                    {d.images.first().map(|u| view! { <Picture image=u.image.clone() sizes="64px" alt=""/> })}
                                    <div class="draft-body">
                                        <a href=format!("/publish?draft={id}")>{name.clone()}</a>
                                        <p class="muted small">{let saved = format::relative_time(d.updated_at, format::now_unix()); tf(msg::publish_drafts::PHOTOS_SAVED, &[("n", &d.images.len()), ("when", &saved)])}</p>
                                    </div>
                                    <Button variant=ButtonVariant::Link size=ButtonSize::Small label=tf(msg::publish_drafts::DELETE_DRAFT_NAME, &[("name", &name)])
                                        on_click=Callback::new(move |_| remove(id))>{t(msg::common::DELETE)}</Button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </div>
    }
}
