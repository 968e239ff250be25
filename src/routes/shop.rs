//! `/shop?category=&sort=`: the shop's categories, sort order and an infinitely scrolling
//! product grid. Category and order live in the URL.

use api_types::{Page, ProductSort, ShopCategory};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::channel_bar::channel_label;
use crate::components::product_tile::ProductTile;
use crate::components::states::{EmptyState, ErrorState, ListStatus};
use crate::components::ui::Chip;
use crate::hooks::use_paged::{append, show_errors, use_paged};
use crate::i18n::{msg, t};

fn sort_label(sort: ProductSort) -> &'static str {
    match sort {
        ProductSort::Popular => t(msg::shop::POPULAR),
        ProductSort::Newest => t(msg::common::NEWEST),
        ProductSort::PriceAsc => t(msg::shop::PRICE),
        ProductSort::PriceDesc => t(msg::shop::PRICE_2),
    }
}

fn shop_href(category: Option<&str>, sort: ProductSort) -> String {
    let mut params = Vec::new();
    if let Some(c) = category {
        params.push(format!("category={}", js_sys::encode_uri_component(c)));
    }
    if sort != ProductSort::default() {
        params.push(format!("sort={}", sort.as_str()));
    }
    if params.is_empty() {
        "/shop".to_string()
    } else {
        format!("/shop?{}", params.join("&"))
    }
}

#[component]
pub fn ShopPage() -> impl IntoView {
    let query = use_query_map();
    let category = Memo::new(move |_| query.with(|q| q.get("category")).filter(|c| !c.is_empty()));
    let sort = Memo::new(move |_| {
        query
            .with(|q| q.get("sort"))
            .and_then(|s| ProductSort::parse(&s))
            .unwrap_or_default()
    });
    let categories = RwSignal::new(Vec::<ShopCategory>::new());
    spawn_local(async move {
        if let Ok(list) = api::shop_categories().await {
            categories.set(list);
        }
    });
    let category_links = move || {
        let current = category.get();
        let s = sort.get();
        let mut links = vec![view! {
            <li><Chip text=t(msg::shop::ALL) href=shop_href(None, s) selected=current.is_none()/></li>
        }
        .into_any()];
        links.extend(categories.get().into_iter().map(|c| {
            let label = channel_label(&api_types::Channel {
                slug: c.slug.clone(),
                name_en: c.name_en.clone(),
                name_zh: c.name_zh.clone(),
            });
            let on = current.as_deref() == Some(c.slug.as_str());
            view! {
                <li><Chip text=label href=shop_href(Some(&c.slug), s) selected=on/></li>
            }
            .into_any()
        }));
        links
    };
    let sort_links = move || {
        let c = category.get();
        ProductSort::ALL
            .into_iter()
            .map(|s| {
                let on = sort.get() == s;
                view! {
                    <Chip text=sort_label(s) href=shop_href(c.as_deref(), s) selected=on/>
                }
            })
            .collect_view()
    };
    view! {
        <section class="shop-page">
            <h1 class="shop-title">{t(msg::common::SHOP)}</h1>
            <nav aria-label=t(msg::shop::CATEGORIES)>
                <ul class="chip-row shop-categories">{category_links}</ul>
            </nav>
            <div class="chip-row shop-sort" role="group" aria-label=t(msg::shop::SORT_BY)>{sort_links}</div>
            {move || {
                let source = ProductSource::Shop { category: category.get(), sort: sort.get() };
                view! { <ProductGrid source=source/> }
            }}
        </section>
    }
}

/// Which products a grid shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProductSource {
    Shop {
        category: Option<String>,
        sort: ProductSort,
    },
    Search(String),
}

/// Tiles that load eagerly: the first two rows of the phone's two columns (on a desktop, most
/// of the first row).
const EAGER_TILES: usize = 4;

/// Products from `source` in a grid, loading more as the end nears the viewport.
#[component]
pub fn ProductGrid(source: ProductSource) -> impl IntoView {
    let sentinel = NodeRef::<leptos::html::Div>::new();
    let source = StoredValue::new(source);
    let list = use_paged(
        move |after: Option<String>| {
            let source = source.get_value();
            async move {
                match source {
                    ProductSource::Shop { category, sort } => {
                        api::products(category.as_deref(), sort, after.as_deref()).await
                    }
                    ProductSource::Search(q) => api::search_products(&q, after.as_deref())
                        .await
                        .map(Page::from),
                }
            }
        },
        append,
        show_errors,
    );
    list.load.run(());
    list.more_when_near(sentinel, "0px 0px 600px 0px");
    view! {
        // Tiles title themselves with h3: the grid is the h2 between them and the page's h1.
        <h2 class="visually-hidden">{t(msg::common::PRODUCTS)}</h2>
        <div class="product-grid" role="list" aria-label=t(msg::common::PRODUCTS) aria-busy=move || list.state.loading.get().to_string()>
            // The first two rows on a phone load at once with high priority, the rest lazily.
            <For
                each=move || list.items.get().into_iter().enumerate()
                key=|(_, p)| p.id
                children=|(i, p)| view! {
                    <div role="listitem">
                        <ProductTile href=format!("/product/{}", p.id) product=p eager=i < EAGER_TILES/>
                    </div>
                }
            />
        </div>
        {move || list.state.error.get().map(|e| view! { <ErrorState message=e on_retry=list.load/> })}
        <Show when=move || list.is_empty()>
            <EmptyState title=t(msg::shop::NO_PRODUCTS_FOUND) message=t(msg::shop::TRY_ANOTHER_WORD_BRAND_CATEGORY)/>
        </Show>
        <div class="feed-sentinel" node_ref=sentinel aria-hidden="true"></div>
        <ListStatus loading=list.state.loading loading_text=t(msg::common::LOADING)/>
    }
}
