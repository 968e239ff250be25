//! The address step: choosing a saved address or adding one.

use api_types::{validate_address, Address, AddressInput};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{masked_phone, Checkout, Step};
use crate::api::error_text::localize_fields;
use crate::api::{self, ApiError};
use crate::components::auth_sheet::field_error;
use crate::components::ui::{Button, ButtonSize, ButtonVariant, TextField};
use crate::i18n::{msg, t};

#[component]
pub(super) fn AddressStep() -> impl IntoView {
    let co = expect_context::<Checkout>();
    let adding = RwSignal::new(false);
    let choose = move |id: i64| co.select(Step::Address, Some(id), co.shipping.get_untracked());
    let list = move || {
        let Some(list) = co.addresses.get() else {
            return view! { <div class="skeleton shimmer line" aria-busy="true"></div> }.into_any();
        };
        if list.is_empty() {
            adding.set(true);
            return ().into_any();
        }
        list.into_iter()
            .map(|a| {
                let id = a.id;
                let checked = move || co.address_id.get() == Some(id);
                view! {
                    <label class="choice-card" class:chosen=checked>
                        <input type="radio" name="address" prop:checked=checked on:change=move |_| choose(id)/>
                        <span class="choice-body">
                            <span class="choice-title">
                                {a.recipient.clone()}" "<span class="muted">{masked_phone(&a.phone)}</span>
                                {a.is_default.then(|| view! { <span class="badge-soft">{t(msg::checkout_address::DEFAULT)}</span> })}
                            </span>
                            <span class="choice-text">{format!("{} {} {} {}", a.province, a.city, a.district, a.detail)}</span>
                        </span>
                    </label>
                }
            })
            .collect_view()
            .into_any()
    };
    let saved = Callback::new(move |a: Address| {
        let id = a.id;
        co.addresses.update(|list| {
            let list = list.get_or_insert_with(Vec::new);
            if a.is_default {
                list.iter_mut().for_each(|x| x.is_default = false);
            }
            list.insert(0, a);
        });
        adding.set(false);
        choose(id);
    });
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">{t(msg::checkout_address::WHERE_SHOULD_WE_DELIVER)}</h2>
            <fieldset class="choices">
                <legend class="visually-hidden">{t(msg::checkout_address::SAVED_ADDRESSES)}</legend>
                {list}
            </fieldset>
            <Show when=move || adding.get() fallback=move || view! {
                <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| adding.set(true))>{t(msg::checkout_address::ADD_NEW_ADDRESS)}</Button>
            }>
                <AddressForm on_saved=saved/>
            </Show>
            <div class="step-actions">
                <Button variant=ButtonVariant::Ghost href="/cart">{t(msg::checkout_address::BACK_CART)}</Button>
                <Button size=ButtonSize::Large
                    disabled=Signal::derive(move || co.chosen_address().is_none())
                    on_click=Callback::new(move |_| co.go(Step::Shipping))>{t(msg::checkout_address::CONTINUE_SHIPPING)}</Button>
            </div>
        </section>
    }
}

/// A new address: checked here with the server's own rules first, then saved.
#[component]
fn AddressForm(on_saved: Callback<Address>) -> impl IntoView {
    let recipient = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let province = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let district = RwSignal::new(String::new());
    let detail = RwSignal::new(String::new());
    let is_default = RwSignal::new(true);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let form = AddressInput {
            recipient: recipient.get_untracked(),
            phone: phone.get_untracked(),
            province: province.get_untracked(),
            city: city.get_untracked(),
            district: district.get_untracked(),
            detail: detail.get_untracked(),
            is_default: is_default.get_untracked(),
        };
        let problems = validate_address(&form);
        if !problems.is_empty() {
            error.set(Some(ApiError::Fields {
                message: t(msg::checkout_address::PLEASE_CORRECT_HIGHLIGHTED_FIELDS).into(),
                fields: localize_fields(problems),
            }));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::save_address(None, &form).await {
                Ok(address) => on_saved.run(address),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let f = move |name: &'static str| field_error(error, name);
    view! {
        <form class="form address-form" on:submit=submit novalidate aria-labelledby="address-form-title">
            <h3 id="address-form-title">{t(msg::checkout_address::NEW_ADDRESS)}</h3>
            <div class="form-row">
                <TextField id="addr-recipient" label=t(msg::checkout_address::RECIPIENT) value=recipient error=f("recipient") autocomplete="name" max_chars=24 counter=false/>
                <TextField id="addr-phone" label=t(msg::checkout_address::MOBILE_NUMBER) kind="tel" value=phone error=f("phone") autocomplete="tel-national"/>
            </div>
            <div class="form-row three">
                <TextField id="addr-province" label=t(msg::checkout_address::PROVINCE) value=province error=f("province") autocomplete="address-level1" max_chars=20 counter=false/>
                <TextField id="addr-city" label=t(msg::checkout_address::CITY) value=city error=f("city") autocomplete="address-level2" max_chars=20 counter=false/>
                <TextField id="addr-district" label=t(msg::checkout_address::DISTRICT) value=district error=f("district") autocomplete="address-level3" max_chars=20 counter=false/>
            </div>
            <TextField id="addr-detail" label=t(msg::checkout_address::STREET_ADDRESS) value=detail error=f("detail") autocomplete="street-address"
                max_chars=120 counter=false hint=t(msg::checkout_address::STREET_BUILDING_ROOM_NUMBER)/>
            <label class="check">
                <input type="checkbox" bind:checked=is_default/>
                {t(msg::checkout_address::MAKE_MY_DEFAULT_ADDRESS)}
            </label>
            {move || error.with(|e| match e {
                Some(ApiError::Fields { .. }) | None => None,
                Some(e) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }),
            })}
            <Button variant=ButtonVariant::Secondary submit=true disabled=busy loading=busy>
                {move || if busy.get() { t(msg::common::SAVING) } else { t(msg::checkout_address::SAVE_ADDRESS) }}
            </Button>
        </form>
    }
}
