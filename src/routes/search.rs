//! `/search?q=&type=notes|users&sort=&kind=&time=`: search results. Everything lives in the URL,
//! so results can be shared and Back returns to the previous search.

use api_types::{NoteTypeFilter, SearchSort, TimeFilter};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api::{self, FeedSource, NoteSearch};
use crate::components::feed::InfiniteFeed;
use crate::components::note_card::SearchHighlight;
use crate::components::people::{PeopleListView, PeopleSource};
use crate::components::ui::{Chip, Tab, Tabs};
use crate::i18n::{msg, t, tf};
use crate::routes::shop::{ProductGrid, ProductSource};

/// Which results the search page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ResultTab {
    Notes,
    Users,
    Products,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct SearchUrl {
    q: String,
    tab: ResultTab,
    sort: SearchSort,
    kind: NoteTypeFilter,
    time: TimeFilter,
}

impl SearchUrl {
    /// The URL of this search; defaults are left out so links stay short.
    fn href(&self) -> String {
        let mut url = format!("/search?q={}", js_sys::encode_uri_component(&self.q));
        match self.tab {
            ResultTab::Users => {
                url.push_str("&type=users");
                return url;
            }
            ResultTab::Products => {
                url.push_str("&type=products");
                return url;
            }
            ResultTab::Notes => {}
        }
        for (key, value, default) in [
            ("sort", self.sort.as_str(), SearchSort::default().as_str()),
            (
                "kind",
                self.kind.as_str(),
                NoteTypeFilter::default().as_str(),
            ),
            ("time", self.time.as_str(), TimeFilter::default().as_str()),
        ] {
            if value != default {
                url.push_str(&format!("&{key}={value}"));
            }
        }
        url
    }
}

/// Link for a search query (used by the header's search box).
pub fn search_href(q: &str) -> String {
    SearchUrl {
        q: q.trim().to_string(),
        tab: ResultTab::Notes,
        sort: SearchSort::default(),
        kind: NoteTypeFilter::default(),
        time: TimeFilter::default(),
    }
    .href()
}

fn sort_label(v: SearchSort) -> &'static str {
    match v {
        SearchSort::General => t(msg::search::BEST_MATCH),
        SearchSort::Newest => t(msg::common::NEWEST),
        SearchSort::Likes => t(msg::search::MOST_LIKED),
    }
}

fn kind_label(v: NoteTypeFilter) -> &'static str {
    match v {
        NoteTypeFilter::All => t(msg::search::ALL),
        NoteTypeFilter::Image => t(msg::search::PHOTOS),
        NoteTypeFilter::Video => t(msg::search::VIDEOS),
    }
}

fn time_label(v: TimeFilter) -> &'static str {
    match v {
        TimeFilter::Any => t(msg::search::ANY_TIME),
        TimeFilter::Day => t(msg::search::PAST_DAY),
        TimeFilter::Week => t(msg::search::PAST_WEEK),
        TimeFilter::HalfYear => t(msg::search::PAST_6_MONTHS),
    }
}

