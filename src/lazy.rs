//! Pages whose code lives in its own wasm chunk, fetched the first time the page is shown.
//!
//! `cargo xtask build` splits the bundle at every [`lazy_view!`]: the first route a phone
//! opens (shell, feed, note) never downloads the code of the checkout or the creator center.
//! A chunk that fails to load (offline, or a build replaced on the server) shows an error with
//! "Try again" instead of aborting the app: the split points are `fallible`, and neither the
//! Rust nor the JS loader remembers a failure, so a retry fetches again. The lazy pages' own
//! stylesheet (`pages.css`) comes the same way, with the first lazy view.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

use crate::components::states::ErrorState;
use crate::components::ui::Spinner;
use crate::i18n::{msg, t};

/// What a [`lazy_view!`] loader returns: the page's view once its chunk is in.
pub type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// Declares a module `$name` whose `load()` brings `$view` with the wasm chunk `$chunk` (views
/// used together share a chunk: one download for all of them).
macro_rules! lazy_view {
    ($name:ident, $chunk:ident, $view:expr) => {
        pub mod $name {
            use leptos::prelude::*;

            #[::leptos::wasm_split::wasm_split(
                                                        $chunk,
                                                        fallible,
                                                        wasm_split_path = ::leptos::wasm_split
                                                    )]
            pub fn build() -> Result<AnyView, ::leptos::wasm_split::SplitLoaderError> {
                Ok($view.into_any())
            }

            pub fn load() -> $crate::lazy::PageFuture {
                Box::pin(build())
            }
        }
    };
}

/// Shows the page `load` brings, a spinner while its chunk downloads, and an error with
/// "Try again" (and a reload for a build that is gone) if the download fails.
#[component]
pub fn Lazy(
    load: fn() -> PageFuture,
    /// For a dialog: the spinner floats over the page instead of standing in for it.
    #[prop(optional)]
    overlay: bool,
) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let page = move || {
        attempt.track();
        // The view is built after the await, inside the Suspend's owner: routes' params and
        // the app's contexts are there as for any other page.
        Suspend::new(SendWrapper::new(async move {
            // The lazy pages' stylesheet downloads beside the chunk; the view waits for both,
            // so it never shows unstyled.
            let styles = page_styles();
            let view = load().await;
            let styled = match styles {
                Some(styles) => styles.await.is_ok(),
                None => true,
            };
            match view {
                Ok(view) if styled => view,
                _ => view! { <ChunkError attempt=attempt/> }.into_any(),
            }
        }))
    };
    view! {
        <Suspense fallback=move || view! {
            <div class="page-loading" class:overlay=overlay role="status" aria-label=t(msg::lazy::LOADING)>
                <Spinner size=28/>
            </div>
        }>{page}</Suspense>
    }
}

/// Starts (once) the download of `pages.css`, the lazy pages' styles (`window.zcPageStyles`,
/// defined by the build in index.html); `None` where there is no such loader.
fn page_styles() -> Option<wasm_bindgen_futures::JsFuture> {
    use wasm_bindgen::JsCast;
    let loader = js_sys::Reflect::get(&window(), &"zcPageStyles".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = loader
        .call0(&wasm_bindgen::JsValue::NULL)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    Some(wasm_bindgen_futures::JsFuture::from(promise))
}

#[component]
fn ChunkError(attempt: RwSignal<u32>) -> impl IntoView {
    let tries = attempt.get_untracked();
    let message = if tries == 0 {
        t(msg::lazy::PAGE_COULD_NOT_LOADED_CHECK)
    } else {
        t(msg::lazy::PAGE_STILL_COULD_NOT_LOADED)
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

/// Puts the files of chunks that are likely needed soon (the note, the sign-in sheet, the cart
/// drawer) in the HTTP cache once the first screen has settled, so opening them later does not
/// wait for the network. Nothing is compiled or run until then: on a slow phone that work
/// would land in the reader's first seconds of scrolling (`window.zcWarm`, defined by the
/// build in index.html).
pub fn prefetch_when_idle(chunks: &'static [&'static str]) {
    use wasm_bindgen::JsCast;
    set_timeout(
        move || {
            let Some(warm) = js_sys::Reflect::get(&window(), &"zcWarm".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            else {
                return;
            };
            for chunk in chunks {
                let _ = warm.call1(&wasm_bindgen::JsValue::NULL, &(*chunk).into());
            }
        },
        std::time::Duration::from_secs(4),
    );
}
