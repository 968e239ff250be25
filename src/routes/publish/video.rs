//! The composer's video: pick one (MP4, MOV or WebM within the limits), upload it with
//! progress (cancel, retry), follow the server's processing, and optionally choose a cover
//! frame, captured from the local preview and uploaded as a photo.

use api_types::{Upload, VideoState, VideoStatus, VIDEO_MAX_BYTES, VIDEO_MAX_SECONDS};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::format;
use crate::i18n::{msg, t, tf};

/// How often processing is asked about.
const POLL_MS: u64 = 1_000;
/// The captured cover's longest side: plenty for a cover, well under the photo limit.
const COVER_MAX_SIDE: u32 = 1600;

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Upload progress, 0.0–1.0.
    Uploading(f64),
    /// The server's progress, 0–100 (`queued` is 0).
    /// Uploaded (the video's id) and being processed: a note can be published with it now
    /// and goes public when it is ready.
    Processing {
        id: i64,
        progress: u8,
        queued: bool,
    },
    Ready(VideoStatus),
    /// Why it stopped; `retry` is false when uploading the same file again can't help.
    Failed {
        message: String,
        retry: bool,
    },
}

#[derive(Clone)]
pub struct PickedVideo {
    pub name: String,
    /// A local `blob:` URL of the file, for the preview and the cover frame.
    pub preview: String,
    pub phase: Phase,
    /// Kept for a retry.
    file: SendWrapper<web_sys::File>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cover {
    /// The server's poster.
    Auto,
    /// A frame at this many seconds, being uploaded.
    Saving(f64),
    Chosen {
        at: f64,
        upload: Upload,
    },
    Failed(String),
}

/// The editor's video and cover, with what stops a stale upload or poll from writing to them
/// (`generation` moves on with every new pick, cancel or removal).
#[derive(Clone, Copy)]
pub struct VideoSlot {
    pub video: RwSignal<Option<PickedVideo>>,
    pub cover: RwSignal<Cover>,
    generation: StoredValue<u32>,
    xhr: StoredValue<Option<SendWrapper<web_sys::XmlHttpRequest>>>,
}

impl VideoSlot {
    /// A slot that aborts its upload and frees its preview when the editor goes.
    pub fn new() -> Self {
        let slot = VideoSlot {
            video: RwSignal::new(None),
            cover: RwSignal::new(Cover::Auto),
            generation: StoredValue::new(0),
            xhr: StoredValue::new(None),
        };
        let preview = StoredValue::new(String::new());
        // The preview URL is read here, while the signals still exist, for the cleanup below.
        Effect::new(move |_| {
            preview.set_value(
                slot.video
                    .with(|v| v.as_ref().map(|v| v.preview.clone()).unwrap_or_default()),
            )
        });
        let xhr = slot.xhr;
        on_cleanup(move || {
            if let Some(Some(x)) = xhr.try_get_value() {
                let _ = x.abort();
            }
            if let Some(url) = preview.try_get_value().filter(|u| !u.is_empty()) {
                let _ = web_sys::Url::revoke_object_url(&url);
            }
        });
        slot
    }

    pub fn is_picked(&self) -> bool {
        self.video.with(Option::is_some)
    }

    /// The video to publish with, once uploaded: a note published while it is still being
    /// processed waits for it on the server.
    pub fn uploaded_id(&self) -> Option<i64> {
        self.video.with(|v| match v.as_ref().map(|v| &v.phase) {
            Some(Phase::Ready(s)) => Some(s.id),
            Some(Phase::Processing { id, .. }) => Some(*id),
            _ => None,
        })
    }

    /// The chosen frame's photo, which goes first in `image_ids`.
    pub fn cover_id(&self) -> Option<i64> {
        self.cover.with(|c| match c {
            Cover::Chosen { upload, .. } => Some(upload.id),
            _ => None,
        })
    }

