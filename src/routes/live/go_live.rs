//! `/live/new`: go live. A title, products from the shop (searched, then picked), the camera
//! and microphone previewed; Start opens the room (`POST /api/v1/live`) and the ingest socket
//! (`api_types::live_media`): first `IngestStart` with the time recording began, then each
//! `MediaRecorder` chunk (WebM VP8 + Opus, every [`CHUNK_MS`]) as a binary message. The page
//! then shows the room as its host, with the camera as a self-preview; leaving the page stops
//! the recording (the room stays live until ended).

use std::cell::RefCell;
use std::rc::Rc;

use api_types::live_media::{ingest_path, IngestStart};
use api_types::{ProductCard, LIVE_MAX_PRODUCTS, LIVE_TITLE_MAX_CHARS};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BlobEvent, MediaRecorder, MediaRecorderOptions, MediaStream, WebSocket};

use super::room::RoomLoader;
use crate::api;
use crate::components::gate::SignedInOnly;
use crate::components::picture::Picture;
use crate::components::ui::{Button, ButtonSize, ButtonVariant, Price};
use crate::i18n::{msg, t, tf};

/// `MediaRecorder`'s timeslice: the server gets a chunk this often.
const CHUNK_MS: i32 = 500;
/// What the recorder is asked for first (Chromium and Firefox record it).
const RECORDER_TYPES: [&str; 3] = ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"];

#[component]
pub fn GoLivePage() -> impl IntoView {
    view! {
        <SignedInOnly title=t(msg::live::GO_LIVE) reason=t(msg::live::SIGN_IN_TO_GO_LIVE)>
            <GoLive/>
        </SignedInOnly>
    }
}

/// The camera stream, the recorder and its socket, while on air.
#[derive(Default)]
struct OnAir {
    stream: Option<MediaStream>,
    recorder: Option<MediaRecorder>,
    socket: Option<WebSocket>,
    closures: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl OnAir {
    fn stop(&mut self) {
        if let Some(r) = self.recorder.take() {
            r.set_ondataavailable(None);
            let _ = r.stop();
        }
        if let Some(ws) = self.socket.take() {
            ws.set_onopen(None);
            let _ = ws.close();
        }
        if let Some(s) = self.stream.take() {
            for track in s.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
        self.closures.clear();
    }
}

#[component]
fn GoLive() -> impl IntoView {
    let title = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<ProductCard>::new());
    let picked = RwSignal::new(Vec::<ProductCard>::new());
    let camera = RwSignal::new(None::<SendWrapper<MediaStream>>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let room = RwSignal::new(None::<i64>);
    let preview = NodeRef::<leptos::html::Video>::new();
    let on_air = SendWrapper::new(Rc::new(RefCell::new(OnAir::default())));
    {
        let on_air = on_air.clone();
        on_cleanup(move || on_air.borrow_mut().stop());
    }

    let search = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let q = query.get_untracked().trim().to_string();
        if q.is_empty() {
            return;
        }
        spawn_local(async move {
            match api::search_products(&q, None).await {
                Ok(page) => {
                    let _ = results.try_set(page.items);
                }
                Err(e) => {
                    let _ = error.try_set(Some(e.to_string()));
                }
            }
        });
    };
    let toggle = move |p: ProductCard| {
        picked.update(|list| {
            if let Some(at) = list.iter().position(|x| x.id == p.id) {
                list.remove(at);
            } else if list.len() < LIVE_MAX_PRODUCTS {
                list.push(p);
            }
        });
    };
    let turn_on = {
        let on_air = on_air.clone();
        move |_| {
            let on_air = on_air.clone();
            spawn_local(async move {
                match open_camera().await {
                    Ok(stream) => {
                        if let Some(v) = preview.get_untracked() {
                            v.set_src_object(Some(&stream));
                            let _ = v.play();
                        }
                        on_air.borrow_mut().stream = Some(stream.clone());
                        let _ = camera.try_set(Some(SendWrapper::new(stream)));
                    }
                    Err(_) => {
                        let _ = error.try_set(Some(t(msg::live::CAMERA_REFUSED).to_string()));
                    }
                }
            });
        }
    };
    let start = {
        let on_air = on_air.clone();
        move |_| {
            let name = title.get_untracked().trim().to_string();
            let ids: Vec<i64> = picked.with_untracked(|l| l.iter().map(|p| p.id).collect());
            if name.is_empty() || ids.is_empty() {
                error.set(Some(t(msg::live::NEED_TITLE_AND_PRODUCTS).to_string()));
                return;
            }
            let Some(stream) = camera.get_untracked() else {
                error.set(Some(t(msg::live::TURN_ON_CAMERA_FIRST).to_string()));
                return;
            };
            busy.set(true);
            error.set(None);
            let on_air = on_air.clone();
            spawn_local(async move {
                match api::go_live(&name, ids).await {
                    Ok(detail) => {
                        if let Err(e) = broadcast(&on_air, detail.id, &stream) {
                            let _ = error.try_set(Some(tf(
                                msg::live::CANT_BROADCAST,
                                &[("error", &e.as_string().unwrap_or_default())],
                            )));
                        }
                        let _ = room.try_set(Some(detail.id));
                    }
                    Err(e) => {
                        let _ = error.try_set(Some(e.to_string()));
                    }
                }
                let _ = busy.try_set(false);
            });
        }
    };

    move || {
        if let Some(id) = room.get() {
            return view! { <RoomLoader id=id preview=camera.get_untracked()/> }.into_any();
        }
        let start = start.clone();
        let turn_on = turn_on.clone();
        view! {
            <div class="page go-live-page">
                <h1>{t(msg::live::GO_LIVE)}</h1>
                <div class="go-live-grid">
                    <div class="go-live-camera">
                        <video node_ref=preview class="go-live-preview" muted=true autoplay=true playsinline=true
                            aria-label=t(msg::live::YOUR_CAMERA)></video>
                        <Show when=move || camera.with(|c| c.is_none())>
                            <div class="go-live-camera-off">
                                <Button variant=ButtonVariant::Secondary on_click=Callback::new(turn_on.clone())>{t(msg::live::TURN_ON_CAMERA)}</Button>
                            </div>
                        </Show>
                    </div>
                    <div class="go-live-form">
                        <label class="live-field">
                            <span>{t(msg::live::TITLE)}</span>
                            <input type="text" maxlength=LIVE_TITLE_MAX_CHARS.to_string() name="title"
                                placeholder=t(msg::live::TITLE_PLACEHOLDER)
                                prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e))/>
                        </label>
                        <form class="go-live-search" role="search" aria-label=t(msg::live::SEARCH_SHOP) on:submit=search>
                            <label class="live-field">
                                <span>{move || tf(msg::live::PRODUCTS_PICKED, &[("count", &picked.with(|p| p.len())), ("max", &LIVE_MAX_PRODUCTS)])}</span>
                                <input type="search" name="product-search" placeholder=t(msg::live::SEARCH_SHOP)
                                    prop:value=move || query.get() on:input=move |e| query.set(event_target_value(&e))/>
                            </label>
                            <Button submit=true size=ButtonSize::Small variant=ButtonVariant::Secondary>{t(msg::live::SEARCH)}</Button>
                        </form>
                        <ul class="live-products go-live-results" role="list">
                            <For each=move || {
                                let mut all = picked.get();
                                all.extend(results.get().into_iter().filter(|r| !picked.with(|p| p.iter().any(|x| x.id == r.id))));
                                all
                            } key=|p| p.id let:product>
                                {
                                    let pid = product.id;
                                    let on = move || picked.with(|l| l.iter().any(|x| x.id == pid));
                                    let p2 = product.clone();
                                    view! {
                                        <li class="live-product">
                                            <Picture image=product.cover.clone() sizes="56px" alt=""/>
                                            <span class="live-product-main">
                                                <span class="live-product-title">{product.title.clone()}</span>
                                                <Price fen=product.price_fen/>
                                            </span>
                                            <button type="button" class="live-pick" aria-pressed=move || on().to_string()
                                                on:click=move |_| toggle(p2.clone())>
                                                {move || if on() { t(msg::live::PICKED) } else { t(msg::live::ADD) }}
                                            </button>
                                        </li>
                                    }
                                }
                            </For>
                        </ul>
                        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                        <Button size=ButtonSize::Large block=true loading=busy on_click=Callback::new(start)>{t(msg::live::START)}</Button>
                    </div>
                </div>
            </div>
        }
        .into_any()
    }
}

