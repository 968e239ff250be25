//! `/settings`: the signed-in user's profile (photo, name, bio), privacy, password and sessions.

use api_types::{
    PasswordChange, ProfileUpdate, AVATAR_MAX_BYTES, BIO_MAX_CHARS, DISPLAY_NAME_MAX_CHARS,
    PASSWORD_CHARS,
};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError};
use crate::components::auth_sheet::{field_error, form_error, Field};
use crate::components::gate::SignedInOnly;
use crate::components::toast::{use_toasts, Toasts};
use crate::session::{use_auth, Auth};

const AVATAR_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

/// When the server says the session is over, the page falls back to its signed-out prompt.
/// Returns whether that was the case.
fn session_ended(e: &ApiError, auth: Auth, toasts: Toasts) -> bool {
    if matches!(e, ApiError::Unauthorized(_)) {
        auth.signed_out();
        toasts.show("Your session has ended. Please sign in again.");
        true
    } else {
        false
    }
}

/// "1.5 MB" for a byte count.
fn megabytes(bytes: f64) -> String {
    crate::format::one_decimal(bytes as i64, 1024 * 1024, " MB")
}

/// Why a chosen file can't be an avatar, checked before uploading.
fn avatar_problem(file: &web_sys::File) -> Option<String> {
    if !AVATAR_TYPES.contains(&file.type_().as_str()) {
        return Some("Choose a JPEG, PNG or WebP picture.".to_string());
    }
    let size = file.size();
    if size > AVATAR_MAX_BYTES as f64 {
        return Some(format!(
            "That picture is {}; choose one of {} or less.",
            megabytes(size),
            megabytes(AVATAR_MAX_BYTES as f64)
        ));
    }
    None
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <SignedInOnly title="Settings" reason="Sign in to edit your profile, privacy and password.">
            <SettingsForms/>
        </SignedInOnly>
    }
}

#[component]
fn SettingsForms() -> impl IntoView {
    view! {
        <div class="account-page settings-page">
            <h1 class="account-title">"Settings"</h1>
            <ProfileSection/>
            <PrivacySection/>
            <PasswordSection/>
            <SessionsSection/>
        </div>
    }
}

/// A live "n/max" count for a text field, placed on its label's line.
#[component]
fn CharCount(value: RwSignal<String>, max: usize) -> impl IntoView {
    let n = move || value.with(|v| v.chars().count());
    view! {
        <span class="char-count" class:char-count-over=move || { n() > max }>
            <span aria-hidden="true">{move || format!("{}/{max}", n())}</span>
            <span class="visually-hidden">{move || format!("{} of {max} characters", n())}</span>
        </span>
    }
}

