//! `/settings`: appearance and language for everyone (on phones the only place for them), then
//! the signed-in user's profile (photo, name, bio), privacy, password and sessions.

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
use crate::components::auth_sheet::{field_error, form_error};
use crate::components::gate::SignedInOnly;
use crate::components::lang_switch::LangChoice;
use crate::components::theme_toggle::ThemeChoice;
use crate::components::toast::{use_toasts, Toasts};
use crate::components::ui::{Button, ButtonVariant, Spinner, TextField};
use crate::i18n::{is_zh, tr};
use crate::session::{use_auth, Auth};

const AVATAR_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

/// When the server says the session is over, the page falls back to its signed-out prompt.
/// Returns whether that was the case.
fn session_ended(e: &ApiError, auth: Auth, toasts: Toasts) -> bool {
    if matches!(e, ApiError::Unauthorized(_)) {
        auth.signed_out();
        toasts.show(tr(
            "Your session has ended. Please sign in again.",
            "登录已失效，请重新登录。",
        ));
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
        return Some(
            tr(
                "Choose a JPEG, PNG or WebP picture.",
                "请选择 JPEG、PNG 或 WebP 格式的图片。",
            )
            .to_string(),
        );
    }
    let size = file.size();
    if size > AVATAR_MAX_BYTES as f64 {
        let (size, max) = (megabytes(size), megabytes(AVATAR_MAX_BYTES as f64));
        return Some(if is_zh() {
            format!("这张图片有 {size}，请选择不超过 {max} 的图片。")
        } else {
            format!("That picture is {size}; choose one of {max} or less.")
        });
    }
    None
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <div class="account-page settings-page">
            <h1 class="account-title">{tr("Settings", "设置")}</h1>
            <AppearanceSection/>
            <SignedInOnly inline=true title=tr("Account", "账号") reason=tr("Sign in to edit your profile, privacy and password.", "登录后可编辑资料、隐私和密码。")>
                <ProfileSection/>
                <PrivacySection/>
                <PasswordSection/>
                <SessionsSection/>
            </SignedInOnly>
        </div>
    }
}