async fn open_camera() -> Result<MediaStream, JsValue> {
    let devices = web_sys::window()
        .ok_or(JsValue::NULL)?
        .navigator()
        .media_devices()?;
    let constraints = web_sys::MediaStreamConstraints::new();
    // Portrait, phone-like; the browser picks the nearest its camera offers.
    let video = js_sys::Object::new();
    js_sys::Reflect::set(&video, &"width".into(), &JsValue::from(720))?;
    js_sys::Reflect::set(&video, &"height".into(), &JsValue::from(1280))?;
    constraints.set_video(&video);
    constraints.set_audio(&JsValue::TRUE);
    let promise = devices.get_user_media_with_constraints(&constraints)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await?
        .dyn_into::<MediaStream>()
}

/// Opens the ingest socket and starts recording into it once it is open.
fn broadcast(
    on_air: &Rc<RefCell<OnAir>>,
    room_id: i64,
    stream: &MediaStream,
) -> Result<(), JsValue> {
    let url = api::socket_url(&ingest_path(room_id)).ok_or(JsValue::NULL)?;
    let ws = WebSocket::new(&url)?;
    let on_open = Closure::<dyn FnMut(JsValue)>::new({
        let on_air = Rc::clone(on_air);
        let stream = stream.clone();
        let ws = ws.clone();
        move |_| {
            if let Err(e) = record(&on_air, &ws, &stream) {
                web_sys::console::warn_1(&e);
            }
        }
    });
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    let mut air = on_air.borrow_mut();
    air.socket = Some(ws);
    air.closures.push(on_open);
    Ok(())
}

fn record(
    on_air: &Rc<RefCell<OnAir>>,
    ws: &WebSocket,
    stream: &MediaStream,
) -> Result<(), JsValue> {
    let mime = RECORDER_TYPES
        .into_iter()
        .find(|m| MediaRecorder::is_type_supported(m))
        .unwrap_or("");
    let options = MediaRecorderOptions::new();
    options.set_mime_type(mime);
    let recorder =
        MediaRecorder::new_with_media_stream_and_media_recorder_options(stream, &options)?;
    let on_data = Closure::<dyn FnMut(JsValue)>::new({
        let ws = ws.clone();
        move |e: JsValue| {
            let Some(blob) = e.dyn_ref::<BlobEvent>().and_then(|e| e.data()) else {
                return;
            };
            if blob.size() > 0.0 && ws.ready_state() == WebSocket::OPEN {
                let _ = ws.send_with_blob(&blob);
            }
        }
    });
    recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
    let started = IngestStart {
        started_at_ms: js_sys::Date::now() as i64,
    };
    let json = serde_json::to_string(&started).map_err(|e| JsValue::from_str(&e.to_string()))?;
    ws.send_with_str(&json)?;
    recorder.start_with_time_slice(CHUNK_MS)?;
    let mut air = on_air.borrow_mut();
    air.recorder = Some(recorder);
    air.closures.push(on_data);
    Ok(())
}
