//! `/settings`: appearance and language for everyone (on phones the only place for them), then
//! the signed-in user's profile (photo, name, bio), privacy, password and sessions.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::gate::SignedInOnly;
use crate::components::lang_switch::LangChoice;
use crate::components::theme_toggle::ThemeChoice;
use crate::components::toast::Toasts;
use crate::i18n::tr;
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
        toasts.show(tr(
            "Your session has ended. Please sign in again.",
            "登录已失效，请重新登录。",
        ));
        true
    } else {
        false
    }
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
