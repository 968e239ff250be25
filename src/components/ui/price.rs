//! A price in yuan from integer fen (¥128.00), optionally with the struck-through original
//! price; the original is announced as such to screen readers.

use api_types::format_cny;
use leptos::prelude::*;
use stylers_macro::style;

use crate::i18n::{msg, t};

#[component]
pub fn Price(
    fen: i64,
    /// The price before a discount (shown struck through when higher than `fen`).
    #[prop(optional)]
    original_fen: Option<i64>,
    /// The big price on a product page.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let styles = style! {
        .price {
            display: inline-flex;
            align-items: baseline;
            gap: 6px;
        }
        strong {
            color: var(--brand-text);
            font-weight: 700;
            font-variant-numeric: tabular-nums;
        }
        .large strong {
            font-size: 28px;
        }
        s {
            color: var(--text-3);
            font-size: var(--fs-sm);
            font-variant-numeric: tabular-nums;
        }
    };
    let original = original_fen.filter(|o| *o > fen);
    view! { class=styles,
        <span class=if large { "price large" } else { "price" }>
            <strong>{format_cny(fen)}</strong>
            {original.map(|o| view! { class=styles,
                <s><span class="visually-hidden">{t(msg::price::WAS)}</span>{format_cny(o)}</s>
            })}
        </span>
    }
}