    /// Why a video note can't be published yet.
    pub fn blocker(&self) -> Option<&'static str> {
        let phase = self.video.with(|v| v.as_ref().map(|v| v.phase.clone()));
        match phase {
            None => Some(t(msg::upload::ADD_VIDEO_FIRST)),
            Some(Phase::Ready(_) | Phase::Processing { .. }) => match self.cover.get() {
                Cover::Saving(_) => Some(t(msg::upload::WAIT_COVER)),
                _ => None,
            },
            Some(Phase::Failed { .. }) => Some(t(msg::upload::VIDEO_DIDNT_MAKE_IT)),
            Some(_) => Some(t(msg::upload::WAIT_UPLOAD)),
        }
    }

    fn set_phase(self, mine: u32, phase: Phase) {
        if self.generation.try_get_value() == Some(mine) {
            self.video.try_update(|v| {
                if let Some(v) = v {
                    v.phase = phase;
                }
            });
        }
    }

    /// Stops whatever the current upload or poll is doing; returns the new generation.
    fn stop(self) -> u32 {
        self.generation.update_value(|g| *g += 1);
        if let Some(x) = self.xhr.get_value() {
            let _ = x.abort();
        }
        self.xhr.set_value(None);
        self.generation.get_value()
    }

    fn pick(self, file: web_sys::File) {
        self.remove();
        let preview = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
        let problem = file_problem(&file);
        self.video.set(Some(PickedVideo {
            name: file.name(),
            preview,
            phase: match &problem {
                Some(message) => Phase::Failed {
                    message: message.clone(),
                    retry: false,
                },
                None => Phase::Uploading(0.0),
            },
            file: SendWrapper::new(file),
        }));
        if problem.is_none() {
            self.upload();
        }
    }

    fn remove(self) {
        self.stop();
        if let Some(v) = self.video.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&v.preview);
        }
        self.video.set(None);
        self.cover.set(Cover::Auto);
    }

    fn cancel(self) {
        let mine = self.stop();
        self.set_phase(
            mine,
            Phase::Failed {
                message: t(msg::upload::CANCELLED).into(),
                retry: true,
            },
        );
    }

    fn upload(self) {
        let mine = self.stop();
        let Some(file) = self
            .video
            .with_untracked(|v| v.as_ref().map(|v| v.file.clone()))
        else {
            return;
        };
        self.set_phase(mine, Phase::Uploading(0.0));
        spawn_local(async move {
            // The last percent is the server checking the file.
            let progress = move |p: f64| self.set_phase(mine, Phase::Uploading(p.min(0.99)));
            let started = move |xhr| self.xhr.set_value(Some(SendWrapper::new(xhr)));
            let result = api::upload_video(&file, progress, started).await;
            if self.generation.try_get_value() != Some(mine) {
                return; // cancelled, removed or replaced
            }
            self.xhr.set_value(None);
            match result {
                Ok(status) => self.follow(mine, status),
                Err(e) => self.set_phase(
                    mine,
                    Phase::Failed {
                        message: e.to_string(),
                        retry: retryable(&e),
                    },
                ),
            }
        });
    }

    /// Shows `status` and, until it is ready or failed, asks again in a second.
    fn follow(self, mine: u32, status: VideoStatus) {
        let id = status.id;
        match status.state {
            VideoState::Ready => return self.set_phase(mine, Phase::Ready(status)),
            VideoState::Failed => {
                let why = status
                    .error
                    .map(|e| crate::server_text::localize(&e))
                    .unwrap_or_default();
                return self.set_phase(
                    mine,
                    Phase::Failed {
                        message: tf(msg::upload::PROCESSING_FAILED, &[("why", &why)]),
                        retry: true,
                    },
                );
            }
            state => self.set_phase(
                mine,
                Phase::Processing {
                    id,
                    progress: status.progress,
                    queued: state == VideoState::Queued,
                },
            ),
        }
        set_timeout(
            move || {
                if self.generation.try_get_value() != Some(mine) {
                    return;
                }
                spawn_local(async move {
                    match api::video_status(id).await {
                        Ok(status) => self.follow(mine, status),
                        // A dropped connection or a server hiccup: keep asking.
                        Err(e) if retryable(&e) => {
                            let again = self
                                .video
                                .try_with_untracked(|v| v.as_ref().map(|v| v.phase.clone()));
                            if let Some(Some(Phase::Processing {
                                progress, queued, ..
                            })) = again
                            {
                                let state = if queued {
                                    VideoState::Queued
                                } else {
                                    VideoState::Processing
                                };
                                self.follow(
                                    mine,
                                    VideoStatus {
                                        id,
                                        state,
                                        progress,
                                        error: None,
                                        duration_ms: 0,
                                        width: 0,
                                        height: 0,
                                        video: None,
                                    },
                                );
                            }
                        }
                        Err(e) => self.set_phase(
                            mine,
                            Phase::Failed {
                                message: e.to_string(),
                                retry: false,
                            },
                        ),
                    }
                });
            },
            std::time::Duration::from_millis(POLL_MS),
        );
    }
}

