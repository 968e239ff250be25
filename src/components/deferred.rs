//! Rendering a page in steps: [`Deferred`] renders its children one task after the page around
//! them, [`WhenNear`] once the place they go comes within a margin of the screen (the related
//! notes under a note, the notes under a product). Neither changes what a reader finally sees.

use leptos::html::Div;
use leptos::prelude::*;

use crate::hooks::use_intersection::use_intersection;
use crate::hooks::use_next_task::use_next_task;

#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    let ready = use_next_task();
    move || ready.get().then(|| children())
}

/// Until it is near, an empty marker holds the place (the observer needs an element).
#[component]
pub fn WhenNear(
    /// How far below the screen rendering starts, as an IntersectionObserver root margin.
    #[prop(default = "0px 0px 1000px 0px")]
    margin: &'static str,
    /// The height (px) the children will roughly take: held by the marker so that what
    /// follows does not start out near the screen, nor move when they arrive.
    #[prop(optional)]
    reserve: u32,
    /// Renders now, near or not (e.g. the reader just added to what it holds).
    #[prop(optional, into)]
    now: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let near = RwSignal::new(false);
    let marker = NodeRef::<Div>::new();
    use_intersection(marker, margin, move || {
        let _ = near.try_set(true);
    });
    move || {
        if near.get() || now.get() {
            children().into_any()
        } else {
            view! {
                <div class="when-near" node_ref=marker aria-hidden="true"
                    style:min-height=(reserve > 0).then(|| format!("{reserve}px"))></div>
            }
            .into_any()
        }
    }
}
