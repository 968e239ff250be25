//! Typed client for the `/api/v1` API. Components call these functions and never build URLs
//! by hand; every failure is an [`ApiError`].

use api_types::{
    Address, AddressInput, Cart, Channel, CheckoutQuote, Comment, CommentPage, CreatorStats, Draft,
    Earnings, ErrorBody, FeedPage, FieldError, LineInput, LinesInput, Me, NewComment, NoteCard,
    NoteDetail, NoteInput, NoteSearchPage, NoteTypeFilter, NotificationPage, NotificationTab,
    OrderDetail, OrderPage, PasswordChange, PlaceOrder, ProductDetail, ProductPage, ProductSort,
    ProfileUpdate, Published, QuantityInput, QuoteInput, ReportInput, ReportReason, ReportResult,
    SearchSort, Session, ShopCategory, SignIn, SignUp, TimeFilter, Toggle, TopicSuggestion,
    UnreadCounts, Upload, UserPage, UserProfile, UserSearchPage, UserSummary, WaitingNote,
};
use gloo_net::http::{Method, Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::i18n::{msg, t, tf};
use crate::server_text::{localize, localize_fields};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    NotFound(String),
    BadRequest(String),
    Validation(String),
    /// A form the server refused, field by field.
    Fields {
        message: String,
        fields: Vec<FieldError>,
    },
    /// Not signed in (or the session ended).
    Unauthorized(String),
    Forbidden(String),
    RateLimited(String),
    Rejected(String),
    /// The request clashes with the current state (sold out, price changed, already shipped).
    Conflict(String),
    /// The (test-mode) card was declined.
    PaymentDeclined(String),
    /// A failure without a message of its own; these show fixed texts (see `Display`).
    Server {
        status: u16,
    },
    /// The request did not get through (the text is the browser's detail, not shown).
    Network(String),
    /// The answer was not what was expected (the text is the decoder's detail, not shown).
    Decode(String),
}

/// The message to show: the server's (already in the interface language, see
/// [`error_from_response`]) or, for failures without one, a fixed text.
impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::NotFound(message)
            | ApiError::BadRequest(message)
            | ApiError::Validation(message)
            | ApiError::Fields { message, .. }
            | ApiError::Unauthorized(message)
            | ApiError::Forbidden(message)
            | ApiError::RateLimited(message)
            | ApiError::Rejected(message)
            | ApiError::Conflict(message)
            | ApiError::PaymentDeclined(message) => f.write_str(message),
            ApiError::Server { status } => {
                f.write_str(&tf(msg::api::SERVER_PROBLEM, &[("status", status)]))
            }
            ApiError::Network(_) => f.write_str(t(msg::api::CANT_REACH_ZHONGCAO_CHECK_CONNECTION)),
            ApiError::Decode(_) => f.write_str(t(msg::api::UNEXPECTED_RESPONSE_FROM_SERVER)),
        }
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::NotFound(_))
    }

    /// The server's message for `field` of a refused form.
    pub fn field(&self, field: &str) -> Option<String> {
        match self {
            ApiError::Fields { fields, .. } => fields
                .iter()
                .find(|f| f.field == field)
                .map(|f| f.message.clone()),
            _ => None,
        }
    }
}

/// Maps a non-success HTTP response to an error, using the server's JSON message when present.
/// The server writes English; its messages are put in the interface language here.
pub fn error_from_response(status: u16, body: &str) -> ApiError {
    let (message, fields) = serde_json::from_str::<ErrorBody>(body)
        .map(|b| (b.error.message, b.error.fields))
        .unwrap_or_else(|_| (format!("Request failed with status {status}."), Vec::new()));
    let (message, fields) = (localize(&message), localize_fields(fields));
    match status {
        404 => ApiError::NotFound(message),
        400 => ApiError::BadRequest(message),
        401 => ApiError::Unauthorized(message),
        403 => ApiError::Forbidden(message),
        429 => ApiError::RateLimited(message),
        413 | 415 => ApiError::Rejected(message),
        402 => ApiError::PaymentDeclined(message),
        409 => ApiError::Conflict(message),
        422 if !fields.is_empty() => ApiError::Fields { message, fields },
        422 => ApiError::Validation(message),
        _ => ApiError::Server { status },
    }
}

