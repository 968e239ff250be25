//! The live stream's wire format (issue 17): what the host's browser sends to the server and
//! what a viewer's player receives, over two WebSockets.
//!
//! **Host → server** (`GET` [`ingest_path`], the signed-in host of a live room):
//! optionally first one text message, [`IngestStart`] as JSON, giving the wall-clock time at
//! which recording started (so every fragment can carry the moment it was captured); then
//! binary messages, each one `MediaRecorder` chunk in the order recorded (WebM with
//! VP8/VP9/H.264 + Opus from Chromium; MP4 is accepted too). The server transcodes them and
//! closes the socket with [`CLOSE_REPLACED`] when another ingest socket takes over the room,
//! [`CLOSE_ENDED`] when the room ends, or 1011 when the chunks cannot be transcoded.
//!
//! **Server → viewer** (`GET` [`media_path`], anyone): binary messages only, each
//! `[kind: u8][captured_at_ms: u64 big-endian][payload]` ([`HEADER_LEN`] bytes of header):
//!
//! - [`KIND_INIT`]: the payload is `[mime length: u16 big-endian][mime, UTF-8][init segment]`,
//!   the MIME type with codecs for `MediaSource.addSourceBuffer` (e.g.
//!   `video/mp4; codecs="avc1.64001f,mp4a.40.2"`) and the fragmented MP4's `ftyp`+`moov`.
//!   Always the first message; sent again only if the stream's format changes (append it
//!   before the fragments that follow). `captured_at_ms` is 0.
//! - [`KIND_FRAGMENT`]: one `moof`+`mdat` (~1 s of H.264 + AAC) that starts with a keyframe,
//!   so a player may begin at any of them. `captured_at_ms`: Unix time in milliseconds of its
//!   first frame at the source; `Date.now() - captured_at_ms` when it plays is the
//!   glass-to-glass latency (clocks of host, server and viewer assumed in step).
//! - [`KIND_END`]: the room ended; the socket closes after it. Empty payload.
//!
//! A viewer gets the init segment, then the newest fragment, then each new one as it is made.
//! Fragment times are continuous for the life of the room (the server rebases a restarted
//! ingest and each lap of a demo loop), so a `SourceBuffer` in `"segments"` mode plays them;
//! `"sequence"` mode also works and hides any gap a slow viewer's skipped fragments leave.

use serde::{Deserialize, Serialize};

/// Bytes before a message's payload: kind and `captured_at_ms`.
pub const HEADER_LEN: usize = 9;
/// The stream's format: MIME type and init segment.
pub const KIND_INIT: u8 = 1;
/// One fragment starting with a keyframe.
pub const KIND_FRAGMENT: u8 = 2;
/// The room ended.
pub const KIND_END: u8 = 3;

/// WebSocket close code: another ingest socket took over this room (the newest wins, so a
/// host who reloads the page is back on air at once).
pub const CLOSE_REPLACED: u16 = 4001;
/// WebSocket close code: the room ended.
pub const CLOSE_ENDED: u16 = 4002;

/// The ingest socket's optional first (text) message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestStart {
    /// `Date.now()` when `MediaRecorder.start` was called: media time 0 of the chunks.
    pub started_at_ms: i64,
}

/// The host's ingest socket of room `id`.
pub fn ingest_path(id: i64) -> String {
    format!("/api/v1/live/{id}/ingest")
}

/// The viewers' media socket of room `id`.
pub fn media_path(id: i64) -> String {
    format!("/api/v1/live/{id}/media")
}

/// The recorded replay (a plain MP4 served with byte ranges) of an ended room.
pub fn replay_url(replay_key: &str) -> String {
    format!("/live-media/{replay_key}.mp4")
}

/// One decoded server → viewer message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MediaMessage<'a> {
    pub kind: u8,
    pub captured_at_ms: u64,
    pub payload: &'a [u8],
}

impl<'a> MediaMessage<'a> {
    /// Splits a binary message into header and payload (`None` if shorter than the header).
    pub fn parse(message: &'a [u8]) -> Option<Self> {
        if message.len() < HEADER_LEN {
            return None;
        }
        let mut at = [0u8; 8];
        at.copy_from_slice(&message[1..HEADER_LEN]);
        Some(MediaMessage {
            kind: message[0],
            captured_at_ms: u64::from_be_bytes(at),
            payload: &message[HEADER_LEN..],
        })
    }

    /// An init message's MIME type and init segment.
    pub fn init_parts(&self) -> Option<(&'a str, &'a [u8])> {
        if self.kind != KIND_INIT || self.payload.len() < 2 {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([self.payload[0], self.payload[1]]));
        let mime = self.payload.get(2..2 + len)?;
        Some((std::str::from_utf8(mime).ok()?, &self.payload[2 + len..]))
    }
}

/// Encodes a message: header, then the payload's parts in order.
pub fn encode_message(kind: u8, captured_at_ms: u64, parts: &[&[u8]]) -> Vec<u8> {
    let len = HEADER_LEN + parts.iter().map(|p| p.len()).sum::<usize>();
    let mut out = Vec::with_capacity(len);
    out.push(kind);
    out.extend_from_slice(&captured_at_ms.to_be_bytes());
    for part in parts {
        out.extend_from_slice(part);
    }
    out
}

/// An init message for `mime` (at most 65,535 bytes) and `init` segment.
pub fn encode_init(mime: &str, init: &[u8]) -> Vec<u8> {
    let mime = &mime.as_bytes()[..mime.len().min(usize::from(u16::MAX))];
    let len = (mime.len() as u16).to_be_bytes();
    encode_message(KIND_INIT, 0, &[&len, mime, init])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip() {
        let m = encode_message(KIND_FRAGMENT, 1_733_000_000_123, &[b"moof", b"mdat"]);
        let parsed = MediaMessage::parse(&m).expect("parses");
        assert_eq!(parsed.kind, KIND_FRAGMENT);
        assert_eq!(parsed.captured_at_ms, 1_733_000_000_123);
        assert_eq!(parsed.payload, b"moofmdat");
        assert_eq!(parsed.init_parts(), None);

        let init = encode_init("video/mp4; codecs=\"avc1.64001f\"", b"ftypmoov");
        let parsed = MediaMessage::parse(&init).expect("parses");
        assert_eq!(
            parsed.init_parts(),
            Some(("video/mp4; codecs=\"avc1.64001f\"", &b"ftypmoov"[..]))
        );
        assert_eq!(MediaMessage::parse(&[KIND_END; 8]), None);
    }
}
