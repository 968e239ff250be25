//! A text area that completes `#topic` (existing topics) and `@name` (people you follow) at
//! the caret: a listbox under the box, arrow keys to move, Enter or Tab to pick, Escape to
//! close.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::i18n::{msg, t, tf};

#[derive(Clone, Debug, PartialEq)]
struct Suggestion {
    /// What is inserted after the sigil.
    insert: String,
    /// What the list shows.
    label: String,
    detail: String,
}

/// The `#word` or `@word` being typed just before `caret` (a char index): (sigil, start char
/// index, the word so far).
pub fn token_at(text: &str, caret: usize) -> Option<(char, usize, String)> {
    let chars: Vec<char> = text.chars().take(caret).collect();
    let mut start = chars.len();
    while start > 0 {
        let c = chars[start - 1];
        if c == '#' || c == '@' {
            let word: String = chars[start..].iter().collect();
            return Some((c, start - 1, word));
        }
        if c.is_whitespace() || start + 24 < chars.len() {
            return None;
        }
        start -= 1;
    }
    None
}

#[component]
pub fn SuggestTextarea(
    #[prop(into)] id: String,
    value: RwSignal<String>,
    #[prop(into)] label: String,
    maxlength: usize,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let area = NodeRef::<leptos::html::Textarea>::new();
    let items = RwSignal::new(Vec::<Suggestion>::new());
    let active = RwSignal::new(0usize);
    let token = RwSignal::new(None::<(char, usize, String)>);
    let generation = StoredValue::new(0u32);
    let list_id = format!("{id}-suggestions");
    let error_id = format!("{id}-error");
    let open = move || !items.with(Vec::is_empty);

    let lookup = move || {
        let Some(el) = area.get_untracked() else {
            return;
        };
        let caret = el.selection_start().ok().flatten().unwrap_or(0) as usize;
        // selectionStart counts UTF-16 units; convert to chars.
        let text = value.get_untracked();
        let caret_chars =
            String::from_utf16_lossy(&text.encode_utf16().take(caret).collect::<Vec<u16>>())
                .chars()
                .count();
        let found = token_at(&text, caret_chars);
        token.set(found.clone());
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let Some((sigil, _, word)) = found else {
            items.set(Vec::new());
            return;
        };
        spawn_local(async move {
            let list = if sigil == '#' {
                api::suggest_topics(&word).await.map(|t| {
                    t.into_iter()
                        .map(|t| Suggestion {
                            label: format!("#{}", t.name),
                            detail: tf(
                                msg::suggest_textarea::NOTE_COUNT_NOTES,
                                &[("note_count", &(crate::format::count(t.note_count)))],
                            ),
                            insert: t.name,
                        })
                        .collect::<Vec<_>>()
                })
            } else {
                api::suggest_mentions(&word).await.map(|u| {
                    u.into_iter()
                        .map(|u| Suggestion {
                            label: format!("@{}", u.display_name),
                            detail: format!("@{}", u.username),
                            insert: u.display_name,
                        })
                        .collect::<Vec<_>>()
                })
            };
            // `try_`: the editor may be gone by now; reading a disposed value panics.
            if generation.try_get_value() == Some(mine) {
                active.set(0);
                items.set(list.unwrap_or_default());
            }
        });
    };

    let pick = move |i: usize| {
        let Some(s) = items.with_untracked(|l| l.get(i).cloned()) else {
            return;
        };
        let Some((sigil, start, word)) = token.get_untracked() else {
            return;
        };
        let text = value.get_untracked();
        let chars: Vec<char> = text.chars().collect();
        let end = (start + 1 + word.chars().count()).min(chars.len());
        let before: String = chars[..start].iter().collect();
        let after: String = chars[end..].iter().collect();
        let inserted = format!("{sigil}{} ", s.insert);
        let caret = before.encode_utf16().count() + inserted.encode_utf16().count();
        value.set(format!("{before}{inserted}{after}"));
        items.set(Vec::new());
        if let Some(el) = area.get_untracked() {
            el.set_value(&value.get_untracked());
            let _ = el.set_selection_range(caret as u32, caret as u32);
            let _ = el.focus();
        }
    };

    let on_key = move |e: ev::KeyboardEvent| {
        if !open() {
            return;
        }
        let n = items.with_untracked(Vec::len);
        match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                active.update(|a| *a = (*a + 1) % n);
            }
            "ArrowUp" => {
                e.prevent_default();
                active.update(|a| *a = (*a + n - 1) % n);
            }
            "Enter" | "Tab" => {
                e.prevent_default();
                pick(active.get_untracked());
            }
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                items.set(Vec::new());
            }
            _ => {}
        }
    };
    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-{i}")
    };
    let active_id = {
        let option_id = option_id.clone();
        move || open().then(|| option_id(active.get()))
    };
    let count = move || value.with(|v| v.chars().count());
    view! {
        <div class="field suggest-field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            // A multi-line text box (a `textarea` may not be a combobox) that autocompletes:
            // the active option is its active descendant.
            <textarea id=id node_ref=area rows="8" maxlength=maxlength
                aria-autocomplete="list" aria-controls=list_id.clone()
                aria-activedescendant=active_id
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=error_id.clone()
                placeholder=t(msg::suggest_textarea::SHARE_DETAILS_TYPE_TOPIC_SOMEONE)
                prop:value=move || value.get()
                on:input=move |e| { value.set(event_target_value(&e)); lookup(); }
                on:click=move |_| lookup()
                on:keydown=on_key
                on:blur=move |_| set_timeout(move || items.set(Vec::new()), std::time::Duration::from_millis(150))>
            </textarea>
            <p class="field-hint counter" aria-live="polite">{move || format!("{}/{maxlength}", count())}</p>
            <ul id=list_id class="suggest-list" role="listbox" aria-label=t(msg::suggest_textarea::SUGGESTIONS) hidden=move || !open()>
                {move || items.get().into_iter().enumerate().map(|(i, s)| {
                    let option_id = option_id.clone();
                    view! {
                        <li id=option_id(i) role="option" aria-selected=move || (active.get() == i).to_string()
                            on:mousedown=move |e| { e.prevent_default(); pick(i); }>
                            <span class="suggest-label">{s.label}</span>
                            <span class="muted small">{s.detail}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
        </div>
    }
}
