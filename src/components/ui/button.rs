//! Buttons: primary (one per view: the thing to do), secondary, ghost (quiet, in toolbars),
//! danger (destructive, confirmed), link (a compact text action inside content); small / medium
//! / large; optionally full width; a loading state that keeps the label (and so the accessible
//! name) and blocks repeat presses. With `href` it is a link that looks like a button.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use stylers_macro::style;

use super::spinner::Spinner;
use crate::components::icon::{Glyph, Icon};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ButtonVariant {
    #[default]
    Primary,
    Secondary,
    Ghost,
    Danger,
    /// Text only in the link colour, underlined on hover ("Reply", "Change", "Clear history");
    /// a 24 px tall target (WCAG 2.5.8) with little side padding, so it sits in a line of text.
    Link,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ButtonSize {
    Small,
    #[default]
    Medium,
    Large,
}

impl ButtonSize {
    fn class(self) -> &'static str {
        match self {
            ButtonSize::Small => "sm",
            ButtonSize::Medium => "md",
            ButtonSize::Large => "lg",
        }
    }
}

#[component]
pub fn Button(
    /// May change while shown (a Follow button turns secondary once following).
    #[prop(optional, into)]
    variant: Signal<ButtonVariant>,
    #[prop(optional)] size: ButtonSize,
    /// Full width of its container.
    #[prop(optional)]
    block: bool,
    /// Shows a spinner and ignores presses; the label stays.
    #[prop(optional, into)]
    loading: Signal<bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// A toggle button: reports `aria-pressed` (ignored on a link).
    #[prop(optional, into)]
    pressed: Option<Signal<bool>>,
    /// `type="submit"` (inside a form) instead of `type="button"`.
    #[prop(optional)]
    submit: bool,
    /// Renders a link styled as a button (`on_click` still runs, e.g. to close a drawer).
    #[prop(optional, into)]
    href: Option<String>,
    /// An accessible name when the visible label is not enough (it must contain the label).
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    /// Extra classes for layout at the call site (and the gallery's forced states).
    #[prop(optional)]
    class: &'static str,
    #[prop(optional)] on_click: Option<Callback<MouseEvent>>,
    children: Children,
) -> impl IntoView {
    let styles = style! {
        .btn {
            display: inline-flex;
            align-items: center;
            justify-content: center;
            gap: 8px;
            min-height: 44px;
            padding: 0 24px;
            border: 0;
            border-radius: 999px;
            font: inherit;
            font-weight: 600;
            line-height: 1.2;
            text-align: center;
            text-decoration: none;
            cursor: pointer;
            transition: background var(--motion-fast), transform var(--motion-fast), opacity var(--motion-fast);
        }
        .btn:active {
            transform: scale(0.98);
        }
        .btn:disabled {
            opacity: 0.55;
            cursor: default;
            transform: none;
        }
        .btn[aria-busy="true"] {
            cursor: progress;
        }
        .sm {
            min-height: 36px;
            padding: 0 16px;
            font-size: var(--fs-sm);
        }
        .lg {
            min-height: 48px;
            padding: 0 28px;
            font-size: var(--fs-md);
        }
        .block {
            width: 100%;
        }
        .primary {
            background: var(--brand);
            color: #fff;
        }
        .primary:hover, .primary.is-hover {
            background: var(--brand-press);
        }
        .secondary {
            background: var(--surface-2);
            color: var(--text-1);
        }
        .secondary:hover, .secondary.is-hover {
            background: var(--surface-3);
        }
        .ghost {
            background: transparent;
            color: var(--text-1);
        }
        .ghost:hover, .ghost.is-hover {
            background: var(--surface-2);
        }
        .danger {
            background: #c8102e;
            color: #fff;
        }
        .danger:hover, .danger.is-hover {
            background: #a50d26;
        }
        .link {
            min-height: 24px;
            padding: 0 2px;
            vertical-align: baseline;
            border-radius: var(--radius-sm);
            background: none;
            color: var(--link);
        }
        .link:hover, .link.is-hover {
            text-decoration: underline;
        }
        .link:active {
            transform: none;
        }
    };
    // A fixed `class` string plus `class:` toggles for the variant: a reactive `class` string
    // would replace the whole attribute, dropping the scoped-style class.
    let classes = format!(
        "btn {}{} {class}",
        size.class(),
        if block { " block" } else { "" }
    );
    let is = move |v: ButtonVariant| move || variant.get() == v;
    let aria_label = move || label.map(|l| l.get());
    let content = view! { class=styles,
        {move || loading.get().then(|| view! { <Spinner size=16 inverse=matches!(variant.get(), ButtonVariant::Primary | ButtonVariant::Danger)/> })}
        {children()}
    };
    match href {
        Some(href) => view! { class=styles,
            <a
                class=classes
                class:primary=is(ButtonVariant::Primary)
                class:secondary=is(ButtonVariant::Secondary)
                class:ghost=is(ButtonVariant::Ghost)
                class:danger=is(ButtonVariant::Danger)
                class:link=is(ButtonVariant::Link)
                href=href
                aria-label=aria_label
                on:click=move |e| {
                    if let Some(on_click) = on_click {
                        on_click.run(e);
                    }
                }
            >
                {content}
            </a>
        }
        .into_any(),
        None => view! { class=styles,
            <button
                type=if submit { "submit" } else { "button" }
                class=classes
                class:primary=is(ButtonVariant::Primary)
                class:secondary=is(ButtonVariant::Secondary)
                class:ghost=is(ButtonVariant::Ghost)
                class:danger=is(ButtonVariant::Danger)
                class:link=is(ButtonVariant::Link)
                aria-label=aria_label
                aria-busy=move || loading.get().then_some("true")
                aria-pressed=move || pressed.map(|p| p.get().to_string())
                disabled=move || disabled.get()
                on:click=move |e| {
                    if loading.get_untracked() {
                        e.prevent_default();
                        return;
                    }
                    if let Some(on_click) = on_click {
                        on_click.run(e);
                    }
                }
            >
                {content}
            </button>
        }
        .into_any(),
    }
}

/// A round 44 px icon-only button; `label` is its accessible name (and tooltip).
#[component]
pub fn IconButton(
    glyph: Glyph,
    #[prop(into)] label: Signal<String>,
    /// Danger tint on hover (delete, remove).
    #[prop(optional)]
    danger: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] on_click: Option<Callback<MouseEvent>>,
) -> impl IntoView {
    let styles = style! {
        button {
            display: inline-flex;
            align-items: center;
            justify-content: center;
            width: 44px;
            height: 44px;
            padding: 0;
            border: 0;
            border-radius: 999px;
            background: none;
            color: var(--text-2);
            cursor: pointer;
            transition: background var(--motion-fast), color var(--motion-fast);
        }
        button:hover, button.is-hover {
            background: var(--surface-2);
            color: var(--text-1);
        }
        button.danger:hover, button.danger.is-hover {
            color: var(--danger);
        }
        button:disabled {
            opacity: 0.45;
            cursor: default;
            background: none;
        }
    };
    view! { class=styles,
        <button
            type="button"
            class=format!("{}{class}", if danger { "danger " } else { "" })
            aria-label=move || label.get()
            title=move || label.get()
            disabled=move || disabled.get()
            on:click=move |e| {
                if let Some(on_click) = on_click {
                    on_click.run(e);
                }
            }
        >
            <Icon glyph=glyph size=22/>
        </button>
    }
}