#[component]
fn ProfileSection() -> impl IntoView {
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
    let bio_error = field_error("bio");
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
                    toasts.show("Profile saved");
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
                <h2 id="settings-profile-title">"Profile"</h2>
                <a class="settings-link" href=profile_href>"View profile"</a>
            </div>
            <AvatarPicker/>
            <form class="settings-form" on:submit=submit novalidate>
                <div class="counted">
                    <Field
                        id="settings-display-name"
                        label="Display name"
                        value=display_name
                        error=field_error("display_name")
                        autocomplete="nickname"
                        maxlength=DISPLAY_NAME_MAX_CHARS
                    />
                    <CharCount value=display_name max=DISPLAY_NAME_MAX_CHARS/>
                </div>
                <div class="counted">
                    <div class="field" class:field-invalid=move || bio_error.with(Option::is_some)>
                        <label for="settings-bio">"Bio"</label>
                        <textarea
                            id="settings-bio"
                            rows="4"
                            maxlength=BIO_MAX_CHARS
                            placeholder="Tell people what you love to share"
                            aria-invalid=move || bio_error.with(Option::is_some).then_some("true")
                            aria-describedby=move || bio_error.with(Option::is_some).then_some("settings-bio-error")
                            prop:value=move || bio.get()
                            on:input=move |ev| bio.set(event_target_value(&ev))
                        ></textarea>
                        {move || bio_error.get().map(|e| view! {
                            <p class="field-error" id="settings-bio-error">{e}</p>
                        })}
                    </div>
                    <CharCount value=bio max=BIO_MAX_CHARS/>
                </div>
                {move || form_error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="settings-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || busy.get()
                        aria-busy=move || busy.get().then_some("true")>
                        {move || if busy.get() { "Saving…" } else { "Save profile" }}
                    </button>
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
                    toasts.show("Photo updated");
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
                <img class="avatar" src=src width="88" height="88" alt="Your profile photo"/>
                <Show when=move || busy.get()>
                    <span class="avatar-picker-spinner" aria-hidden="true"><span class="spinner"></span></span>
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
                <label for="settings-avatar" class="btn btn-secondary">
                    {move || if busy.get() { "Uploading…" } else { "Change photo" }}
                </label>
                <p class="field-hint" id="settings-avatar-hint">
                    {format!("JPEG, PNG or WebP, up to {}.", megabytes(AVATAR_MAX_BYTES as f64))}
                </p>
                <p class="sr-status visually-hidden" role="status">
                    {move || if busy.get() { "Uploading your photo…" } else { "" }}
                </p>
                {move || error.get().map(|e| view! {
                    <p class="field-error" id="settings-avatar-error" role="alert">{e}</p>
                })}
            </div>
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Privacy {
    Collections,
    Likes,
}

/// Two switches saved the moment they change; a failure puts the switch back.
#[component]
fn PrivacySection() -> impl IntoView {
    let auth = use_auth();
    let me = auth.me.get_untracked();
    let collections = RwSignal::new(me.as_ref().is_some_and(|m| m.collections_public));
    let likes = RwSignal::new(me.as_ref().is_some_and(|m| m.likes_public));

    view! {
        <section class="settings-card" aria-labelledby="settings-privacy-title">
            <div class="settings-card-head">
                <h2 id="settings-privacy-title">"Privacy"</h2>
            </div>
            <PrivacyToggle
                which=Privacy::Collections
                value=collections
                id="settings-collections-public"
                label="Show my collections to everyone"
                hint="When off, only you can see the notes you collect."
            />
            <PrivacyToggle
                which=Privacy::Likes
                value=likes
                id="settings-likes-public"
                label="Show my likes to everyone"
                hint="When off, only you can see the notes you like."
            />
        </section>
    }
}

#[component]
fn PrivacyToggle(
    which: Privacy,
    value: RwSignal<bool>,
    id: &'static str,
    label: &'static str,
    hint: &'static str,
) -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    // Only the newest request may settle the switch (the reader can flip it quickly).
    let latest = StoredValue::new(0u32);
    let hint_id = format!("{id}-hint");

    let on_change = move |ev: ev::Event| {
        let on = event_target_checked(&ev);
        value.set(on);
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        let update = match which {
            Privacy::Collections => ProfileUpdate {
                collections_public: Some(on),
                ..ProfileUpdate::default()
            },
            Privacy::Likes => ProfileUpdate {
                likes_public: Some(on),
                ..ProfileUpdate::default()
            },
        };
        spawn_local(async move {
            let result = api::update_profile(&update).await;
            let newest = latest.try_get_value() == Some(mine);
            match result {
                Ok(me) => {
                    if newest {
                        value.set(match which {
                            Privacy::Collections => me.collections_public,
                            Privacy::Likes => me.likes_public,
                        });
                    }
                    auth.me.set(Some(me));
                }
                Err(e) => {
                    if newest {
                        value.set(!on);
                    }
                    if !session_ended(&e, auth, toasts) {
                        toasts.show(format!("Couldn't save “{label}”: {e}"));
                    }
                }
            }
        });
    };

    view! {
        <div class="settings-toggle">
            <div class="settings-toggle-text">
                <label for=id>{label}</label>
                <p class="field-hint" id=hint_id.clone()>{hint}</p>
            </div>
            <input
                id=id
                type="checkbox"
                aria-describedby=hint_id
                prop:checked=move || value.get()
                on:change=on_change
            />
        </div>
    }
}

#[component]
fn PasswordSection() -> impl IntoView {
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
                    toasts.show("Password changed. Other devices were signed out.");
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
                <h2 id="settings-password-title">"Password"</h2>
            </div>
            <form class="settings-form" on:submit=submit novalidate>
                // For password managers: which account this password belongs to.
                <input type="text" name="username" autocomplete="username" value=username hidden/>
                <Field
                    id="settings-current-password"
                    label="Current password"
                    kind="password"
                    value=current
                    error=field_error("current_password")
                    autocomplete="current-password"
                    maxlength=pw_max
                />
                <Field
                    id="settings-new-password"
                    label="New password"
                    kind="password"
                    value=new
                    error=field_error("new_password")
                    autocomplete="new-password"
                    maxlength=pw_max
                    hint=format!("At least {pw_min} characters. Other devices will be signed out.")
                />
                {move || form_error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="settings-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || busy.get()
                        aria-busy=move || busy.get().then_some("true")>
                        {move || if busy.get() { "Changing…" } else { "Change password" }}
                    </button>
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
fn SessionsSection() -> impl IntoView {
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
                        SignOut::ThisDevice => "Signed out",
                        SignOut::Everywhere => "Signed out of all devices",
                    });
                }
                Err(e) => toasts.show(format!("Couldn't sign out: {e}")),
            }
        });
    };
    let sign_out_here = sign_out.clone();

    view! {
        <section class="settings-card" aria-labelledby="settings-sessions-title">
            <div class="settings-card-head">
                <h2 id="settings-sessions-title">"Sessions"</h2>
            </div>
            <p class="settings-text">
                "Signing out of all devices ends every session of your account, including this one."
            </p>
            <div class="settings-actions settings-actions-split">
                <button type="button" class="btn btn-secondary"
                    disabled=move || busy.get().is_some()
                    aria-busy=move || (busy.get() == Some(SignOut::ThisDevice)).then_some("true")
                    on:click=move |_| sign_out_here(SignOut::ThisDevice)>
                    {move || if busy.get() == Some(SignOut::ThisDevice) { "Signing out…" } else { "Sign out" }}
                </button>
                <button type="button" class="btn btn-danger"
                    disabled=move || busy.get().is_some()
                    aria-busy=move || (busy.get() == Some(SignOut::Everywhere)).then_some("true")
                    on:click=move |_| sign_out(SignOut::Everywhere)>
                    {move || if busy.get() == Some(SignOut::Everywhere) { "Signing out…" } else { "Sign out of all devices" }}
                </button>
            </div>
        </section>
    }
}
