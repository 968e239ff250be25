//! `/checkout`: address → shipping → payment → review, with the step (and the chosen address
//! and shipping) in the URL so back/forward and reloads behave. A buy-now selection rides in
//! `?buy=variant:quantity[:note]`; without it the cart is checked out. Card details stay in
//! memory only (a reload asks for them again). One idempotency key per attempt: a double
//! click or a retried request can never place two orders.

use api_types::{
    format_cny, validate_address, validate_payment, Address, AddressInput, CheckoutQuote,
    LineInput, PaymentInput, PlaceOrder, ShippingMethod, ShippingQuote, TEST_CARD_DECLINE,
    TEST_CARD_SUCCESS,
};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError};
use crate::cart::use_cart;
use crate::components::auth_sheet::{field_error, Field};
use crate::components::gate::SignedInOnly;
use crate::components::picture::Picture;
use crate::components::states::ErrorState;

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
            Step::Address => "Address",
            Step::Shipping => "Shipping",
            Step::Payment => "Payment",
            Step::Review => "Review",
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
        "Free".to_string()
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
        <SignedInOnly title="Checkout" reason="Sign in to check out. Your cart comes with you.">
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
    // cart merging in right after signing in on this page).
    let store = use_cart();
    Effect::new(move |_| {
        buy.track();
        store.cart.track();
        co.load_quote();
    });
    spawn_local(async move {
        let list = api::addresses().await.unwrap_or_default();
        // Preselect the default address when the URL names none.
        if address_id.get_untracked().is_none() {
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
            <div class="state state-empty">
                <p class="state-title">"Nothing to check out"</p>
                <p class="state-message">{message}</p>
                <a class="btn btn-primary" href="/shop">"Browse the shop"</a>
            </div>
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
            <h1 class="page-title">"Checkout"</h1>
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
    view! { <ol class="checkout-steps" aria-label="Checkout steps">{items}</ol> }
}

fn summary_lines(quote: &CheckoutQuote) -> impl IntoView {
    quote
        .lines
        .iter()
        .map(|l| {
            view! {
                <li class="summary-line">
                    <Picture image=l.image.clone() sizes="56px" alt=""/>
                    <div>
                        <p class="summary-title">{format!("{} {}", l.brand, l.title)}</p>
                        <p class="muted small">
                            {l.variant_label.clone()}
                            {format!(" × {}", l.quantity)}
                        </p>
                    </div>
                    <span class="price">{format_cny(l.line_total_fen())}</span>
                </li>
            }
        })
        .collect_view()
}

/// Lines and totals, beside the steps (below them on phones).
#[component]
fn OrderSummary() -> impl IntoView {
    let co = expect_context::<Checkout>();
    move || {
        let Some(Ok(quote)) = co.quote.get() else {
            return ().into_any();
        };
        let ship = co.chosen_shipping();
        let fee = ship.as_ref().map_or(0, |s| s.fee_fen);
        let unavailable = quote.unavailable.len();
        view! {
            <aside class="checkout-summary" aria-labelledby="summary-title">
                <h2 id="summary-title">"Order summary"</h2>
                <ul class="summary-lines">{summary_lines(&quote)}</ul>
                {(unavailable > 0).then(|| view! {
                    <p class="notice small">{format!("{unavailable} sold-out item(s) stay in your cart.")}</p>
                })}
                <dl class="totals">
                    <dt>"Subtotal"</dt><dd>{format_cny(quote.subtotal_fen)}</dd>
                    <dt>"Shipping"</dt><dd>{if ship.is_some() { fee_text(fee) } else { "—".to_string() }}</dd>
                    <dt class="total">"Total"</dt><dd class="total price big">{format_cny(quote.subtotal_fen + fee)}</dd>
                </dl>
                {quote.cross_border.then(|| view! {
                    <p class="muted small">"Includes imported goods shipped from a bonded warehouse; customs clearance is handled for you."</p>
                })}
            </aside>
        }
        .into_any()
    }
}

#[component]
fn AddressStep() -> impl IntoView {
    let co = expect_context::<Checkout>();
    let adding = RwSignal::new(false);
    let choose = move |id: i64| co.select(Step::Address, Some(id), co.shipping.get_untracked());
    let list = move || {
        let Some(list) = co.addresses.get() else {
            return view! { <div class="skeleton shimmer line" aria-busy="true"></div> }.into_any();
        };
        if list.is_empty() {
            adding.set(true);
            return ().into_any();
        }
        list.into_iter()
            .map(|a| {
                let id = a.id;
                let checked = move || co.address_id.get() == Some(id);
                view! {
                    <label class="choice-card" class:chosen=checked>
                        <input type="radio" name="address" prop:checked=checked on:change=move |_| choose(id)/>
                        <span class="choice-body">
                            <span class="choice-title">
                                {a.recipient.clone()}" "<span class="muted">{masked_phone(&a.phone)}</span>
                                {a.is_default.then(|| view! { <span class="badge-soft">"Default"</span> })}
                            </span>
                            <span class="choice-text">{format!("{} {} {} {}", a.province, a.city, a.district, a.detail)}</span>
                        </span>
                    </label>
                }
            })
            .collect_view()
            .into_any()
    };
    let saved = Callback::new(move |a: Address| {
        let id = a.id;
        co.addresses.update(|list| {
            let list = list.get_or_insert_with(Vec::new);
            if a.is_default {
                list.iter_mut().for_each(|x| x.is_default = false);
            }
            list.insert(0, a);
        });
        adding.set(false);
        choose(id);
    });
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">"Where should we deliver?"</h2>
            <fieldset class="choices">
                <legend class="visually-hidden">"Saved addresses"</legend>
                {list}
            </fieldset>
            <Show when=move || adding.get() fallback=move || view! {
                <button type="button" class="btn btn-ghost" on:click=move |_| adding.set(true)>"+ Add a new address"</button>
            }>
                <AddressForm on_saved=saved/>
            </Show>
            <div class="step-actions">
                <a class="btn btn-ghost" href="/cart">"Back to cart"</a>
                <button type="button" class="btn btn-primary btn-lg"
                    disabled=move || co.chosen_address().is_none()
                    on:click=move |_| co.go(Step::Shipping)>"Continue to shipping"</button>
            </div>
        </section>
    }
}

/// A new address: checked here with the server's own rules first, then saved.
#[component]
fn AddressForm(on_saved: Callback<Address>) -> impl IntoView {
    let recipient = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let province = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let district = RwSignal::new(String::new());
    let detail = RwSignal::new(String::new());
    let is_default = RwSignal::new(true);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let form = AddressInput {
            recipient: recipient.get_untracked(),
            phone: phone.get_untracked(),
            province: province.get_untracked(),
            city: city.get_untracked(),
            district: district.get_untracked(),
            detail: detail.get_untracked(),
            is_default: is_default.get_untracked(),
        };
        let problems = validate_address(&form);
        if !problems.is_empty() {
            error.set(Some(ApiError::Fields {
                message: "Please correct the highlighted fields.".into(),
                fields: problems,
            }));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::save_address(None, &form).await {
                Ok(address) => on_saved.run(address),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let f = move |name: &'static str| field_error(error, name);
    view! {
        <form class="form address-form" on:submit=submit novalidate aria-labelledby="address-form-title">
            <h3 id="address-form-title">"New address"</h3>
            <div class="form-row">
                <Field id="addr-recipient" label="Recipient" value=recipient error=f("recipient") autocomplete="name" maxlength=24/>
                <Field id="addr-phone" label="Mobile number" kind="tel" value=phone error=f("phone") autocomplete="tel-national"/>
            </div>
            <div class="form-row three">
                <Field id="addr-province" label="Province" value=province error=f("province") autocomplete="address-level1" maxlength=20/>
                <Field id="addr-city" label="City" value=city error=f("city") autocomplete="address-level2" maxlength=20/>
                <Field id="addr-district" label="District" value=district error=f("district") autocomplete="address-level3" maxlength=20/>
            </div>
            <Field id="addr-detail" label="Street address" value=detail error=f("detail") autocomplete="street-address"
                maxlength=120 hint="Street, building and room number."/>
            <label class="check">
                <input type="checkbox" bind:checked=is_default/>
                " Make this my default address"
            </label>
            {move || error.with(|e| match e {
                Some(ApiError::Fields { .. }) | None => None,
                Some(e) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }),
            })}
            <button class="btn btn-secondary" type="submit" disabled=move || busy.get()>
                {move || if busy.get() { "Saving…" } else { "Save address" }}
            </button>
        </form>
    }
}

#[component]
fn ShippingStep() -> impl IntoView {
    let co = expect_context::<Checkout>();
    let options = move || {
        let Some(Ok(quote)) = co.quote.get() else {
            return ().into_any();
        };
        quote
            .shipping
            .into_iter()
            .map(|s| {
                let method = s.method;
                let checked = move || co.shipping.get() == method;
                let pick = move |_| co.select(Step::Shipping, co.address_id.get_untracked(), method);
                view! {
                    <label class="choice-card" class:chosen=checked>
                        <input type="radio" name="shipping" prop:checked=checked on:change=pick/>
                        <span class="choice-body">
                            <span class="choice-title">{s.name_en.clone()}" "<span class="muted" lang="zh-CN">{s.name.clone()}</span></span>
                            <span class="choice-text">{format!("Arrives in {}–{} days", s.min_days, s.max_days)}</span>
                        </span>
                        <span class="choice-price">{fee_text(s.fee_fen)}</span>
                    </label>
                }
            })
            .collect_view()
            .into_any()
    };
    let cross_border = move || {
        co.quote
            .with(|q| matches!(q, Some(Ok(q)) if q.cross_border))
    };
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">"How fast?"</h2>
            <Show when=cross_border>
                <p class="notice">"Imported items ship from our bonded warehouse and clear customs on the way; that adds a few days and a bonded-warehouse fee (free from ¥199 of imported goods)."</p>
            </Show>
            <fieldset class="choices">
                <legend class="visually-hidden">"Shipping options"</legend>
                {options}
            </fieldset>
            <div class="step-actions">
                <button type="button" class="btn btn-ghost" on:click=move |_| co.go(Step::Address)>"Back"</button>
                <button type="button" class="btn btn-primary btn-lg" on:click=move |_| co.go(Step::Payment)>"Continue to payment"</button>
            </div>
        </section>
    }
}

