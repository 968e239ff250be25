//! Publishing: uploads (XHR, for progress), notes, drafts, suggestions, reports, views,
//! shares and creator stats; videos.

use super::*;

/// Uploads one image, reporting progress (0.0–1.0) as it goes. XHR rather than fetch: only
/// XHR reports upload progress.
pub async fn upload_image(
    file: &web_sys::File,
    on_progress: impl Fn(f64) + 'static,
) -> Result<Upload, ApiError> {
    // Image uploads are not cancelled, so nobody needs the request.
    upload_file("/api/v1/uploads", file, on_progress, |_| {}).await
}

/// POSTs `file` as the raw body to `path` with XHR (only XHR reports upload progress) and
/// decodes the JSON answer. `on_progress` gets 0.0–1.0; `on_start` gets the request once it is
/// sent, so a caller can abort it. Load, error and abort all just end the wait: what happened
/// is read from the status afterwards (0 when the request never got an answer).
async fn upload_file<T: DeserializeOwned>(
    path: &str,
    file: &web_sys::File,
    on_progress: impl Fn(f64) + 'static,
    on_start: impl FnOnce(web_sys::XmlHttpRequest),
) -> Result<T, ApiError> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiError::Network("XHR".into()))?;
    xhr.open("POST", path)
        .map_err(|_| ApiError::Network("XHR open".into()))?;
    let _ = xhr.set_request_header("Accept", "application/json");
    let _ = xhr.set_request_header("Content-Type", &file.type_());
    let progress =
        Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                on_progress(e.loaded() / e.total());
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&resolve));
        xhr.set_onabort(Some(&resolve));
    });
    xhr.send_with_opt_blob(Some(file))
        .map_err(|_| ApiError::Network("XHR send".into()))?;
    on_start(xhr.clone());
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    // The progress closure must live until the upload has ended; dropping it earlier would
    // leave the XHR calling a freed function.
    drop(progress);
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        0 => Err(ApiError::Network("upload failed".into())),
        200..=299 => decode(&body),
        _ => Err(error_from_response(status, &body)),
    }
}

/// The published note, or (a video still being processed) the note waiting for its video.
pub async fn publish_note(form: &NoteInput) -> Result<Published, ApiError> {
    send_json(Method::POST, "/api/v1/notes", Some(form)).await
}

/// The signed-in author's video notes waiting for their video.
pub async fn waiting_notes() -> Result<Vec<WaitingNote>, ApiError> {
    get_json("/api/v1/me/waiting-notes").await
}

pub async fn dismiss_waiting_note(video_id: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(
        Method::DELETE,
        &format!("/api/v1/me/waiting-notes/{video_id}"),
        None,
    )
    .await
}

pub async fn edit_note(id: i64, form: &NoteInput) -> Result<NoteDetail, ApiError> {
    send_json(Method::PATCH, &format!("/api/v1/notes/{id}"), Some(form)).await
}

pub async fn delete_note(id: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(Method::DELETE, &format!("/api/v1/notes/{id}"), None).await
}

pub async fn drafts() -> Result<Vec<Draft>, ApiError> {
    get_json("/api/v1/drafts").await
}

pub async fn draft(id: i64) -> Result<Option<Draft>, ApiError> {
    Ok(drafts().await?.into_iter().find(|d| d.id == id))
}

/// Creates the draft (no id yet) or saves over it.
pub async fn save_draft(id: Option<i64>, form: &NoteInput) -> Result<Draft, ApiError> {
    match id {
        Some(id) => send_json(Method::PUT, &format!("/api/v1/drafts/{id}"), Some(form)).await,
        None => send_json(Method::POST, "/api/v1/drafts", Some(form)).await,
    }
}

pub async fn delete_draft(id: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(Method::DELETE, &format!("/api/v1/drafts/{id}"), None).await
}

pub async fn suggest_topics(q: &str) -> Result<Vec<TopicSuggestion>, ApiError> {
    get_json(&format!("/api/v1/topics/suggest?q={}", encode(q))).await
}

pub async fn suggest_mentions(q: &str) -> Result<Vec<UserSummary>, ApiError> {
    get_json(&format!("/api/v1/me/following/suggest?q={}", encode(q))).await
}

pub enum ReportTarget {
    Note(i64),
    Comment(i64),
}

pub async fn report(target: ReportTarget, reason: ReportReason) -> Result<ReportResult, ApiError> {
    let path = match target {
        ReportTarget::Note(id) => format!("/api/v1/notes/{id}/report"),
        ReportTarget::Comment(id) => format!("/api/v1/comments/{id}/report"),
    };
    send_json(Method::POST, &path, Some(&ReportInput { reason })).await
}

/// Counts a view of the note (the server keeps one per viewer per day).
pub async fn record_view(id: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(Method::POST, &format!("/api/v1/notes/{id}/view"), None).await
}

/// "Not interested" on a For-you card (`on`), or undoing it: the note and its near-duplicates
/// leave (or come back to) the reader's For-you list.
pub async fn set_not_interested(id: i64, on: bool) -> Result<(), ApiError> {
    send_json::<(), ()>(
        toggle_method(on),
        &format!("/api/v1/notes/{id}/not-interested"),
        None,
    )
    .await
}

/// Reports how long a note was open, fire and forget. `keepalive` lets the request finish
/// when the page is being left or hidden for good (gloo-net has no such option; the flag is
/// set on the plain `RequestInit` object).
pub fn report_open(id: i64, dwell_ms: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(body) = serde_json::to_string(&api_types::NoteOpen { dwell_ms }) else {
        return;
    };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/json".into());
    if let Some(guest) = crate::guest::current() {
        let _ = js_sys::Reflect::set(&headers, &GUEST_HEADER.into(), &guest.into());
    }
    init.set_headers(&headers);
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    let promise = window.fetch_with_str_and_init(&format!("/api/v1/notes/{id}/open"), &init);
    // A failed report is not worth telling anyone about; the rejection is handled so the
    // console stays quiet.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

pub async fn record_share(id: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(Method::POST, &format!("/api/v1/notes/{id}/share"), None).await
}

pub async fn creator_stats(days: i64) -> Result<CreatorStats, ApiError> {
    get_json(&format!("/api/v1/creator/stats?days={days}")).await
}

// ---- Video uploads ----

/// Uploads one video as the raw body (`POST /videos`), reporting progress (0.0–1.0). XHR, like
/// [`upload_image`], for the progress events; `on_start` gets the request so the caller can
/// abort it (an aborted upload ends as [`ApiError::Network`]).
pub async fn upload_video(
    file: &web_sys::File,
    on_progress: impl Fn(f64) + 'static,
    on_start: impl FnOnce(web_sys::XmlHttpRequest),
) -> Result<api_types::VideoStatus, ApiError> {
    upload_file("/api/v1/videos", file, on_progress, on_start).await
}

/// How an uploaded video's processing is going (`GET /videos/{id}`).
pub async fn video_status(id: i64) -> Result<api_types::VideoStatus, ApiError> {
    get_json(&format!("/api/v1/videos/{id}")).await
}
