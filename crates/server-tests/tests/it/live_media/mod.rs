//! The live stream's media (issue 17) over real sockets: a listening server on
//! 127.0.0.1:0 and `tokio-tungstenite` clients, FFmpeg for the host's WebM and for ffprobe.

mod abandoned;
mod demo;
mod ingest;
mod slow_viewer;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use api_types::live_media::{MediaMessage, KIND_INIT};
use futures_util::StreamExt;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use zhongcao_server::live_media::fmp4::{FragmentInfo, InitInfo};
use zhongcao_server::AppState;

use crate::common::{test_app, TestApp, SMALL_WORLD};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// The app listening on a loopback port.
pub struct LiveServer {
    pub app: TestApp,
    pub addr: SocketAddr,
}

pub async fn live_server() -> LiveServer {
    serve(test_app(SMALL_WORLD).await).await
}

/// The app with its state changed by `change` (e.g. a short grace for hosts), listening.
pub async fn live_server_with(change: impl FnOnce(AppState) -> AppState) -> LiveServer {
    serve(test_app(SMALL_WORLD).await.with_state(change)).await
}

async fn serve(app: TestApp) -> LiveServer {
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
    LiveServer { app, addr }
}

impl LiveServer {
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A WebSocket request to `path` with these headers.
    pub fn request(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> tokio_tungstenite::tungstenite::handshake::client::Request {
        let mut req = format!("ws://{}{path}", self.addr)
            .into_client_request()
            .expect("request");
        for (name, value) in headers {
            let name: tokio_tungstenite::tungstenite::http::HeaderName =
                name.parse().expect("header name");
            req.headers_mut()
                .insert(name, HeaderValue::from_str(value).expect("header value"));
        }
        req
    }

    /// Opens a WebSocket, or gives the refusal's status and JSON error code.
    pub async fn connect(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Result<Socket, (u16, String)> {
        match tokio_tungstenite::connect_async(self.request(path, headers)).await {
            Ok((socket, _)) => Ok(socket),
            Err(tokio_tungstenite::tungstenite::Error::Http(res)) => {
                let body: serde_json::Value = res
                    .body()
                    .as_deref()
                    .and_then(|b| serde_json::from_slice(b).ok())
                    .unwrap_or_default();
                Err((
                    res.status().as_u16(),
                    body["error"]["code"].as_str().unwrap_or("").to_string(),
                ))
            }
            Err(e) => panic!("connect {path}: {e}"),
        }
    }

    /// A live room of `host` (a demo one if `demo`).
    pub async fn room(&self, host: i64, demo: bool) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO live_rooms (host_id, title, status, is_demo, started_at) \
             VALUES ($1, 'Live test', 'live', $2, $3) RETURNING id",
        )
        .bind(host)
        .bind(demo)
        .bind(zhongcao_server::now_unix())
        .fetch_one(&self.app.state.db)
        .await
        .expect("room")
    }

    /// A seeded user who is not live already (the seeded demo rooms' hosts are, and a host
    /// has one live room at a time), to host demo rooms.
    pub async fn some_user(&self) -> i64 {
        sqlx::query_scalar(
            "SELECT MIN(id) FROM users WHERE id NOT IN \
             (SELECT host_id FROM live_rooms WHERE status = 'live')",
        )
        .fetch_one(&self.app.state.db)
        .await
        .expect("a user")
    }
}

/// The next binary message and when it arrived (`None` when the socket ends).
pub async fn next_binary(socket: &mut Socket, within: Duration) -> Option<(Instant, Vec<u8>)> {
    loop {
        let message = tokio::time::timeout(within, socket.next())
            .await
            .expect("a message in time")?;
        match message {
            Ok(Message::Binary(bytes)) => return Some((Instant::now(), bytes.to_vec())),
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// The next message must be a close frame with `code`, within 5 s (`what` names the socket).
pub async fn expect_close(socket: &mut Socket, code: u16, what: &str) {
    let closed = tokio::time::timeout(Duration::from_secs(5), socket.next())
        .await
        .unwrap_or_else(|_| panic!("{what} is closed in time"));
    match closed {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), code, "{what}"),
        other => panic!("{what}: expected a close frame, got {other:?}"),
    }
}

/// Reads the init message: its MIME type and parsed init segment.
pub async fn read_init(socket: &mut Socket, within: Duration) -> (String, Vec<u8>, InitInfo) {
    let (_, bytes) = next_binary(socket, within).await.expect("init message");
    let message = MediaMessage::parse(&bytes).expect("framed");
    assert_eq!(message.kind, KIND_INIT);
    let (mime, init) = message.init_parts().expect("init parts");
    let info = InitInfo::parse(init).expect("init segment parses");
    (mime.to_string(), init.to_vec(), info)
}

/// A received fragment: when, its capture time, and what it holds.
pub struct Received {
    pub at: Instant,
    pub captured_at_ms: u64,
    pub info: FragmentInfo,
    pub bytes: usize,
}

/// The top-level box types of `data`, checked to tile it exactly.
pub fn top_boxes(data: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < data.len() {
        let size = u32::from_be_bytes(data[at..at + 4].try_into().expect("size")) as usize;
        assert!(size >= 8 && at + size <= data.len(), "box overruns");
        out.push(String::from_utf8_lossy(&data[at + 4..at + 8]).into_owned());
        at += size;
    }
    out
}

/// The next fragment message, checked: `moof` then `mdat`, and parsed against `init`.
pub async fn read_fragment(
    socket: &mut Socket,
    init: &InitInfo,
    within: Duration,
) -> Option<Received> {
    let (at, bytes) = next_binary(socket, within).await?;
    let message = MediaMessage::parse(&bytes).expect("framed");
    if message.kind != api_types::live_media::KIND_FRAGMENT {
        return None;
    }
    assert_eq!(top_boxes(message.payload), ["moof", "mdat"]);
    let info = FragmentInfo::parse(message.payload, init).expect("fragment parses");
    Some(Received {
        at,
        captured_at_ms: message.captured_at_ms,
        info,
        bytes: message.payload.len(),
    })
}

pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis() as u64
}
