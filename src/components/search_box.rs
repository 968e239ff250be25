//! The header's search box: a `search` landmark holding a combobox. While typing it suggests
//! popular topics and searches (debounced; late answers dropped); focused while empty it shows
//! this browser's search history (removable one by one or all at once) and trending searches.
//! Arrow keys move through the options, Enter picks, Escape closes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use super::icon::{Glyph, Icon};
use super::ui::{Button, ButtonSize, ButtonVariant};
use crate::api;
use crate::i18n::{msg, t, tf};
use crate::routes::search::search_href;

const HISTORY_KEY: &str = "zhongcao.search-history";
const HISTORY_MAX: usize = 10;
const DEBOUNCE_MS: u64 = 150;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Suggestion,
    History,
    Trending,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Choice {
    text: String,
    source: Source,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn load_history() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(HISTORY_KEY).ok().flatten())
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default()
}

fn save_history(history: &[String]) {
    if let (Some(s), Ok(raw)) = (storage(), serde_json::to_string(history)) {
        let _ = s.set_item(HISTORY_KEY, &raw);
    }
}

/// Most recent first, without duplicates, at most [`HISTORY_MAX`].
pub fn remember(history: &mut Vec<String>, q: &str) {
    let q = q.trim();
    if q.is_empty() {
        return;
    }
    history.retain(|h| h != q);
    history.insert(0, q.to_string());
    history.truncate(HISTORY_MAX);
}

/// Splits `text` into (matched prefix, rest) when it starts with `typed` (ignoring ASCII case:
/// Unicode case mapping would bring its tables into the main module for Latin letters only).
pub fn split_match(text: &str, typed: &str) -> (String, String) {
    let typed = typed.trim();
    let n = typed.chars().count();
    let head: String = text.chars().take(n).collect();
    if n > 0 && head.eq_ignore_ascii_case(typed) {
        (head, text.chars().skip(n).collect())
    } else {
        (String::new(), text.to_string())
    }
}

/// A phone-width window, where the header's field is about 200 px wide.
fn narrow() -> bool {
    window()
        .match_media("(max-width: 640px)")
        .ok()
        .flatten()
        .is_some_and(|q| q.matches())
}

