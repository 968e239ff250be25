//! The order summary beside every step: lines, fees and the total.

use api_types::{format_cny, CheckoutQuote};
use leptos::prelude::*;

use super::{fee_text, Checkout};
use crate::components::picture::Picture;
use crate::components::ui::Price;
use crate::i18n::{is_zh, tr};

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
                <h2 id="summary-title">{tr("Order summary", "订单明细")}</h2>
                <ul class="summary-lines">{summary_lines(&quote)}</ul>
                {(unavailable > 0).then(|| view! {
                    <p class="notice small">{if is_zh() { format!("{unavailable} 件已售罄的商品会留在购物车里。") } else { format!("{unavailable} sold-out item(s) stay in your cart.") }}</p>
                })}
                <dl class="totals">
                    <dt>{tr("Subtotal", "商品小计")}</dt><dd>{format_cny(quote.subtotal_fen)}</dd>
                    <dt>{tr("Shipping", "运费")}</dt><dd>{if ship.is_some() { fee_text(fee) } else { "—".to_string() }}</dd>
                    <dt class="total">{tr("Total", "合计")}</dt><dd class="total"><Price fen=quote.subtotal_fen + fee large=true/></dd>
                </dl>
                {quote.cross_border.then(|| view! {
                    <p class="muted small">{tr("Includes imported goods shipped from a bonded warehouse; customs clearance is handled for you.", "含进口商品，从保税仓发货，清关手续由我们代办。")}</p>
                })}
            </aside>
        }
        .into_any()
    }
}
