//! Specimens of the controls: buttons, text fields, tabs, chips, segmented controls, the channel
//! bar.

use leptos::prelude::*;

use super::{in_panel, state, Specimens};
use crate::components::channel_bar::ChannelBar;
use crate::components::icon::Glyph;
use crate::components::ui::{
    Button, ButtonSize, ButtonVariant, Chip, Choice, IconButton, Segmented, Tab, Tabs, TextField,
};

pub(super) fn buttons(_: &Specimens, _: &'static str) -> AnyView {
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

pub(super) fn icon_buttons(_: &Specimens, _: &'static str) -> AnyView {
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

pub(super) fn text_fields(_: &Specimens, _: &'static str) -> AnyView {
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

pub(super) fn tabs(_: &Specimens, theme: &'static str) -> AnyView {
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

pub(super) fn chips(_: &Specimens, _: &'static str) -> AnyView {
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

pub(super) fn segmented(_: &Specimens, panel: &'static str) -> AnyView {
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

pub(super) fn channel_bar(data: &Specimens, theme: &'static str) -> AnyView {
    let channels = data.channels.clone();
    let selected = channels.get(1).map(|c| c.slug.clone()).unwrap_or_default();
    view! {
        {state("Second channel selected", view! {
            <div class="gallery-wide"><ChannelBar channels=Signal::stored(channels) selected=Signal::stored(selected) label=in_panel("Channels", theme)/></div>
        })}
    }
    .into_any()
}
