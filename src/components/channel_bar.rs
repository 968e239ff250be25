//! Horizontal channel chips; the selected channel lives in the URL (`?channel=`).

use api_types::Channel;
use leptos::prelude::*;
use stylers_macro::style;

use crate::i18n::{msg, t};

/// Channel label in the interface language.
pub fn channel_label(channel: &Channel) -> String {
    if crate::i18n::is_zh() {
        channel.name_zh.clone()
    } else {
        channel.name_en.clone()
    }
}

#[component]
pub fn ChannelBar(
    #[prop(into)] channels: Signal<Vec<Channel>>,
    #[prop(into)] selected: Signal<String>,
    /// The navigation landmark's name ("Channels"); a page with two bars names them apart.
    #[prop(optional, into)]
    label: Option<String>,
    /// Called when the reader presses the channel already selected.
    #[prop(optional, into)]
    on_reselect: Option<Callback<()>>,
    /// A "Live" chip first, to the live rooms (Discover). Static, so the server's first paint
    /// draws it in the same place (`shell/first_paint.rs`, `.fp-live`).
    #[prop(optional)]
    live: bool,
) -> impl IntoView {
    let label = label.unwrap_or_else(|| t(msg::channel_bar::CHANNELS).to_string());
    let class = style! {
        nav {
            min-height: 52px;
            position: sticky;
            top: var(--header-h);
            z-index: 5;
            background: var(--bg);
            padding: 6px 0 10px;
        }
        ul {
            display: flex;
            gap: 6px;
            margin: 0;
            padding: 0 2px;
            list-style: none;
            overflow-x: auto;
            scrollbar-width: none;
        }
        a {
            display: inline-flex;
            align-items: center;
            min-height: 36px;
            padding: 0 16px;
            border-radius: 999px;
            color: var(--text-2);
            font-size: 15px;
            white-space: nowrap;
            text-decoration: none;
            transition: background var(--motion-fast), color var(--motion-fast);
        }
        a:hover {
            background: var(--surface-2);
            color: var(--text-1);
        }
        a.current {
            background: var(--surface-2);
            color: var(--text-1);
            font-weight: 600;
        }
        a.live {
            color: var(--brand-text);
            font-weight: 600;
        }
    };
    view! { class=class,
        <nav aria-label=label>
            <ul>
                {live.then(|| view! { class=class, <li><a class="live" href="/live">{t(msg::channel_bar::LIVE)}</a></li> })}
                <For
                    each=move || channels.get()
                    key=|c| c.slug.clone()
                    children=move |channel| {
                        let slug = channel.slug.clone();
                        let href = format!("/explore?channel={slug}");
                        let current = move || (selected.get() == slug).then_some("page");
                        let current = Signal::derive(current);
                        let reselect = move |e: leptos::ev::MouseEvent| {
                            if let (Some(cb), true) = (on_reselect, current.get_untracked().is_some()) {
                                e.prevent_default();
                                cb.run(());
                            }
                        };
                        view! { class=class,
                            <li>
                                <a href=href aria-current=current class:current=move || current.get().is_some() on:click=reselect>{channel_label(&channel)}</a>
                            </li>
                        }
                    }
                />
            </ul>
        </nav>
    }
}
