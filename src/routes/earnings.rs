//! `/creator/earnings`: what a creator earned from orders placed through their notes: totals
//! (pending until delivery, settled, reversed by cancellations) and every attributed line.

use api_types::{format_cny, CommissionState, EarningLine, Earnings};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::gate::SignedInOnly;
use crate::components::states::ErrorState;
use crate::format;

#[component]
pub fn EarningsPage() -> impl IntoView {
    view! {
        <SignedInOnly title="Earnings" reason="Sign in to see the commission your notes earn.">
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
        CommissionState::Pending => "Pending",
        CommissionState::Settled => "Settled",
        CommissionState::Reversed => "Reversed",
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
                <div class="stat-card primary"><p class="stat-label">"Total earnings"</p><p class="stat-value">{format_cny(e.total_fen)}</p></div>
                <div class="stat-card"><p class="stat-label">"Pending delivery"</p><p class="stat-value">{format_cny(e.pending_fen)}</p></div>
                <div class="stat-card"><p class="stat-label">"Settled"</p><p class="stat-value">{format_cny(e.settled_fen)}</p></div>
                <div class="stat-card"><p class="stat-label">"Reversed"</p><p class="stat-value">{format_cny(e.reversed_fen)}</p></div>
            </div>
            <p class="muted">{format!(
                "{} attributed {}. You earn {} of the brand's commission on every order placed from your notes; cancelled orders are reversed.",
                e.orders, if e.orders == 1 { "order" } else { "orders" }, percent(e.creator_share_bp)
            )}</p>
        }
        .into_any()
    };
    let table = move || {
        if lines.with(Vec::is_empty) {
            return view! {
                <div class="state state-empty">
                    <p class="state-title">"No sales yet"</p>
                    <p class="state-message">"Tag products in your notes: when readers buy them from there, the commission shows up here."</p>
                </div>
            }
            .into_any();
        }
        let rows = lines
            .get()
            .into_iter()
            .map(|l| {
                view! {
                    <tr class=format!("earning-{}", state_label(l.state).to_lowercase())>
                        <td data-label="Date">{format::date_time(l.created_at)}</td>
                        <td data-label="Note"><a href=format!("/explore/{}", l.note_id)>{l.note_title}</a></td>
                        <td data-label="Product"><a href=format!("/product/{}", l.product_id)>{l.product_title}</a>{format!(" × {}", l.quantity)}</td>
                        <td data-label="Sale" class="num">{format_cny(l.sale_fen)}</td>
                        <td data-label="Rate" class="num">{percent(l.rate_bp)}</td>
                        <td data-label="Commission" class="num strong">{format_cny(l.commission_fen)}</td>
                        <td data-label="State"><span class=format!("status-badge commission-{}", state_label(l.state).to_lowercase())>{state_label(l.state)}</span></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="earnings-table">
                <caption class="visually-hidden">"Attributed sales"</caption>
                <thead><tr>
                    <th scope="col">"Date"</th><th scope="col">"Note"</th><th scope="col">"Product"</th>
                    <th scope="col" class="num">"Sale"</th><th scope="col" class="num">"Rate"</th>
                    <th scope="col" class="num">"Commission"</th><th scope="col">"State"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <div class="page-wide earnings-page">
            <h1 class="page-title">"Earnings"</h1>
            {move || match summary.get() {
                None => view! { <div class="skeleton shimmer checkout-skeleton" aria-busy="true"></div> }.into_any(),
                Some(Err(e)) => view! { <ErrorState message=e.to_string() on_retry=Callback::new(move |()| load(None))/> }.into_any(),
                Some(Ok(_)) => view! { {totals} {table} }.into_any(),
            }}
            <Show when=move || cursor.with(Option::is_some)>
                <button type="button" class="btn btn-secondary" disabled=move || loading.get()
                    on:click=move |_| load(cursor.get_untracked())>"Show more"</button>
            </Show>
        </div>
    }
}
