//! The composer's video side as shown: the pick button and limits, upload and processing
//! progress, the ready video with its cover-frame chooser, and failures with what to do.

use api_types::VIDEO_MAX_SECONDS;

use super::*;
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::format;

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
