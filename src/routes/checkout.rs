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
use crate::components::auth_sheet::field_error;
use crate::components::gate::SignedInOnly;
use crate::components::picture::Picture;
use crate::components::states::{EmptyState, ErrorState};
use crate::components::ui::{Button, ButtonSize, ButtonVariant, Price, TextField};
use crate::i18n::{is_zh, tr};
use crate::server_text::localize_fields;

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
            Step::Address => tr("Address", "收货地址"),
            Step::Shipping => tr("Shipping", "配送"),
            Step::Payment => tr("Payment", "支付"),
            Step::Review => tr("Review", "确认订单"),
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
        tr("Free", "免运费").to_string()
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
        <SignedInOnly title=tr("Checkout", "结算") reason=tr("Sign in to check out. Your cart comes with you.", "登录后即可结算，购物车会一起带过来。")>
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
            <EmptyState title=tr("Nothing to check out", "没有可结算的商品") message=message>
                <Button href="/shop">{tr("Browse the shop", "去商城逛逛")}</Button>
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
            <h1 class="page-title">{tr("Checkout", "结算")}</h1>
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
    view! { <ol class="checkout-steps" aria-label=tr("Checkout steps", "结算步骤")>{items}</ol> }
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
                    <Price fen=l.line_total_fen()/>
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
                <h2 id="summary-title">{tr("Order summary", "订单明细")}</h2>
                <ul class="summary-lines">{summary_lines(&quote)}</ul>
                {(unavailable > 0).then(|| view! {
                    <p class="notice small">{if is_zh() { format!("{unavailable} 件已售罄的商品会留在购物车里。") } else { format!("{unavailable} sold-out item(s) stay in your cart.") }}</p>
                })}
                <dl class="totals">
                    <dt>{tr("Subtotal", "商品小计")}</dt><dd>{format_cny(quote.subtotal_fen)}</dd>
                    <dt>{tr("Shipping", "运费")}</dt><dd>{if ship.is_some() { fee_text(fee) } else { "—".to_string() }}</dd>
                    <dt class="total">{tr("Total", "合计")}</dt><dd class="total"><Price fen=quote.subtotal_fen + fee large=true/></dd>
                </dl>
                {quote.cross_border.then(|| view! {
                    <p class="muted small">{tr("Includes imported goods shipped from a bonded warehouse; customs clearance is handled for you.", "含进口商品，从保税仓发货，清关手续由我们代办。")}</p>
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
                                {a.is_default.then(|| view! { <span class="badge-soft">{tr("Default", "默认")}</span> })}
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
            <h2 id="step-title">{tr("Where should we deliver?", "送到哪里？")}</h2>
            <fieldset class="choices">
                <legend class="visually-hidden">{tr("Saved addresses", "已保存的收货地址")}</legend>
                {list}
            </fieldset>
            <Show when=move || adding.get() fallback=move || view! {
                <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| adding.set(true))>{tr("+ Add a new address", "+ 新增收货地址")}</Button>
            }>
                <AddressForm on_saved=saved/>
            </Show>
            <div class="step-actions">
                <Button variant=ButtonVariant::Ghost href="/cart">{tr("Back to cart", "返回购物车")}</Button>
                <Button size=ButtonSize::Large
                    disabled=Signal::derive(move || co.chosen_address().is_none())
                    on_click=Callback::new(move |_| co.go(Step::Shipping))>{tr("Continue to shipping", "下一步：选择配送")}</Button>
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
                message: tr(
                    "Please correct the highlighted fields.",
                    "请修改标出的内容。",
                )
                .into(),
                fields: localize_fields(problems),
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
            <h3 id="address-form-title">{tr("New address", "新增收货地址")}</h3>
            <div class="form-row">
                <TextField id="addr-recipient" label=tr("Recipient", "收货人") value=recipient error=f("recipient") autocomplete="name" max_chars=24 counter=false/>
                <TextField id="addr-phone" label=tr("Mobile number", "手机号") kind="tel" value=phone error=f("phone") autocomplete="tel-national"/>
            </div>
            <div class="form-row three">
                <TextField id="addr-province" label=tr("Province", "省份") value=province error=f("province") autocomplete="address-level1" max_chars=20 counter=false/>
                <TextField id="addr-city" label=tr("City", "城市") value=city error=f("city") autocomplete="address-level2" max_chars=20 counter=false/>
                <TextField id="addr-district" label=tr("District", "区县") value=district error=f("district") autocomplete="address-level3" max_chars=20 counter=false/>
            </div>
            <TextField id="addr-detail" label=tr("Street address", "详细地址") value=detail error=f("detail") autocomplete="street-address"
                max_chars=120 counter=false hint=tr("Street, building and room number.", "街道、楼栋及门牌号。")/>
            <label class="check">
                <input type="checkbox" bind:checked=is_default/>
                {tr(" Make this my default address", " 设为默认收货地址")}
            </label>
            {move || error.with(|e| match e {
                Some(ApiError::Fields { .. }) | None => None,
                Some(e) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }),
            })}
            <Button variant=ButtonVariant::Secondary submit=true disabled=busy loading=busy>
                {move || if busy.get() { tr("Saving…", "保存中…") } else { tr("Save address", "保存地址") }}
            </Button>
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
                // In Chinese the Chinese name says it all.
                let (name, native) = if is_zh() {
                    (s.name.clone(), String::new())
                } else {
                    (s.name_en.clone(), s.name.clone())
                };
                let days = if is_zh() {
                    format!("预计 {}–{} 天送达", s.min_days, s.max_days)
                } else {
                    format!("Arrives in {}–{} days", s.min_days, s.max_days)
                };
                view! {
                    <label class="choice-card" class:chosen=checked>
                        <input type="radio" name="shipping" prop:checked=checked on:change=pick/>
                        <span class="choice-body">
                            <span class="choice-title">{name}" "<span class="muted" lang="zh-CN">{native}</span></span>
                            <span class="choice-text">{days}</span>
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
            <h2 id="step-title">{tr("How fast?", "选择配送方式")}</h2>
            <Show when=cross_border>
                <p class="notice">{tr("Imported items ship from our bonded warehouse and clear customs on the way; that adds a few days and a bonded-warehouse fee (free from ¥199 of imported goods).", "进口商品从保税仓发货，途中清关，会多花几天，并收取保税仓费用（进口商品满 ¥199 免收）。")}</p>
            </Show>
            <fieldset class="choices">
                <legend class="visually-hidden">{tr("Shipping options", "配送方式")}</legend>
                {options}
            </fieldset>
            <div class="step-actions">
                <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| co.go(Step::Address))>{tr("Back", "上一步")}</Button>
                <Button size=ButtonSize::Large on_click=Callback::new(move |_| co.go(Step::Payment))>{tr("Continue to payment", "下一步：支付")}</Button>
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
                fields: localize_fields(problems),
            }));
        }
    };
    let f = move |name: &'static str| field_error(error, name);
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">{tr("Payment", "支付")}</h2>
            <div class="test-mode" role="note">
                <p><strong>{tr("Test mode.", "测试模式。")}</strong>{tr(" No real money moves. Use ", "不会真实扣款。使用 ")}<code>{TEST_CARD_SUCCESS}</code>
                    {tr(" to pay, or ", " 可支付成功，使用 ")}<code>{TEST_CARD_DECLINE}</code>{tr(" to see a decline; any future expiry and any 3 digits.", " 可查看支付被拒；有效期填任意未来日期，安全码填任意 3 位数字。")}</p>
            </div>
            <form class="form card-form" on:submit=submit novalidate>
                <TextField id="card-number" label=tr("Card number", "卡号") value=co.card error=f("card_number")
                    autocomplete="cc-number" max_chars=23 counter=false/>
                <div class="form-row">
                    <TextField id="card-expiry" label=tr("Expiry (MM/YY)", "有效期（MM/YY）") value=co.expiry error=f("expiry") autocomplete="cc-exp" max_chars=5 counter=false/>
                    <TextField id="card-cvc" label=tr("CVC", "安全码") value=co.cvc error=f("cvc") autocomplete="cc-csc" max_chars=4 counter=false/>
                </div>
                <div class="step-actions">
                    <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| co.go(Step::Shipping))>{tr("Back", "上一步")}</Button>
                    <Button size=ButtonSize::Large submit=true>{tr("Review order", "确认订单")}</Button>
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
        view! { <Button variant=ButtonVariant::Link size=ButtonSize::Small href=href>{tr("Change", "修改")}</Button> }
    };
    view! {
        <section class="checkout-step" aria-labelledby="step-title">
            <h2 id="step-title">{tr("Review and pay", "确认并支付")}</h2>
            <dl class="review-list">
                <div>
                    <dt>{tr("Deliver to", "送至")}</dt>
                    <dd>{move || co.chosen_address().map(|a| format!(
                        "{} · {} · {} {} {} {}", a.recipient, masked_phone(&a.phone), a.province, a.city, a.district, a.detail
                    ))}</dd>
                    {edit(Step::Address)}
                </div>
                <div>
                    <dt>{tr("Shipping", "配送")}</dt>
                    <dd>{move || co.chosen_shipping().map(|s| if is_zh() {
                        format!("{} · {}–{} 天 · {}", s.name, s.min_days, s.max_days, fee_text(s.fee_fen))
                    } else {
                        format!("{} · {}–{} days · {}", s.name_en, s.min_days, s.max_days, fee_text(s.fee_fen))
                    })}</dd>
                    {edit(Step::Shipping)}
                </div>
                <div>
                    <dt>{tr("Pay with", "支付方式")}</dt>
                    <dd>{move || if is_zh() { format!("尾号 {} 的测试卡", card_tail()) } else { format!("Test card ending {}", card_tail()) }}</dd>
                    {edit(Step::Payment)}
                </div>
            </dl>
            {move || error.get().map(|e| {
                let (title, back) = match &e {
                    ApiError::PaymentDeclined(_) => (tr("Payment declined", "支付被拒"), Some(Step::Payment)),
                    ApiError::Fields { .. } => (tr("Please check your details", "请检查填写的信息"), Some(Step::Payment)),
                    ApiError::Conflict(_) => (tr("Your order changed", "订单有变动"), None),
                    _ => (tr("Couldn't place the order", "下单失败"), None),
                };
                let detail = match &e {
                    ApiError::Fields { fields, .. } => fields.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join(tr(" ", "")),
                    e => e.to_string(),
                };
                view! {
                    <div class="alert alert-error" role="alert">
                        <p class="alert-title">{title}</p>
                        <p>{detail}</p>
                        {back.map(|s| view! { <a href=co.href(s, co.address_id.get_untracked(), co.shipping.get_untracked())>{tr("Use another card", "换一张卡")}</a> })}
                    </div>
                }
            })}
            <div class="step-actions pay-bar">
                <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| co.go(Step::Payment))>{tr("Back", "上一步")}</Button>
                <Button size=ButtonSize::Large on_click=Callback::new(pay)
                    disabled=Signal::derive(move || busy.get() || total().is_none())
                    loading=busy>
                    {move || match (busy.get(), total()) {
                        (true, _) => tr("Paying…", "支付中…").to_string(),
                        (false, Some(t)) if is_zh() => format!("支付 {}", format_cny(t)),
                        (false, Some(t)) => format!("Pay {}", format_cny(t)),
                        (false, None) => tr("Pay", "支付").to_string(),
                    }}
                </Button>
            </div>
        </section>
    }
}
