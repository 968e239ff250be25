//! The profile section: display name, bio and the avatar picker with its checks.

use api_types::{ProfileUpdate, AVATAR_MAX_BYTES, BIO_MAX_CHARS, DISPLAY_NAME_MAX_CHARS};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session_ended;
use crate::api::{self, ApiError};
use crate::components::auth_sheet::{field_error, form_error};
use crate::components::toast::use_toasts;
use crate::components::ui::{Button, Spinner, TextField};
use crate::i18n::{msg, t, tf};
use crate::session::use_auth;

const AVATAR_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

/// "1.5 MB" for a byte count.
fn megabytes(bytes: f64) -> String {
    crate::format::one_decimal(bytes as i64, 1024 * 1024, " MB")
}

/// Why a chosen file can't be an avatar, checked before uploading.
fn avatar_problem(file: &web_sys::File) -> Option<String> {
    if !AVATAR_TYPES.contains(&file.type_().as_str()) {
        return Some(t(msg::settings_profile::CHOOSE_JPEG_PNG_WEBP_PICTURE).to_string());
    }
    let size = file.size();
    if size > AVATAR_MAX_BYTES as f64 {
        let (size, max) = (megabytes(size), megabytes(AVATAR_MAX_BYTES as f64));
        return Some(tf(
            msg::settings_profile::PICTURE_SIZE_CHOOSE_ONE_MAX,
            &[("max", &max), ("size", &size)],
        ));
    }
    None
}

#[component]
pub(super) fn ProfileSection() -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    let me = auth.me.get_untracked();
    let display_name = RwSignal::new(
        me.as_ref()
            .map(|m| m.user.display_name.clone())
            .unwrap_or_default(),
    );
    let bio = RwSignal::new(me.as_ref().map(|m| m.bio.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let field_error = move |name: &'static str| field_error(error, name);
    let form_error = move || form_error(error, false);

    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let update = ProfileUpdate {
            display_name: Some(display_name.get_untracked()),
            bio: Some(bio.get_untracked()),
            ..ProfileUpdate::default()
        };
        spawn_local(async move {
            match api::update_profile(&update).await {
                Ok(me) => {
                    display_name.set(me.user.display_name.clone());
                    bio.set(me.bio.clone());
                    auth.me.set(Some(me));
                    toasts.show(t(msg::settings_profile::PROFILE_SAVED));
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

    let profile_href = move || auth.user_id().map(|id| format!("/user/{id}"));

    view! {
        <section class="settings-card" aria-labelledby="settings-profile-title">
            <div class="settings-card-head">
                <h2 id="settings-profile-title">{t(msg::settings_profile::PROFILE)}</h2>
                <a class="settings-link" href=profile_href>{t(msg::settings_profile::VIEW_PROFILE)}</a>
            </div>
            <AvatarPicker/>
            <form class="settings-form" on:submit=submit novalidate>
                <TextField
                    id="settings-display-name"
                    label=t(msg::common::DISPLAY_NAME)
                    value=display_name
                    error=field_error("display_name")
                    autocomplete="nickname"
                    max_chars=DISPLAY_NAME_MAX_CHARS
                />
                <TextField
                    id="settings-bio"
                    label=t(msg::settings_profile::BIO)
                    value=bio
                    error=field_error("bio")
                    placeholder=t(msg::settings_profile::TELL_PEOPLE_WHAT_LOVE_SHARE)
                    rows=4
                    max_chars=BIO_MAX_CHARS
                />
                {move || form_error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="settings-actions">
                    <Button submit=true disabled=busy loading=busy>
                        {move || if busy.get() { t(msg::common::SAVING) } else { t(msg::settings_profile::SAVE_PROFILE) }}
                    </Button>
                </div>
            </form>
        </section>
    }
}

/// The profile photo with a "Change photo" file picker that uploads at once, showing the
/// chosen picture while it uploads.
#[component]
fn AvatarPicker() -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    let preview = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let src = move || {
        preview
            .get()
            .or_else(|| auth.me.with(|m| m.as_ref().map(|m| m.user.avatar_url(160))))
    };

    let on_change = move |ev: ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let file = input.files().and_then(|files| files.get(0));
        // Clear the picker so choosing the same file again still fires `change`.
        input.set_value("");
        let Some(file) = file else { return };
        if busy.get_untracked() {
            return;
        }
        if let Some(problem) = avatar_problem(&file) {
            error.set(Some(problem));
            return;
        }
        error.set(None);
        let url = web_sys::Url::create_object_url_with_blob(&file).ok();
        preview.set(url.clone());
        busy.set(true);
        spawn_local(async move {
            let result = api::upload_avatar(&file).await;
            match result {
                Ok(me) => {
                    auth.me.set(Some(me));
                    toasts.show(t(msg::settings_profile::PHOTO_UPDATED));
                }
                Err(e) => {
                    if !session_ended(&e, auth, toasts) {
                        error.set(Some(e.to_string()));
                    }
                }
            }
            preview.set(None);
            busy.set(false);
            if let Some(url) = url {
                let _ = web_sys::Url::revoke_object_url(&url);
            }
        });
    };

    view! {
        <div class="avatar-picker" class:avatar-picker-busy=move || busy.get()>
            <div class="avatar-picker-frame">
                <img class="avatar" src=src width="88" height="88" alt=t(msg::settings_profile::PROFILE_PHOTO)/>
                <Show when=move || busy.get()>
                    <span class="avatar-picker-spinner" aria-hidden="true"><Spinner size=24/></span>
                </Show>
            </div>
            <div class="avatar-picker-controls">
                <input
                    id="settings-avatar"
                    class="visually-hidden avatar-input"
                    type="file"
                    accept="image/jpeg,image/png,image/webp"
                    aria-describedby=move || {
                        if error.with(Option::is_some) {
                            "settings-avatar-hint settings-avatar-error"
                        } else {
                            "settings-avatar-hint"
                        }
                    }
                    disabled=move || busy.get()
                    on:change=on_change
                />
                <label for="settings-avatar" class="avatar-picker-button">
                    {move || if busy.get() { t(msg::settings_profile::UPLOADING) } else { t(msg::settings_profile::CHANGE_PHOTO) }}
                </label>
                <p class="field-hint" id="settings-avatar-hint">
                    {let max = megabytes(AVATAR_MAX_BYTES as f64); tf(msg::settings_profile::JPEG_PNG_WEBP_UP_MAX, &[("max", &max)])}
                </p>
                <p class="sr-status visually-hidden" role="status">
                    {move || if busy.get() { t(msg::settings_profile::UPLOADING_PHOTO) } else { "" }}
                </p>
                {move || error.get().map(|e| view! {
                    <p class="field-error" id="settings-avatar-error" role="alert">{e}</p>
                })}
            </div>
        </div>
    }
}
