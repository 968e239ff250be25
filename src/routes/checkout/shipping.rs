//! The shipping step: choosing a method from the quote.

use leptos::prelude::*;

use super::{fee_text, Checkout, Step};
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::i18n::{is_zh, msg, t, tf};

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
                let days = tf(msg::checkout_shipping::ARRIVES_MIN_DAYS_MAX_DAYS, &[("max_days", &s.max_days), ("min_days", &s.min_days)]);
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
            <h2 id="step-title">{t(msg::checkout_shipping::HOW_FAST)}</h2>
            <Show when=cross_border>
                <p class="notice">{t(msg::checkout_shipping::IMPORTED_ITEMS_SHIP_FROM_OUR)}</p>
            </Show>
            <fieldset class="choices">
                <legend class="visually-hidden">{t(msg::checkout_shipping::SHIPPING_OPTIONS)}</legend>
                {options}
            </fieldset>
            <div class="step-actions">
                <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| co.go(Step::Address))>{t(msg::common::BACK)}</Button>
                <Button size=ButtonSize::Large on_click=Callback::new(move |_| co.go(Step::Payment))>{t(msg::checkout_shipping::CONTINUE_PAYMENT)}</Button>
            </div>
        </section>
    }
}
