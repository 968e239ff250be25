//! The review step: everything at a glance, then placing the order once.

use api_types::{format_cny, PaymentInput, PlaceOrder};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{fee_text, masked_phone, new_key, Checkout, Step};
use crate::api::{self, ApiError};
use crate::cart::use_cart;
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::i18n::{is_zh, msg, t, tf};

#[component]
pub(super) fn ReviewStep() -> impl IntoView {
    let co = expect_context::<Checkout>();
    let store = use_cart();
    let key = StoredValue::new(new_key());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // Prices and stock are checked again right before paying.
    co.load_quote();
    let total = move || {
        co.quote.with(|q| match q {
            Some(Ok(q)) => Some(q.subtotal_fen + co.chosen_shipping().map_or(0, |s| s.fee_fen)),
            _ => None,
        })
    };
    let pay = move |_| {
        let (Some(address), Some(expected)) = (co.address_id.get_untracked(), total()) else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let form = PlaceOrder {
            items: co.buy.get_untracked(),
            address_id: address,
            shipping: co.shipping.get_untracked(),
            payment: PaymentInput {
                card_number: co.card.get_untracked(),
                expiry: co.expiry.get_untracked(),
                cvc: co.cvc.get_untracked(),
            },
            expected_total_fen: Some(expected),
        };
        spawn_local(async move {
            let result = api::place_order(&form, &key.get_value()).await;
            busy.set(false);
            match result {
                Ok(order) => {
                    co.navigate
                        .run((format!("/orders/{}?placed=1", order.id), false));
                    // Bought lines left the cart on the server.
                    let _ = store.refresh().await;
                }
                Err(e) => {
                    // A lost answer may be retried with the same key (the server replays the
                    // order); anything the server decided starts a new attempt.
                    if !matches!(e, ApiError::Network(_)) {
                        key.set_value(new_key());
                    }
                    if matches!(e, ApiError::Conflict(_)) {
                        co.load_quote();
                    }
                    error.set(Some(e));
                }
            }
        });
    };
    let card_tail = move || {
        let digits: String = co
            .card
            .with(|c| c.chars().filter(char::is_ascii_digit).collect());
        digits[digits.len().saturating_sub(4)..].to_string()
    };
    let edit = move |step: Step| {
        let href = co.href(step, co.address_id.get(), co.shipping.get());
        view! { <Button variant=ButtonVariant::Link size=ButtonSize::Small href=href>{t(msg::checkout_review::CHANGE)}</Button> }
    };
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">{t(msg::checkout_review::REVIEW_PAY)}</h2>
            <dl class="review-list">
                <div>
                    <dt>{t(msg::checkout_review::DELIVER)}</dt>
                    <dd>{move || co.chosen_address().map(|a| format!(
                        "{} · {} · {} {} {} {}", a.recipient, masked_phone(&a.phone), a.province, a.city, a.district, a.detail
                    ))}</dd>
                    {edit(Step::Address)}
                </div>
                <div>
                    <dt>{t(msg::common::SHIPPING)}</dt>
                    <dd>{move || co.chosen_shipping().map(|s| tf(msg::checkout_review::SHIPPING_SUMMARY, &[
                        // The method's name is data with a field per language.
                        ("name", if is_zh() { &s.name } else { &s.name_en }),
                        ("min", &s.min_days),
                        ("max", &s.max_days),
                        ("fee", &fee_text(s.fee_fen)),
                    ]))}</dd>
                    {edit(Step::Shipping)}
                </div>
                <div>
                    <dt>{t(msg::checkout_review::PAY_2)}</dt>
                    <dd>{move || tf(msg::checkout_review::TEST_CARD_ENDING_CARD_TAIL, &[("card_tail", &(card_tail()))])}</dd>
                    {edit(Step::Payment)}
                </div>
            </dl>
            {move || error.get().map(|e| {
                let (title, back) = match &e {
                    ApiError::PaymentDeclined(_) => (t(msg::checkout_review::PAYMENT_DECLINED), Some(Step::Payment)),
                    ApiError::Fields { .. } => (t(msg::checkout_review::PLEASE_CHECK_DETAILS), Some(Step::Payment)),
                    ApiError::Conflict(_) => (t(msg::checkout_review::ORDER_CHANGED), None),
                    _ => (t(msg::checkout_review::COULDNT_PLACE_ORDER), None),
                };
                let detail = match &e {
                    ApiError::Fields { fields, .. } => fields.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join(t(msg::checkout_review::FIELD_ERRORS_SEPARATOR)),
                    e => e.to_string(),
                };
                view! {
                    <div class="alert alert-error" role="alert">
                        <p class="alert-title">{title}</p>
                        <p>{detail}</p>
                        {back.map(|s| view! { <a href=co.href(s, co.address_id.get_untracked(), co.shipping.get_untracked())>{t(msg::checkout_review::USE_ANOTHER_CARD)}</a> })}
                    </div>
                }
            })}
            <div class="step-actions pay-bar">
                <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| co.go(Step::Payment))>{t(msg::common::BACK)}</Button>
                <Button size=ButtonSize::Large on_click=Callback::new(pay)
                    disabled=Signal::derive(move || busy.get() || total().is_none())
                    loading=busy>
                    {move || match (busy.get(), total()) {
                        (true, _) => t(msg::checkout_review::PAYING).to_string(),
                        (false, Some(total)) => tf(msg::checkout_review::PAY_TOTAL, &[("total", &format_cny(total))]),
                        (false, None) => t(msg::checkout_review::PAY).to_string(),
                    }}
                </Button>
            </div>
        </section>
    }
}