#[component]
fn PaymentStep() -> impl IntoView {
    let co = expect_context::<Checkout>();
    let error = RwSignal::new(None::<ApiError>);
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let problems = validate_payment(
            &PaymentInput {
                card_number: co.card.get_untracked(),
                expiry: co.expiry.get_untracked(),
                cvc: co.cvc.get_untracked(),
            },
            current_month(),
        );
        if problems.is_empty() {
            error.set(None);
            co.card_ready.set(true);
            co.go(Step::Review);
        } else {
            co.card_ready.set(false);
            error.set(Some(ApiError::Fields {
                message: String::new(),
                fields: problems,
            }));
        }
    };
    let f = move |name: &'static str| field_error(error, name);
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">"Payment"</h2>
            <div class="test-mode" role="note">
                <p><strong>"Test mode."</strong>" No real money moves. Use "<code>{TEST_CARD_SUCCESS}</code>
                    " to pay, or "<code>{TEST_CARD_DECLINE}</code>" to see a decline; any future expiry and any 3 digits."</p>
            </div>
            <form class="form card-form" on:submit=submit novalidate>
                <Field id="card-number" label="Card number" value=co.card error=f("card_number")
                    autocomplete="cc-number" maxlength=23/>
                <div class="form-row">
                    <Field id="card-expiry" label="Expiry (MM/YY)" value=co.expiry error=f("expiry") autocomplete="cc-exp" maxlength=5/>
                    <Field id="card-cvc" label="CVC" value=co.cvc error=f("cvc") autocomplete="cc-csc" maxlength=4/>
                </div>
                <div class="step-actions">
                    <button type="button" class="btn btn-ghost" on:click=move |_| co.go(Step::Shipping)>"Back"</button>
                    <button type="submit" class="btn btn-primary btn-lg">"Review order"</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn ReviewStep() -> impl IntoView {
    let co = expect_context::<Checkout>();
    let store = use_cart();
    let key = StoredValue::new(new_key());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // Prices and stock are checked again right before paying.
    co.load_quote();
    let total = move || {
        co.quote.with(|q| match q {
            Some(Ok(q)) => Some(q.subtotal_fen + co.chosen_shipping().map_or(0, |s| s.fee_fen)),
            _ => None,
        })
    };
    let pay = move |_| {
        let (Some(address), Some(expected)) = (co.address_id.get_untracked(), total()) else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let form = PlaceOrder {
            items: co.buy.get_untracked(),
            address_id: address,
            shipping: co.shipping.get_untracked(),
            payment: PaymentInput {
                card_number: co.card.get_untracked(),
                expiry: co.expiry.get_untracked(),
                cvc: co.cvc.get_untracked(),
            },
            expected_total_fen: Some(expected),
        };
        spawn_local(async move {
            let result = api::place_order(&form, &key.get_value()).await;
            busy.set(false);
            match result {
                Ok(order) => {
                    co.navigate
                        .run((format!("/orders/{}?placed=1", order.id), false));
                    // Bought lines left the cart on the server.
                    let _ = store.refresh().await;
                }
                Err(e) => {
                    // A lost answer may be retried with the same key (the server replays the
                    // order); anything the server decided starts a new attempt.
                    if !matches!(e, ApiError::Network(_)) {
                        key.set_value(new_key());
                    }
                    if matches!(e, ApiError::Conflict(_)) {
                        co.load_quote();
                    }
                    error.set(Some(e));
                }
            }
        });
    };
    let card_tail = move || {
        let digits: String = co
            .card
            .with(|c| c.chars().filter(char::is_ascii_digit).collect());
        digits[digits.len().saturating_sub(4)..].to_string()
    };
    let edit = move |step: Step| {
        let href = co.href(step, co.address_id.get(), co.shipping.get());
        view! { <a class="link-btn" href=href>"Change"</a> }
    };
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">"Review and pay"</h2>
            <dl class="review-list">
                <div>
                    <dt>"Deliver to"</dt>
                    <dd>{move || co.chosen_address().map(|a| format!(
                        "{} · {} · {} {} {} {}", a.recipient, masked_phone(&a.phone), a.province, a.city, a.district, a.detail
                    ))}</dd>
                    {edit(Step::Address)}
                </div>
                <div>
                    <dt>"Shipping"</dt>
                    <dd>{move || co.chosen_shipping().map(|s| format!(
                        "{} · {}–{} days · {}", s.name_en, s.min_days, s.max_days, fee_text(s.fee_fen)
                    ))}</dd>
                    {edit(Step::Shipping)}
                </div>
                <div>
                    <dt>"Pay with"</dt>
                    <dd>{move || format!("Test card ending {}", card_tail())}</dd>
                    {edit(Step::Payment)}
                </div>
            </dl>
            {move || error.get().map(|e| {
                let (title, back) = match &e {
                    ApiError::PaymentDeclined(_) => ("Payment declined", Some(Step::Payment)),
                    ApiError::Fields { .. } => ("Please check your details", Some(Step::Payment)),
                    ApiError::Conflict(_) => ("Your order changed", None),
                    _ => ("Couldn't place the order", None),
                };
                let detail = match &e {
                    ApiError::Fields { fields, .. } => fields.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join(" "),
                    e => e.to_string(),
                };
                view! {
                    <div class="alert alert-error" role="alert">
                        <p class="alert-title">{title}</p>
                        <p>{detail}</p>
                        {back.map(|s| view! { <a href=co.href(s, co.address_id.get_untracked(), co.shipping.get_untracked())>"Use another card"</a> })}
                    </div>
                }
            })}
            <div class="step-actions pay-bar">
                <button type="button" class="btn btn-ghost" on:click=move |_| co.go(Step::Payment)>"Back"</button>
                <button type="button" class="btn btn-primary btn-lg" on:click=pay
                    disabled=move || busy.get() || total().is_none()
                    aria-busy=move || busy.get().then_some("true")>
                    {move || match (busy.get(), total()) {
                        (true, _) => "Paying…".to_string(),
                        (false, Some(t)) => format!("Pay {}", format_cny(t)),
                        (false, None) => "Pay".to_string(),
                    }}
                </button>
            </div>
        </section>
    }
}
