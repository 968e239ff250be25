//! `/creator/earnings`: what a creator earned from orders placed through their notes: totals
//! (pending until delivery, settled, reversed by cancellations) and every attributed line.

use api_types::{format_cny, CommissionState, EarningLine, Earnings};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::gate::SignedInOnly;
use crate::components::states::{EmptyState, ErrorState};
use crate::components::ui::{Button, ButtonVariant};
use crate::format;
use crate::i18n::{msg, t, tnf};

#[component]
pub fn EarningsPage() -> impl IntoView {
    view! {
        <SignedInOnly title=t(msg::common::EARNINGS) reason=t(msg::earnings::SIGN_SEE_COMMISSION_NOTES_EARN)>
            <EarningsView/>
        </SignedInOnly>
    }
}

/// "5%" or "2.5%" from basis points.
fn percent(bp: i64) -> String {
    format::one_decimal(bp, 100, "%")
}

fn state_label(state: CommissionState) -> &'static str {
    match state {
        CommissionState::Pending => t(msg::earnings::PENDING),
        CommissionState::Settled => t(msg::earnings::SETTLED),
        CommissionState::Reversed => t(msg::earnings::REVERSED),
    }
}

/// The state's name in class names (English in every language).
fn state_class(state: CommissionState) -> &'static str {
    match state {
        CommissionState::Pending => "pending",
        CommissionState::Settled => "settled",
        CommissionState::Reversed => "reversed",
    }
}

#[component]
fn EarningsView() -> impl IntoView {
    let summary = RwSignal::new(None::<Result<Earnings, ApiError>>);
    let lines = RwSignal::new(Vec::<EarningLine>::new());
    let cursor = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let load = move |after: Option<String>| {
        loading.set(true);
        spawn_local(async move {
            match api::earnings(after.as_deref()).await {
                Ok(page) => {
                    lines.update(|l| l.extend(page.lines.iter().cloned()));
                    cursor.set(page.next_cursor.clone());
                    summary.set(Some(Ok(page)));
                }
                Err(e) => summary.set(Some(Err(e))),
            }
            loading.set(false);
        });
    };
    load(None);
    let totals = move || {
        let Some(Ok(e)) = summary.get() else {
            return ().into_any();
        };
        view! {
            <div class="stat-cards">
                <div class="stat-card primary"><p class="stat-label">{t(msg::earnings::TOTAL_EARNINGS)}</p><p class="stat-value">{format_cny(e.total_fen)}</p></div>
                <div class="stat-card"><p class="stat-label">{t(msg::earnings::PENDING_DELIVERY)}</p><p class="stat-value">{format_cny(e.pending_fen)}</p></div>
                <div class="stat-card"><p class="stat-label">{t(msg::earnings::SETTLED)}</p><p class="stat-value">{format_cny(e.settled_fen)}</p></div>
                <div class="stat-card"><p class="stat-label">{t(msg::earnings::REVERSED)}</p><p class="stat-value">{format_cny(e.reversed_fen)}</p></div>
            </div>
            <p class="muted">{tnf(msg::earnings::SUMMARY, e.orders, &[("share", &percent(e.creator_share_bp))])}</p>
        }
        .into_any()
    };
    let table = move || {
        if lines.with(Vec::is_empty) {
            return view! {
                <EmptyState title=t(msg::earnings::NO_SALES_YET)
                    message=t(msg::earnings::TAG_PRODUCTS_NOTES_WHEN_READERS)/>
            }
            .into_any();
        }
        let rows = lines
            .get()
            .into_iter()
            .map(|l| {
                view! {
                    <tr class=format!("earning-{}", state_class(l.state))>
                        <td data-label=t(msg::earnings::DATE)>{format::date_time(l.created_at)}</td>
                        <td data-label=t(msg::common::NOTE)>{match l.live_room_id {
                            // Sold in the creator's live room: the room, not a note.
                            Some(room) => view! { <a href=format!("/live/{room}")>{t(msg::earnings::LIVE_ROOM)}</a> }.into_any(),
                            None => view! { <a href=format!("/explore/{}", l.note_id)>{l.note_title}</a> }.into_any(),
                        }}</td>
                        <td data-label=t(msg::earnings::PRODUCT)><a href=format!("/product/{}", l.product_id)>{l.product_title}</a>{format!(" × {}", l.quantity)}</td>
                        <td data-label=t(msg::earnings::SALE) class="num">{format_cny(l.sale_fen)}</td>
                        <td data-label=t(msg::earnings::RATE) class="num">{percent(l.rate_bp)}</td>
                        <td data-label=t(msg::common::COMMISSION) class="num strong">{format_cny(l.commission_fen)}</td>
                        <td data-label=t(msg::earnings::STATE)><span class=format!("status-badge commission-{}", state_class(l.state))>{state_label(l.state)}</span></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="earnings-table">
                <caption class="visually-hidden">{t(msg::earnings::ATTRIBUTED_SALES)}</caption>
                <thead><tr>
                    <th scope="col">{t(msg::earnings::DATE)}</th><th scope="col">{t(msg::common::NOTE)}</th><th scope="col">{t(msg::earnings::PRODUCT)}</th>
                    <th scope="col" class="num">{t(msg::earnings::SALE)}</th><th scope="col" class="num">{t(msg::earnings::RATE)}</th>
                    <th scope="col" class="num">{t(msg::common::COMMISSION)}</th><th scope="col">{t(msg::earnings::STATE)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <div class="page-wide earnings-page">
            <h1 class="page-title">{t(msg::common::EARNINGS)}</h1>
            {move || match summary.get() {
                None => view! { <div class="skeleton shimmer checkout-skeleton" aria-busy="true"></div> }.into_any(),
                Some(Err(e)) => view! { <ErrorState message=e.to_string() on_retry=Callback::new(move |()| load(None))/> }.into_any(),
                Some(Ok(_)) => view! { {totals} {table} }.into_any(),
            }}
            <Show when=move || cursor.with(Option::is_some)>
                <Button variant=ButtonVariant::Secondary disabled=loading
                    on_click=Callback::new(move |_| load(cursor.get_untracked()))>{t(msg::earnings::SHOW_MORE)}</Button>
            </Show>
        </div>
    }
}
