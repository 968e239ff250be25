//! The host's controls: End live (confirmed) and pinning a product with an optional flash
//! sale. (Removing a message and muting its writer are on the chat lines: `chat.rs`.)

use api_types::{FlashInput, LiveProduct, FLASH_MAX_SECS};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::dialog::{Dialog, DialogActions, DialogLead, DialogTitle};
use crate::components::toast::use_toasts;
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::i18n::{msg, t, tf};

#[component]
pub fn EndLiveButton(room_id: i64) -> impl IntoView {
    let toasts = use_toasts();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // The room's socket says `ended` to every page, this one included, which then reloads.
    let end = move |_| {
        busy.set(true);
        spawn_local(async move {
            if let Err(e) = api::end_live(room_id).await {
                toasts.show(e.to_string());
            }
            let _ = busy.try_set(false);
            let _ = confirming.try_set(false);
        });
    };
    view! {
        <Button size=ButtonSize::Small variant=ButtonVariant::Danger class="live-end"
            on_click=Callback::new(move |_| confirming.set(true))>{t(msg::live::END)}</Button>
        <Show when=move || confirming.get()>
            <Dialog labelled_by="live-end-title" on_close=Callback::new(move |()| confirming.set(false)) autofocus="button.btn">
                <DialogTitle id="live-end-title">{t(msg::live::END_LIVE_TITLE)}</DialogTitle>
                <DialogLead>{t(msg::live::END_LIVE_LEAD)}</DialogLead>
                <DialogActions>
                    <Button variant=ButtonVariant::Secondary on_click=Callback::new(move |_| confirming.set(false))>{t(msg::live::KEEP_GOING)}</Button>
                    <Button variant=ButtonVariant::Danger loading=busy on_click=Callback::new(end)>{t(msg::live::END_LIVE)}</Button>
                </DialogActions>
            </Dialog>
        </Show>
    }
}

/// Yuan as typed ("89", "89.9") to fen.
fn parse_yuan(raw: &str) -> Option<i64> {
    let v: f64 = raw.trim().parse().ok()?;
    (v.is_finite() && v > 0.0).then(|| (v * 100.0).round() as i64)
}

/// Pins `product`; with a flash price, for that many minutes. `on_close(pinned)`.
#[component]
pub fn PinDialog(room_id: i64, product: LiveProduct, on_close: Callback<bool>) -> impl IntoView {
    let toasts = use_toasts();
    let flash = RwSignal::new(false);
    let price = RwSignal::new(String::new());
    let minutes = RwSignal::new("10".to_string());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let pid = product.id;
    let normal = product.price_fen;
    let pin = move |_| {
        let sale = if flash.get_untracked() {
            let fen = parse_yuan(&price.get_untracked());
            let mins = minutes.get_untracked().trim().parse::<i64>().ok();
            match (fen, mins) {
                (Some(fen), Some(m)) if fen < normal && m > 0 && m * 60 <= FLASH_MAX_SECS => {
                    Some(FlashInput {
                        price_fen: fen,
                        duration_secs: m * 60,
                    })
                }
                _ => {
                    error.set(Some(t(msg::live::FLASH_INVALID).to_string()));
                    return;
                }
            }
        } else {
            None
        };
        busy.set(true);
        spawn_local(async move {
            match api::pin_product(room_id, pid, sale).await {
                Ok(_) => on_close.run(true),
                Err(e) => {
                    toasts.show(e.to_string());
                    let _ = busy.try_set(false);
                }
            }
        });
    };
    view! {
        <Dialog labelled_by="live-pin-title" on_close=Callback::new(move |()| on_close.run(false)) autofocus="input">
            <DialogTitle id="live-pin-title">{t(msg::live::PIN_PRODUCT)}</DialogTitle>
            <DialogLead>{product.title.clone()}</DialogLead>
            <label class="live-check">
                <input type="checkbox" prop:checked=move || flash.get()
                    on:change=move |e| flash.set(event_target_checked(&e))/>
                {t(msg::live::FLASH_SALE)}
            </label>
            <Show when=move || flash.get()>
                <div class="live-flash-fields">
                    <label class="live-field">
                        <span>{tf(msg::live::FLASH_PRICE, &[("price", &api_types::format_cny(normal))])}</span>
                        <input type="text" inputmode="decimal" prop:value=move || price.get()
                            on:input=move |e| price.set(event_target_value(&e))/>
                    </label>
                    <label class="live-field">
                        <span>{t(msg::live::MINUTES)}</span>
                        <input type="number" min="1" max="1440" prop:value=move || minutes.get()
                            on:input=move |e| minutes.set(event_target_value(&e))/>
                    </label>
                </div>
            </Show>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <DialogActions>
                <Button loading=busy on_click=Callback::new(pin)>{t(msg::live::PIN)}</Button>
            </DialogActions>
        </Dialog>
    }
}
