//! `/gallery` and `/gallery/{component}`: every design-system component in every state, in the
//! light and the dark theme side by side, at phone or desktop width (`?w=phone|desktop`, so a
//! link shares the exact view). Not in the main navigation. Specimens use real data from the
//! API (notes, products, channels) so images, lengths and languages are what users meet.
//!
//! Adding a component to the app means adding an entry to [`ENTRIES`].

use api_types::{Channel, NoteCard as Card, NoteDetail, ProductCard, ProductSort};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{self, FeedSource};
use crate::components::avatar::Avatar;
use crate::components::carousel::Carousel;
use crate::components::channel_bar::ChannelBar;
use crate::components::dialog::{Dialog, DialogActions, DialogLead, DialogNote, DialogTitle};
use crate::components::icon::Glyph;
use crate::components::masonry_grid::MasonryGrid;
use crate::components::product_tile::ProductTile;
use crate::components::quantity_stepper::QuantityStepper;
use crate::components::states::{EmptyState, ErrorState, ListStatus, SkeletonGrid};
use crate::components::toast::{use_toasts, ToastView};
use crate::components::ui::{
    Badge, Button, ButtonSize, ButtonVariant, Chip, Choice, IconButton, Price, Segmented, Spinner,
    Tab, Tabs, TextField,
};
use crate::i18n::tr;

/// Real data for the specimens, fetched once per gallery visit.
#[derive(Clone, Default)]
struct Specimens {
    cards: Vec<Card>,
    products: Vec<ProductCard>,
    channels: Vec<Channel>,
    note: Option<NoteDetail>,
}

