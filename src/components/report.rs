//! "Report": a small dialog asking why, for a note or a comment. Enough reports from different
//! people hide the content until it is reviewed.

use api_types::ReportReason;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dialog::Dialog;
use super::toast::use_toasts;
use crate::api::{self, ReportTarget};
use crate::session::use_auth;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reportable {
    Note(i64),
    Comment(i64),
}

#[component]
pub fn ReportButton(
    target: Reportable,
    /// The button's class (`link-btn` in comments, `btn` elsewhere).
    #[prop(default = "link-btn")]
    class: &'static str,
) -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(None::<ReportReason>);
    let busy = RwSignal::new(false);
    let what = match target {
        Reportable::Note(_) => "note",
        Reportable::Comment(_) => "comment",
    };
    let submit = move |_| {
        let Some(r) = reason.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let api_target = match target {
                Reportable::Note(id) => ReportTarget::Note(id),
                Reportable::Comment(id) => ReportTarget::Comment(id),
            };
            match api::report(api_target, r).await {
                Ok(result) if result.hidden => {
                    toasts.show("Thanks. It's hidden while we review it.")
                }
                Ok(_) => toasts.show("Thanks for reporting. We'll review it."),
                Err(e) => toasts.show(e.to_string()),
            }
            busy.set(false);
            open.set(false);
        });
    };
    let close = Callback::new(move |()| open.set(false));
    let options = move || {
        ReportReason::ALL
        .into_iter()
        .map(|r| {
            view! {
                <label class="choice-card" class:chosen=move || reason.get() == Some(r)>
                    <input type="radio" name="report-reason" prop:checked=move || reason.get() == Some(r)
                        on:change=move |_| reason.set(Some(r))/>
                    <span class="choice-body"><span class="choice-title">{r.label()}</span></span>
                </label>
            }
        })
        .collect_view()
    };
    view! {
        <button type="button" class=class aria-label=format!("Report this {what}")
            on:click=move |_| auth.require(Callback::new(move |()| open.set(true)))>
            "Report"
        </button>
        <Show when=move || open.get()>
            <Dialog labelled_by="report-title" on_close=close autofocus="input">
                <h2 id="report-title" class="sheet-title">{format!("Report this {what}")}</h2>
                <p class="sheet-lead">"Why? Reports are anonymous."</p>
                <fieldset class="choices">
                    <legend class="visually-hidden">"Reason"</legend>
                    {options()}
                </fieldset>
                <button type="button" class="btn btn-primary btn-block" on:click=submit
                    disabled=move || reason.get().is_none() || busy.get()>"Send report"</button>
            </Dialog>
        </Show>
    }
}
