//! `/orders`: the buyer's orders, newest first; `/orders/:id`: one order with its logistics
//! timeline (refreshed while it moves), what was bought, where it goes, and cancel before it
//! ships. `?placed=1` marks the confirmation right after paying.

use api_types::{format_cny, OrderDetail, OrderStatus, OrderSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::not_found::NotFound;
use crate::api::{self, ApiError};
use crate::components::gate::SignedInOnly;
use crate::components::picture::Picture;
use crate::components::states::{EmptyState, ErrorState};
use crate::components::toast::use_toasts;
use crate::components::ui::{Button, ButtonVariant, Price};
use crate::format;
use crate::hooks::use_paged::{append, show_errors, use_paged};
use crate::i18n::{is_zh, msg, t, tf};

/// How often an order on its way is re-read.
const ORDER_POLL_MS: u64 = 15_000;

pub fn status_label(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Paid => t(msg::orders::PAID_2),
        OrderStatus::Packed => t(msg::orders::PACKED),
        OrderStatus::CustomsCleared => t(msg::orders::CLEARED_CUSTOMS),
        OrderStatus::InTransit => t(msg::orders::TRANSIT),
        OrderStatus::Delivered => t(msg::orders::DELIVERED),
        OrderStatus::Cancelled => t(msg::orders::CANCELLED),
    }
}