/// `encodeURIComponent`, in Rust so the server builds the same paths (`api_types::paths`).
fn encode(value: &str) -> String {
    api_types::paths::encode_component(value)
}

// The async request code is not generic: each endpoint only adds its (small) decode step,
// which keeps the wasm bundle from growing a request state machine per response type.

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(&get_text(path).await?)
}

async fn get_text(path: &str) -> Result<String, ApiError> {
    if let Some(body) = take_boot(path) {
        return Ok(body);
    }
    let mut request = Request::get(path).header("Accept", "application/json");
    if let Some(guest) = crate::guest::current() {
        request = request.header(GUEST_HEADER, &guest);
    }
    let request = request
        .build()
        .map_err(|e| ApiError::Network(e.to_string()))?;
    send_raw(request).await
}

thread_local! {
    /// The answers the server put into the document for this page's first requests, read at
    /// the first request (see [`take_boot`]), with the time they were read.
    static BOOT: std::cell::RefCell<Option<(js_sys::Object, f64)>> = const { std::cell::RefCell::new(None) };
}

/// The id of the document's inline data: `<script type="application/json" id="zc-boot">`
/// holding `{"<api path>": <that GET's JSON answer>, …}` (the server's `shell::boot`).
const BOOT_ELEMENT_ID: &str = "zc-boot";
/// Inline answers not asked for this soon after start are dropped: they would be stale.
const BOOT_MAX_AGE_MS: f64 = 30_000.0;

/// Reads (and removes) the inline data element; an empty object if there is none.
fn read_boot() -> js_sys::Object {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(BOOT_ELEMENT_ID));
    let Some(element) = element else {
        return js_sys::Object::new();
    };
    // A script element's markup is its text, unescaped.
    let text = element.inner_html();
    element.remove();
    js_sys::JSON::parse(&text)
        .ok()
        .and_then(|v| wasm_bindgen::JsCast::dyn_into::<js_sys::Object>(v).ok())
        .unwrap_or_default()
}

/// The inline answer for exactly `path`, if the document brought one: each is used once (a
/// later request for the same path goes to the network) and only while fresh. The server's
/// JSON goes through the browser's parser and back (numbers here are far below 2^53).
fn take_boot(path: &str) -> Option<String> {
    BOOT.with(|boot| {
        let mut boot = boot.borrow_mut();
        let now = js_sys::Date::now();
        let (data, read_at) = boot.get_or_insert_with(|| (read_boot(), now));
        if now - *read_at > BOOT_MAX_AGE_MS {
            return None;
        }
        let key = wasm_bindgen::JsValue::from_str(path);
        let value = js_sys::Reflect::get(data, &key)
            .ok()
            .filter(|v| !v.is_undefined())?;
        let _ = js_sys::Reflect::delete_property(data, &key);
        js_sys::JSON::stringify(&value).ok().map(String::from)
    })
}

/// Drops the inline answers not used yet: they were for whoever was signed in at load.
fn forget_boot() {
    BOOT.with(|boot| *boot.borrow_mut() = Some((js_sys::Object::new(), 0.0)));
}

fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    // 204 answers have no body; callers asking for `()` accept `null`.
    let body = if body.is_empty() { "null" } else { body };
    serde_json::from_str(body).map_err(|e| ApiError::Decode(e.to_string()))
}

fn encode_body<B: Serialize>(body: Option<&B>) -> Result<Option<String>, ApiError> {
    body.map(serde_json::to_string)
        .transpose()
        .map_err(|e| ApiError::Decode(e.to_string()))
}

/// A state-changing call with a JSON body (or none). Cookies go along: the session lives in
/// an HttpOnly cookie, and the browser adds the `Origin` the server checks.
async fn send_json<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<T, ApiError> {
    send_with(RequestBuilder::new(path).method(method), body).await
}

