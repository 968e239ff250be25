//! The order summary beside every step: lines, fees and the total.

use api_types::{format_cny, CheckoutQuote};
use leptos::prelude::*;

use super::{fee_text, Checkout};
use crate::components::picture::Picture;
use crate::components::ui::Price;
use crate::i18n::{msg, t, tf};

fn summary_lines(quote: &CheckoutQuote) -> impl IntoView {
    quote
        .lines
        .iter()
        .map(|l| {
            view! {
                <li class="summary-line">
                    <Picture image=l.image.clone() sizes="56px" alt=""/>
                    <div>
                        <p class="summary-title">{format!("{} {}", l.brand, l.title)}</p>
                        <p class="muted small">
                            {l.variant_label.clone()}
                            {format!(" × {}", l.quantity)}
                        </p>
                    </div>
                    <Price fen=l.line_total_fen()/>
                </li>
            }
        })
        .collect_view()
}

/// Lines and totals, beside the steps (below them on phones).
#[component]
pub(super) fn OrderSummary() -> impl IntoView {
    let co = expect_context::<Checkout>();
    move || {
        let Some(Ok(quote)) = co.quote.get() else {
            return ().into_any();
        };
        let ship = co.chosen_shipping();
        let fee = ship.as_ref().map_or(0, |s| s.fee_fen);
        let unavailable = quote.unavailable.len();
        view! {
            <aside class="checkout-summary" aria-labelledby="summary-title">
                <h2 id="summary-title">{t(msg::checkout_summary::ORDER_SUMMARY)}</h2>
                <ul class="summary-lines">{summary_lines(&quote)}</ul>
                {(unavailable > 0).then(|| view! {
                    <p class="notice small">{tf(msg::checkout_summary::UNAVAILABLE_SOLD_OUT_ITEM_S, &[("unavailable", &unavailable)])}</p>
                })}
                <dl class="totals">
                    <dt>{t(msg::common::SUBTOTAL)}</dt><dd>{format_cny(quote.subtotal_fen)}</dd>
                    <dt>{t(msg::checkout_summary::SHIPPING)}</dt><dd>{if ship.is_some() { fee_text(fee) } else { "—".to_string() }}</dd>
                    <dt class="total">{t(msg::checkout_summary::TOTAL)}</dt><dd class="total"><Price fen=quote.subtotal_fen + fee large=true/></dd>
                </dl>
                {quote.cross_border.then(|| view! {
                    <p class="muted small">{t(msg::checkout_summary::INCLUDES_IMPORTED_GOODS_SHIPPED_FROM)}</p>
                })}
            </aside>
        }
        .into_any()
    }
}
