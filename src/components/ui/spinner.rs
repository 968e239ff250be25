//! An indeterminate progress ring. Decorative: the control or region it sits in says what is
//! loading (`aria-busy`, a status text). Under reduced motion it stands still.

use leptos::prelude::*;
use stylers_macro::style;

#[component]
pub fn Spinner(
    /// Diameter in CSS pixels.
    #[prop(default = 20)]
    size: u32,
    /// Light ring for use on the brand colour.
    #[prop(optional)]
    inverse: bool,
) -> impl IntoView {
    let styles = style! {
        span {
            display: inline-block;
            flex-shrink: 0;
            border: 2px solid var(--surface-3);
            border-top-color: var(--brand);
            border-radius: 50%;
            animation: spin 0.8s linear infinite;
        }
        span.inverse {
            border-color: rgba(255, 255, 255, 0.35);
            border-top-color: #fff;
        }
    };
    view! { class=styles,
        <span
            class=if inverse { "inverse" } else { "" }
            style=format!("width:{size}px;height:{size}px")
            aria-hidden="true"
        ></span>
    }
}
