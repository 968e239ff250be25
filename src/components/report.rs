//! "Report": a small dialog asking why, for a note or a comment. Enough reports from different
//! people hide the content until it is reviewed.

use api_types::ReportReason;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dialog::{Dialog, DialogLead, DialogTitle};
use super::toast::use_toasts;
use super::ui::{Button, ButtonSize, ButtonVariant};
use crate::api::{self, ReportTarget};
use crate::i18n::{is_zh, tr};
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
    let what = match target {
        Reportable::Note(_) => "note",
        Reportable::Comment(_) => "comment",
    };
    let heading = move || {
        if is_zh() {
            match target {
                Reportable::Note(_) => "举报这篇笔记".to_string(),
                Reportable::Comment(_) => "举报这条评论".to_string(),
            }
        } else {
            format!("Report this {what}")
        }
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
                Ok(result) if result.hidden => toasts.show(tr(
                    "Thanks. It's hidden while we review it.",
                    "感谢举报，审核期间内容已隐藏。",
                )),
                Ok(_) => toasts.show(tr(
                    "Thanks for reporting. We'll review it.",
                    "感谢举报，我们会尽快审核。",
                )),
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
            {tr("Report", "举报")}
        </Button>
        <Show when=move || open.get()>
            <Dialog labelled_by="report-title" on_close=close autofocus="input">
                <DialogTitle id="report-title">{heading()}</DialogTitle>
                <DialogLead>{tr("Why? Reports are anonymous.", "请选择举报原因，举报均为匿名。")}</DialogLead>
                <fieldset class="choices">
                    <legend class="visually-hidden">{tr("Reason", "原因")}</legend>
                    {options()}
                </fieldset>
                <Button block=true on_click=Callback::new(submit)
                    disabled=Signal::derive(move || reason.get().is_none() || busy.get())>{tr("Send report", "提交举报")}</Button>
            </Dialog>
        </Show>
    }
}

/// The reason's label in the interface language (the English is the crate's `label()`).
fn reason_label(r: ReportReason) -> &'static str {
    match r {
        ReportReason::Spam => tr("Spam or advertising", "垃圾广告或营销"),
        ReportReason::Inappropriate => tr("Inappropriate or offensive", "低俗或令人不适"),
        ReportReason::Misleading => tr("Misleading or fake", "虚假或误导信息"),
        ReportReason::Other => tr("Something else", "其他原因"),
    }
}
