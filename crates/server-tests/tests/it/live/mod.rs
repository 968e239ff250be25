//! Live shopping rooms: the REST endpoints (`rest.rs`), the events WebSocket against a real
//! listening server (`ws.rs`), and buying in a room (`commerce.rs`: flash sales, no oversell
//! under 200 concurrent buyers, the host's commission).

use std::net::SocketAddr;
use std::time::Duration;

use api_types::{LiveRoomDetail, ServerEvent};
use axum::http::Method;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::common::{parse, signed_in_user, test_app, TestApp, TestResponse, SMALL_WORLD};

mod commerce;
mod demo;
mod rest;
mod scale;
mod ws;

/// A person with a session.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: i64,
    pub cookie: String,
}

pub async fn person(app: &TestApp) -> Person {
    let (id, cookie) = signed_in_user(app, "live_{n}", "Live Person {n}").await;
    Person { id, cookie }
}

pub async fn live_app() -> TestApp {
    test_app(SMALL_WORLD).await
}

/// Sends a JSON request as `who` (a guest when `None`).
pub async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    who: Option<&Person>,
    body: Option<Value>,
) -> TestResponse {
    let req = app
        .request(method, uri)
        .maybe_cookie(who.map(|p| p.cookie.as_str()));
    match body {
        Some(body) => req.json(&body).send().await,
        None => req.send().await,
    }
}

/// The status of a body-less request as `who` (a guest when `None`).
pub async fn status(app: &TestApp, method: Method, uri: &str, who: Option<&Person>) -> u16 {
    call(app, method, uri, who, None).await.status.as_u16()
}

/// `GET uri` as `who`, which must answer 200 with a `T` (`what` names it in failures).
pub async fn get_as<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    uri: &str,
    who: Option<&Person>,
    what: &str,
) -> T {
    parse(&call(app, Method::GET, uri, who, None).await, 200, what)
}

/// `host` presses End in room `room`.
pub async fn end_live(app: &TestApp, room: i64, host: &Person) -> TestResponse {
    let uri = format!("/api/v1/live/{room}/end");
    call(app, Method::POST, &uri, Some(host), None).await
}

/// The first `n` product ids of the shop with stock, in id order.
pub async fn products(app: &TestApp, n: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT p.id FROM products p WHERE EXISTS \
         (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock > 0) \
         ORDER BY p.id LIMIT $1",
    )
    .bind(n)
    .fetch_all(&app.state.db)
    .await
    .expect("products")
}

/// `host` goes live with `products`.
pub async fn go_live(app: &TestApp, host: &Person, products: &[i64]) -> LiveRoomDetail {
    let res = call(
        app,
        Method::POST,
        "/api/v1/live",
        Some(host),
        Some(json!({"title": "今晚上新 New drops", "product_ids": products})),
    )
    .await;
    parse(&res, 201, "go live")
}

/// The app served on a loopback port (for WebSockets), with peer addresses.
pub async fn serve(app: &TestApp) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let service = app
        .router
        .clone()
        .into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move {
        let _ = axum::serve(listener, service).await;
    });
    addr
}

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens room `room`'s events socket as `who`, from this site's origin (or `origin`).
pub async fn open(
    addr: SocketAddr,
    room: i64,
    who: Option<&Person>,
    origin: Option<&str>,
) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    let mut req = format!("ws://{addr}/api/v1/live/{room}/ws")
        .into_client_request()
        .expect("request");
    let origin = origin.map_or_else(|| format!("http://{addr}"), str::to_string);
    let headers = req.headers_mut();
    headers.insert("origin", HeaderValue::from_str(&origin).expect("origin"));
    if let Some(p) = who {
        headers.insert("cookie", HeaderValue::from_str(&p.cookie).expect("cookie"));
    }
    tokio_tungstenite::connect_async(req)
        .await
        .map(|(ws, _)| ws)
}

/// Opens a socket that must connect, and reads its `hello`.
pub async fn watch(addr: SocketAddr, room: i64, who: Option<&Person>) -> (Socket, ServerEvent) {
    let mut ws = open(addr, room, who, None).await.expect("socket opens");
    let hello = next_event(&mut ws).await.expect("hello");
    assert!(matches!(hello, ServerEvent::Hello { .. }), "{hello:?}");
    (ws, hello)
}

/// The next event within two seconds (`None`: closed or silent).
pub async fn next_event(ws: &mut Socket) -> Option<ServerEvent> {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(2), ws.next())
            .await
            .ok()??
            .ok()?;
        match msg {
            Message::Text(text) => {
                return Some(serde_json::from_str(&text).expect("a server event"));
            }
            Message::Close(_) => return None,
            _ => continue,
        }
    }
}

/// Reads events until one matches `want` (within `secs` seconds overall; `None` if the
/// socket closed or nothing matched in time).
pub async fn wait_for(
    ws: &mut Socket,
    secs: u64,
    want: impl Fn(&ServerEvent) -> bool,
) -> Option<ServerEvent> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        let msg = tokio::time::timeout_at(deadline, ws.next())
            .await
            .ok()??
            .ok()?;
        match msg {
            Message::Text(text) => {
                let event: ServerEvent = serde_json::from_str(&text).expect("a server event");
                if want(&event) {
                    return Some(event);
                }
            }
            Message::Close(_) => return None,
            _ => {}
        }
    }
}

/// The close frame's code the server ends a socket with (after any events).
pub async fn close_code(ws: &mut Socket) -> Option<u16> {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(3), ws.next())
            .await
            .ok()??;
        match msg {
            Ok(Message::Close(Some(frame))) => return Some(frame.code.into()),
            Ok(Message::Close(None)) => return None,
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
}

pub async fn send_json(ws: &mut Socket, value: Value) {
    ws.send(Message::Text(value.to_string().into()))
        .await
        .expect("send");
}

pub async fn say(ws: &mut Socket, text: &str) {
    send_json(ws, json!({"type": "chat", "text": text})).await;
}
