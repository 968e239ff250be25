//! The payment step: the test-mode card, checked before review.

use api_types::{validate_payment, PaymentInput, TEST_CARD_DECLINE, TEST_CARD_SUCCESS};
use leptos::ev;
use leptos::prelude::*;

use super::{current_month, Checkout, Step};
use crate::api::error_text::localize_fields;
use crate::api::ApiError;
use crate::components::auth_sheet::field_error;
use crate::components::ui::{Button, ButtonSize, ButtonVariant, TextField};
use crate::i18n::{msg, t};

#[component]
pub(super) fn PaymentStep() -> impl IntoView {
    let co = expect_context::<Checkout>();
    let error = RwSignal::new(None::<ApiError>);
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let problems = validate_payment(
            &PaymentInput {
                card_number: co.card.get_untracked(),
                expiry: co.expiry.get_untracked(),
                cvc: co.cvc.get_untracked(),
            },
            current_month(),
        );
        if problems.is_empty() {
            error.set(None);
            co.card_ready.set(true);
            co.go(Step::Review);
        } else {
            co.card_ready.set(false);
            error.set(Some(ApiError::Fields {
                message: String::new(),
                fields: localize_fields(problems),
            }));
        }
    };
    let f = move |name: &'static str| field_error(error, name);
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">{t(msg::common::PAYMENT)}</h2>
            <div class="test-mode" role="note">
                <p><strong>{t(msg::checkout_payment::TEST_MODE)}</strong>{t(msg::checkout_payment::NO_REAL_MONEY_MOVES_USE)}<code>{TEST_CARD_SUCCESS}</code>
                    {t(msg::checkout_payment::PAY)}<code>{TEST_CARD_DECLINE}</code>{t(msg::checkout_payment::SEE_DECLINE_ANY_FUTURE_EXPIRY)}</p>
            </div>
            <form class="form card-form" on:submit=submit novalidate>
                <TextField id="card-number" label=t(msg::checkout_payment::CARD_NUMBER) value=co.card error=f("card_number")
                    autocomplete="cc-number" max_chars=23 counter=false/>
                <div class="form-row">
                    <TextField id="card-expiry" label=t(msg::checkout_payment::EXPIRY_MM_YY) value=co.expiry error=f("expiry") autocomplete="cc-exp" max_chars=5 counter=false/>
                    <TextField id="card-cvc" label=t(msg::checkout_payment::CVC) value=co.cvc error=f("cvc") autocomplete="cc-csc" max_chars=4 counter=false/>
                </div>
                <div class="step-actions">
                    <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| co.go(Step::Shipping))>{t(msg::common::BACK)}</Button>
                    <Button size=ButtonSize::Large submit=true>{t(msg::checkout_payment::REVIEW_ORDER)}</Button>
                </div>
            </form>
        </section>
    }
}
