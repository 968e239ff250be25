//! The shipping step: choosing a method from the quote.

use leptos::prelude::*;

use super::{fee_text, Checkout, Step};
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::i18n::{is_zh, tr};

#[component]
pub(super) fn ShippingStep() -> impl IntoView {
    let co = expect_context::<Checkout>();
    let options = move || {
        let Some(Ok(quote)) = co.quote.get() else {
            return ().into_any();
        };
        quote
            .shipping
            .into_iter()
            .map(|s| {
                let method = s.method;
                let checked = move || co.shipping.get() == method;
                let pick = move |_| co.select(Step::Shipping, co.address_id.get_untracked(), method);
                // In Chinese the Chinese name says it all.
                let (name, native) = if is_zh() {
                    (s.name.clone(), String::new())
                } else {
                    (s.name_en.clone(), s.name.clone())
                };
                let days = if is_zh() {
                    format!("预计 {}–{} 天送达", s.min_days, s.max_days)
                } else {
                    format!("Arrives in {}–{} days", s.min_days, s.max_days)
                };
                view! {
                    <label class="choice-card" class:chosen=checked>
                        <input type="radio" name="shipping" prop:checked=checked on:change=pick/>
                        <span class="choice-body">
                            <span class="choice-title">{name}" "<span class="muted" lang="zh-CN">{native}</span></span>
                            <span class="choice-text">{days}</span>
                        </span>
                        <span class="choice-price">{fee_text(s.fee_fen)}</span>
                    </label>
                }
            })
            .collect_view()
            .into_any()
    };
    let cross_border = move || {
        co.quote
            .with(|q| matches!(q, Some(Ok(q)) if q.cross_border))
    };
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">{tr("How fast?", "选择配送方式")}</h2>
            <Show when=cross_border>
                <p class="notice">{tr("Imported items ship from our bonded warehouse and clear customs on the way; that adds a few days and a bonded-warehouse fee (free from ¥199 of imported goods).", "进口商品从保税仓发货，途中清关，会多花几天，并收取保税仓费用（进口商品满 ¥199 免收）。")}</p>
            </Show>
            <fieldset class="choices">
                <legend class="visually-hidden">{tr("Shipping options", "配送方式")}</legend>
                {options}
            </fieldset>
            <div class="step-actions">
                <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| co.go(Step::Address))>{tr("Back", "上一步")}</Button>
                <Button size=ButtonSize::Large on_click=Callback::new(move |_| co.go(Step::Payment))>{tr("Continue to payment", "下一步：支付")}</Button>
            </div>
        </section>
    }
}
