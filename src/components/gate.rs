//! Pages that only make sense signed in: a skeleton while the session check answers, a
//! "sign in" prompt when signed out, and the page itself (rebuilt per account) when signed in.

use leptos::prelude::*;

use super::ui::Button;
use crate::i18n::tr;
use crate::session::use_auth;

#[component]
pub fn SignedInOnly(
    /// The page's heading, shown on the prompt too.
    title: &'static str,
    /// Why signing in helps, e.g. "Sign in to see your orders."
    reason: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let auth = use_auth();
    let user_id = Memo::new(move |_| auth.user_id());
    let children = StoredValue::new(children);
    move || {
        if !auth.checked.get() {
            return view! {
                <div class="account-page" aria-busy="true">
                    <h1 class="account-title">{title}</h1>
                    <div class="skeleton shimmer line"></div>
                    <div class="skeleton shimmer line short"></div>
                </div>
            }
            .into_any();
        }
        match user_id.get() {
            None => view! {
                <section class="account-page account-gate" aria-labelledby="gate-title">
                    <h1 id="gate-title" class="account-title">{title}</h1>
                    <p class="account-gate-text">{reason}</p>
                    <Button on_click=Callback::new(move |_| auth.open_sheet())>
                        {tr("Sign in", "登录")}
                    </Button>
                </section>
            }
            .into_any(),
            Some(_) => children.with_value(|c| c()).into_any(),
        }
    }
}