struct Entry {
    slug: &'static str,
    name: &'static str,
    about: &'static str,
    /// Renders the specimens for one theme panel (`"light"` / `"dark"`, for unique ids).
    render: fn(&Specimens, &'static str) -> AnyView,
}

const ENTRIES: &[Entry] = &[
    Entry { slug: "button", name: "Button", about: "Primary (one per view), secondary, ghost, danger; three sizes; loading keeps the label and blocks repeat presses; a link can look like a button.", render: buttons },
    Entry { slug: "icon-button", name: "Icon button", about: "44 px round target; the label is the accessible name and the tooltip.", render: icon_buttons },
    Entry { slug: "text-field", name: "Text field", about: "Label, hint, counter and an inline error wired to the control (aria-invalid, aria-describedby).", render: text_fields },
    Entry { slug: "tabs", name: "Tabs", about: "Views kept in the URL; the current tab has aria-current; counts as neutral badges, or red for unread (the count is in the tab's name).", render: tabs },
    Entry { slug: "chip", name: "Chip", about: "Filters (links, aria-current) and toggles (buttons, aria-pressed).", render: chips },
    Entry { slug: "segmented", name: "Segmented choice", about: "One of a few options side by side (theme, language): native radios in a fieldset, so arrow keys move the choice; the chosen one looks like a selected chip.", render: segmented },
    Entry { slug: "channel-bar", name: "Channel chips", about: "The feed's channels; the selected one lives in ?channel=.", render: channel_bar },
    Entry { slug: "avatar", name: "Avatar", about: "Round, decorative (the name beside it is the text); 64 px rendition up to 32 px, 160 px above.", render: avatars },
    Entry { slug: "badge", name: "Badge", about: "Unread and cart counts; 99+ beyond 99; the control it sits on carries the number in its name.", render: badges },
    Entry { slug: "note-card", name: "Note card", about: "Masonry card laid out from the image size the API sends (no layout shift); long and Chinese titles clamp to two lines.", render: note_cards },
    Entry { slug: "product-card", name: "Product card", about: "Shop tile: cover, brand, title, price, sales; sold out is marked.", render: product_cards },
    Entry { slug: "price", name: "Price", about: "Integer fen shown as yuan; a discount shows the struck-through original.", render: prices },
    Entry { slug: "quantity-stepper", name: "Quantity stepper", about: "Clamped to 1…max; the buttons disable at the ends.", render: steppers },
    Entry { slug: "skeleton", name: "Skeletons", about: "Placeholders with varied heights while the first page loads.", render: skeletons },
    Entry { slug: "dialog", name: "Dialog and bottom sheet", about: "Centred on wide screens, a bottom sheet on phones; focus trapped, Escape closes, focus returns.", render: dialogs },
    Entry { slug: "toast", name: "Toast", about: "Short confirmations in one polite live region.", render: toasts },
    Entry { slug: "carousel", name: "Carousel", about: "A note's photos: swipe, arrows, dots; keyboard arrows when focused.", render: carousels },
    Entry { slug: "states", name: "Empty and error states", about: "What a list shows with nothing in it, and when loading failed (with a retry).", render: states },
    Entry { slug: "sentinel", name: "Infinite-scroll sentinel", about: "Loading more, and the end of the feed.", render: sentinels },
    Entry { slug: "spinner", name: "Spinner", about: "Indeterminate progress; stands still under reduced motion.", render: spinners },
];

#[component]
pub fn GalleryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("component")));
    let phone = Memo::new(move |_| query.with(|q| q.get("w").as_deref() == Some("phone")));
    let specimens = LocalResource::new(load_specimens);

    let width_link = move |phone_width: bool| {
        let base = slug
            .get()
            .map_or("/gallery".to_string(), |s| format!("/gallery/{s}"));
        if phone_width {
            format!("{base}?w=phone")
        } else {
            base
        }
    };
    let suffix = move || if phone.get() { "?w=phone" } else { "" };

    view! {
        <div class="gallery" class:gallery-phone=move || phone.get()>
            <header class="gallery-head">
                <div>
                    <h1><a href=move || format!("/gallery{}", suffix())>{tr("Component gallery", "组件库")}</a></h1>
                    <p class="muted">{tr("Every component in every state, light and dark side by side.", "每个组件的每种状态，浅色与深色并排。")}</p>
                </div>
                <nav class="gallery-widths" aria-label=tr("Preview width", "预览宽度")>
                    <a href=move || width_link(true) aria-current=move || phone.get().then_some("page")>{tr("Phone 390", "手机 390")}</a>
                    <a href=move || width_link(false) aria-current=move || (!phone.get()).then_some("page")>{tr("Desktop", "桌面")}</a>
                </nav>
            </header>
            <div class="gallery-body">
                <nav class="gallery-index" aria-label=tr("Components", "组件")>
                    <ul>
                        {ENTRIES.iter().map(|e| view! {
                            <li>
                                <a href=move || format!("/gallery/{}{}", e.slug, suffix())
                                    aria-current=move || (slug.get().as_deref() == Some(e.slug)).then_some("page")>{e.name}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </nav>
                <div class="gallery-sections">
                    {move || {
                        let Some(data) = specimens.get() else {
                            return view! { <div class="gallery-loading" role="status"><Spinner size=28/></div> }.into_any();
                        };
                        let chosen = slug.get();
                        let shown: Vec<&Entry> = ENTRIES
                            .iter()
                            .filter(|e| chosen.as_deref().is_none_or(|s| s == e.slug))
                            .collect();
                        if shown.is_empty() {
                            return view! {
                                <EmptyState title=tr("No such component", "没有这个组件") message=tr("Pick one from the list.", "请从列表中选择。")/>
                            }.into_any();
                        }
                        shown.into_iter().map(|e| section(e, &data, suffix())).collect_view().into_any()
                    }}
                </div>
            </div>
        </div>
    }
}

fn section(entry: &Entry, data: &Specimens, suffix: &'static str) -> impl IntoView {
    let heading = format!("gallery-{}", entry.slug);
    let labelled_by = heading.clone();
    view! {
        <section class="gallery-section" aria-labelledby=labelled_by data-component=entry.slug>
            <h2 id=heading><a href=format!("/gallery/{}{suffix}", entry.slug)>{entry.name}</a></h2>
            <p class="gallery-about">{entry.about}</p>
            <div class="gallery-themes">
                <div class="gallery-panel" data-theme="light">
                    <p class="gallery-panel-label">{tr("Light", "浅色")}</p>
                    {(entry.render)(data, "light")}
                </div>
                <div class="gallery-panel" data-theme="dark">
                    <p class="gallery-panel-label">{tr("Dark", "深色")}</p>
                    {(entry.render)(data, "dark")}
                </div>
            </div>
        </section>
    }
}

async fn load_specimens() -> Specimens {
    let channels = api::channels().await.unwrap_or_default();
    let first = channels
        .first()
        .map_or_else(|| "recommend".to_string(), |c| c.slug.clone());
    let cards = api::feed(&FeedSource::Channel(first), None)
        .await
        .map(|p| p.items)
        .unwrap_or_default();
    let note = match cards.first() {
        Some(c) => api::note(c.id).await.ok(),
        None => None,
    };
    let products = api::products(None, ProductSort::Popular, None)
        .await
        .map(|p| p.items)
        .unwrap_or_default();
    Specimens {
        cards,
        products,
        channels,
        note,
    }
}

/// A landmark's name inside one theme panel: both panels hold the same specimens, and
/// landmarks must be told apart by name (axe `landmark-unique`).
fn in_panel(name: &str, theme: &str) -> String {
    format!("{name} ({theme})")
}

/// A labelled row of specimens in one state.
fn state(label: &'static str, content: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="gallery-state">
            <p class="gallery-state-label">{label}</p>
            <div class="gallery-row">{content}</div>
        </div>
    }
}

fn buttons(_: &Specimens, _: &'static str) -> AnyView {
    let loading = RwSignal::new(false);
    let press = Callback::new(move |_| {
        loading.set(true);
        set_timeout(
            move || loading.set(false),
            std::time::Duration::from_millis(1_500),
        );
    });
    view! {
        {state("Variants", view! {
            <Button on_click=press loading=loading>"Publish"</Button>
            <Button variant=ButtonVariant::Secondary>"Save draft"</Button>
            <Button variant=ButtonVariant::Ghost>"Cancel"</Button>
            <Button variant=ButtonVariant::Danger>"Delete note"</Button>
        })}
        {state("Hover", view! {
            <Button class="is-hover">"Publish"</Button>
            <Button variant=ButtonVariant::Secondary class="is-hover">"Save draft"</Button>
            <Button variant=ButtonVariant::Ghost class="is-hover">"Cancel"</Button>
        })}
        {state("Focus", view! {
            <Button class="is-focus">"Publish"</Button>
            <Button variant=ButtonVariant::Secondary class="is-focus">"Save draft"</Button>
        })}
        {state("Disabled", view! {
            <Button disabled=true>"Publish"</Button>
            <Button variant=ButtonVariant::Secondary disabled=true>"Save draft"</Button>
        })}
        {state("Loading", view! {
            <Button loading=true>"Paying…"</Button>
            <Button variant=ButtonVariant::Secondary loading=true>"Saving"</Button>
        })}
        {state("Sizes", view! {
            <Button size=ButtonSize::Small>"Follow"</Button>
            <Button>"Add to cart"</Button>
            <Button size=ButtonSize::Large>"Buy now"</Button>
        })}
        {state("Long and Chinese text", view! {
            <Button variant=ButtonVariant::Secondary>"Continue to shipping and delivery options"</Button>
            <Button>"立即购买"</Button>
            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small>"关注"</Button>
        })}
        {state("Text (link) buttons", view! {
            <Button variant=ButtonVariant::Link size=ButtonSize::Small>"Reply"</Button>
            <Button variant=ButtonVariant::Link>"Change"</Button>
            <Button variant=ButtonVariant::Link class="is-hover">"Clear search history"</Button>
        })}
        {state("Full width, and a link", view! {
            <Button block=true size=ButtonSize::Large>"Pay ¥256.00"</Button>
            <Button variant=ButtonVariant::Secondary href="/shop">"Go to the shop"</Button>
        })}
    }
    .into_any()
}

fn icon_buttons(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("Default, hover, danger, disabled", view! {
            <IconButton glyph=Glyph::Share label="Share"/>
            <IconButton glyph=Glyph::Star label="Collect" class="is-hover"/>
            <IconButton glyph=Glyph::Trash label="Remove" danger=true class="is-hover"/>
            <IconButton glyph=Glyph::Close label="Close" disabled=true/>
        })}
        {state("Focus", view! { <IconButton glyph=Glyph::Search label="Search" class="is-focus"/> })}
    }
    .into_any()
}