/// [`send_json`] for a request that needs extra headers.
async fn send_with<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: Option<&B>,
) -> Result<T, ApiError> {
    let json = encode_body(body)?;
    decode(&send_text(builder, json).await?)
}

/// A guest's anonymous id goes with every request (see `crate::guest`); the server reads it
/// only where a guest's taste matters (For-you, its signals, and signing in or up).
const GUEST_HEADER: &str = "X-Guest-Id";

async fn send_text(builder: RequestBuilder, json: Option<String>) -> Result<String, ApiError> {
    let mut builder = builder.header("Accept", "application/json");
    if let Some(guest) = crate::guest::current() {
        builder = builder.header(GUEST_HEADER, &guest);
    }
    let request = match json {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    send_raw(request).await
}

async fn send_raw(request: Request) -> Result<String, ApiError> {
    let response = request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !(200..300).contains(&status) {
        return Err(error_from_response(status, &body));
    }
    Ok(body)
}

/// A note search as the URL describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSearch {
    pub q: String,
    pub sort: SearchSort,
    pub kind: NoteTypeFilter,
    pub time: TimeFilter,
}

/// Which notes a feed lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedSource {
    Channel(String),
    Topic(String),
    TopicNewest(String),
    Author(i64),
    Search(NoteSearch),
    /// Newest notes from people the signed-in user follows.
    Following,
    /// The reader's own ranked For-you list: signed in, or a guest whose browser has taught it.
    ForYou,
    /// Notes a user collected / liked.
    Collections(i64),
    Likes(i64),
    /// Notes that tag a product.
    ProductNotes(i64),
}

/// The pseudo-channel slug of the following feed in `/explore?channel=`.
pub const FOLLOWING_CHANNEL: &str = "following";

/// The channel slug of For you (the public page, or the reader's own list).
pub const FOR_YOU_CHANNEL: &str = "recommend";

/// The personal For-you list (signed in, or a guest by its anonymous id; its own cursors).
pub const FOR_YOU_FEED: &str = "/api/v1/feed/for-you?limit=20";

pub async fn channels() -> Result<Vec<Channel>, ApiError> {
    get_json(api_types::paths::CHANNELS).await
}

pub fn feed_path(source: &FeedSource, cursor: Option<&str>) -> String {
    let mut path = match source {
        FeedSource::Channel(slug) => api_types::paths::feed_channel(slug),
        FeedSource::Topic(topic) => format!("/api/v1/feed?topic={}", encode(topic)),
        FeedSource::TopicNewest(topic) => {
            format!("/api/v1/feed?topic={}&sort=newest", encode(topic))
        }
        FeedSource::Author(id) => format!("/api/v1/feed?author={id}"),
        FeedSource::Following => api_types::paths::FOLLOWING_FEED.to_string(),
        FeedSource::ForYou => FOR_YOU_FEED.to_string(),
        FeedSource::Collections(id) => format!("/api/v1/users/{id}/collections?limit=20"),
        FeedSource::Likes(id) => format!("/api/v1/users/{id}/likes?limit=20"),
        FeedSource::ProductNotes(id) => format!("/api/v1/products/{id}/notes?limit=20"),
        FeedSource::Search(s) => api_types::paths::note_search(&s.q, s.sort, s.kind, s.time),
    };
    if let Some(cursor) = cursor {
        path.push_str("&cursor=");
        path.push_str(&encode(cursor));
    }
    path
}

pub async fn feed(source: &FeedSource, cursor: Option<&str>) -> Result<FeedPage, ApiError> {
    let path = feed_path(source, cursor);
    if matches!(source, FeedSource::Search(_)) {
        let page: NoteSearchPage = get_json(&path).await?;
        return Ok(FeedPage {
            items: page.items,
            next_cursor: page.next_cursor,
        });
    }
    get_json(&path).await
}

pub async fn search_users(q: &str, cursor: Option<&str>) -> Result<UserSearchPage, ApiError> {
    let mut path = format!("/api/v1/search/users?q={}", encode(q));
    if let Some(cursor) = cursor {
        path.push_str("&cursor=");
        path.push_str(&encode(cursor));
    }
    get_json(&path).await
}

