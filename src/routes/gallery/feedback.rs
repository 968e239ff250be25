//! Specimens of feedback: skeletons, dialogs, toasts, empty and error states, sentinels, spinners.

use leptos::prelude::*;

use super::{state, Specimens};
use crate::components::dialog::{Dialog, DialogActions, DialogLead, DialogNote, DialogTitle};
use crate::components::states::{EmptyState, ErrorState, ListStatus, SkeletonGrid};
use crate::components::toast::{use_toasts, ToastView};
use crate::components::ui::{Button, ButtonVariant, Spinner};

pub(super) fn skeletons(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("First page loading", view! { <div class="gallery-wide"><SkeletonGrid count=4 standalone=true/></div> })}
    }
    .into_any()
}

pub(super) fn dialogs(_: &Specimens, theme: &'static str) -> AnyView {
    let open = RwSignal::new(false);
    view! {
        {state("Open it (Escape or the backdrop closes it)", view! {
            <Button variant=ButtonVariant::Secondary on_click=Callback::new(move |_| open.set(true))>"Open dialog"</Button>
            {move || open.get().then(|| view! {
                <Dialog labelled_by="gallery-dialog-title" on_close=Callback::new(move |()| open.set(false)) autofocus="button.btn">
                    <DialogTitle id="gallery-dialog-title">"Delete this note?"</DialogTitle>
                    <DialogLead>"It disappears from your profile, the feed and search. 删除后不可恢复。"</DialogLead>
                    <DialogActions>
                        <Button variant=ButtonVariant::Danger on_click=Callback::new(move |_| open.set(false))>"Delete"</Button>
                        <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| open.set(false))>"Cancel"</Button>
                    </DialogActions>
                </Dialog>
            })}
        })}
        {state("Its surfaces (static): a sheet, and the cart's side drawer", view! {
            <div class="gallery-static">
                <Dialog inline=true labelled_by=if theme == "dark" { "gallery-sheet-dark" } else { "gallery-sheet-light" }
                    on_close=Callback::new(|()| {})>
                    <DialogTitle id=if theme == "dark" { "gallery-sheet-dark" } else { "gallery-sheet-light" }>"Sign in to like notes"</DialogTitle>
                    <DialogLead>"登录后可以点赞、收藏和评论。"</DialogLead>
                    <DialogActions>
                        <Button>"Sign in"</Button>
                        <Button variant=ButtonVariant::Ghost>"Not now"</Button>
                    </DialogActions>
                    <DialogNote>"Demo accounts use the password shown in the README."</DialogNote>
                </Dialog>
            </div>
            <div class="gallery-static">
                <Dialog inline=true kind="drawer" labelled_by=if theme == "dark" { "gallery-drawer-dark" } else { "gallery-drawer-light" }
                    on_close=Callback::new(|()| {})>
                    <DialogTitle id=if theme == "dark" { "gallery-drawer-dark" } else { "gallery-drawer-light" }>"Cart"</DialogTitle>
                    <DialogLead>"Free shipping from ¥99."</DialogLead>
                </Dialog>
            </div>
        })}
    }
    .into_any()
}

pub(super) fn toasts(_: &Specimens, _: &'static str) -> AnyView {
    let toasts = use_toasts();
    view! {
        {state("Static", view! {
            <ToastView text="Link copied"/>
            <ToastView text="已加入购物车"/>
        })}
        {state("Live (announced once)", view! {
            <Button variant=ButtonVariant::Secondary on_click=Callback::new(move |_| toasts.show("Added to cart"))>"Show a toast"</Button>
        })}
    }
    .into_any()
}

pub(super) fn states(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("Empty", view! {
            <EmptyState title="No notes yet" message="Notes you collect show up here."/>
        })}
        {state("Error with a retry", view! {
            <ErrorState message="Can't reach Zhongcao. Check your connection and try again." on_retry=Callback::new(|()| {})/>
        })}
        {state("With an action", view! {
            <EmptyState title="Sign in to see your notifications" message="Likes, follows and comments show up here.">
                <Button>"Sign in"</Button>
            </EmptyState>
        })}
        {state("Chinese", view! { <EmptyState title="还没有笔记" message="收藏的笔记会出现在这里。"/> })}
    }
    .into_any()
}

pub(super) fn sentinels(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("Loading more", view! {
            <ListStatus loading=true/>
        })}
        {state("The end", view! { <ListStatus loading=false done=true end_text="You're all caught up"/> })}
    }
    .into_any()
}

pub(super) fn spinners(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("16, 20, 28 px, and on the brand colour", view! {
            <Spinner size=16/>
            <Spinner/>
            <Spinner size=28/>
            <span class="gallery-on-brand"><Spinner inverse=true/></span>
        })}
    }
    .into_any()
}
