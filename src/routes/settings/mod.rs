//! `/settings`: appearance and language for everyone (on phones the only place for them), then
//! the signed-in user's profile (photo, name, bio), privacy, password and sessions.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::gate::SignedInOnly;
use crate::components::lang_switch::LangChoice;
use crate::components::theme_toggle::ThemeChoice;
use crate::components::toast::Toasts;
use crate::i18n::{msg, t};
use crate::session::Auth;

mod privacy;
mod profile;
mod security;

use privacy::PrivacySection;
use profile::ProfileSection;
use security::{PasswordSection, SessionsSection};

/// When the server says the session is over, the page falls back to its signed-out prompt.
/// Returns whether that was the case.
fn session_ended(e: &ApiError, auth: Auth, toasts: Toasts) -> bool {
    if matches!(e, ApiError::Unauthorized(_)) {
        auth.signed_out();
        toasts.show(t(msg::settings::SESSION_HAS_ENDED_PLEASE_SIGN));
        true
    } else {
        false
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <div class="account-page settings-page">
            <h1 class="account-title">{t(msg::settings::SETTINGS)}</h1>
            <AppearanceSection/>
            <SignedInOnly inline=true title=t(msg::common::ACCOUNT) reason=t(msg::settings::SIGN_EDIT_PROFILE_PRIVACY_PASSWORD)>
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
                <h2 id="settings-appearance-title">{t(msg::settings::APPEARANCE_LANGUAGE)}</h2>
            </div>
            <ThemeChoice/>
            <LangChoice/>
        </section>
    }
}
