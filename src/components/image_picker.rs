//! The note editor's photos: pick (file picker or drag and drop) up to nine, each uploading
//! with its own progress; reorder by dragging (or the arrow buttons, for keyboards), remove,
//! set the cover; a failed upload keeps its file for a retry.

use api_types::{Upload, MAX_NOTE_IMAGES, UPLOAD_MAX_BYTES};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use stylers_macro::style;

use super::icon::{Glyph, Icon};
use super::ui::{Button, ButtonSize, ButtonVariant};
use crate::api;
use crate::i18n::{msg, t, tf};

const TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

#[derive(Clone, Debug, PartialEq)]
pub enum ImageState {
    /// Upload progress, 0.0–1.0.
    Uploading(f64),
    Ready(Upload),
    /// Why it failed; `retry` is false when retrying can't help (wrong type, too big).
    Failed {
        message: String,
        retry: bool,
    },
}

#[derive(Clone)]
pub struct PickedImage {
    /// Local identity (stable across reorders).
    pub key: u32,
    /// What the tile shows: a local preview while uploading, then the server's image.
    pub preview: String,
    pub state: ImageState,
    /// Kept for a retry.
    file: Option<SendWrapper<web_sys::File>>,
}

impl PickedImage {
    /// An image that is already stored (a resumed draft).
    pub fn stored(key: u32, upload: Upload) -> Self {
        PickedImage {
            key,
            preview: upload.image.url(480),
            state: ImageState::Ready(upload),
            file: None,
        }
    }

    pub fn upload_id(&self) -> Option<i64> {
        match &self.state {
            ImageState::Ready(u) => Some(u.id),
            _ => None,
        }
    }
}

/// Why a file can't be uploaded, before trying.
fn file_problem(file: &web_sys::File) -> Option<String> {
    if !TYPES.contains(&file.type_().as_str()) {
        return Some(t(msg::image_picker::ONLY_JPEG_PNG_WEBP_PHOTOS).into());
    }
    if file.size() > UPLOAD_MAX_BYTES as f64 {
        let mb = UPLOAD_MAX_BYTES / (1024 * 1024);
        return Some(tf(msg::image_picker::TOO_BIG_PHOTOS_CAN_AT, &[("mb", &mb)]));
    }
    None
}

fn set_state(images: RwSignal<Vec<PickedImage>>, key: u32, state: ImageState) {
    images.update(|list| {
        if let Some(i) = list.iter_mut().find(|i| i.key == key) {
            if let ImageState::Ready(u) = &state {
                i.preview = u.image.url(480);
                i.file = None;
            }
            i.state = state;
        }
    });
}

fn start_upload(images: RwSignal<Vec<PickedImage>>, key: u32, file: SendWrapper<web_sys::File>) {
    set_state(images, key, ImageState::Uploading(0.0));
    spawn_local(async move {
        let progress = move |p: f64| {
            // Progress stops at 95%: the rest is the server resizing.
            set_state(images, key, ImageState::Uploading(p.min(0.95)));
        };
        let result = api::upload_image(&file, progress).await;
        set_state(
            images,
            key,
            match result {
                Ok(upload) => ImageState::Ready(upload),
                Err(e) => ImageState::Failed {
                    message: e.to_string(),
                    retry: !matches!(e, api::ApiError::Rejected(_)),
                },
            },
        );
    });
}

/// Adds files (up to the limit), uploading each; returns how many did not fit.
pub fn add_files(
    images: RwSignal<Vec<PickedImage>>,
    next_key: StoredValue<u32>,
    files: web_sys::FileList,
) -> u32 {
    let room = MAX_NOTE_IMAGES.saturating_sub(images.with_untracked(Vec::len));
    let left_out = files.length().saturating_sub(room as u32);
    for i in 0..files.length().min(room as u32) {
        let Some(file) = files.item(i) else { continue };
        next_key.update_value(|k| *k += 1);
        let key = next_key.get_value();
        let problem = file_problem(&file);
        let preview = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
        let file = SendWrapper::new(file);
        images.update(|list| {
            list.push(PickedImage {
                key,
                preview,
                state: match &problem {
                    Some(message) => ImageState::Failed {
                        message: message.clone(),
                        retry: false,
                    },
                    None => ImageState::Uploading(0.0),
                },
                file: Some(file.clone()),
            })
        });
        if problem.is_none() {
            start_upload(images, key, file);
        }
    }
    left_out
}

