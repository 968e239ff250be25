//! "Report": a small dialog asking why, for a note or a comment. Enough reports from different
//! people hide the content until it is reviewed.

use api_types::ReportReason;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dialog::{Dialog, DialogLead, DialogTitle};
use super::toast::use_toasts;
use super::ui::{Button, ButtonSize, ButtonVariant};
use crate::api::{self, ReportTarget};
use crate::i18n::{msg, t};
use crate::session::use_auth;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reportable {
    Note(i64),
    Comment(i64),
}

#[component]
pub fn ReportButton(
    target: Reportable,
    /// Extra classes for the (link-style) button, for placement at the call site.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(None::<ReportReason>);
    let busy = RwSignal::new(false);
    let heading = move || match target {
        Reportable::Note(_) => t(msg::report::HEADING_NOTE),
        Reportable::Comment(_) => t(msg::report::HEADING_COMMENT),
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
                    toasts.show(t(msg::report::THANKS_ITS_HIDDEN_WHILE_WE))
                }
                Ok(_) => toasts.show(t(msg::report::THANKS_REPORTING_WELL_REVIEW)),
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
                    <span class="choice-body"><span class="choice-title">{reason_label(r)}</span></span>
                </label>
            }
        })
        .collect_view()
    };
    view! {
        <Button variant=ButtonVariant::Link size=ButtonSize::Small class=class label=heading()
            on_click=Callback::new(move |_| auth.require(Callback::new(move |()| open.set(true))))>
            {t(msg::report::REPORT)}
        </Button>
        <Show when=move || open.get()>
            <Dialog labelled_by="report-title" on_close=close autofocus="input">
                <DialogTitle id="report-title">{heading()}</DialogTitle>
                <DialogLead>{t(msg::report::WHY_REPORTS_ARE_ANONYMOUS)}</DialogLead>
                <fieldset class="choices">
                    <legend class="visually-hidden">{t(msg::report::REASON)}</legend>
                    {options()}
                </fieldset>
                <Button block=true on_click=Callback::new(submit)
                    disabled=Signal::derive(move || reason.get().is_none() || busy.get())>{t(msg::report::SEND_REPORT)}</Button>
            </Dialog>
        </Show>
    }
}

/// The reason's label in the interface language (the English is the crate's `label()`).
fn reason_label(r: ReportReason) -> &'static str {
    match r {
        ReportReason::Spam => t(msg::report::SPAM_ADVERTISING),
        ReportReason::Inappropriate => t(msg::report::INAPPROPRIATE_OFFENSIVE),
        ReportReason::Misleading => t(msg::report::MISLEADING_FAKE),
        ReportReason::Other => t(msg::report::SOMETHING_ELSE),
    }
}
