//! An image at a known size: `srcset`/`sizes`, explicit width/height, lazy unless told
//! otherwise, and a gradient placeholder painted until the file arrives. The candidates come
//! from api-types (`Image::srcset`, `Image::carousel_srcset`), like the server's preloads.

use api_types::Image;
use leptos::prelude::*;

pub fn placeholder_style(image: &Image) -> String {
    format!(
        "background-image:linear-gradient(180deg,{},{})",
        image.placeholder.top, image.placeholder.bottom
    )
}

#[component]
pub fn Picture(
    image: Image,
    /// The `sizes` attribute: how wide the image is drawn.
    #[prop(into)]
    sizes: Signal<String>,
    #[prop(into)] alt: String,
    /// Above the fold: load eagerly with high priority.
    #[prop(optional)]
    eager: bool,
    /// CSS object-fit for the image (`cover` by default).
    #[prop(optional, into)]
    fit: Option<&'static str>,
    /// A carousel slide: renditions up to `CAROUSEL_MAX_WIDTH` only.
    #[prop(optional)]
    carousel: bool,
) -> impl IntoView {
    let (loaded, set_loaded) = signal(false);
    // A cached image can finish before the load listener sees it: check once mounted too.
    let img = NodeRef::<leptos::html::Img>::new();
    Effect::new(move |_| {
        if let Some(el) = img.get() {
            if el.complete() && el.natural_width() > 0 {
                set_loaded.set(true);
            }
        }
    });
    let src = image.url(480);
    let srcset = if carousel {
        image.carousel_srcset()
    } else {
        image.srcset()
    };
    let fit = fit.unwrap_or("cover");
    view! {
        <div class="picture" class:loaded=loaded style=placeholder_style(&image)>
            <img
                node_ref=img
                src=src
                srcset=srcset
                sizes=move || sizes.get()
                width=image.width
                height=image.height
                alt=alt
                loading=if eager { "eager" } else { "lazy" }
                fetchpriority=if eager { "high" } else { "auto" }
                decoding="async"
                style=format!("object-fit:{fit}")
                on:load=move |_| set_loaded.set(true)
            />
        </div>
    }
}