fn move_image(images: RwSignal<Vec<PickedImage>>, key: u32, to: usize) {
    images.update(|list| {
        if let Some(from) = list.iter().position(|i| i.key == key) {
            let item = list.remove(from);
            list.insert(to.min(list.len()), item);
        }
    });
}

#[component]
pub fn ImagePicker(
    images: RwSignal<Vec<PickedImage>>,
    next_key: StoredValue<u32>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    // The small overlay buttons on each photo (move, cover, remove); the rest of the picker is
    // styled in style/publish.css.
    let styles = style! {
        /* At the foot of the photo: the cover badge has its top-left corner. */
        .pick-tools {
            position: absolute;
            bottom: 4px;
            right: 4px;
            display: flex;
            gap: 2px;
            opacity: 0;
            transition: opacity var(--motion-fast);
        }
        .pick-tile:hover .pick-tools, .pick-tile:focus-within .pick-tools {
            opacity: 1;
        }
        .pick-tool {
            display: inline-flex;
            align-items: center;
            justify-content: center;
            width: 28px;
            height: 28px;
            border: 0;
            border-radius: 999px;
            background: rgba(0, 0, 0, 0.55);
            color: #fff;
            font-size: 13px;
            cursor: pointer;
        }
        .pick-tool:disabled {
            opacity: 0.35;
            cursor: default;
        }
        /* No hover on touch screens: the tools always show. */
        @media (max-width: 760px) {
            .pick-tools {
                opacity: 1;
            }
        }
    };
    let input = NodeRef::<leptos::html::Input>::new();
    let dragging = RwSignal::new(None::<u32>);
    let drop_target = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let report_left_out = move |n: u32| {
        notice.set((n > 0).then(|| {
            tf(
                msg::image_picker::NOTE_HOLDS_MAX_NOTE_IMAGES,
                &[("max_note_images", &MAX_NOTE_IMAGES), ("n", &n)],
            )
        }));
    };
    let count = move || images.with(Vec::len);
    let has_room = move || count() < MAX_NOTE_IMAGES;
    let on_pick = move |_| {
        if let Some(el) = input.get() {
            if let Some(files) = el.files() {
                report_left_out(add_files(images, next_key, files));
            }
            // The same file can be picked again after removing it.
            el.set_value("");
        }
    };
    let on_drop = move |e: web_sys::DragEvent| {
        e.prevent_default();
        drop_target.set(false);
        if dragging.get_untracked().is_some() {
            return;
        }
        if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
            report_left_out(add_files(images, next_key, files));
        }
    };
    let tile = move |img: PickedImage| {
        let key = img.key;
        let index = move || images.with(|l| l.iter().position(|i| i.key == key).unwrap_or(0));
        let state =
            move || images.with(|l| l.iter().find(|i| i.key == key).map(|i| i.state.clone()));
        let label = move || {
            tf(
                msg::image_picker::PHOTO_NUMBER,
                &[("number", &(index() + 1))],
            )
        };
        view! { class=styles,
            <li class="pick-tile" draggable="true"
                class:dragging=move || dragging.get() == Some(key)
                on:dragstart=move |e: web_sys::DragEvent| {
                    dragging.set(Some(key));
                    if let Some(d) = e.data_transfer() { d.set_effect_allowed("move"); }
                }
                on:dragend=move |_| dragging.set(None)
                on:dragover=move |e: web_sys::DragEvent| e.prevent_default()
                on:drop=move |e: web_sys::DragEvent| {
                    if let Some(from) = dragging.get_untracked() {
                        e.prevent_default();
                        e.stop_propagation();
                        move_image(images, from, index());
                        dragging.set(None);
                    }
                }
                aria-label=label>
                <img src=img.preview.clone() alt="" draggable="false"/>
                <Show when=move || index() == 0>
                    <span class="pick-cover">{t(msg::image_picker::COVER)}</span>
                </Show>
                {move || match state() {
                    Some(ImageState::Uploading(p)) => view! {
                        <div class="pick-progress" role="progressbar" aria-label=t(msg::image_picker::UPLOADING)
                            aria-valuemin="0" aria-valuemax="100" aria-valuenow=(p * 100.0) as i64>
                            <span style=format!("width:{}%", (p * 100.0) as i64)></span>
                        </div>
                    }.into_any(),
                    Some(ImageState::Failed { message, retry }) => view! {
                        <div class="pick-failed" role="alert">
                            <p>{message}</p>
                            {retry.then(|| view! {
                                <Button variant=ButtonVariant::Secondary size=ButtonSize::Small on_click=Callback::new(move |_| {
                                    let file = images.with_untracked(|l| l.iter().find(|i| i.key == key).and_then(|i| i.file.clone()));
                                    if let Some(file) = file { start_upload(images, key, file); }
                                })>{t(msg::image_picker::RETRY)}</Button>
                            })}
                        </div>
                    }.into_any(),
                    _ => ().into_any(),
                }}
                <div class="pick-tools">
                    <button type="button" class="pick-tool" aria-label=move || tf(msg::image_picker::MOVE_PHOTO_NUMBER_EARLIER, &[("number", &(index() + 1))])
                        disabled=move || index() == 0
                        on:click=move |_| move_image(images, key, index().saturating_sub(1))>
                        <Icon glyph=Glyph::ChevronLeft size=16/>
                    </button>
                    <Show when=move || index() != 0>
                        <button type="button" class="pick-tool" aria-label=move || tf(msg::image_picker::MAKE_PHOTO_NUMBER_COVER, &[("number", &(index() + 1))])
                            on:click=move |_| move_image(images, key, 0)>"★"</button>
                    </Show>
                    <button type="button" class="pick-tool" aria-label=move || tf(msg::image_picker::MOVE_PHOTO_NUMBER_LATER, &[("number", &(index() + 1))])
                        disabled={move || index() + 1 >= count()}
                        on:click=move |_| move_image(images, key, index() + 1)>
                        <Icon glyph=Glyph::ChevronRight size=16/>
                    </button>
                    <button type="button" class="pick-tool" aria-label=move || tf(msg::image_picker::REMOVE_PHOTO_NUMBER, &[("number", &(index() + 1))])
                        on:click=move |_| images.update(|l| l.retain(|i| i.key != key))>
                        <Icon glyph=Glyph::Close size=16/>
                    </button>
                </div>
            </li>
        }
    };
    view! {
        <section class="picker" aria-labelledby="picker-title"
            class:drop-target=move || drop_target.get()
            on:dragover=move |e: web_sys::DragEvent| { e.prevent_default(); if dragging.get_untracked().is_none() { drop_target.set(true); } }
            on:dragleave=move |_| drop_target.set(false)
            on:drop=on_drop>
            <h2 id="picker-title" class="picker-title">
                {t(msg::image_picker::PHOTOS)}<span class="muted">{move || format!("{}/{MAX_NOTE_IMAGES}", count())}</span>
            </h2>
            <ul class="pick-grid">
                <For each=move || images.get() key=|i| i.key children=tile/>
                <Show when=has_room>
                    <li class="pick-add">
                        <label>
                            <span class="pick-plus" aria-hidden="true">"+"</span>
                            <span>{t(msg::image_picker::ADD_PHOTOS)}</span>
                            <input node_ref=input type="file" accept="image/jpeg,image/png,image/webp" multiple
                                class="visually-hidden" on:change=on_pick/>
                        </label>
                    </li>
                </Show>
            </ul>
            <p class="field-hint">{t(msg::image_picker::DRAG_PHOTOS_HERE_PICK_THEM)}</p>
            {move || notice.get().map(|n| view! { <p class="field-error" role="status">{n}</p> })}
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}