fn text_fields(_: &Specimens, _: &'static str) -> AnyView {
    let empty = RwSignal::new(String::new());
    let filled = RwSignal::new("Mia Chen".to_string());
    let wrong = RwSignal::new("1380013".to_string());
    let zh = RwSignal::new("上海市徐汇区漕溪北路 88 号".to_string());
    let body = RwSignal::new(
        "Three sunscreens I used all summer, ranked. 这三款防晒我用了一整个夏天！".to_string(),
    );
    view! {
        {state("Default, with a hint", view! {
            <TextField label="Display name" value=empty placeholder="How people see you" hint="2–24 characters."/>
        })}
        {state("Hover and focus", view! {
            <TextField label="Display name" value=filled class="is-hover"/>
            <TextField label="Display name" value=filled class="is-focus"/>
        })}
        {state("Error", view! {
            <TextField label="Phone" kind="tel" value=wrong
                error=Signal::derive(|| Some("Enter an 11-digit mainland mobile number, e.g. 138 0013 8000.".to_string()))/>
        })}
        {state("Disabled", view! { <TextField label="Email" kind="email" value=filled disabled=true/> })}
        {state("Chinese label and text", view! { <TextField label="详细地址" value=zh/> })}
        {state("Text area with a counter", view! { <TextField label="Text" value=body rows=4 max_chars=1000/> })}
        {state("A length limit without a counter", view! {
            <TextField label="Password" kind="password" value=empty max_chars=128 counter=false hint="At least 8 characters."/>
        })}
    }
    .into_any()
}

