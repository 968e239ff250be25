//! Pages whose code lives in its own wasm chunk, fetched the first time the page is shown.
//!
//! `cargo xtask build` splits the bundle at every [`lazy_page!`]: the first route a phone
//! opens (shell, feed, note) never downloads the code of the checkout or the creator center.
//! A chunk that fails to load (offline, or a build replaced on the server) shows an error with
//! "Try again" instead of aborting the app: the split points are `fallible`, and neither the
//! Rust nor the JS loader remembers a failure, so a retry fetches again.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

use crate::components::states::ErrorState;
use crate::components::ui::Spinner;
use crate::i18n::tr;

/// What a [`lazy_page!`] loader returns: the page's view once its chunk is in.
pub type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// Declares `$name() -> PageFuture`, a loader for `$view` whose code goes into the wasm chunk
/// `$chunk`. Pages that are used together share a chunk (one download for all of them).
macro_rules! lazy_page {
    ($name:ident, $chunk:ident, $view:expr) => {
        pub fn $name() -> crate::lazy::PageFuture {
            #[::leptos::wasm_split::wasm_split($chunk, fallible, wasm_split_path = ::leptos::wasm_split)]
            fn build() -> Result<::leptos::prelude::AnyView, ::leptos::wasm_split::SplitLoaderError> {
                use ::leptos::prelude::IntoAny;
                Ok($view.into_any())
            }
            Box::pin(build())
        }
    };
}

/// Shows the page `load` brings, a skeleton while its chunk downloads, and an error with
/// "Try again" (and a reload for a build that is gone) if the download fails.
#[component]
pub fn Lazy(load: fn() -> PageFuture) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let page = move || {
        attempt.track();
        // The view is built after the await, inside the Suspend's owner: routes' params and
        // the app's contexts are there as for any other page.
        Suspend::new(SendWrapper::new(async move {
            match load().await {
                Ok(view) => view,
                Err(_) => view! { <ChunkError attempt=attempt/> }.into_any(),
            }
        }))
    };
    view! {
        <Suspense fallback=|| view! {
            <div class="page-loading" role="status" aria-label=tr("Loading", "加载中")><Spinner size=28/></div>
        }>{page}</Suspense>
    }
}

#[component]
fn ChunkError(attempt: RwSignal<u32>) -> impl IntoView {
    let tries = attempt.get_untracked();
    let message = if tries == 0 {
        tr(
            "This page could not be loaded. Check your connection and try again.",
            "页面加载失败，请检查网络后重试。",
        )
    } else {
        tr(
            "This page still could not be loaded. The app may have been updated: reload to get the new version.",
            "页面仍然无法加载。应用可能已更新，请刷新页面。",
        )
    };
    let retry = Callback::new(move |()| {
        if tries == 0 {
            attempt.update(|n| *n += 1);
        } else {
            let _ = window().location().reload();
        }
    });
    view! { <ErrorState message=message on_retry=retry/> }
}