thread_local! {
    /// Recently fetched or prefetched notes, so opening a card can render at once.
    static NOTE_CACHE: std::cell::RefCell<Vec<NoteDetail>> = const { std::cell::RefCell::new(Vec::new()) };
}
const NOTE_CACHE_SIZE: usize = 24;

fn remember(note: &NoteDetail) {
    NOTE_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.retain(|n| n.id != note.id);
        if c.len() >= NOTE_CACHE_SIZE {
            c.remove(0);
        }
        c.push(note.clone());
    });
}

/// A note fetched (or prefetched) recently, without a request.
pub fn cached_note(id: i64) -> Option<NoteDetail> {
    NOTE_CACHE.with(|c| c.borrow().iter().find(|n| n.id == id).cloned())
}

pub async fn note(id: i64) -> Result<NoteDetail, ApiError> {
    let note: NoteDetail = get_json(&api_types::paths::note(id)).await?;
    remember(&note);
    Ok(note)
}

/// Warms the cache when a pointer rests on a card (or a finger touches it).
pub fn prefetch_note(id: i64) {
    if cached_note(id).is_some() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let _ = note(id).await;
    });
}

pub async fn related(id: i64) -> Result<Vec<NoteCard>, ApiError> {
    get_json(&format!("/api/v1/notes/{id}/related?limit=24")).await
}

pub async fn comments(note_id: i64, cursor: &str) -> Result<CommentPage, ApiError> {
    get_json(&format!(
        "/api/v1/notes/{note_id}/comments?cursor={}",
        encode(cursor)
    ))
    .await
}

pub async fn replies(comment_id: i64, cursor: Option<&str>) -> Result<CommentPage, ApiError> {
    let mut path = format!("/api/v1/comments/{comment_id}/replies?limit=10");
    if let Some(cursor) = cursor {
        path.push_str("&cursor=");
        path.push_str(&encode(cursor));
    }
    get_json(&path).await
}

pub async fn user(id: i64) -> Result<UserProfile, ApiError> {
    get_json(&format!("/api/v1/users/{id}")).await
}

pub async fn suggest(q: &str) -> Result<Vec<String>, ApiError> {
    get_json(&format!("/api/v1/search/suggest?q={}", encode(q))).await
}

pub async fn trending() -> Result<Vec<String>, ApiError> {
    get_json("/api/v1/search/trending").await
}

/// Forgets every cached note: what the reader has liked or collected changes on sign-in/out.
pub fn forget_notes() {
    NOTE_CACHE.with(|c| c.borrow_mut().clear());
    forget_boot();
}

/// Updates a cached note in place (after a like, collect, follow or comment).
pub fn update_cached_note(id: i64, change: impl FnOnce(&mut NoteDetail)) {
    NOTE_CACHE.with(|c| {
        if let Some(n) = c.borrow_mut().iter_mut().find(|n| n.id == id) {
            change(n);
        }
    });
}

fn page_path(base: String, cursor: Option<&str>) -> String {
    match cursor {
        Some(c) => format!(
            "{base}{}cursor={}",
            if base.contains('?') { "&" } else { "?" },
            encode(c)
        ),
        None => base,
    }
}

// ---- Accounts ----

pub async fn session() -> Result<Session, ApiError> {
    get_json("/api/v1/auth/session").await
}

pub async fn sign_in(form: &SignIn) -> Result<Session, ApiError> {
    send_json(Method::POST, "/api/v1/auth/signin", Some(form)).await
}

pub async fn sign_up(form: &SignUp) -> Result<Session, ApiError> {
    send_json(Method::POST, "/api/v1/auth/signup", Some(form)).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    send_json::<(), ()>(Method::POST, "/api/v1/auth/signout", None).await
}

pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    send_json::<(), ()>(Method::POST, "/api/v1/auth/signout-all", None).await
}

