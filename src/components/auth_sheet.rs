//! The sign-in sheet: a modal (a bottom sheet on phones) with "Sign in" and "Create account"
//! forms. Opened by any interaction while signed out; on success the interaction completes.

use api_types::{SignIn, SignUp, DISPLAY_NAME_MAX_CHARS, PASSWORD_CHARS, USERNAME_CHARS};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use stylers_macro::style;

use super::dialog::{Dialog, DialogLead, DialogNote, DialogTitle};
use super::ui::{Button, TextField};
use crate::api::{self, ApiError};
use crate::i18n::{msg, t, tf};
use crate::lazy::Lazy;
use crate::session::use_auth;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    SignIn,
    SignUp,
}

/// The server's message for one field of a refused form, as a signal for a `TextField`.
pub fn field_error(
    error: RwSignal<Option<ApiError>>,
    name: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.field(name))))
}

/// A form-level message: any failure that is not about particular fields (those show inline,
/// unless `with_fields` asks for a summary too).
pub fn form_error(error: RwSignal<Option<ApiError>>, with_fields: bool) -> Option<String> {
    error.with(|e| match e {
        Some(ApiError::Fields { .. }) if !with_fields => None,
        Some(e) => Some(e.to_string()),
        None => None,
    })
}

#[component]
pub fn AuthSheet() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Show when=move || auth.sheet_open.get()>
            <Lazy load=auth_dialog::load overlay=true/>
        </Show>
    }
}

// The sheet's forms are fetched with their own chunk when it first opens (or when idle).
lazy_view!(auth_dialog, note, view! { <super::AuthDialog/> });

#[component]
fn AuthDialog() -> impl IntoView {
    let styles = style! {
        .segmented {
            display: grid;
            grid-template-columns: 1fr 1fr;
            gap: 4px;
            margin-bottom: var(--space-4);
            padding: 4px;
            border-radius: 999px;
            background: var(--surface-2);
        }
        .segmented button {
            min-height: 40px;
            border: 0;
            border-radius: 999px;
            background: none;
            color: var(--text-2);
            font-weight: 600;
            cursor: pointer;
        }
        .segmented button[aria-pressed="true"] {
            background: var(--surface);
            color: var(--text-1);
            box-shadow: var(--shadow-1);
        }
        .form {
            display: flex;
            flex-direction: column;
            gap: var(--space-3);
        }
    };
    let auth = use_auth();
    let mode = RwSignal::new(Mode::SignIn);
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let field_error = move |name: &'static str| field_error(error, name);
    // Field errors show inline too; the summary helps when a field is off screen.
    let form_error = move || form_error(error, true);

    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let current = mode.get_untracked();
        spawn_local(async move {
            let result = match current {
                Mode::SignIn => {
                    api::sign_in(&SignIn {
                        username: username.get_untracked(),
                        password: password.get_untracked(),
                    })
                    .await
                }
                Mode::SignUp => {
                    let email = email.get_untracked();
                    api::sign_up(&SignUp {
                        username: username.get_untracked(),
                        display_name: display_name.get_untracked(),
                        password: password.get_untracked(),
                        email: (!email.trim().is_empty()).then_some(email),
                    })
                    .await
                }
            };
            busy.set(false);
            match result {
                Ok(session) => match session.me {
                    Some(me) => auth.signed_in(me),
                    None => error.set(Some(ApiError::Decode("no account".into()))),
                },
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let switch = move |to: Mode| {
        mode.set(to);
        error.set(None);
    };
    let (user_min, user_max) = USERNAME_CHARS;
    let (pw_min, _) = PASSWORD_CHARS;

    view! { class=styles,
        <Dialog labelled_by="auth-title" on_close=Callback::new(move |()| auth.dismiss_sheet())>
                <DialogTitle id="auth-title">
                    {move || if mode.get() == Mode::SignIn { t(msg::auth_sheet::SIGN_ZHONGCAO) } else { t(msg::auth_sheet::CREATE_ACCOUNT_2) }}
                </DialogTitle>
                <DialogLead>{t(msg::auth_sheet::LIKE_COLLECT_COMMENT_FOLLOW_PEOPLE)}</DialogLead>
                <div class="segmented" role="group" aria-label=t(msg::common::ACCOUNT)>
                    <button type="button" aria-pressed=move || (mode.get() == Mode::SignIn).to_string()
                        on:click=move |_| switch(Mode::SignIn)>{t(msg::common::SIGN)}</button>
                    <button type="button" aria-pressed=move || (mode.get() == Mode::SignUp).to_string()
                        on:click=move |_| switch(Mode::SignUp)>{t(msg::auth_sheet::CREATE_ACCOUNT)}</button>
                </div>
                <form class="form" on:submit=submit novalidate>
                    <TextField id="auth-username"
                        label=Signal::derive(move || if mode.get() == Mode::SignIn { t(msg::auth_sheet::USERNAME_EMAIL).to_string() } else { t(msg::auth_sheet::USERNAME).to_string() })
                        value=username error=field_error("username") autocomplete="username"
                        max_chars=254 counter=false/>
                    <Show when=move || mode.get() == Mode::SignUp>
                        <TextField id="auth-display-name" label=t(msg::common::DISPLAY_NAME) value=display_name
                            error=field_error("display_name") autocomplete="nickname"
                            max_chars=DISPLAY_NAME_MAX_CHARS
                            hint=tf(msg::auth_sheet::HOW_APPEAR_OTHERS_UP_DISPLAY, &[("display_name_max_chars", &DISPLAY_NAME_MAX_CHARS)])/>
                    </Show>
                    <TextField id="auth-password" label=t(msg::common::PASSWORD) kind="password" value=password
                        error=field_error("password")
                        autocomplete=Signal::derive(move || if mode.get() == Mode::SignIn { "current-password".to_string() } else { "new-password".to_string() })
                        max_chars=128 counter=false/>
                    <Show when=move || mode.get() == Mode::SignUp>
                        <TextField id="auth-email" label=t(msg::auth_sheet::EMAIL_OPTIONAL) kind="email" value=email
                            error=field_error("email") autocomplete="email" max_chars=254 counter=false/>
                        <p class="field-hint">{tf(msg::auth_sheet::USERNAMES_USER_MIN_USER_MAX, &[("pw_min", &pw_min), ("user_max", &user_max), ("user_min", &user_min)])}</p>
                    </Show>
                    {move || form_error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <Button block=true submit=true disabled=busy loading=busy>
                        {move || match (busy.get(), mode.get()) {
                            (true, _) => t(msg::auth_sheet::PLEASE_WAIT),
                            (false, Mode::SignIn) => t(msg::common::SIGN),
                            (false, Mode::SignUp) => t(msg::auth_sheet::CREATE_ACCOUNT),
                        }}
                    </Button>
                </form>
                <DialogNote>{t(msg::auth_sheet::DEMO_ACCOUNTS_ANY_SEEDED_USERNAME)}<code>"zhongcao-demo"</code>{t(msg::auth_sheet::DEMO_ACCOUNTS_END)}</DialogNote>
        </Dialog>
    }
}
