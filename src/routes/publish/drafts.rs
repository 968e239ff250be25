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
use crate::i18n::{is_zh, tr};

/// `/publish/drafts`: saved drafts, newest first, to resume or delete.
#[component]
pub fn DraftsPage() -> impl IntoView {
    view! {
        <SignedInOnly title=tr("Drafts", "草稿箱") reason=tr("Sign in to see your drafts.", "登录后查看你的草稿。")>
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
            <h1 class="page-title">{tr("Drafts", "草稿箱")}</h1>
            <p><Button href="/publish">{tr("New note", "写新笔记")}</Button></p>
            {move || match drafts.get() {
                None => view! { <div class="skeleton shimmer line" aria-busy="true"></div> }.into_any(),
                Some(Err(e)) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <EmptyState title=tr("No drafts", "暂无草稿")
                        message=tr("What you start writing is saved here automatically.", "开始写的笔记会自动保存在这里。")/>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="draft-list" aria-label=tr("Your drafts", "我的草稿")>
                        {list.into_iter().map(|d| {
                            let id = d.id;
                            let name = if d.title.trim().is_empty() { tr("Untitled", "无标题").to_string() } else { d.title.clone() };
                            view! {
                                <li class="draft-row">
                                    {d.images.first().map(|u| view! { <Picture image=u.image.clone() sizes="64px" alt=""/> })}
                                    <div class="draft-body">
                                        <a href=format!("/publish?draft={id}")>{name.clone()}</a>
                                        <p class="muted small">{let saved = format::relative_time(d.updated_at, format::now_unix()); if is_zh() { format!("{} 张图片 · {saved}保存", d.images.len()) } else { format!("{} photos · saved {}", d.images.len(), saved) }}</p>
                                    </div>
                                    <Button variant=ButtonVariant::Link size=ButtonSize::Small label=if is_zh() { format!("删除草稿 {name}") } else { format!("Delete draft {name}") }
                                        on_click=Callback::new(move |_| remove(id))>{tr("Delete", "删除")}</Button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </div>
    }
}