pub async fn update_profile(update: &ProfileUpdate) -> Result<Me, ApiError> {
    send_json(Method::PATCH, "/api/v1/me", Some(update)).await
}

pub async fn change_password(form: &PasswordChange) -> Result<(), ApiError> {
    send_json(Method::PUT, "/api/v1/me/password", Some(form)).await
}

/// Uploads a picture file as the new avatar (the server checks type and size).
pub async fn upload_avatar(file: &web_sys::File) -> Result<Me, ApiError> {
    let request = RequestBuilder::new("/api/v1/me/avatar")
        .method(Method::PUT)
        .header("Accept", "application/json")
        .header("Content-Type", &file.type_())
        .body(wasm_bindgen::JsValue::from(file.clone()))
        .map_err(|e| ApiError::Network(e.to_string()))?;
    let body = send_raw(request).await?;
    decode(&body)
}

// ---- Interactions ----

fn toggle_method(on: bool) -> Method {
    if on {
        Method::PUT
    } else {
        Method::DELETE
    }
}

pub async fn set_note_like(note: i64, on: bool) -> Result<Toggle, ApiError> {
    send_json::<(), _>(
        toggle_method(on),
        &format!("/api/v1/notes/{note}/like"),
        None,
    )
    .await
}

pub async fn set_note_collect(note: i64, on: bool) -> Result<Toggle, ApiError> {
    send_json::<(), _>(
        toggle_method(on),
        &format!("/api/v1/notes/{note}/collect"),
        None,
    )
    .await
}

pub async fn set_comment_like(comment: i64, on: bool) -> Result<Toggle, ApiError> {
    send_json::<(), _>(
        toggle_method(on),
        &format!("/api/v1/comments/{comment}/like"),
        None,
    )
    .await
}

pub async fn set_follow(user: i64, on: bool) -> Result<Toggle, ApiError> {
    send_json::<(), _>(
        toggle_method(on),
        &format!("/api/v1/users/{user}/follow"),
        None,
    )
    .await
}

pub async fn post_comment(note: i64, form: &NewComment) -> Result<Comment, ApiError> {
    send_json(
        Method::POST,
        &format!("/api/v1/notes/{note}/comments"),
        Some(form),
    )
    .await
}

pub async fn delete_comment(comment: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(Method::DELETE, &format!("/api/v1/comments/{comment}"), None).await
}

// ---- People ----

/// Which list of people: someone's followers or the people they follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeopleList {
    Followers(i64),
    Following(i64),
}

pub async fn people(list: PeopleList, cursor: Option<&str>) -> Result<UserPage, ApiError> {
    let base = match list {
        PeopleList::Followers(id) => format!("/api/v1/users/{id}/followers"),
        PeopleList::Following(id) => format!("/api/v1/users/{id}/following"),
    };
    get_json(&page_path(base, cursor)).await
}

pub async fn suggested_creators() -> Result<UserPage, ApiError> {
    get_json("/api/v1/users/suggested").await
}

// ---- Notifications ----

pub async fn notifications(
    tab: NotificationTab,
    cursor: Option<&str>,
) -> Result<NotificationPage, ApiError> {
    get_json(&page_path(
        format!("/api/v1/notifications?tab={}", tab.as_str()),
        cursor,
    ))
    .await
}

pub async fn unread_counts() -> Result<UnreadCounts, ApiError> {
    get_json("/api/v1/notifications/unread").await
}

pub async fn mark_read(tab: NotificationTab) -> Result<UnreadCounts, ApiError> {
    send_json::<(), _>(
        Method::POST,
        &format!("/api/v1/notifications/read?tab={}", tab.as_str()),
        None,
    )
    .await
}

// ---- Shop ----

pub async fn shop_categories() -> Result<Vec<ShopCategory>, ApiError> {
    get_json("/api/v1/shop/categories").await
}