/// Theme and interface language: this browser's choices, signed in or not.
#[component]
fn AppearanceSection() -> impl IntoView {
    view! {
        <section class="settings-card" aria-labelledby="settings-appearance-title">
            <div class="settings-card-head">
                <h2 id="settings-appearance-title">{tr("Appearance and language", "外观与语言")}</h2>
            </div>
            <ThemeChoice/>
            <LangChoice/>
        </section>
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
                    toasts.show(tr("Profile saved", "资料已保存"));
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
                <h2 id="settings-profile-title">{tr("Profile", "个人资料")}</h2>
                <a class="settings-link" href=profile_href>{tr("View profile", "查看主页")}</a>
            </div>
            <AvatarPicker/>
            <form class="settings-form" on:submit=submit novalidate>
                <TextField
                    id="settings-display-name"
                    label=tr("Display name", "昵称")
                    value=display_name
                    error=field_error("display_name")
                    autocomplete="nickname"
                    max_chars=DISPLAY_NAME_MAX_CHARS
                />
                <TextField
                    id="settings-bio"
                    label=tr("Bio", "简介")
                    value=bio
                    error=field_error("bio")
                    placeholder=tr("Tell people what you love to share", "介绍一下你爱分享的内容")
                    rows=4
                    max_chars=BIO_MAX_CHARS
                />
                {move || form_error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="settings-actions">
                    <Button submit=true disabled=busy loading=busy>
                        {move || if busy.get() { tr("Saving…", "保存中…") } else { tr("Save profile", "保存资料") }}
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
                    toasts.show(tr("Photo updated", "头像已更新"));
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
                <img class="avatar" src=src width="88" height="88" alt=tr("Your profile photo", "我的头像")/>
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
                    {move || if busy.get() { tr("Uploading…", "上传中…") } else { tr("Change photo", "更换头像") }}
                </label>
                <p class="field-hint" id="settings-avatar-hint">
                    {let max = megabytes(AVATAR_MAX_BYTES as f64); if is_zh() { format!("支持 JPEG、PNG 或 WebP，不超过 {max}。") } else { format!("JPEG, PNG or WebP, up to {max}.") }}
                </p>
                <p class="sr-status visually-hidden" role="status">
                    {move || if busy.get() { tr("Uploading your photo…", "正在上传头像…") } else { "" }}
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
                <h2 id="settings-privacy-title">{tr("Privacy", "隐私")}</h2>
            </div>
            <PrivacyToggle
                which=Privacy::Collections
                value=collections
                id="settings-collections-public"
                label=tr("Show my collections to everyone", "公开我的收藏")
                hint=tr("When off, only you can see the notes you collect.", "关闭后，只有你自己能看到你收藏的笔记。")
            />
            <PrivacyToggle
                which=Privacy::Likes
                value=likes
                id="settings-likes-public"
                label=tr("Show my likes to everyone", "公开我的点赞")
                hint=tr("When off, only you can see the notes you like.", "关闭后，只有你自己能看到你点赞的笔记。")
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
                        toasts.show(if is_zh() {
                            format!("“{label}”保存失败：{e}")
                        } else {
                            format!("Couldn't save “{label}”: {e}")
                        });
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
                    toasts.show(tr(
                        "Password changed. Other devices were signed out.",
                        "密码已修改，其他设备已退出登录。",
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
                <h2 id="settings-password-title">{tr("Password", "密码")}</h2>
            </div>
            <form class="settings-form" on:submit=submit novalidate>
                // For password managers: which account this password belongs to.
                <input type="text" name="username" autocomplete="username" value=username hidden/>
                <TextField
                    id="settings-current-password"
                    label=tr("Current password", "当前密码")
                    kind="password"
                    value=current
                    error=field_error("current_password")
                    autocomplete="current-password"
                    max_chars=pw_max
                    counter=false
                />
                <TextField
                    id="settings-new-password"
                    label=tr("New password", "新密码")
                    kind="password"
                    value=new
                    error=field_error("new_password")
                    autocomplete="new-password"
                    max_chars=pw_max
                    counter=false
                    hint=if is_zh() { format!("至少 {pw_min} 位，修改后其他设备将退出登录。") } else { format!("At least {pw_min} characters. Other devices will be signed out.") }
                />
                {move || form_error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="settings-actions">
                    <Button submit=true disabled=busy loading=busy>
                        {move || if busy.get() { tr("Changing…", "修改中…") } else { tr("Change password", "修改密码") }}
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
                        SignOut::ThisDevice => tr("Signed out", "已退出登录"),
                        SignOut::Everywhere => tr("Signed out of all devices", "已退出所有设备"),
                    });
                }
                Err(e) => toasts.show(if is_zh() {
                    format!("退出登录失败：{e}")
                } else {
                    format!("Couldn't sign out: {e}")
                }),
            }
        });
    };
    let sign_out_here = sign_out.clone();

    view! {
        <section class="settings-card" aria-labelledby="settings-sessions-title">
            <div class="settings-card-head">
                <h2 id="settings-sessions-title">{tr("Sessions", "登录设备")}</h2>
            </div>
            <p class="settings-text">
                {tr("Signing out of all devices ends every session of your account, including this one.", "退出所有设备会结束你账号的全部登录，包括当前设备。")}
            </p>
            <div class="settings-actions settings-actions-split">
                <Button variant=ButtonVariant::Secondary
                    disabled=Signal::derive(move || busy.get().is_some())
                    loading=Signal::derive(move || busy.get() == Some(SignOut::ThisDevice))
                    on_click=Callback::new(move |_| sign_out_here(SignOut::ThisDevice))>
                    {move || if busy.get() == Some(SignOut::ThisDevice) { tr("Signing out…", "正在退出…") } else { tr("Sign out", "退出登录") }}
                </Button>
                <Button variant=ButtonVariant::Danger
                    disabled=Signal::derive(move || busy.get().is_some())
                    loading=Signal::derive(move || busy.get() == Some(SignOut::Everywhere))
                    on_click=Callback::new(move |_| sign_out(SignOut::Everywhere))>
                    {move || if busy.get() == Some(SignOut::Everywhere) { tr("Signing out…", "正在退出…") } else { tr("Sign out of all devices", "退出所有设备") }}
                </Button>
            </div>
        </section>
    }
}
