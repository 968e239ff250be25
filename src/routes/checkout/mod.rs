//! `/checkout`: address → shipping → payment → review, with the step (and the chosen address
//! and shipping) in the URL so back/forward and reloads behave. A buy-now selection rides in
//! `?buy=variant:quantity[:note]`; without it the cart is checked out. Card details stay in
//! memory only (a reload asks for them again). One idempotency key per attempt: a double
//! click or a retried request can never place two orders.

use api_types::{format_cny, Address, CheckoutQuote, LineInput, ShippingMethod, ShippingQuote};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError};
use crate::cart::use_cart;
use crate::components::gate::SignedInOnly;
use crate::components::states::{EmptyState, ErrorState};
use crate::components::ui::Button;
use crate::i18n::{msg, t};

mod address;
mod payment;
mod review;
mod shipping;
mod summary;

use address::AddressStep;
use payment::PaymentStep;
use review::ReviewStep;
use shipping::ShippingStep;
use summary::OrderSummary;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Address,
    Shipping,
    Payment,
    Review,
}

impl Step {
    const ALL: [Step; 4] = [Step::Address, Step::Shipping, Step::Payment, Step::Review];

    fn as_str(self) -> &'static str {
        match self {
            Step::Address => "address",
            Step::Shipping => "shipping",
            Step::Payment => "payment",
            Step::Review => "review",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Step::Address => t(msg::checkout::ADDRESS),
            Step::Shipping => t(msg::common::SHIPPING),
            Step::Payment => t(msg::common::PAYMENT),
            Step::Review => t(msg::checkout::REVIEW),
        }
    }

    fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// `?buy=12:2:345,13:1` → lines (variant, quantity, optional note).
pub fn parse_buy(raw: &str) -> Option<Vec<LineInput>> {
    let lines: Vec<LineInput> = raw
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(':');
            let variant_id = it.next()?.parse().ok()?;
            let quantity = it.next().map_or(Some(1), |q| q.parse().ok())?;
            let from_note = it.next().and_then(|n| n.parse().ok());
            Some(LineInput {
                variant_id,
                quantity,
                from_note,
                live_room_id: None,
            })
        })
        .collect();
    (!lines.is_empty()).then_some(lines)
}

/// A fresh idempotency key (not a secret: it only tells retries apart from new orders).
fn new_key() -> String {
    let random = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    format!("co-{:x}-{random:x}", js_sys::Date::now() as u64)
}

fn current_month() -> (i64, i64) {
    let d = js_sys::Date::new_0();
    (d.get_full_year() as i64, d.get_month() as i64 + 1)
}

/// "138 **** 8000": enough to recognise the number.
fn masked_phone(phone: &str) -> String {
    if phone.len() == 11 {
        format!("{} **** {}", &phone[..3], &phone[7..])
    } else {
        phone.to_string()
    }
}

fn fee_text(fee: i64) -> String {
    if fee == 0 {
        t(msg::common::FREE).to_string()
    } else {
        format_cny(fee)
    }
}

/// Everything the steps share.
#[derive(Clone, Copy)]
struct Checkout {
    step: Memo<Step>,
    buy: Memo<Option<Vec<LineInput>>>,
    address_id: Memo<Option<i64>>,
    shipping: Memo<ShippingMethod>,
    quote: RwSignal<Option<Result<CheckoutQuote, ApiError>>>,
    addresses: RwSignal<Option<Vec<Address>>>,
    card: RwSignal<String>,
    expiry: RwSignal<String>,
    cvc: RwSignal<String>,
    /// The card passed the form checks (kept in memory only).
    card_ready: RwSignal<bool>,
    /// Navigates to (href, replace); captured once, as handlers and tasks run outside the
    /// component that could look the router up.
    navigate: Callback<(String, bool)>,
}

impl Checkout {
    /// The URL for `step`, keeping the selection made so far.
    fn href(&self, step: Step, address: Option<i64>, ship: ShippingMethod) -> String {
        let mut url = format!("/checkout?step={}", step.as_str());
        if let Some(buy) = self.buy.get_untracked() {
            let parts: Vec<String> = buy
                .iter()
                .map(|l| match l.from_note {
                    Some(n) => format!("{}:{}:{n}", l.variant_id, l.quantity),
                    None => format!("{}:{}", l.variant_id, l.quantity),
                })
                .collect();
            url.push_str(&format!("&buy={}", parts.join(",")));
        }
        if let Some(a) = address {
            url.push_str(&format!("&address={a}"));
        }
        url.push_str(&format!("&ship={}", ship.as_str()));
        url
    }

    fn go(&self, step: Step) {
        let href = self.href(
            step,
            self.address_id.get_untracked(),
            self.shipping.get_untracked(),
        );
        self.navigate.run((href, false));
    }

    /// Changes the selection on the current step (replacing the history entry).
    fn select(&self, step: Step, address: Option<i64>, ship: ShippingMethod) {
        self.navigate.run((self.href(step, address, ship), true));
    }

    fn chosen_shipping(&self) -> Option<ShippingQuote> {
        let method = self.shipping.get();
        self.quote.with(|q| match q {
            Some(Ok(q)) => q.shipping.iter().find(|s| s.method == method).cloned(),
            _ => None,
        })
    }

    fn chosen_address(&self) -> Option<Address> {
        let id = self.address_id.get()?;
        self.addresses
            .with(|a| a.as_ref()?.iter().find(|a| a.id == id).cloned())
    }