/// One row of filter chips, each a link to the same search with one value changed.
fn chips<T: Copy + PartialEq + 'static>(
    label: &'static str,
    values: &[T],
    current: T,
    name: fn(T) -> &'static str,
    with: impl Fn(T) -> SearchUrl,
) -> impl IntoView {
    let links = values
        .iter()
        .map(|v| {
            let selected = *v == current;
            view! { <Chip text=name(*v) href=with(*v).href() selected=selected current="true"/> }
        })
        .collect_view();
    view! { <div class="chip-row" role="group" aria-label=label>{links}</div> }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let url = Memo::new(move |_| {
        query.with(|m| SearchUrl {
            q: m.get("q").unwrap_or_default().trim().to_string(),
            tab: match m.get("type").as_deref() {
                Some("users") => ResultTab::Users,
                Some("products") => ResultTab::Products,
                _ => ResultTab::Notes,
            },
            sort: m
                .get("sort")
                .and_then(|v| SearchSort::parse(&v))
                .unwrap_or_default(),
            kind: m
                .get("kind")
                .and_then(|v| NoteTypeFilter::parse(&v))
                .unwrap_or_default(),
            time: m
                .get("time")
                .and_then(|v| TimeFilter::parse(&v))
                .unwrap_or_default(),
        })
    });

    move || {
        let u = url.get();
        if u.q.is_empty() {
            return view! {
                <section class="search-home">
                    <h1>{t(msg::search::SEARCH_ZHONGCAO)}</h1>
                    <p class="page-sub">{t(msg::search::FIND_NOTES_TOPICS_CREATORS_PRODUCTS)}</p>
                </section>
            }
            .into_any();
        }
        let tab = |tab: ResultTab| SearchUrl { tab, ..u.clone() }.href();
        let tabs = [
            (ResultTab::Notes, t(msg::common::NOTES)),
            (ResultTab::Users, t(msg::search::USERS)),
            (ResultTab::Products, t(msg::common::PRODUCTS)),
        ];
        let current = tabs.iter().position(|(t, _)| *t == u.tab).unwrap_or(0);
        let tabs: Vec<Tab> = tabs
            .into_iter()
            .map(|(t, label)| Tab {
                label: label.to_string(),
                href: tab(t),
                count: 0,
                ..Default::default()
            })
            .collect();
        let results = if u.tab == ResultTab::Products {
            view! { <ProductGrid source=ProductSource::Search(u.q.clone())/> }.into_any()
        } else if u.tab == ResultTab::Users {
            view! {
                <PeopleListView
                    source=PeopleSource::Search(u.q.clone())
                    label=t(msg::search::USERS)
                    empty_title=t(msg::search::NO_USERS_FOUND)
                    empty_message=t(msg::search::CHECK_SPELLING_SEARCH_BY_DIFFERENT)
                />
            }
            .into_any()
        } else {
            let base = u.clone();
            let source = FeedSource::Search(NoteSearch {
                q: u.q.clone(),
                sort: u.sort,
                kind: u.kind,
                time: u.time,
            });
            let (b1, b2, b3) = (base.clone(), base.clone(), base.clone());
            provide_context(SearchHighlight(u.q.clone()));
            view! {
                <div class="filters">
                    {chips(t(msg::search::SORT), &SearchSort::ALL, u.sort, sort_label, move |sort| SearchUrl { sort, ..b1.clone() })}
                    {chips(t(msg::search::NOTE_TYPE), &NoteTypeFilter::ALL, u.kind, kind_label, move |kind| SearchUrl { kind, ..b2.clone() })}
                    {chips(t(msg::search::POSTED), &TimeFilter::ALL, u.time, time_label, move |time| SearchUrl { time, ..b3.clone() })}
                </div>
                <InfiniteFeed
                    source=Signal::stored(source)
                    label=tf(msg::search::SEARCH_RESULTS_Q, &[("q", &u.q)])
                    empty_title=t(msg::search::NO_NOTES_FOUND)
                    empty_message=t(msg::search::TRY_FEWER_DIFFERENT_WORDS_WIDEN)
                    empty_extra=|| view! { <TrendingLinks/> }
                />
            }
            .into_any()
        };
        view! {
            <section class="search-page">
                <h1 class="search-title">{format!("“{}”", u.q)}</h1>
                <Tabs label=t(msg::search::RESULT_TYPE) tabs=tabs current=current/>
                {results}
            </section>
        }
        .into_any()
    }
}

/// "Try one of these": trending searches as links, for an empty result.
#[component]
fn TrendingLinks() -> impl IntoView {
    let trending = RwSignal::new(Vec::<String>::new());
    spawn_local(async move {
        if let Ok(list) = api::trending().await {
            trending.set(list);
        }
    });
    view! {
        <Show when=move || trending.with(|t| !t.is_empty())>
            <div class="try-instead">
                <h2>{t(msg::search::TRENDING_SEARCHES)}</h2>
                <div class="chip-row">
                    <For each=move || trending.get() key=|t| t.clone() let:t>
                        <Chip text=t.clone() href=search_href(&t)/>
                    </For>
                </div>
            </div>
        </Show>
    }
}
