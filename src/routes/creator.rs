//! `/creator`: how a creator's notes do — views, likes, collects, comments, shares, new
//! followers, attributed orders and commission over 7, 30 or 90 days (in the URL), drawn as an
//! SVG chart with a table of the same numbers, plus each note's figures.

use api_types::{format_cny, CreatorStats, DayStats, StatValues};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::components::gate::SignedInOnly;
use crate::components::picture::Picture;
use crate::components::states::ErrorState;
use crate::format;
use crate::i18n::{msg, t, tf};

const PERIODS: [i64; 3] = [7, 30, 90];

/// Chart drawing box (SVG user units; integers keep float printing out of the bundle).
const W: i64 = 1000;
const H: i64 = 260;
const PAD: i64 = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Views,
    Likes,
    Collects,
    Comments,
    Shares,
    Followers,
    Orders,
    Commission,
}

impl Metric {
    pub const ALL: [Metric; 8] = [
        Metric::Views,
        Metric::Likes,
        Metric::Collects,
        Metric::Comments,
        Metric::Shares,
        Metric::Followers,
        Metric::Orders,
        Metric::Commission,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Metric::Views => "views",
            Metric::Likes => "likes",
            Metric::Collects => "collects",
            Metric::Comments => "comments",
            Metric::Shares => "shares",
            Metric::Followers => "followers",
            Metric::Orders => "orders",
            Metric::Commission => "commission",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Metric::Views => t(msg::creator::VIEWS),
            Metric::Likes => t(msg::creator::LIKES),
            Metric::Collects => t(msg::creator::COLLECTS),
            Metric::Comments => t(msg::creator::COMMENTS),
            Metric::Shares => t(msg::creator::SHARES),
            Metric::Followers => t(msg::creator::NEW_FOLLOWERS),
            Metric::Orders => t(msg::common::ORDERS),
            Metric::Commission => t(msg::common::COMMISSION),
        }
    }

    pub fn of(self, v: &StatValues) -> i64 {
        match self {
            Metric::Views => v.views,
            Metric::Likes => v.likes,
            Metric::Collects => v.collects,
            Metric::Comments => v.comments,
            Metric::Shares => v.shares,
            Metric::Followers => v.new_followers,
            Metric::Orders => v.orders,
            Metric::Commission => v.commission_fen,
        }
    }

    pub fn show(self, n: i64) -> String {
        match self {
            Metric::Commission => format_cny(n),
            _ => format::count(n),
        }
    }
}

/// The chart's line and area paths for `values` in a `W`×`H` box.
pub fn chart_paths(values: &[i64]) -> (String, String) {
    if values.is_empty() {
        return (String::new(), String::new());
    }
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let n = values.len() as i64;
    let x = |i: i64| {
        if n == 1 {
            W / 2
        } else {
            PAD + i * (W - 2 * PAD) / (n - 1)
        }
    };
    let y = |v: i64| H - PAD - v * (H - 2 * PAD) / max;
    let mut line = String::new();
    for (i, v) in values.iter().enumerate() {
        let cmd = if i == 0 { 'M' } else { 'L' };
        line.push_str(&format!("{cmd}{} {} ", x(i as i64), y(*v)));
    }
    let area = format!("{line}L{} {} L{} {} Z", x(n - 1), H - PAD, x(0), H - PAD);
    (line.trim_end().to_string(), area)
}

/// "11-26" for a day start (unix seconds, the server's UTC+8 day).
fn day_label(day: i64) -> String {
    let (_, m, d) = api_types::app_date(day);
    format!("{m:02}-{d:02}")
}

#[component]
pub fn CreatorPage() -> impl IntoView {
    view! {
        <SignedInOnly title=t(msg::common::CREATOR_CENTER) reason=t(msg::creator::SIGN_SEE_HOW_NOTES_ARE)>
            <CreatorCenter/>
        </SignedInOnly>
    }
}

#[component]
fn CreatorCenter() -> impl IntoView {
    let query = use_query_map();
    let days = Memo::new(move |_| {
        query.with(|q| {
            q.get("days")
                .and_then(|d| d.parse::<i64>().ok())
                .filter(|d| PERIODS.contains(d))
                .unwrap_or(30)
        })
    });
    let metric = Memo::new(move |_| {
        query.with(|q| {
            q.get("metric")
                .and_then(|m| Metric::ALL.into_iter().find(|x| x.slug() == m))
                .unwrap_or(Metric::Views)
        })
    });
    let stats = RwSignal::new(None::<Result<CreatorStats, ApiError>>);
    let load = move || {
        let d = days.get_untracked();
        spawn_local(async move { stats.set(Some(api::creator_stats(d).await)) });
    };
    Effect::new(move |_| {
        days.track();
        load();
    });
    let href = move |d: i64, m: Metric| format!("/creator?days={d}&metric={}", m.slug());
    let periods = move || {
        PERIODS
            .into_iter()
            .map(|d| {
                let current = move || days.get() == d;
                view! {
                    <a href=move || href(d, metric.get()) aria-current=move || current().then_some("page")>
                        {tf(msg::creator::D_DAYS, &[("d", &d)])}
                    </a>
                }
            })
            .collect_view()
    };
    view! {
        <div class="page-wide creator-page">
            <header class="creator-head">
                <h1 class="page-title">{t(msg::common::CREATOR_CENTER)}</h1>
                <nav class="segmented-links" aria-label=t(msg::creator::PERIOD)>{periods}</nav>
            </header>
            {move || match stats.get() {
                None => view! { <div class="skeleton shimmer checkout-skeleton" aria-busy="true"></div> }.into_any(),
                Some(Err(e)) => view! { <ErrorState message=e.to_string() on_retry=Callback::new(move |()| load())/> }.into_any(),
                Some(Ok(s)) => view! { <StatsView stats=s metric=metric href=Callback::new(move |(d, m)| href(d, m))/> }.into_any(),
            }}
            <p class="muted small">{t(msg::creator::ORDERS_COMMISSION_COME_FROM_PURCHASES)}<a href="/creator/earnings">{t(msg::common::EARNINGS)}</a>{t(msg::creator::COMMISSION_END)}</p>
        </div>
    }
}

