//! The password and sessions sections: changing the password, signing other devices out.

use api_types::{PasswordChange, PASSWORD_CHARS};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::session_ended;
use crate::api::{self, ApiError};
use crate::components::auth_sheet::{field_error, form_error};
use crate::components::toast::use_toasts;
use crate::components::ui::{Button, ButtonVariant, TextField};
use crate::i18n::{msg, t, tf};
use crate::session::use_auth;

#[component]
pub(super) fn PasswordSection() -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let username = auth
        .me
        .with_untracked(|m| m.as_ref().map(|m| m.user.username.clone()))
        .unwrap_or_default();

    let field_error = move |name: &'static str| field_error(error, name);
    let form_error = move || form_error(error, false);

    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let form = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        spawn_local(async move {
            match api::change_password(&form).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    toasts.show(t(
                        msg::settings_security::PASSWORD_CHANGED_OTHER_DEVICES_WERE,
                    ));
                }
                Err(e) => {
                    if !session_ended(&e, auth, toasts) {
                        error.set(Some(e));
                    }
                }
            }
            busy.set(false);
        });
    };
    let (pw_min, pw_max) = PASSWORD_CHARS;

    view! {
        <section class="settings-card" aria-labelledby="settings-password-title">
            <div class="settings-card-head">
                <h2 id="settings-password-title">{t(msg::common::PASSWORD)}</h2>
            </div>
            <form class="settings-form" on:submit=submit novalidate>
                // For password managers: which account this password belongs to.
                <input type="text" name="username" autocomplete="username" value=username hidden/>
                <TextField
                    id="settings-current-password"
                    label=t(msg::settings_security::CURRENT_PASSWORD)
                    kind="password"
                    value=current
                    error=field_error("current_password")
                    autocomplete="current-password"
                    max_chars=pw_max
                    counter=false
                />
                <TextField
                    id="settings-new-password"
                    label=t(msg::settings_security::NEW_PASSWORD)
                    kind="password"
                    value=new
                    error=field_error("new_password")
                    autocomplete="new-password"
                    max_chars=pw_max
                    counter=false
                    hint=tf(msg::settings_security::AT_LEAST_PW_MIN_CHARACTERS, &[("pw_min", &pw_min)])
                />
                {move || form_error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="settings-actions">
                    <Button submit=true disabled=busy loading=busy>
                        {move || if busy.get() { t(msg::settings_security::CHANGING) } else { t(msg::settings_security::CHANGE_PASSWORD) }}
                    </Button>
                </div>
            </form>
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SignOut {
    ThisDevice,
    Everywhere,
}

#[component]
pub(super) fn SessionsSection() -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let busy = RwSignal::new(None::<SignOut>);

    let sign_out = move |which: SignOut| {
        if busy.get_untracked().is_some() {
            return;
        }
        busy.set(Some(which));
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match which {
                SignOut::ThisDevice => api::sign_out().await,
                SignOut::Everywhere => api::sign_out_everywhere().await,
            };
            busy.set(None);
            match result {
                // Unauthorized: the session had already ended, which is what was asked.
                Ok(()) | Err(ApiError::Unauthorized(_)) => {
                    navigate("/explore", NavigateOptions::default());
                    auth.signed_out();
                    toasts.show(match which {
                        SignOut::ThisDevice => t(msg::settings_security::SIGNED_OUT),
                        SignOut::Everywhere => t(msg::settings_security::SIGNED_OUT_ALL_DEVICES),
                    });
                }
                Err(e) => toasts.show(tf(msg::settings_security::COULDNT_SIGN_OUT_E, &[("e", &e)])),
            }
        });
    };
    let sign_out_here = sign_out.clone();

    view! {
        <section class="settings-card" aria-labelledby="settings-sessions-title">
            <div class="settings-card-head">
                <h2 id="settings-sessions-title">{t(msg::settings_security::SESSIONS)}</h2>
            </div>
            <p class="settings-text">
                {t(msg::settings_security::SIGNING_OUT_ALL_DEVICES_ENDS)}
            </p>
            <div class="settings-actions settings-actions-split">
                <Button variant=ButtonVariant::Secondary
                    disabled=Signal::derive(move || busy.get().is_some())
                    loading=Signal::derive(move || busy.get() == Some(SignOut::ThisDevice))
                    on_click=Callback::new(move |_| sign_out_here(SignOut::ThisDevice))>
                    {move || if busy.get() == Some(SignOut::ThisDevice) { t(msg::settings_security::SIGNING_OUT) } else { t(msg::settings_security::SIGN_OUT) }}
                </Button>
                <Button variant=ButtonVariant::Danger
                    disabled=Signal::derive(move || busy.get().is_some())
                    loading=Signal::derive(move || busy.get() == Some(SignOut::Everywhere))
                    on_click=Callback::new(move |_| sign_out(SignOut::Everywhere))>
                    {move || if busy.get() == Some(SignOut::Everywhere) { t(msg::settings_security::SIGNING_OUT) } else { t(msg::settings_security::SIGN_OUT_ALL_DEVICES) }}
                </Button>
            </div>
        </section>
    }
}
