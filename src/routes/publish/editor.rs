//! The note editor: fields, pictures, autosaved drafts, and a guard against leaving with unsaved
//! changes.

use api_types::{
    validate_note, Channel, Draft, NoteDetail, NoteInput, ProductCard, Published,
    LOCATION_MAX_CHARS, NOTE_BODY_MAX_CHARS, NOTE_TITLE_MAX_CHARS,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::tagger::ProductTagger;
use super::video::{VideoPicker, VideoSlot};
use crate::api::error_text::localize_fields;
use crate::api::{self, ApiError};
use crate::components::auth_sheet::field_error;
use crate::components::image_picker::{ImagePicker, ImageState, PickedImage};
use crate::components::picture::Picture;
use crate::components::suggest_textarea::SuggestTextarea;
use crate::components::toast::use_toasts;
use crate::components::ui::{Button, ButtonSize, ButtonVariant, TextField};
use crate::format;
use crate::i18n::{is_zh, msg, t, tf};

/// Quiet time after the last keystroke before the draft is saved.
const AUTOSAVE_MS: u64 = 1_200;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Saved {
    Nothing,
    Saving,
    At(i64),
    Failed,
}

/// Asks before leaving while `dirty`: the browser's own prompt for reloads and closing, and a
/// confirm for links inside the app (caught before the router sees the click).
fn guard_leaving(dirty: Signal<bool>) {
    let window = window();
    let before_unload =
        Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(move |e: web_sys::BeforeUnloadEvent| {
            if dirty.get_untracked() {
                e.prevent_default();
                e.set_return_value("unsaved");
            }
        });
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
        if !dirty.get_untracked() {
            return;
        }
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        if link.is_some() {
            let leave = window
                .confirm_with_message(t(msg::publish_editor::LEAVE_PAGE_LATEST_CHANGES_ARE))
                .unwrap_or(true);
            if !leave {
                e.prevent_default();
                e.stop_immediate_propagation();
            }
        }
    });
    let w = leptos::prelude::window();
    let _ =
        w.add_event_listener_with_callback("beforeunload", before_unload.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    let handles = send_wrapper::SendWrapper::new((before_unload, on_click));
    on_cleanup(move || {
        let (before_unload, on_click) = handles.take();
        let w = leptos::prelude::window();
        let _ = w.remove_event_listener_with_callback(
            "beforeunload",
            before_unload.as_ref().unchecked_ref(),
        );
        let _ = w.remove_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
    });
}