fn status_badge(status: OrderStatus) -> impl IntoView {
    view! {
        <span class=format!("status-badge status-{}", status.as_str())>{status_label(status)}</span>
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    view! {
        <SignedInOnly title=t(msg::orders::ORDERS) reason=t(msg::orders::SIGN_SEE_ORDERS_WHERE_THEY)>
            <OrderList/>
        </SignedInOnly>
    }
}

#[component]
fn OrderList() -> impl IntoView {
    let sentinel = NodeRef::<leptos::html::Div>::new();
    let list = use_paged(
        |after: Option<String>| async move { api::orders(after.as_deref()).await },
        append,
        show_errors,
    );
    list.load.run(());
    list.more_when_near(sentinel, "0px 0px 600px 0px");
    view! {
        <div class="page-narrow orders-page">
            <h1 class="page-title">{t(msg::orders::ORDERS)}</h1>
            <ul class="order-list" aria-label=t(msg::orders::ORDERS_2) aria-busy=move || list.state.loading.get().to_string()>
                <For each=move || list.items.get() key=|o| (o.id, o.status) let:o>
                    <li><OrderRow order=o/></li>
                </For>
            </ul>
            {move || list.state.error.get().map(|e| view! { <ErrorState message=e on_retry=list.load/> })}
            <Show when=move || list.is_empty()>
                <EmptyState title=t(msg::orders::NO_ORDERS_YET) message=t(msg::orders::WHAT_BUY_SHOWS_UP_HERE)/>
                <p class="center"><Button href="/shop">{t(msg::common::BROWSE_SHOP)}</Button></p>
            </Show>
            <div class="feed-sentinel" node_ref=sentinel aria-hidden="true"></div>
        </div>
    }
}

#[component]
fn OrderRow(order: OrderSummary) -> impl IntoView {
    let more = (order.item_count > 1).then(|| {
        if is_zh() {
            format!(" 等 {} 件商品", order.item_count)
        } else {
            format!(" and {} more", order.item_count - 1)
        }
    });
    let label = tf(msg::orders::ORDER_NUMBER, &[("number", &order.number)]);
    view! {
        <a class="order-row" href=format!("/orders/{}", order.id) aria-label=label>
            <div class="order-thumbs" aria-hidden="true">
                {order.images.into_iter().take(3).map(|i| view! { <Picture image=i sizes="64px" alt=""/> }).collect_view()}
            </div>
            <div class="order-row-body">
                <p class="order-row-title">{order.first_title}{more}</p>
                <p class="muted small">{format!("{} · {}", order.number, format::date_time(order.created_at))}</p>
            </div>
            <div class="order-row-side">
                {status_badge(order.status)}
                <Price fen=order.total_fen/>
            </div>
        </a>
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    view! {
        <SignedInOnly title=t(msg::orders::ORDER) reason=t(msg::orders::SIGN_SEE_ORDER)>
            <OrderLoader/>
        </SignedInOnly>
    }
}

#[component]
fn OrderLoader() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    let order = RwSignal::new(None::<Result<OrderDetail, ApiError>>);
    let load = move || {
        let Some(id) = id.get_untracked() else {
            order.set(Some(Err(ApiError::NotFound(
                t(msg::orders::NO_SUCH_ORDER).into(),
            ))));
            return;
        };
        spawn_local(async move {
            let result = api::order(id).await;
            // A failed refresh keeps what is shown; only the first load shows the error.
            // `try_`: the page may be gone by now (reading a disposed value panics).
            let shown = order.try_with_untracked(|o| matches!(o, Some(Ok(_))));
            if result.is_ok() || shown == Some(false) {
                order.set(Some(result));
            }
        });
    };
    Effect::new(move |_| {
        id.track();
        order.set(None);
        load();
    });
    // The simulated carrier moves the order along; keep the timeline current.
    let poll = set_interval_with_handle(
        move || {
            let moving = order.with_untracked(|o| {
                matches!(o, Some(Ok(o)) if !matches!(o.status, OrderStatus::Delivered | OrderStatus::Cancelled))
            });
            if moving {
                load();
            }
        },
        std::time::Duration::from_millis(ORDER_POLL_MS),
    );
    if let Ok(handle) = poll {
        on_cleanup(move || handle.clear());
    }
    move || {
        match order.get() {
        None => view! { <div class="page-narrow" aria-busy="true"><div class="skeleton shimmer checkout-skeleton"></div></div> }.into_any(),
        Some(Err(e)) if e.is_not_found() => view! {
            <NotFound title=t(msg::orders::ORDER_NOT_FOUND) message=t(msg::orders::ORDER_DOESNT_EXIST_ISNT_YOURS)/>
        }
        .into_any(),
        Some(Err(e)) => view! { <ErrorState message=e.to_string() on_retry=Callback::new(move |()| load())/> }.into_any(),
        Some(Ok(o)) => view! { <OrderView order=o on_change=Callback::new(move |o| order.set(Some(Ok(o))))/> }.into_any(),
    }
    }
}

#[component]
fn OrderView(order: OrderDetail, on_change: Callback<OrderDetail>) -> impl IntoView {
    let query = use_query_map();
    let toasts = use_toasts();
    let placed = query.with_untracked(|q| q.get("placed").is_some());
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let id = order.id;
    let cancel = move |_| {
        busy.set(true);
        spawn_local(async move {
            match api::cancel_order(id).await {
                Ok(o) => {
                    toasts.show(t(msg::orders::ORDER_CANCELLED_HAVE_NOT_BEEN));
                    on_change.run(o);
                }
                Err(e) => toasts.show(e.to_string()),
            }
            busy.set(false);
            confirming.set(false);
        });
    };
    let timeline = order
        .timeline
        .iter()
        .map(|step| {
            let when = if step.done {
                format::date_time(step.at)
            } else {
                tf(msg::orders::EXPECTED, &[("when", &format::date_time(step.at))])
            };
            view! {
                <li class:done=step.done class=format!("timeline-step step-{}", step.status.as_str())
                    aria-current=(step.status == order.status).then_some("step")>
                    <span class="timeline-dot" aria-hidden="true"></span>
                    <span class="timeline-label">{status_label(step.status)}</span>
                    <span class="timeline-time muted small">{when}</span>
                </li>
            }
        })
        .collect_view();
    let lines = order
        .lines
        .iter()
        .map(|l| {
            view! {
                <li class="summary-line">
                    <Picture image=l.image.clone() sizes="56px" alt=""/>
                    <div>
                        <a class="summary-title" href=format!("/product/{}", l.product_id)>{l.title.clone()}</a>
                        <p class="muted small">{l.variant_label.clone()}{format!(" × {}", l.quantity)}</p>
                    </div>
                    <Price fen=l.unit_price_fen * l.quantity/>
                </li>
            }
        })
        .collect_view();
    let a = &order.address;
    let address = format!(
        "{} · {} · {} {} {} {}",
        a.recipient, a.phone, a.province, a.city, a.district, a.detail
    );
    view! {
        <div class="page-narrow order-page">
            {placed.then(|| view! {
                <div class="alert alert-success" role="status">
                    <p class="alert-title">{t(msg::orders::PAYMENT_SUCCESSFUL)}</p>
                    <p>{tf(msg::orders::THANK_ORDER_NUMBER_PLACED_WAREHOUSE, &[("number", &order.number)])}</p>
                </div>
            })}
            <header class="order-head">
                <h1 class="page-title">{tf(msg::orders::ORDER_NUMBER, &[("number", &order.number)])}</h1>
                {status_badge(order.status)}
            </header>
            <p class="muted small">{tf(msg::orders::PLACED, &[("when", &format::date_time(order.created_at))])}</p>
            <section aria-labelledby="timeline-title" class="order-section">
                <h2 id="timeline-title">{t(msg::orders::DELIVERY)}</h2>
                <ol class="timeline">{timeline}</ol>
            </section>
            <section aria-labelledby="items-title" class="order-section">
                <h2 id="items-title">{t(msg::orders::ITEMS)}</h2>
                <ul class="summary-lines">{lines}</ul>
                <dl class="totals">
                    <dt>{t(msg::common::SUBTOTAL)}</dt><dd>{format_cny(order.subtotal_fen)}</dd>
                    <dt>{tf(msg::orders::SHIPPING_NAME, &[("name", if is_zh() { &order.shipping.name } else { &order.shipping.name_en })])}</dt>
                    <dd>{if order.shipping_fen == 0 { t(msg::common::FREE).to_string() } else { format_cny(order.shipping_fen) }}</dd>
                    <dt class="total">{t(msg::orders::PAID)}</dt><dd class="total"><Price fen=order.total_fen large=true/></dd>
                </dl>
            </section>
            <section aria-labelledby="ship-to-title" class="order-section">
                <h2 id="ship-to-title">{t(msg::orders::DELIVERY_ADDRESS)}</h2>
                <p>{address}</p>
                <p class="muted small">{tf(msg::orders::PAID_TEST_CARD_ENDING_CARD, &[("card_last4", &order.card_last4)])}</p>
            </section>
            {order.cancellable.then(|| view! {
                <div class="order-actions">
                    <Show when=move || confirming.get() fallback=move || view! {
                        <Button variant=ButtonVariant::Secondary on_click=Callback::new(move |_| confirming.set(true))>{t(msg::orders::CANCEL_ORDER)}</Button>
                    }>
                        <div class="confirm" role="group" aria-label=t(msg::orders::CANCEL_ORDER_2)>
                            <p>{t(msg::orders::CANCEL_ORDER_ITEMS_GO_BACK)}</p>
                            <Button variant=ButtonVariant::Danger on_click=Callback::new(cancel) disabled=busy>{t(msg::orders::YES_CANCEL)}</Button>
                            <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| confirming.set(false))>{t(msg::orders::KEEP_ORDER)}</Button>
                        </div>
                    </Show>
                </div>
            })}
            <p><a href="/orders">{t(msg::orders::ALL_ORDERS)}</a></p>
        </div>
    }
}