fn tabs(_: &Specimens, theme: &'static str) -> AnyView {
    let profile = vec![
        Tab {
            label: "Notes".into(),
            href: "/gallery/tabs".into(),
            count: 0,
            ..Default::default()
        },
        Tab {
            label: "Collects".into(),
            href: "/gallery/tabs?t=c".into(),
            count: 0,
            ..Default::default()
        },
        Tab {
            label: "Likes".into(),
            href: "/gallery/tabs?t=l".into(),
            count: 0,
            ..Default::default()
        },
    ];
    let counted = vec![
        Tab {
            label: "Likes and collects".into(),
            href: "/gallery/tabs".into(),
            count: 3,
            ..Default::default()
        },
        Tab {
            label: "New followers".into(),
            href: "/gallery/tabs?t=f".into(),
            count: 128,
            ..Default::default()
        },
        Tab {
            label: "Comments and @".into(),
            href: "/gallery/tabs?t=c".into(),
            count: 0,
            ..Default::default()
        },
    ];
    let zh = vec![
        Tab {
            label: "笔记".into(),
            href: "/gallery/tabs".into(),
            count: 0,
            ..Default::default()
        },
        Tab {
            label: "收藏".into(),
            href: "/gallery/tabs?t=c".into(),
            count: 12,
            ..Default::default()
        },
        Tab {
            label: "赞过".into(),
            href: "/gallery/tabs?t=l".into(),
            count: 0,
            ..Default::default()
        },
    ];
    view! {
        {state("Current first", view! { <Tabs label=in_panel("Profile sections", theme) tabs=profile current=0usize/> })}
        {state("With counts, current second", view! { <Tabs label=in_panel("Notification kinds", theme) tabs=counted current=1usize/> })}
        {state("Chinese", view! { <Tabs label=in_panel("主页分区", theme) tabs=zh current=2usize/> })}
        {state("Unread counts (red), with the count in the name", view! {
            <Tabs label=in_panel("Notification types", theme) alert=true current=0usize tabs=vec![
                Tab { label: "New followers".into(), href: "/gallery/tabs".into(), count: 3, hidden_suffix: ", 3 unread".into() },
                Tab { label: "Comments and @".into(), href: "/gallery/tabs?t=c".into(), count: 0, ..Default::default() },
            ]/>
        })}
    }
    .into_any()
}