#[component]
pub(super) fn Editor(draft: Option<i64>, edit: Option<i64>) -> impl IntoView {
    let toasts = use_toasts();
    let auth = crate::session::use_auth();
    let navigate = use_navigate();
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let images = RwSignal::new(Vec::<PickedImage>::new());
    let next_key = StoredValue::new(0u32);
    let products = RwSignal::new(Vec::<ProductCard>::new());
    let existing_images = RwSignal::new(Vec::<api_types::Image>::new());
    let draft_id = RwSignal::new(draft);
    let channels = RwSignal::new(Vec::<Channel>::new());
    let loaded = RwSignal::new(draft.is_none() && edit.is_none());
    let load_error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(Saved::Nothing);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    // Photos or one video; a draft keeps the words only of a video note (see `snapshot`).
    let video_mode = RwSignal::new(false);
    let video = VideoSlot::new();

    // What a draft saves: a video note's words, channel, products and place, not its video.
    let snapshot = move || NoteInput {
        title: title.get(),
        body: body.get(),
        channel: channel.get(),
        image_ids: if video_mode.get() {
            Vec::new()
        } else {
            images.with(|l| l.iter().filter_map(PickedImage::upload_id).collect())
        },
        product_ids: products.with(|p| p.iter().map(|p| p.id).collect()),
        location: location.with(|l| (!l.trim().is_empty()).then(|| l.trim().to_string())),
        draft_id: draft_id.get(),
        video_id: None,
    };
    // What publishing sends: the draft plus the video and its chosen cover frame, if any.
    let note_form = move || {
        let mut form = snapshot();
        if video_mode.get() {
            form.video_id = video.uploaded_id();
            form.image_ids = video.cover_id().into_iter().collect();
        }
        form
    };
    let last_saved = RwSignal::new(None::<NoteInput>);
    let dirty = Signal::derive(move || {
        loaded.get() && {
            let now = snapshot();
            let blank = now.title.is_empty() && now.body.is_empty() && now.image_ids.is_empty();
            last_saved.with(|s| match s {
                Some(s) => *s != now,
                None => !blank,
            })
        }
    });
    guard_leaving(Signal::derive(move || dirty.get() || video.is_picked()));

    let fill = move |d: Draft| {
        title.set(d.title);
        body.set(d.body);
        channel.set(d.channel);
        location.set(d.location.unwrap_or_default());
        products.set(d.products);
        images.set(
            d.images
                .into_iter()
                .map(|u| {
                    next_key.update_value(|k| *k += 1);
                    PickedImage::stored(next_key.get_value(), u)
                })
                .collect(),
        );
        saved.set(Saved::At(d.updated_at));
    };
    spawn_local(async move {
        if let Ok(list) = api::channels().await {
            channels.set(list.into_iter().filter(|c| c.slug != "recommend").collect());
        }
        if let Some(id) = draft {
            match api::draft(id).await {
                Ok(Some(d)) => fill(d),
                Ok(None) => load_error.set(Some(ApiError::NotFound(
                    t(msg::publish_editor::DRAFT_NO_LONGER_EXISTS).into(),
                ))),
                Err(e) => load_error.set(Some(e)),
            }
        } else if let Some(id) = edit {
            match api::note(id).await {
                Ok(n) => fill_note(n, title, body, channel, location, products, existing_images),
                Err(e) => load_error.set(Some(e)),
            }
        }
        last_saved.set(Some(untrack(snapshot)));
        loaded.set(true);
    });

    // Autosave (new notes and drafts only; edits are saved by "Save changes").
    let generation = StoredValue::new(0u32);
    // Set once the note is published: a draft save still on its way then is deleted when it
    // lands (the editor may be gone by then, hence not a signal).
    let published = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let published_for_save = published.clone();
    Effect::new(move |_| {
        let published = published_for_save.clone();
        if edit.is_some() || !dirty.get() {
            return;
        }
        let uploading = images.with(|l| {
            l.iter()
                .any(|i| matches!(i.state, ImageState::Uploading(_)))
        });
        if uploading {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                // `try_`: the editor may be gone by now; reading a disposed value panics.
                if generation.try_get_value() != Some(mine)
                    || !dirty.get_untracked()
                    || busy.get_untracked()
                {
                    return;
                }
                let form = untrack(snapshot);
                saved.set(Saved::Saving);
                spawn_local(async move {
                    match api::save_draft(form.draft_id, &form).await {
                        Ok(d) if published.load(std::sync::atomic::Ordering::Relaxed) => {
                            let _ = api::delete_draft(d.id).await;
                        }
                        Ok(d) => {
                            draft_id.set(Some(d.id));
                            last_saved.set(Some(NoteInput {
                                draft_id: Some(d.id),
                                ..form
                            }));
                            saved.set(Saved::At(d.updated_at));
                        }
                        Err(_) => saved.set(Saved::Failed),
                    }
                });
            },
            std::time::Duration::from_millis(AUTOSAVE_MS),
        );
    });

    let publish = move |_| {
        if busy.get_untracked() {
            return;
        }
        let form = untrack(note_form);
        let mut problems = localize_fields(validate_note(&form));
        if edit.is_some() {
            // Photos stay as published.
            problems.retain(|p| p.field != "image_ids");
        }
        let pending =
            images.with_untracked(|l| l.iter().any(|i| !matches!(i.state, ImageState::Ready(_))));
        if pending && edit.is_none() && !video_mode.get_untracked() {
            // The client's own check: no server code, the text is already the interface's.
            problems.push(api_types::FieldError::new(
                "image_ids",
                api_types::ErrorCode::Unknown,
                t(msg::publish_editor::WAIT_UPLOADS_FINISH_REMOVE_ONES),
            ));
        }
        if !problems.is_empty() {
            error.set(Some(ApiError::Fields {
                message: t(msg::publish_editor::PLEASE_FIX_HIGHLIGHTED_PARTS).into(),
                fields: problems,
            }));
            return;
        }
        error.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        let published = published.clone();
        spawn_local(async move {
            let result = match edit {
                Some(id) => api::edit_note(id, &form)
                    .await
                    .map(|note| Published::Note(Box::new(note))),
                None => api::publish_note(&form).await,
            };
            busy.set(false);
            match result {
                Ok(outcome) => {
                    published.store(true, std::sync::atomic::Ordering::Relaxed);
                    // A draft first saved while publishing is not the one the note replaced.
                    if let Some(d) = draft_id
                        .get_untracked()
                        .filter(|d| form.draft_id != Some(*d))
                    {
                        let _ = api::delete_draft(d).await;
                    }
                    last_saved.set(Some(untrack(snapshot)));
                    api::forget_notes();
                    let (said, to) = match outcome {
                        Published::Note(note) if edit.is_some() => (
                            t(msg::publish_editor::SAVED),
                            format!("/explore/{}", note.id),
                        ),
                        Published::Note(note) => (
                            t(msg::publish_editor::PUBLISHED),
                            format!("/explore/{}", note.id),
                        ),
                        // Its video is still being processed: the author's profile lists it
                        // until it goes public.
                        Published::Waiting(_) => (
                            t(msg::publish_editor::PUBLISHED_WHEN_READY),
                            auth.user_id_untracked()
                                .map_or_else(|| "/explore".to_string(), |me| format!("/user/{me}")),
                        ),
                    };
                    toasts.show(said);
                    navigate(&to, NavigateOptions::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    // Why "Publish" is off (a video note waits for its video).
    let waiting = move || {
        (edit.is_none() && video_mode.get())
            .then(|| video.blocker())
            .flatten()
    };
    let f = move |name: &'static str| field_error(error, name);
    let form_error = move || {
        error.with(|e| match e {
            Some(ApiError::Fields { .. }) | None => None,
            Some(e) => Some(e.to_string()),
        })
    };
    let save_text = move || match saved.get() {
        Saved::Nothing => String::new(),
        Saved::Saving => t(msg::publish_editor::SAVING_DRAFT).into(),
        Saved::At(at) => tf(
            msg::publish_editor::DRAFT_SAVED,
            &[("when", &format::relative_time(at, format::now_unix()))],
        ),
        Saved::Failed => t(msg::publish_editor::COULDNT_SAVE_DRAFT_WELL_TRY).into(),
    };
    let channel_chips = move || {
        channels
            .get()
            .into_iter()
            .map(|c| {
                let slug = c.slug.clone();
                let checked = {
                    let slug = slug.clone();
                    move || channel.with(|ch| *ch == slug)
                };
                let chosen = checked.clone();
                view! {
                    <label class="chip-radio" class:chosen=chosen>
                        <input type="radio" name="channel" class="chip-input" prop:checked=checked
                            on:change=move |_| channel.set(slug.clone())/>
                        {if is_zh() {
                            view! { {c.name_zh} }.into_any()
                        } else {
                            view! { {c.name_en}" "<span lang="zh-CN" class="muted">{c.name_zh}</span> }.into_any()
                        }}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <div class="publish-page">
            <header class="publish-head">
                <h1 class="page-title">{if edit.is_some() { t(msg::publish_editor::EDIT_NOTE) } else { t(msg::publish_editor::PUBLISH_NOTE) }}</h1>
                <p class="muted small" role="status">{save_text}</p>
            </header>
            {move || load_error.get().map(|e| view! { <div class="alert alert-error" role="alert"><p>{e.to_string()}</p></div> })}
            <div class="publish-grid">
                <div class="publish-media">
                    {if edit.is_some() {
                        view! {
                            <section class="picker" aria-labelledby="picker-title">
                                <h2 id="picker-title" class="picker-title">{t(msg::publish_editor::PHOTOS)}</h2>
                                <ul class="pick-grid">
                                    {move || existing_images.get().into_iter().map(|i| view! {
                                        <li class="pick-tile"><Picture image=i sizes="160px" alt=""/></li>
                                    }).collect_view()}
                                </ul>
                                <p class="field-hint">{t(msg::publish_editor::PHOTOS_STAY_AS_PUBLISHED_EDIT)}</p>
                            </section>
                        }.into_any()
                    } else {
                        view! {
                            <MediaSwitch video_mode=video_mode images=images video=video/>
                            <Show when=move || video_mode.get()
                                fallback=move || view! { <ImagePicker images=images next_key=next_key error=f("image_ids")/> }>
                                <VideoPicker video=video/>
                            </Show>
                        }.into_any()
                    }}
                </div>
                <div class="publish-fields form">
                    <TextField id="note-title" label=t(msg::publish_editor::TITLE) value=title error=f("title") max_chars=NOTE_TITLE_MAX_CHARS counter=false
                        hint=tf(msg::publish_editor::UP_NOTE_TITLE_MAX_CHARS, &[("note_title_max_chars", &NOTE_TITLE_MAX_CHARS)])/>
                    <p class="field-hint counter" aria-live="polite">{move || format!("{}/{NOTE_TITLE_MAX_CHARS}", title.with(|t| t.chars().count()))}</p>
                    <SuggestTextarea id="note-body" label=t(msg::publish_editor::BODY_LABEL) value=body maxlength=NOTE_BODY_MAX_CHARS error=f("body")/>
                    <fieldset class="field chip-group">
                        <legend>{t(msg::publish_editor::CHANNEL)}</legend>
                        <div class="chips">{channel_chips}</div>
                        {move || f("channel").get().map(|e| view! { <p class="field-error">{e}</p> })}
                    </fieldset>
                    <ProductTagger products=products error=f("product_ids")/>
                    <TextField id="note-location" label=t(msg::publish_editor::LOCATION_OPTIONAL) value=location error=f("location")
                        max_chars=LOCATION_MAX_CHARS counter=false autocomplete="off"/>
                    {move || form_error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    {move || waiting().map(|w| view! { <p class="field-hint publish-waiting" id="publish-waiting">{w}</p> })}
                    <div class="publish-actions">
                        <Button variant=ButtonVariant::Ghost href="/publish/drafts">{t(msg::common::DRAFTS)}</Button>
                        <Button size=ButtonSize::Large on_click=Callback::new(publish)
                            disabled=Signal::derive(move || busy.get() || !loaded.get() || waiting().is_some())
                            loading=busy>
                            {move || match (busy.get(), edit.is_some()) {
                                (true, _) => t(msg::publish_editor::PUBLISHING),
                                (false, true) => t(msg::publish_editor::SAVE_CHANGES),
                                (false, false) => t(msg::common::PUBLISH),
                            }}
                        </Button>
                    </div>
                </div>
            </div>
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn fill_note(
    n: NoteDetail,
    title: RwSignal<String>,
    body: RwSignal<String>,
    channel: RwSignal<String>,
    location: RwSignal<String>,
    products: RwSignal<Vec<ProductCard>>,
    existing_images: RwSignal<Vec<api_types::Image>>,
) {
    title.set(n.title);
    body.set(n.body);
    channel.set(n.channel.slug);
    location.set(n.location.unwrap_or_default());
    products.set(n.products);
    existing_images.set(n.images);
}

/// Photos or a video: a note has one or the other, so the other side is closed while this one
/// holds something (and says why).
#[component]
fn MediaSwitch(
    video_mode: RwSignal<bool>,
    images: RwSignal<Vec<PickedImage>>,
    video: VideoSlot,
) -> impl IntoView {
    let has_photos = move || images.with(|l| !l.is_empty());
    let why = move || {
        if has_photos() {
            Some(t(msg::upload::REMOVE_PHOTOS_FIRST))
        } else if video.is_picked() {
            Some(t(msg::upload::REMOVE_VIDEO_FIRST))
        } else {
            None
        }
    };
    view! {
        <div class="media-switch" role="group" aria-label=t(msg::upload::MEDIA)>
            <button type="button" class="media-choice" aria-pressed=move || (!video_mode.get()).to_string()
                disabled=move || video.is_picked() on:click=move |_| video_mode.set(false)>
                {t(msg::upload::PHOTOS)}
            </button>
            <button type="button" class="media-choice" aria-pressed=move || video_mode.get().to_string()
                disabled=has_photos on:click=move |_| video_mode.set(true)>
                "▶ "{t(msg::upload::VIDEO)}
            </button>
        </div>
        {move || why().map(|w| view! { <p class="field-hint media-why">{w}</p> })}
    }
}
