//! The review step: everything at a glance, then placing the order once.

use api_types::{format_cny, PaymentInput, PlaceOrder};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{fee_text, masked_phone, new_key, Checkout, Step};
use crate::api::{self, ApiError};
use crate::cart::use_cart;
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::i18n::{is_zh, tr};

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
        view! { <Button variant=ButtonVariant::Link size=ButtonSize::Small href=href>{tr("Change", "修改")}</Button> }
    };
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">{tr("Review and pay", "确认并支付")}</h2>
            <dl class="review-list">
                <div>
                    <dt>{tr("Deliver to", "送至")}</dt>
                    <dd>{move || co.chosen_address().map(|a| format!(
                        "{} · {} · {} {} {} {}", a.recipient, masked_phone(&a.phone), a.province, a.city, a.district, a.detail
                    ))}</dd>
                    {edit(Step::Address)}
                </div>
                <div>
                    <dt>{tr("Shipping", "配送")}</dt>
                    <dd>{move || co.chosen_shipping().map(|s| if is_zh() {
                        format!("{} · {}–{} 天 · {}", s.name, s.min_days, s.max_days, fee_text(s.fee_fen))
                    } else {
                        format!("{} · {}–{} days · {}", s.name_en, s.min_days, s.max_days, fee_text(s.fee_fen))
                    })}</dd>
                    {edit(Step::Shipping)}
                </div>
                <div>
                    <dt>{tr("Pay with", "支付方式")}</dt>
                    <dd>{move || if is_zh() { format!("尾号 {} 的测试卡", card_tail()) } else { format!("Test card ending {}", card_tail()) }}</dd>
                    {edit(Step::Payment)}
                </div>
            </dl>
            {move || error.get().map(|e| {
                let (title, back) = match &e {
                    ApiError::PaymentDeclined(_) => (tr("Payment declined", "支付被拒"), Some(Step::Payment)),
                    ApiError::Fields { .. } => (tr("Please check your details", "请检查填写的信息"), Some(Step::Payment)),
                    ApiError::Conflict(_) => (tr("Your order changed", "订单有变动"), None),
                    _ => (tr("Couldn't place the order", "下单失败"), None),
                };
                let detail = match &e {
                    ApiError::Fields { fields, .. } => fields.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join(tr(" ", "")),
                    e => e.to_string(),
                };
                view! {
                    <div class="alert alert-error" role="alert">
                        <p class="alert-title">{title}</p>
                        <p>{detail}</p>
                        {back.map(|s| view! { <a href=co.href(s, co.address_id.get_untracked(), co.shipping.get_untracked())>{tr("Use another card", "换一张卡")}</a> })}
                    </div>
                }
            })}
            <div class="step-actions pay-bar">
                <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| co.go(Step::Payment))>{tr("Back", "上一步")}</Button>
                <Button size=ButtonSize::Large on_click=Callback::new(pay)
                    disabled=Signal::derive(move || busy.get() || total().is_none())
                    loading=busy>
                    {move || match (busy.get(), total()) {
                        (true, _) => tr("Paying…", "支付中…").to_string(),
                        (false, Some(t)) if is_zh() => format!("支付 {}", format_cny(t)),
                        (false, Some(t)) => format!("Pay {}", format_cny(t)),
                        (false, None) => tr("Pay", "支付").to_string(),
                    }}
                </Button>
            </div>
        </section>
    }
}