fn chips(_: &Specimens, _: &'static str) -> AnyView {
    let pressed = RwSignal::new(true);
    view! {
        {state("Filters: default, selected, hover", view! {
            <Chip text="All" href="/gallery/chip" selected=true/>
            <Chip text="Skincare" href="/gallery/chip?c=skincare"/>
            <Chip text="Outdoor" href="/gallery/chip?c=outdoor" class="is-hover"/>
        })}
        {state("Toggle (press it)", view! {
            <Chip text="Video only" selected=pressed on_click=Callback::new(move |_| pressed.update(|p| *p = !*p))/>
            <Chip text="Focus" class="is-focus"/>
        })}
        {state("Options: disabled, sold out (struck through)", view! {
            <Chip text="120 ml" selected=true/>
            <Chip text="240 ml" disabled=true/>
            <Chip text="500 ml" disabled=true strike_disabled=true title="Out of stock with the other choices"/>
        })}
        {state("Chinese and long", view! {
            <Chip text="护肤" href="/gallery/chip?c=hufu" selected=true/>
            <Chip text="周末去哪儿"/>
            <Chip text="Price: low to high"/>
        })}
    }
    .into_any()
}

fn segmented(_: &Specimens, panel: &'static str) -> AnyView {
    let theme = RwSignal::new("system");
    let lang = RwSignal::new("zh");
    let choice = |value, label, glyph, lang| Choice {
        value,
        label,
        glyph,
        lang,
    };
    let themes = vec![
        choice("system", "System", Some(Glyph::Screen), None),
        choice("light", "Light", Some(Glyph::Sun), None),
        choice("dark", "Dark", Some(Glyph::Moon), None),
    ];
    let langs = vec![
        choice("zh", "中文", None, Some("zh-CN")),
        choice("en", "English", None, Some("en")),
    ];
    view! {
        {state("With icons (pick one)", view! {
            <Segmented legend="Theme" name=format!("gallery-theme-{panel}") options=themes
                selected=theme on_change=Callback::new(move |v| theme.set(v))/>
        })}
        {state("Labels in their own language, with a hint", view! {
            <Segmented legend="Language" name=format!("gallery-lang-{panel}") options=langs
                selected=lang on_change=Callback::new(move |v| lang.set(v))
                hint="The page reloads in the language you choose."/>
        })}
    }
    .into_any()
}

fn channel_bar(data: &Specimens, theme: &'static str) -> AnyView {
    let channels = data.channels.clone();
    let selected = channels.get(1).map(|c| c.slug.clone()).unwrap_or_default();
    view! {
        {state("Second channel selected", view! {
            <div class="gallery-wide"><ChannelBar channels=Signal::stored(channels) selected=Signal::stored(selected) label=in_panel("Channels", theme)/></div>
        })}
    }
    .into_any()
}

fn avatars(data: &Specimens, _: &'static str) -> AnyView {
    let users: Vec<_> = data
        .cards
        .iter()
        .take(3)
        .map(|c| c.author.clone())
        .collect();
    let row = move |size: u32| {
        users
            .iter()
            .cloned()
            .map(|u| view! { <Avatar user=u size=size/> })
            .collect_view()
    };
    view! {
        {state("24, 32, 48, 88 px", view! {
            {row(24)}{row(32)}{row(48)}{row(88)}
        })}
    }
    .into_any()
}

