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
use crate::i18n::{is_zh, tr};
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
        SearchSort::General => tr("Best match", "综合"),
        SearchSort::Newest => tr("Newest", "最新"),
        SearchSort::Likes => tr("Most liked", "最多点赞"),
    }
}

fn kind_label(v: NoteTypeFilter) -> &'static str {
    match v {
        NoteTypeFilter::All => tr("All", "不限"),
        NoteTypeFilter::Image => tr("Photos", "图文"),
        NoteTypeFilter::Video => tr("Videos", "视频"),
    }
}

fn time_label(v: TimeFilter) -> &'static str {
    match v {
        TimeFilter::Any => tr("Any time", "不限"),
        TimeFilter::Day => tr("Past day", "一天内"),
        TimeFilter::Week => tr("Past week", "一周内"),
        TimeFilter::HalfYear => tr("Past 6 months", "半年内"),
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
                    <h1>{tr("Search Zhongcao", "搜索种草")}</h1>
                    <p class="page-sub">{tr("Find notes, topics, creators and products: try 防晒, 露营, OOTD or a city.", "查找笔记、话题、创作者和商品：试试防晒、露营、OOTD或城市名。")}</p>
                </section>
            }
            .into_any();
        }
        let tab = |tab: ResultTab| SearchUrl { tab, ..u.clone() }.href();
        let tabs = [
            (ResultTab::Notes, tr("Notes", "笔记")),
            (ResultTab::Users, tr("Users", "用户")),
            (ResultTab::Products, tr("Products", "商品")),
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
                    label=tr("Users", "用户")
                    empty_title=tr("No users found", "没有找到相关用户")
                    empty_message=tr("Check the spelling or search by a different name.", "检查一下拼写，或换个名字搜索。")
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
                    {chips(tr("Sort", "排序依据"), &SearchSort::ALL, u.sort, sort_label, move |sort| SearchUrl { sort, ..b1.clone() })}
                    {chips(tr("Note type", "笔记类型"), &NoteTypeFilter::ALL, u.kind, kind_label, move |kind| SearchUrl { kind, ..b2.clone() })}
                    {chips(tr("Posted", "发布时间"), &TimeFilter::ALL, u.time, time_label, move |time| SearchUrl { time, ..b3.clone() })}
                </div>
                <InfiniteFeed
                    source=Signal::stored(source)
                    label=if is_zh() { format!("“{}”的搜索结果", u.q) } else { format!("Search results for {}", u.q) }
                    empty_title=tr("No notes found", "没有找到相关笔记")
                    empty_message=tr("Try fewer or different words, or widen the filters.", "试试减少或更换关键词，或放宽筛选条件。")
                    empty_extra=|| view! { <TrendingLinks/> }
                />
            }
            .into_any()
        };
        view! {
            <section class="search-page">
                <h1 class="search-title">{format!("“{}”", u.q)}</h1>
                <Tabs label=tr("Result type", "结果类型") tabs=tabs current=current/>
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
                <h2>{tr("Trending searches", "热门搜索")}</h2>
                <div class="chip-row">
                    <For each=move || trending.get() key=|t| t.clone() let:t>
                        <Chip text=t.clone() href=search_href(&t)/>
                    </For>
                </div>
            </div>
        </Show>
    }
}
