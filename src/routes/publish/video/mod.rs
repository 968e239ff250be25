//! The composer's video: pick one (MP4, MOV or WebM within the limits), upload it with
//! progress (cancel, retry), follow the server's processing, and optionally choose a cover
//! frame, captured from the local preview and uploaded as a photo.

mod picker;

pub use picker::VideoPicker;

use api_types::{Upload, VideoState, VideoStatus, VIDEO_MAX_BYTES};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
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
                let why = status.error.unwrap_or_default();
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