/// A page of the product grid; `category` None means every category.
pub async fn products(
    category: Option<&str>,
    sort: ProductSort,
    cursor: Option<&str>,
) -> Result<ProductPage, ApiError> {
    let mut base = format!("/api/v1/products?sort={}", sort.as_str());
    if let Some(c) = category {
        base.push_str("&category=");
        base.push_str(&encode(c));
    }
    get_json(&page_path(base, cursor)).await
}

pub async fn product(id: i64) -> Result<ProductDetail, ApiError> {
    get_json(&api_types::paths::product(id)).await
}

pub async fn search_products(
    q: &str,
    cursor: Option<&str>,
) -> Result<api_types::ProductSearchPage, ApiError> {
    get_json(&page_path(
        format!("/api/v1/search/products?q={}", encode(q)),
        cursor,
    ))
    .await
}

// ---- Cart, checkout, orders, earnings ----

pub async fn cart() -> Result<Cart, ApiError> {
    get_json("/api/v1/cart").await
}

/// Adds to the signed-in cart.
pub async fn add_to_cart(line: &LineInput) -> Result<Cart, ApiError> {
    send_json(Method::POST, "/api/v1/cart/items", Some(line)).await
}

pub async fn set_cart_quantity(variant: i64, quantity: i64) -> Result<Cart, ApiError> {
    send_json(
        Method::PUT,
        &format!("/api/v1/cart/items/{variant}"),
        Some(&QuantityInput { quantity }),
    )
    .await
}

pub async fn remove_from_cart(variant: i64) -> Result<Cart, ApiError> {
    send_json::<(), _>(
        Method::DELETE,
        &format!("/api/v1/cart/items/{variant}"),
        None,
    )
    .await
}

/// Moves a signed-out (browser) cart into the account's cart.
pub async fn merge_cart(items: Vec<LineInput>) -> Result<Cart, ApiError> {
    send_json(
        Method::POST,
        "/api/v1/cart/merge",
        Some(&LinesInput { items }),
    )
    .await
}

/// Prices a browser cart without storing it.
pub async fn preview_cart(items: Vec<LineInput>) -> Result<Cart, ApiError> {
    send_json(
        Method::POST,
        "/api/v1/cart/preview",
        Some(&LinesInput { items }),
    )
    .await
}

pub async fn addresses() -> Result<Vec<Address>, ApiError> {
    get_json("/api/v1/addresses").await
}

pub async fn save_address(id: Option<i64>, form: &AddressInput) -> Result<Address, ApiError> {
    match id {
        Some(id) => send_json(Method::PUT, &format!("/api/v1/addresses/{id}"), Some(form)).await,
        None => send_json(Method::POST, "/api/v1/addresses", Some(form)).await,
    }
}

pub async fn delete_address(id: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(Method::DELETE, &format!("/api/v1/addresses/{id}"), None).await
}

pub async fn quote(items: Option<Vec<LineInput>>) -> Result<CheckoutQuote, ApiError> {
    send_json(
        Method::POST,
        "/api/v1/checkout/quote",
        Some(&QuoteInput { items }),
    )
    .await
}

/// Places an order. `key` stays the same for retries of one attempt, so a double click or a
/// lost response can never buy twice.
pub async fn place_order(form: &PlaceOrder, key: &str) -> Result<OrderDetail, ApiError> {
    send_with(
        RequestBuilder::new("/api/v1/orders")
            .method(Method::POST)
            .header("Idempotency-Key", key),
        Some(form),
    )
    .await
}

pub async fn orders(cursor: Option<&str>) -> Result<OrderPage, ApiError> {
    get_json(&page_path("/api/v1/orders".into(), cursor)).await
}

pub async fn order(id: i64) -> Result<OrderDetail, ApiError> {
    get_json(&format!("/api/v1/orders/{id}")).await
}

pub async fn cancel_order(id: i64) -> Result<OrderDetail, ApiError> {
    send_json::<(), _>(Method::POST, &format!("/api/v1/orders/{id}/cancel"), None).await
}

pub async fn earnings(cursor: Option<&str>) -> Result<Earnings, ApiError> {
    get_json(&page_path("/api/v1/creator/earnings".into(), cursor)).await
}

// ---- Publishing ----

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