fn badges(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("Counts", view! {
            <Badge text="1"/>
            <Badge text="12"/>
            <Badge text=crate::components::ui::badge::capped(320)/>
        })}
        {state("Neutral and text", view! {
            <Badge text="7" neutral=true/>
            <Badge text="NEW"/>
            <Badge text="新"/>
        })}
    }
    .into_any()
}

fn note_cards(data: &Specimens, _: &'static str) -> AnyView {
    let mut cards: Vec<Card> = data.cards.iter().take(4).cloned().collect();
    if let Some(first) = data.cards.first() {
        let mut long = first.clone();
        long.id = -1;
        long.title = "A very long title that keeps going to show how two lines clamp with an ellipsis at the end".into();
        long.like_count = 123_456;
        let mut zh = first.clone();
        zh.id = -2;
        zh.title = "夏天必备！这三款防晒霜我用了一整个夏天，真心推荐给油皮姐妹".into();
        zh.like_count = 12_000;
        cards.insert(1, long);
        cards.insert(3, zh);
    }
    view! {
        {state("Photos and video, long and Chinese titles, compact counts", view! {
            <div class="gallery-wide"><MasonryGrid cards=Signal::stored(cards) label="Specimen notes"/></div>
        })}
    }
    .into_any()
}

fn product_cards(data: &Specimens, _: &'static str) -> AnyView {
    let mut products: Vec<ProductCard> = data.products.iter().take(3).cloned().collect();
    if let Some(last) = products.last_mut() {
        last.sold_out = true;
    }
    view! {
        {state("In stock, and sold out", view! {
            <div class="gallery-products product-grid">
                {products.into_iter().map(|p| {
                    let href = format!("/product/{}", p.id);
                    view! { <ProductTile product=p href=href/> }
                }).collect_view()}
            </div>
        })}
    }
    .into_any()
}

fn prices(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("Plain, discounted, large", view! {
            <Price fen=12_800/>
            <Price fen=9_900 original_fen=15_900/>
            <Price fen=25_600 large=true/>
        })}
    }
    .into_any()
}

fn steppers(_: &Specimens, _: &'static str) -> AnyView {
    let one = RwSignal::new(1_i64);
    let mid = RwSignal::new(3_i64);
    let top = RwSignal::new(5_i64);
    let set = |s: RwSignal<i64>| Callback::new(move |n| s.set(n));
    view! {
        {state("At one, in the middle, at the stock limit (5)", view! {
            <QuantityStepper value=one max=Signal::stored(5) on_change=set(one) label="Quantity".to_string()/>
            <QuantityStepper value=mid max=Signal::stored(5) on_change=set(mid) label="Quantity".to_string()/>
            <QuantityStepper value=top max=Signal::stored(5) on_change=set(top) label="Quantity".to_string()/>
        })}
        {state("Disabled", view! {
            <QuantityStepper value=mid max=Signal::stored(5) on_change=set(mid) label="Quantity".to_string() disabled=true/>
        })}
    }
    .into_any()
}

fn skeletons(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("First page loading", view! { <div class="gallery-wide"><SkeletonGrid count=4 standalone=true/></div> })}
    }
    .into_any()
}

