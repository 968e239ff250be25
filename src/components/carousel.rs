//! Image carousel: native swipe through scroll-snap, previous/next buttons, dots, a counter,
//! and arrow keys (the parent forwards them through the shared `index` signal).

use super::icon::{Glyph, Icon};
use api_types::Image;
use leptos::html::Div;
use leptos::prelude::*;
use stylers_macro::style;
use wasm_bindgen::JsCast;

use super::picture::Picture;
use crate::i18n::{msg, t, tf};
use crate::masonry::display_ratio;

#[component]
pub fn Carousel(
    images: Vec<Image>,
    #[prop(into)] title: String,
    /// Current slide; the parent may change it (arrow keys).
    index: RwSignal<usize>,
    /// How wide the slides are drawn (`sizes`): the note's by default
    /// ([`api_types::carousel_sizes`]).
    #[prop(optional)]
    sizes: Option<&'static str>,
    /// The region's name ("Images"); a page with two carousels names them apart.
    #[prop(optional, into)]
    label: Option<String>,
) -> impl IntoView {
    let label = label.unwrap_or_else(|| t(msg::carousel::IMAGES).to_string());
    let sizes = sizes.unwrap_or_else(api_types::carousel_sizes);
    // The root keeps the plain `carousel` class: the note view sizes it from outside
    // (`.note-media .carousel` in style/main.css).
    let styles = style! {
        .carousel {
            position: relative;
            height: 100%;
        }
        .carousel-track {
            display: flex;
            height: 100%;
            overflow-x: auto;
            scroll-snap-type: x mandatory;
            scrollbar-width: none;
        }
        .carousel-track::-webkit-scrollbar {
            display: none;
        }
        .slide {
            flex: 0 0 100%;
            height: 100%;
            scroll-snap-align: start;
            scroll-snap-stop: always;
        }
        .carousel-btn {
            position: absolute;
            top: 50%;
            z-index: 2;
            display: grid;
            place-items: center;
            width: 44px;
            height: 44px;
            margin-top: -22px;
            border: 0;
            border-radius: 50%;
            background: rgba(255, 255, 255, 0.9);
            color: #1f1f22;
            box-shadow: var(--shadow-1);
            cursor: pointer;
            transition: opacity var(--motion-fast);
        }
        .carousel-btn:disabled {
            opacity: 0;
            pointer-events: none;
        }
        .carousel-btn.prev {
            left: 14px;
        }
        .carousel-btn.next {
            right: 14px;
        }
        .carousel-counter {
            position: absolute;
            top: 14px;
            left: 14px;
            padding: 2px 10px;
            border-radius: 999px;
            background: rgba(0, 0, 0, 0.66);
            color: #fff;
            font-size: var(--fs-xs);
            font-weight: 600;
        }
        .carousel-dots {
            position: absolute;
            left: 0;
            right: 0;
            bottom: 10px;
            display: flex;
            justify-content: center;
            gap: 0;
        }
        /* 24 x 24 targets (WCAG 2.5.8) around a 7 px dot. */
        .dot {
            display: grid;
            place-items: center;
            width: 24px;
            height: 24px;
            padding: 0;
            border: 0;
            background: none;
            cursor: pointer;
        }
        .dot::after {
            content: raw_str("");
            width: 7px;
            height: 7px;
            border-radius: 50%;
            background: rgba(255, 255, 255, 0.6);
            box-shadow: 0 0 2px rgba(0, 0, 0, 0.4);
            transition: background var(--motion-fast), transform var(--motion-fast);
        }
        .dot.active::after {
            background: #fff;
            transform: scale(1.25);
        }
        /* Phones swipe: no arrow buttons, and the counter moves clear of the close button. */
        @media (max-width: 760px) {
            .carousel-counter {
                left: auto;
                right: 12px;
            }
            .carousel-btn {
                display: none;
            }
        }
    };
    let track = NodeRef::<Div>::new();
    let count = images.len();
    let ratio = images
        .first()
        .map(|i| display_ratio(i.width, i.height))
        .unwrap_or(1.0);

    // While we scroll to a slide ourselves, scroll events report the positions in between;
    // they must not be taken for a swipe.
    let pending = StoredValue::new(None::<usize>);
    // Keep the scroll position in step with `index` (buttons, dots, keys). A new carousel
    // starts at its first slide: nothing to measure then (measuring forces a layout).
    Effect::new(move |first: Option<()>| {
        let i = index.get();
        if first.is_none() && i == 0 {
            return;
        }
        if let Some(el) = track.get() {
            let target = f64::from(el.client_width()) * i as f64;
            if (f64::from(el.scroll_left()) - target).abs() > 1.0 {
                pending.set_value(Some(i));
                let opts = web_sys::ScrollToOptions::new();
                opts.set_left(target);
                opts.set_behavior(if reduced_motion() {
                    web_sys::ScrollBehavior::Instant
                } else {
                    web_sys::ScrollBehavior::Smooth
                });
                el.scroll_to_with_scroll_to_options(&opts);
            }
        }
    });
    // ...and `index` in step with swipes.
    let on_scroll = move |_| {
        if let Some(el) = track.get() {
            let w = f64::from(el.client_width()).max(1.0);
            let i = (f64::from(el.scroll_left()) / w).round() as usize;
            if pending.get_value().is_some() {
                return;
            }
            if i != index.get_untracked() && i < count {
                index.set(i);
            }
        }
    };
    // A programmatic scroll is over only when it ends (not when it passes halfway).
    // A quick second press interrupts the first animation, which still ends with a scrollend
    // part-way: only reaching the target ends the programmatic scroll.
    let on_scroll_end = move |_| {
        if let Some(el) = track.get() {
            let w = f64::from(el.client_width()).max(1.0);
            let i = (f64::from(el.scroll_left()) / w).round() as usize;
            if let Some(target) = pending.get_value() {
                if i == target {
                    pending.set_value(None);
                }
                return;
            }
            if i != index.get_untracked() && i < count {
                index.set(i);
            }
        }
    };
    // A finger or a wheel on the track takes over from any scroll we started.
    let user_scrolls = move || pending.set_value(None);
    let prev = move |_| index.update(|i| *i = i.saturating_sub(1));
    let next = move |_| index.update(|i| *i = (*i + 1).min(count.saturating_sub(1)));

    let slides = images
        .into_iter()
        .enumerate()
        .map(|(i, image)| {
            let alt = tf(msg::carousel::TITLE_IMAGE_NUMBER_COUNT, &[("count", &count), ("number", &(i + 1)), ("title", &title)]);
            let slide_label = tf(msg::carousel::NUMBER_COUNT, &[("count", &count), ("number", &(i + 1))]);
            view! { class=styles,
                <div class="slide" role="group" aria-roledescription="slide" aria-label=slide_label>
                    // The first slide loads at once with high priority, the others when near.
                    <Picture image=image sizes=sizes alt=alt eager=i == 0 fit="contain" carousel=true/>
                </div>
            }
        })
        .collect_view();

    view! { class=styles,
        <div class="carousel" role="region" aria-roledescription="carousel" aria-label=label
            style=format!("--ratio:{}", crate::format::decimal(ratio, 4))>
            // Focusable, so keyboard users can scroll it too (arrow keys snap slide by slide).
            <div class="carousel-track" node_ref=track on:scroll=on_scroll
                on:scrollend=on_scroll_end on:pointerdown=move |_| user_scrolls() on:wheel=move |_| user_scrolls() tabindex="0" role="group" aria-label=t(msg::carousel::IMAGES)>
                {slides}
            </div>
            <Show when=move || { count > 1 }>
                <button class="carousel-btn prev" aria-label=t(msg::carousel::PREVIOUS_IMAGE) on:click=prev
                    disabled=move || index.get() == 0>
                    <Icon glyph=Glyph::ChevronLeft size=20/>
                </button>
                <button class="carousel-btn next" aria-label=t(msg::carousel::NEXT_IMAGE) on:click=next
                    disabled={move || index.get() + 1 >= count}>
                    <Icon glyph=Glyph::ChevronRight size=20/>
                </button>
                <div class="carousel-counter" aria-live="polite">{move || format!("{}/{count}", index.get() + 1)}</div>
                <div class="carousel-dots">
                    {(0..count)
                        .map(|i| view! { class=styles,
                            <button
                                class="dot"
                                class:active=move || index.get() == i
                                aria-label=tf(msg::carousel::SHOW_IMAGE_NUMBER, &[("number", &(i + 1))])
                                aria-current=move || (index.get() == i).then_some("true")
                                on:click=move |_| index.set(i)
                            ></button>
                        })
                        .collect_view()}
                </div>
            </Show>
        </div>
    }
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Arrow-key handling shared by the note view: true when the key moved the carousel.
pub fn handle_arrow_key(ev: &web_sys::KeyboardEvent, index: RwSignal<usize>, count: usize) -> bool {
    // Leave arrows alone while the user types.
    let typing = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
    if typing {
        return false;
    }
    match ev.key().as_str() {
        "ArrowLeft" if index.get_untracked() > 0 => {
            index.update(|i| *i -= 1);
            true
        }
        "ArrowRight" if index.get_untracked() + 1 < count => {
            index.update(|i| *i += 1);
            true
        }
        _ => false,
    }
}