#[component]
fn StatsView(
    stats: CreatorStats,
    metric: Memo<Metric>,
    href: Callback<(i64, Metric), String>,
) -> impl IntoView {
    let days = stats.days;
    let totals = stats.totals.clone();
    let cards = Metric::ALL
        .into_iter()
        .map(|m| {
            let total = m.show(m.of(&totals));
            view! {
                <a class="metric-card" class:chosen=move || metric.get() == m
                    href=href.run((days, m)) aria-current=move || (metric.get() == m).then_some("true")>
                    <span class="stat-label">{m.label()}</span>
                    <span class="stat-value">{total}</span>
                </a>
            }
        })
        .collect_view();
    let series = StoredValue::new(stats.series.clone());
    let chart = move || {
        let m = metric.get();
        series.with_value(|s| chart_view(s, m, days))
    };
    let notes = stats
        .notes
        .iter()
        .map(|n| {
            let v = &n.values;
            view! {
                <tr>
                    <td class="note-cell">
                        <Picture image=n.note.cover.clone() sizes="48px" alt=""/>
                        <a href=format!("/explore/{}", n.note.id)>{n.note.title.clone()}</a>
                    </td>
                    <td class="num">{format::count(v.views)}</td>
                    <td class="num">{format::count(v.likes)}</td>
                    <td class="num">{format::count(v.collects)}</td>
                    <td class="num">{format::count(v.comments)}</td>
                    <td class="num">{format::count(v.shares)}</td>
                    <td class="num">{v.orders}</td>
                    <td class="num">{format_cny(v.commission_fen)}</td>
                </tr>
            }
        })
        .collect_view();
    let has_notes = !stats.notes.is_empty();
    view! {
        <nav class="metric-cards" aria-label=t(msg::creator::METRICS)>{cards}</nav>
        <section class="chart-card" aria-labelledby="chart-title">{chart}</section>
        <section aria-labelledby="notes-title" class="order-section">
            <h2 id="notes-title">{t(msg::creator::NOTES_PERIOD)}</h2>
            {if has_notes {
                view! {
                    <div class="table-scroll">
                        <table class="stats-table">
                            <thead><tr>
                                <th scope="col">{t(msg::common::NOTE)}</th><th scope="col" class="num">{t(msg::creator::VIEWS)}</th><th scope="col" class="num">{t(msg::creator::LIKES)}</th>
                                <th scope="col" class="num">{t(msg::creator::COLLECTS)}</th><th scope="col" class="num">{t(msg::creator::COMMENTS)}</th><th scope="col" class="num">{t(msg::creator::SHARES)}</th>
                                <th scope="col" class="num">{t(msg::common::ORDERS)}</th><th scope="col" class="num">{t(msg::common::COMMISSION)}</th>
                            </tr></thead>
                            <tbody>{notes}</tbody>
                        </table>
                    </div>
                }.into_any()
            } else {
                view! { <p class="muted">{t(msg::creator::NO_NOTES_YET)}<a href="/publish">{t(msg::creator::PUBLISH_FIRST)}</a>{t(msg::creator::EMPTY_END)}</p> }.into_any()
            }}
        </section>
    }
}

fn chart_view(series: &[DayStats], m: Metric, days: i64) -> impl IntoView {
    let values: Vec<i64> = series.iter().map(|d| m.of(&d.values)).collect();
    let (line, area) = chart_paths(&values);
    let total: i64 = values.iter().sum();
    let peak = values.iter().copied().max().unwrap_or(0);
    let first = series.first().map(|d| day_label(d.day)).unwrap_or_default();
    let last = series.last().map(|d| day_label(d.day)).unwrap_or_default();
    let summary = tf(
        msg::creator::CHART_SUMMARY,
        &[
            ("metric", &m.label()),
            ("total", &m.show(total)),
            ("days", &days),
            ("peak", &m.show(peak)),
        ],
    );
    let rows = series
        .iter()
        .rev()
        .map(|d| {
            view! {
                <tr><td>{day_label(d.day)}</td><td class="num">{m.show(m.of(&d.values))}</td></tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="chart-title" class="chart-title">{tf(msg::creator::PER_DAY, &[("metric", &m.label())])}</h2>
        <svg class="chart" viewBox=format!("0 0 {W} {H}") preserveAspectRatio="none" role="img" aria-label=summary.clone()>
            <line x1="0" x2=W.to_string() y1=(H - PAD).to_string() y2=(H - PAD).to_string() class="chart-axis"/>
            <line x1="0" x2=W.to_string() y1=(H / 2).to_string() y2=(H / 2).to_string() class="chart-grid"/>
            <path d=area class="chart-area"/>
            <path d=line class="chart-line" vector-effect="non-scaling-stroke"/>
        </svg>
        <div class="chart-scale muted small" aria-hidden="true">
            <span>{first}</span><span>{tf(msg::creator::PEAK, &[("peak", &m.show(peak))])}</span><span>{last}</span>
        </div>
        <p class="visually-hidden">{summary}</p>
        <details class="chart-table">
            <summary>{t(msg::creator::SHOW_AS_TABLE)}</summary>
            <table class="stats-table">
                <thead><tr><th scope="col">{t(msg::creator::DAY)}</th><th scope="col" class="num">{m.label()}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