/// Failures that may go away on their own (the network, the server, a rate limit).
fn retryable(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Network(_)
            | ApiError::Server { .. }
            | ApiError::Decode(_)
            | ApiError::RateLimited(_)
    )
}

/// Why a file can't be uploaded, known before sending it: not a video by its type, or too big.
/// (What it really is, and how long, the server finds out.)
fn file_problem(file: &web_sys::File) -> Option<String> {
    let kind = file.type_();
    if !kind.is_empty() && !kind.starts_with("video/") {
        return Some(t(msg::upload::ONLY_VIDEOS).into());
    }
    if file.size() > VIDEO_MAX_BYTES as f64 {
        let mb = VIDEO_MAX_BYTES / (1024 * 1024);
        let size = (file.size() / (1024.0 * 1024.0)).ceil() as u64;
        return Some(tf(msg::upload::TOO_BIG, &[("size", &size), ("mb", &mb)]));
    }
    None
}

/// The preview's current frame as a JPEG file.
async fn capture(video: &web_sys::HtmlVideoElement) -> Option<web_sys::File> {
    let (w, h) = (video.video_width(), video.video_height());
    if w == 0 || h == 0 {
        return None;
    }
    let scale = (COVER_MAX_SIDE as f64 / w.max(h) as f64).min(1.0);
    let (cw, ch) = (
        (w as f64 * scale).round() as u32,
        (h as f64 * scale).round() as u32,
    );
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(cw);
    canvas.set_height(ch);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, cw as f64, ch as f64)
        .ok()?;
    let blob = js_sys::Promise::new(&mut |resolve, _| {
        let _ = canvas.to_blob_with_type_and_encoder_options(
            &resolve,
            "image/jpeg",
            &wasm_bindgen::JsValue::from(0.9),
        );
    });
    let blob: web_sys::Blob = wasm_bindgen_futures::JsFuture::from(blob)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type("image/jpeg");
    web_sys::File::new_with_blob_sequence_and_options(
        &js_sys::Array::of1(&blob),
        "cover.jpg",
        &options,
    )
    .ok()
}

fn percent(p: f64) -> i64 {
    (p * 100.0).floor() as i64
}

