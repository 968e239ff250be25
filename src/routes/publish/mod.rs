//! `/publish`: write a note — photos or one video, title, text with `#topic` and `@name` completion, channel,
//! tagged products, location — saved as a draft while you type (`/publish?draft=ID` resumes
//! one); `/publish?edit=ID` edits a published note (its photos stay). Leaving with unsaved
//! changes asks first.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::gate::SignedInOnly;
use crate::i18n::{msg, t};

mod drafts;
mod editor;
mod tagger;
mod video;

pub use drafts::DraftsPage;
use editor::Editor;

#[component]
pub fn PublishPage() -> impl IntoView {
    let query = use_query_map();
    // The editor is rebuilt when the URL names another draft or note.
    let target = Memo::new(move |_| {
        query.with(|q| {
            (
                q.get("draft").and_then(|d| d.parse::<i64>().ok()),
                q.get("edit").and_then(|d| d.parse::<i64>().ok()),
            )
        })
    });
    view! {
        <SignedInOnly title=t(msg::common::PUBLISH) reason=t(msg::publish::SIGN_SHARE_NOTE_PHOTOS_TOPICS)>
            {move || {
                let (draft, edit) = target.get();
                view! { <Editor draft=draft edit=edit/> }
            }}
        </SignedInOnly>
    }
}
