//! Pages (or parts of a page) that only make sense signed in: a skeleton while the session
//! check answers, a "sign in" prompt when signed out, and the content itself (rebuilt per
//! account) when signed in.

use leptos::prelude::*;
use stylers_macro::style;

use super::ui::Button;
use crate::i18n::{msg, t};
use crate::session::use_auth;

#[component]
pub fn SignedInOnly(
    /// The page's heading, shown on the prompt too.
    title: &'static str,
    /// Why signing in helps, e.g. "Sign in to see your orders."
    reason: &'static str,
    /// Part of a page that has its own `h1` and serves everyone (Settings): the prompt is a
    /// card titled with an `h2`.
    #[prop(optional)]
    inline: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let styles = style! {
        .account-gate {
            display: flex;
            flex-direction: column;
            align-items: center;
            gap: var(--space-3);
            padding: 72px var(--space-4);
            text-align: center;
        }
        .account-gate .account-title {
            margin: 0;
        }
        .account-gate-text {
            max-width: 420px;
            margin: 0 0 var(--space-2);
            color: var(--text-2);
        }
        .account-gate :deep(.btn) {
            min-width: 160px;
        }
        /* A card among Settings' cards: left-aligned, a full-width button on phones. */
        .account-gate-inline {
            align-items: stretch;
            padding: var(--space-4);
            border: 1px solid var(--border);
            border-radius: var(--radius-lg);
            background: var(--surface);
            text-align: left;
        }
        .account-gate-inline .account-gate-title {
            font-size: var(--fs-lg);
            line-height: 1.3;
        }
        .account-gate-inline .account-gate-text {
            margin: 0;
        }
        @media (min-width: 641px) {
            .account-gate-inline {
                align-items: flex-start;
                padding: var(--space-5);
            }
        }
    };
    let auth = use_auth();
    let user_id = Memo::new(move |_| auth.user_id());
    let children = StoredValue::new(children);
    move || {
        if !auth.checked.get() {
            if inline {
                return view! { class=styles,
                    <div class="account-gate-inline" aria-busy="true">
                        <div class="skeleton shimmer line"></div>
                        <div class="skeleton shimmer line short"></div>
                    </div>
                }
                .into_any();
            }
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
            None if inline => view! { class=styles,
                <section class="account-gate account-gate-inline" aria-labelledby="gate-title">
                    <h2 id="gate-title" class="account-gate-title">{title}</h2>
                    <p class="account-gate-text">{reason}</p>
                    <Button on_click=Callback::new(move |_| auth.open_sheet())>
                        {t(msg::common::SIGN)}
                    </Button>
                </section>
            }
            .into_any(),
            None => view! { class=styles,
                <section class="account-page account-gate" aria-labelledby="gate-title">
                    <h1 id="gate-title" class="account-title">{title}</h1>
                    <p class="account-gate-text">{reason}</p>
                    <Button on_click=Callback::new(move |_| auth.open_sheet())>
                        {t(msg::common::SIGN)}
                    </Button>
                </section>
            }
            .into_any(),
            Some(_) => children.with_value(|c| c()).into_any(),
        }
    }
}