    fn load_quote(&self) {
        let (quote, buy) = (self.quote, self.buy.get_untracked());
        spawn_local(async move {
            quote.set(Some(api::quote(buy).await));
        });
    }
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    view! {
        <SignedInOnly title=t(msg::checkout::CHECKOUT) reason=t(msg::checkout::SIGN_CHECK_OUT_CART_COMES)>
            <CheckoutFlow/>
        </SignedInOnly>
    }
}

#[component]
fn CheckoutFlow() -> impl IntoView {
    let query = use_query_map();
    let buy = Memo::new(move |_| query.with(|q| q.get("buy").and_then(|b| parse_buy(&b))));
    let address_id =
        Memo::new(move |_| query.with(|q| q.get("address").and_then(|a| a.parse::<i64>().ok())));
    let shipping = Memo::new(move |_| {
        query.with(|q| {
            q.get("ship")
                .and_then(|s| ShippingMethod::parse(&s))
                .unwrap_or_default()
        })
    });
    let requested = Memo::new(move |_| {
        query.with(|q| {
            q.get("step")
                .and_then(|s| Step::parse(&s))
                .unwrap_or(Step::Address)
        })
    });
    let quote = RwSignal::new(None);
    let addresses = RwSignal::new(None::<Vec<Address>>);
    let card_ready = RwSignal::new(false);
    // A later step needs the earlier ones done: show the first one that is not.
    let step = Memo::new(move |_| {
        let wanted = requested.get();
        let has_address = address_id.get().is_some_and(|id| {
            addresses.with(|a| a.as_ref().is_some_and(|a| a.iter().any(|x| x.id == id)))
        });
        if wanted > Step::Address && !has_address {
            Step::Address
        } else if wanted > Step::Payment && !card_ready.get() {
            Step::Payment
        } else {
            wanted
        }
    });
    let co = Checkout {
        step,
        buy,
        address_id,
        shipping,
        quote,
        addresses,
        card: RwSignal::new(String::new()),
        expiry: RwSignal::new(String::new()),
        cvc: RwSignal::new(String::new()),
        card_ready,
        navigate: {
            let navigate = use_navigate();
            Callback::new(move |(href, replace): (String, bool)| {
                navigate(
                    &href,
                    NavigateOptions {
                        replace,
                        ..Default::default()
                    },
                )
            })
        },
    };
    provide_context(co);
    // The quote mirrors the cart: it is read again when the cart changes (e.g. the browser
    // cart merging in right after signing in on this page; until it has, the account's cart
    // alone is not what the buyer is checking out).
    let store = use_cart();
    Effect::new(move |_| {
        store.cart.track();
        if buy.get().is_some() || store.loaded() {
            co.load_quote();
        }
    });
    spawn_local(async move {
        let list = api::addresses().await.unwrap_or_default();
        // Preselect the default address when the URL names none (`try_`: the buyer may have
        // left checkout meanwhile, and reading a disposed value panics).
        if address_id.try_get_untracked() == Some(None) {
            if let Some(default) = list.iter().find(|a| a.is_default).or(list.first()) {
                co.select(
                    requested.get_untracked(),
                    Some(default.id),
                    shipping.get_untracked(),
                );
            }
        }
        addresses.set(Some(list));
    });
    // Only loading / failed / ready decides what renders: a fresh quote of the same cart must
    // not rebuild the steps (the review step asks for one when it opens).
    let phase = Memo::new(move |_| {
        quote.with(|q| match q {
            None => None,
            Some(Ok(_)) => Some(Ok(())),
            Some(Err(e)) => Some(Err(e.clone())),
        })
    });
    let body = move || match phase.get() {
        None => view! { <div class="skeleton shimmer checkout-skeleton" aria-busy="true"></div> }
            .into_any(),
        Some(Err(ApiError::Validation(message))) => view! {
            <EmptyState title=t(msg::checkout::NOTHING_CHECK_OUT) message=message>
                <Button href="/shop">{t(msg::common::BROWSE_SHOP)}</Button>
            </EmptyState>
        }
        .into_any(),
        Some(Err(e)) => view! {
            <ErrorState message=e.to_string() on_retry=Callback::new(move |()| co.load_quote())/>
        }
        .into_any(),
        Some(Ok(_)) => view! {
            <div class="checkout-grid">
                <div class="checkout-main">
                    {move || match step.get() {
                        Step::Address => view! { <AddressStep/> }.into_any(),
                        Step::Shipping => view! { <ShippingStep/> }.into_any(),
                        Step::Payment => view! { <PaymentStep/> }.into_any(),
                        Step::Review => view! { <ReviewStep/> }.into_any(),
                    }}
                </div>
                <OrderSummary/>
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="checkout-page">
            <h1 class="page-title">{t(msg::checkout::CHECKOUT)}</h1>
            <StepList/>
            {body}
        </div>
    }
}

/// The four steps; the ones already done link back.
#[component]
fn StepList() -> impl IntoView {
    let co = expect_context::<Checkout>();
    let items = Step::ALL
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let current = move || co.step.get() == s;
            let done = move || co.step.get() > s;
            let label = format!("{}. {}", i + 1, s.label());
            view! {
                <li class:done=done aria-current=move || current().then_some("step")>
                    {move || if done() {
                        let href = co.href(s, co.address_id.get(), co.shipping.get());
                        view! { <a href=href>{label.clone()}</a> }.into_any()
                    } else {
                        view! { <span>{label.clone()}</span> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="checkout-steps" aria-label=t(msg::checkout::CHECKOUT_STEPS)>{items}</ol> }
}
