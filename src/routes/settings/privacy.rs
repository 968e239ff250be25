//! The privacy section: who sees the liked and collected lists.

use api_types::ProfileUpdate;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session_ended;
use crate::api;
use crate::components::toast::use_toasts;
use crate::i18n::{msg, t, tf};
use crate::session::use_auth;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Privacy {
    Collections,
    Likes,
}

/// Two switches saved the moment they change; a failure puts the switch back.
#[component]
pub(super) fn PrivacySection() -> impl IntoView {
    let auth = use_auth();
    let me = auth.me.get_untracked();
    let collections = RwSignal::new(me.as_ref().is_some_and(|m| m.collections_public));
    let likes = RwSignal::new(me.as_ref().is_some_and(|m| m.likes_public));

    view! {
        <section class="settings-card" aria-labelledby="settings-privacy-title">
            <div class="settings-card-head">
                <h2 id="settings-privacy-title">{t(msg::settings_privacy::PRIVACY)}</h2>
            </div>
            <PrivacyToggle
                which=Privacy::Collections
                value=collections
                id="settings-collections-public"
                label=t(msg::settings_privacy::SHOW_MY_COLLECTIONS_EVERYONE)
                hint=t(msg::settings_privacy::WHEN_OFF_ONLY_CAN_SEE)
            />
            <PrivacyToggle
                which=Privacy::Likes
                value=likes
                id="settings-likes-public"
                label=t(msg::settings_privacy::SHOW_MY_LIKES_EVERYONE)
                hint=t(msg::settings_privacy::WHEN_OFF_ONLY_CAN_SEE_2)
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
                        toasts.show(tf(
                            msg::settings_privacy::COULDNT_SAVE_LABEL_E,
                            &[("e", &e), ("label", &label)],
                        ));
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