#[component]
pub fn VideoPicker(video: VideoSlot) -> impl IntoView {
    let slot = video;
    let input = NodeRef::<leptos::html::Input>::new();
    let player = NodeRef::<leptos::html::Video>::new();
    let length = RwSignal::new(0.0f64);
    let at = RwSignal::new(0.0f64);
    let on_pick = move |_| {
        if let Some(el) = input.get() {
            if let Some(file) = el.files().and_then(|f| f.item(0)) {
                length.set(0.0);
                at.set(0.0);
                slot.pick(file);
            }
            // The same file can be picked again after removing it.
            el.set_value("");
        }
    };
    let phase = move || slot.video.with(|v| v.as_ref().map(|v| v.phase.clone()));
    let status = move || {
        match phase() {
            None => ().into_any(),
            Some(Phase::Uploading(p)) => view! {
                <div class="video-status">
                    <p>{tf(msg::upload::UPLOADING_PCT, &[("pct", &percent(p))])}</p>
                    <div class="video-bar" role="progressbar" aria-label=t(msg::upload::UPLOADING_VIDEO)
                        aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent(p)>
                        <span style=format!("width:{}%", percent(p))></span>
                    </div>
                    <Button variant=ButtonVariant::Secondary size=ButtonSize::Small
                        on_click=Callback::new(move |_| slot.cancel())>{t(msg::upload::CANCEL_UPLOAD)}</Button>
                </div>
            }.into_any(),
            Some(Phase::Processing { progress, queued, .. }) => view! {
                <div class="video-status">
                    <p>{if queued { t(msg::upload::QUEUED).to_string() } else { tf(msg::upload::PROCESSING_PCT, &[("pct", &progress)]) }}</p>
                    <div class="video-bar processing" role="progressbar" aria-label=t(msg::upload::PROCESSING_VIDEO)
                        aria-valuemin="0" aria-valuemax="100" aria-valuenow=progress>
                        <span style=format!("width:{progress}%")></span>
                    </div>
                    <p class="field-hint">{t(msg::upload::PROCESSING_HINT)}</p>
                </div>
            }.into_any(),
            Some(Phase::Ready(s)) => view! {
                <div class="video-status ready">
                    <p>{tf(msg::upload::READY, &[("duration", &format::duration(((s.duration_ms + 500) / 1000) as i32)), ("width", &s.width), ("height", &s.height)])}</p>
                </div>
            }.into_any(),
            Some(Phase::Failed { message, retry }) => view! {
                <div class="video-status failed" role="alert">
                    <p>{message}</p>
                    {retry.then(|| view! {
                        <Button variant=ButtonVariant::Secondary size=ButtonSize::Small
                            on_click=Callback::new(move |_| slot.upload())>{t(msg::upload::RETRY)}</Button>
                    })}
                </div>
            }.into_any(),
        }
    };
    let use_frame = move |_| {
        let Some(video) = player.get_untracked() else {
            return;
        };
        let when = video.current_time();
        slot.cover.set(Cover::Saving(when));
        spawn_local(async move {
            let result = match capture(&video).await {
                Some(file) => api::upload_image(&file, |_| {})
                    .await
                    .map_err(|e| e.to_string()),
                None => Err(t(msg::upload::FRAME_NOT_READY).to_string()),
            };
            // Another frame may have been chosen meanwhile: the latest choice wins.
            if slot.cover.try_get_untracked() != Some(Cover::Saving(when)) {
                return;
            }
            slot.cover.set(match result {
                Ok(upload) => Cover::Chosen { at: when, upload },
                Err(e) => Cover::Failed(e),
            });
        });
    };
    let cover_text = move || match slot.cover.get() {
        Cover::Auto => t(msg::upload::COVER_AUTO).to_string(),
        Cover::Saving(_) => t(msg::upload::WAIT_COVER).to_string(),
        Cover::Chosen { at, .. } => tf(
            msg::upload::COVER_CHOSEN,
            &[("time", &format::duration(at.round() as i32))],
        ),
        Cover::Failed(why) => tf(msg::upload::COVER_FAILED, &[("why", &why)]),
    };
    // Only a new file rebuilds the preview (not every progress tick).
    let preview = Memo::new(move |_| {
        slot.video
            .with(|v| v.as_ref().map(|v| (v.preview.clone(), v.name.clone())))
    });
    view! {
        <section class="picker video-picker" aria-labelledby="video-title">
            <h2 id="video-title" class="picker-title">{t(msg::upload::VIDEO)}</h2>
            {move || match preview.get() {
                None => view! {
                    <label class="video-add">
                        <span class="pick-plus" aria-hidden="true">"▶"</span>
                        <span>{t(msg::upload::PICK_VIDEO)}</span>
                        <input node_ref=input type="file" class="visually-hidden"
                            accept="video/mp4,video/quicktime,video/webm,.mp4,.mov,.webm" on:change=on_pick/>
                    </label>
                }.into_any(),
                Some((url, name)) => view! {
                    <div class="video-picked">
                        <video node_ref=player class="video-preview" src=url muted playsinline preload="auto"
                            aria-label=t(msg::upload::PREVIEW) controls
                            // Played or scrubbed with its own controls: the cover slider follows.
                            on:timeupdate=move |e: web_sys::Event| {
                                if let Some(v) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlVideoElement>().ok()) {
                                    at.set(v.current_time());
                                }
                            }
                            on:loadedmetadata=move |e: web_sys::Event| {
                                if let Some(v) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlVideoElement>().ok()) {
                                    let d = v.duration();
                                    length.set(if d.is_finite() { d } else { 0.0 });
                                }
                            }></video>
                        <p class="video-name" title=name.clone()>{name.clone()}</p>
                        {status}
                        <Show when=move || { length.get() > 0.0 && !matches!(phase(), Some(Phase::Failed { .. })) }>
                            <div class="video-cover">
                                <label for="cover-at" class="video-cover-label">
                                    {t(msg::upload::COVER)}" · "{move || format::duration(at.get().round() as i32)}
                                </label>
                                <input id="cover-at" type="range" min="0" step="0.1"
                                    max=move || length.get().to_string()
                                    prop:value=move || at.get().to_string()
                                    aria-label=t(msg::upload::COVER_TIME)
                                    aria-valuetext=move || format::duration(at.get().round() as i32)
                                    on:input=move |e| {
                                        let v: f64 = event_target_value(&e).parse().unwrap_or(0.0);
                                        at.set(v);
                                        if let Some(p) = player.get_untracked() { p.set_current_time(v); }
                                    }/>
                                <div class="video-cover-actions">
                                    <Button variant=ButtonVariant::Secondary size=ButtonSize::Small
                                        disabled=Signal::derive(move || matches!(slot.cover.get(), Cover::Saving(_)))
                                        on_click=Callback::new(use_frame)>{t(msg::upload::USE_FRAME)}</Button>
                                    <Show when=move || matches!(slot.cover.get(), Cover::Chosen { .. } | Cover::Failed(_))>
                                        <Button variant=ButtonVariant::Link size=ButtonSize::Small
                                            on_click=Callback::new(move |_| slot.cover.set(Cover::Auto))>{t(msg::upload::USE_AUTO)}</Button>
                                    </Show>
                                </div>
                                <div class="video-cover-now">
                                    {move || match slot.cover.get() {
                                        Cover::Chosen { upload, .. } => Some(view! {
                                            <img class="video-cover-thumb" src=upload.image.url(240) alt=t(msg::upload::COVER)/>
                                        }),
                                        _ => None,
                                    }}
                                    <p class="field-hint" role="status">{cover_text}</p>
                                </div>
                            </div>
                        </Show>
                        <Button variant=ButtonVariant::Link size=ButtonSize::Small
                            on_click=Callback::new(move |_| { length.set(0.0); slot.remove() })>{t(msg::upload::REMOVE_VIDEO)}</Button>
                    </div>
                }.into_any(),
            }}
            <p class="field-hint">{tf(msg::upload::LIMITS, &[("mb", &(VIDEO_MAX_BYTES / (1024 * 1024))), ("minutes", &(VIDEO_MAX_SECONDS / 60))])}</p>
            <p class="field-hint">{t(msg::upload::DRAFTS_TEXT_ONLY)}</p>
        </section>
    }
}