#[component]
pub fn SearchBox() -> impl IntoView {
    // A placeholder that fits the field: the long English one would be cut off on phones.
    let short = RwSignal::new(narrow());
    let on_resize = window_event_listener(leptos::ev::resize, move |_| {
        let now = narrow();
        if short.get_untracked() != now {
            short.set(now);
        }
    });
    on_cleanup(move || on_resize.remove());
    let navigate = use_navigate();
    let location = use_location();
    let query = use_query_map();
    let value = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let suggestions = RwSignal::new(Vec::<String>::new());
    let trending = RwSignal::new(Vec::<String>::new());
    let history = RwSignal::new(load_history());
    let generation = StoredValue::new(0u32);

    // On the results page the box shows the current query.
    Effect::new(move |_| {
        if location.pathname.get() == "/search" {
            value.set(query.with(|q| q.get("q").unwrap_or_default()));
        }
    });

    let choices = Memo::new(move |_| {
        if value.with(|v| v.trim().is_empty()) {
            let mut list: Vec<Choice> = history.with(|h| {
                h.iter()
                    .map(|t| Choice {
                        text: t.clone(),
                        source: Source::History,
                    })
                    .collect()
            });
            list.extend(trending.with(|t| {
                t.iter()
                    .map(|t| Choice {
                        text: t.clone(),
                        source: Source::Trending,
                    })
                    .collect::<Vec<_>>()
            }));
            list
        } else {
            suggestions.with(|s| {
                s.iter()
                    .map(|t| Choice {
                        text: t.clone(),
                        source: Source::Suggestion,
                    })
                    .collect()
            })
        }
    });

    let go = StoredValue::new(move |q: String| {
        let q = q.trim().to_string();
        if q.is_empty() {
            return;
        }
        history.update(|h| remember(h, &q));
        history.with_untracked(|h| save_history(h));
        value.set(q.clone());
        open.set(false);
        active.set(None);
        navigate(&search_href(&q), Default::default());
    });
    let run_go = move |q: String| go.with_value(|f| f(q));

    let fetch_suggestions = move |typed: String| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if typed.trim().is_empty() {
            suggestions.set(Vec::new());
            return;
        }
        set_timeout(
            move || {
                if generation.get_value() != mine {
                    return; // typed again since: this one is stale
                }
                spawn_local(async move {
                    let result = api::suggest(typed.trim()).await;
                    if generation.try_get_value() == Some(mine) {
                        suggestions.set(result.unwrap_or_default());
                        active.set(None);
                    }
                });
            },
            std::time::Duration::from_millis(DEBOUNCE_MS),
        );
    };

    let on_focus = move |_| {
        open.set(true);
        if trending.with_untracked(Vec::is_empty) {
            spawn_local(async move {
                if let Ok(list) = api::trending().await {
                    trending.set(list);
                }
            });
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = choices.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Escape" => {
                // A search field's native Escape empties it, whose `input` event would open
                // the popup again (history and trending): Escape only closes.
                ev.prevent_default();
                open.set(false);
                active.set(None);
            }
            "Enter" => {
                ev.prevent_default();
                let picked = active
                    .get_untracked()
                    .and_then(|i| choices.with_untracked(|c| c.get(i).map(|c| c.text.clone())));
                run_go(picked.unwrap_or_else(|| value.get_untracked()));
            }
            _ => {}
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run_go(value.get_untracked());
    };

    let option_id = |i: usize| format!("search-option-{i}");
    let expanded = move || open.get() && !choices.with(Vec::is_empty);

    view! {
        <form class="search-box" role="search" on:submit=on_submit>
            <input
                type="search"
                name="q"
                role="combobox"
                aria-label=t(msg::search_box::SEARCH_NOTES_PEOPLE)
                aria-autocomplete="list"
                aria-controls="search-options"
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || active.get().map(option_id)
                placeholder=move || if short.get() {
                    t(msg::search_box::SEARCH_NOTES_PEOPLE_2)
                } else {
                    t(msg::search_box::SEARCH_NOTES_TOPICS_PEOPLE)
                }
                maxlength="100"
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    value.set(typed.clone());
                    open.set(true);
                    fetch_suggestions(typed);
                }
                on:focus=on_focus
                on:blur=move |_| open.set(false)
                on:keydown=on_keydown
            />
            <button type="submit" aria-label=t(msg::search_box::SEARCH)><Icon glyph=Glyph::Search size=18/></button>
            <div class="search-popup" hidden=move || !expanded()>
                <ul id="search-options" role="listbox" aria-label=t(msg::search_box::SEARCH_SUGGESTIONS)>
                    {move || {
                        let typed = value.get();
                        choices
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, c)| {
                                let (head, rest) = match c.source {
                                    Source::Suggestion => split_match(&c.text, &typed),
                                    _ => (String::new(), c.text.clone()),
                                };
                                let label = c.text.clone();
                                let pick = c.text.clone();
                                let remove = c.text.clone();
                                let section = match c.source {
                                    Source::History => "history",
                                    Source::Trending => "trending",
                                    Source::Suggestion => "suggestion",
                                };
                                view! {
                                    <li
                                        id=option_id(i)
                                        role="option"
                                        class=format!("search-option {section}")
                                        aria-selected=move || (active.get() == Some(i)).to_string()
                                        // Keep focus in the input so blur doesn't close first.
                                        on:mousedown=move |ev| ev.prevent_default()
                                        on:click=move |_| run_go(pick.clone())
                                    >
                                        <span class="search-option-text">
                                            {(!head.is_empty()).then(|| view! { <mark>{head}</mark> })}
                                            {rest}
                                        </span>
                                        {(c.source == Source::Trending).then(|| view! { <span class="search-option-tag">{t(msg::search_box::TRENDING)}</span> })}
                                        {(c.source == Source::History).then(|| view! {
                                            <button
                                                type="button"
                                                class="search-option-remove"
                                                aria-label=tf(msg::search_box::REMOVE_LABEL_FROM_HISTORY, &[("label", &label)])
                                                on:mousedown=move |ev| ev.prevent_default()
                                                on:click=move |ev| {
                                                    ev.stop_propagation();
                                                    history.update(|h| h.retain(|x| *x != remove));
                                                    history.with_untracked(|h| save_history(h));
                                                }
                                            >
                                                <Icon glyph=Glyph::Close size=14/>
                                            </button>
                                        })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <Show when=move || value.with(|v| v.trim().is_empty()) && history.with(|h| !h.is_empty())>
                    <Button
                        variant=ButtonVariant::Link
                        size=ButtonSize::Small
                        class="search-clear"
                        on:mousedown=move |ev: leptos::ev::MouseEvent| ev.prevent_default()
                        on_click=Callback::new(move |_| {
                            history.set(Vec::new());
                            save_history(&[]);
                        })
                    >
                        {t(msg::search_box::CLEAR_SEARCH_HISTORY)}
                    </Button>
                </Show>
            </div>
        </form>
    }
}