fn dialogs(_: &Specimens, theme: &'static str) -> AnyView {
    let open = RwSignal::new(false);
    view! {
        {state("Open it (Escape or the backdrop closes it)", view! {
            <Button variant=ButtonVariant::Secondary on_click=Callback::new(move |_| open.set(true))>"Open dialog"</Button>
            {move || open.get().then(|| view! {
                <Dialog labelled_by="gallery-dialog-title" on_close=Callback::new(move |()| open.set(false)) autofocus="button.btn">
                    <DialogTitle id="gallery-dialog-title">"Delete this note?"</DialogTitle>
                    <DialogLead>"It disappears from your profile, the feed and search. 删除后不可恢复。"</DialogLead>
                    <DialogActions>
                        <Button variant=ButtonVariant::Danger on_click=Callback::new(move |_| open.set(false))>"Delete"</Button>
                        <Button variant=ButtonVariant::Ghost on_click=Callback::new(move |_| open.set(false))>"Cancel"</Button>
                    </DialogActions>
                </Dialog>
            })}
        })}
        {state("Its surfaces (static): a sheet, and the cart's side drawer", view! {
            <div class="gallery-static">
                <Dialog inline=true labelled_by=if theme == "dark" { "gallery-sheet-dark" } else { "gallery-sheet-light" }
                    on_close=Callback::new(|()| {})>
                    <DialogTitle id=if theme == "dark" { "gallery-sheet-dark" } else { "gallery-sheet-light" }>"Sign in to like notes"</DialogTitle>
                    <DialogLead>"登录后可以点赞、收藏和评论。"</DialogLead>
                    <DialogActions>
                        <Button>"Sign in"</Button>
                        <Button variant=ButtonVariant::Ghost>"Not now"</Button>
                    </DialogActions>
                    <DialogNote>"Demo accounts use the password shown in the README."</DialogNote>
                </Dialog>
            </div>
            <div class="gallery-static">
                <Dialog inline=true kind="drawer" labelled_by=if theme == "dark" { "gallery-drawer-dark" } else { "gallery-drawer-light" }
                    on_close=Callback::new(|()| {})>
                    <DialogTitle id=if theme == "dark" { "gallery-drawer-dark" } else { "gallery-drawer-light" }>"Cart"</DialogTitle>
                    <DialogLead>"Free shipping from ¥99."</DialogLead>
                </Dialog>
            </div>
        })}
    }
    .into_any()
}

fn toasts(_: &Specimens, _: &'static str) -> AnyView {
    let toasts = use_toasts();
    view! {
        {state("Static", view! {
            <ToastView text="Link copied"/>
            <ToastView text="已加入购物车"/>
        })}
        {state("Live (announced once)", view! {
            <Button variant=ButtonVariant::Secondary on_click=Callback::new(move |_| toasts.show("Added to cart"))>"Show a toast"</Button>
        })}
    }
    .into_any()
}

fn carousels(data: &Specimens, theme: &'static str) -> AnyView {
    match &data.note {
        Some(note) => {
            let index = RwSignal::new(0_usize);
            let images = note.images.clone();
            let title = note.title.clone();
            view! {
                {state("A note's photos", view! {
                    <div class="gallery-carousel"><Carousel images=images title=title index=index label=in_panel("Images", theme)/></div>
                })}
            }
            .into_any()
        }
        None => view! { <p class="muted">"No note to show."</p> }.into_any(),
    }
}

fn states(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("Empty", view! {
            <EmptyState title="No notes yet" message="Notes you collect show up here."/>
        })}
        {state("Error with a retry", view! {
            <ErrorState message="Can't reach Zhongcao. Check your connection and try again." on_retry=Callback::new(|()| {})/>
        })}
        {state("With an action", view! {
            <EmptyState title="Sign in to see your notifications" message="Likes, follows and comments show up here.">
                <Button>"Sign in"</Button>
            </EmptyState>
        })}
        {state("Chinese", view! { <EmptyState title="还没有笔记" message="收藏的笔记会出现在这里。"/> })}
    }
    .into_any()
}

fn sentinels(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("Loading more", view! {
            <ListStatus loading=true/>
        })}
        {state("The end", view! { <ListStatus loading=false done=true end_text="You're all caught up"/> })}
    }
    .into_any()
}

fn spinners(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("16, 20, 28 px, and on the brand colour", view! {
            <Spinner size=16/>
            <Spinner/>
            <Spinner size=28/>
            <span class="gallery-on-brand"><Spinner inverse=true/></span>
        })}
    }
    .into_any()
}
