//! Just enough of ISO BMFF (MP4) to stream fragmented MP4: split a byte stream into its init
//! segment (`ftyp`+`moov`) and fragments (`moof`+`mdat`), read each track's timescale and
//! codec from the init (for the player's MIME type), read a fragment's start time, length and
//! whether it opens with a keyframe, and move a fragment in time (`tfdt`, in place).

use std::fmt;

/// Top-level boxes larger than this are refused: a fragment is ~1 s of video.
const MAX_BOX: u64 = 32 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fmp4Error(pub String);

impl fmt::Display for Fmp4Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fMP4: {}", self.0)
    }
}

impl std::error::Error for Fmp4Error {}

fn err<T>(what: impl Into<String>) -> Result<T, Fmp4Error> {
    Err(Fmp4Error(what.into()))
}

/// A piece of a fragmented MP4 stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Everything up to and including `moov`.
    Init(Vec<u8>),
    /// One `moof` and the `mdat` after it.
    Fragment(Vec<u8>),
}

/// Cuts a byte stream, pushed in chunks of any size, into [`Piece`]s. Boxes other than
/// `ftyp`, `moov`, `moof` and `mdat` at the top level (`sidx`, `mfra`, ...) are dropped.
#[derive(Default)]
pub struct Segmenter {
    buf: Vec<u8>,
    head: Vec<u8>,
    moof: Option<Vec<u8>>,
}

impl Segmenter {
    pub fn push(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
    }

    /// The next complete piece, if the bytes pushed so far hold one.
    pub fn next_piece(&mut self) -> Result<Option<Piece>, Fmp4Error> {
        loop {
            let Some((kind, size)) = top_box(&self.buf)? else {
                return Ok(None);
            };
            let bytes: Vec<u8> = self.buf.drain(..size).collect();
            match &kind {
                b"ftyp" => self.head = bytes,
                b"moov" => {
                    let mut init = std::mem::take(&mut self.head);
                    init.extend_from_slice(&bytes);
                    return Ok(Some(Piece::Init(init)));
                }
                b"moof" => self.moof = Some(bytes),
                b"mdat" => {
                    let Some(mut fragment) = self.moof.take() else {
                        return err("mdat without moof");
                    };
                    fragment.extend_from_slice(&bytes);
                    return Ok(Some(Piece::Fragment(fragment)));
                }
                _ => {}
            }
        }
    }
}

/// The type and total size of the box at the start of `buf`, once all of it is there.
fn top_box(buf: &[u8]) -> Result<Option<([u8; 4], usize)>, Fmp4Error> {
    if buf.len() < 8 {
        return Ok(None);
    }
    let kind = [buf[4], buf[5], buf[6], buf[7]];
    let size = match be32(buf, 0)? {
        0 => return err("a box running to the end of the stream"),
        1 if buf.len() < 16 => return Ok(None),
        1 => be64(buf, 8)?,
        n => u64::from(n),
    };
    if !(8..=MAX_BOX).contains(&size) {
        return err(format!(
            "box {} of {size} bytes",
            String::from_utf8_lossy(&kind)
        ));
    }
    Ok((buf.len() as u64 >= size).then_some((kind, size as usize)))
}

fn be32(b: &[u8], at: usize) -> Result<u32, Fmp4Error> {
    match b.get(at..at + 4) {
        Some(s) => Ok(u32::from_be_bytes([s[0], s[1], s[2], s[3]])),
        None => err("truncated"),
    }
}

fn be64(b: &[u8], at: usize) -> Result<u64, Fmp4Error> {
    Ok(u64::from(be32(b, at)?) << 32 | u64::from(be32(b, at + 4)?))
}

/// The boxes inside `data` as (type, offset of the body in `data`, body).
/// A child box: its type, where its body starts in the parent, its body.
type Child<'a> = ([u8; 4], usize, &'a [u8]);

fn children(data: &[u8]) -> Result<Vec<Child<'_>>, Fmp4Error> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 8 <= data.len() {
        let (size, header) = match be32(data, at)? {
            1 => (be64(data, at + 8)?, 16),
            0 => ((data.len() - at) as u64, 8),
            n => (u64::from(n), 8),
        };
        let end = at as u64 + size;
        if size < header || end > data.len() as u64 {
            return err("box overruns its parent");
        }
        let kind = [data[at + 4], data[at + 5], data[at + 6], data[at + 7]];
        out.push((
            kind,
            at + header as usize,
            &data[at + header as usize..end as usize],
        ));
        at = end as usize;
    }
    Ok(out)
}

fn child<'a>(data: &'a [u8], kind: &[u8; 4]) -> Result<Option<&'a [u8]>, Fmp4Error> {
    Ok(children(data)?
        .into_iter()
        .find(|(k, _, _)| k == kind)
        .map(|(_, _, body)| body))
}

fn need<'a>(data: &'a [u8], kind: &[u8; 4]) -> Result<&'a [u8], Fmp4Error> {
    child(data, kind)?.ok_or_else(|| Fmp4Error(format!("no {}", String::from_utf8_lossy(kind))))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackKind {
    Video,
    Audio,
    Other,
}

/// One track of an init segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    pub id: u32,
    pub timescale: u32,
    pub kind: TrackKind,
    /// RFC 6381 codec string, e.g. `avc1.64001f` or `mp4a.40.2`.
    pub codec: String,
    /// `trex` defaults: sample duration and flags.
    default_duration: u32,
    default_flags: u32,
}

/// What an init segment says about its tracks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitInfo {
    pub tracks: Vec<Track>,
}

impl InitInfo {
    pub fn parse(init: &[u8]) -> Result<InitInfo, Fmp4Error> {
        let moov = children(init)?
            .into_iter()
            .find(|(k, _, _)| k == b"moov")
            .map(|(_, _, body)| body)
            .ok_or_else(|| Fmp4Error("no moov".into()))?;
        let trex: Vec<(u32, u32, u32)> = match child(moov, b"mvex")? {
            Some(mvex) => children(mvex)?
                .into_iter()
                .filter(|(k, _, _)| k == b"trex")
                .map(|(_, _, t)| Ok((be32(t, 4)?, be32(t, 12)?, be32(t, 20)?)))
                .collect::<Result<_, Fmp4Error>>()?,
            None => Vec::new(),
        };
        let mut tracks = Vec::new();
        for (kind, _, trak) in children(moov)? {
            if &kind != b"trak" {
                continue;
            }
            let tkhd = need(trak, b"tkhd")?;
            let id = be32(tkhd, if tkhd.first() == Some(&1) { 20 } else { 12 })?;
            let mdia = need(trak, b"mdia")?;
            let mdhd = need(mdia, b"mdhd")?;
            let timescale = be32(mdhd, if mdhd.first() == Some(&1) { 20 } else { 12 })?;
            let handler = need(mdia, b"hdlr")?.get(8..12).unwrap_or_default();
            let kind = match handler {
                b"vide" => TrackKind::Video,
                b"soun" => TrackKind::Audio,
                _ => TrackKind::Other,
            };
            let stbl = need(need(mdia, b"minf")?, b"stbl")?;
            let codec = codec_of(need(stbl, b"stsd")?)?;
            let (default_duration, default_flags) = trex
                .iter()
                .find(|t| t.0 == id)
                .map_or((0, 0), |t| (t.1, t.2));
            if timescale == 0 {
                return err("a track without a timescale");
            }
            tracks.push(Track {
                id,
                timescale,
                kind,
                codec,
                default_duration,
                default_flags,
            });
        }
        if tracks.is_empty() {
            return err("no tracks");
        }
        Ok(InitInfo { tracks })
    }

    pub fn track(&self, id: u32) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id == id)
    }

    /// The type for `MediaSource.addSourceBuffer`, e.g. `video/mp4; codecs="avc1.64001f,mp4a.40.2"`.
    pub fn mime(&self) -> String {
        let video = self.tracks.iter().any(|t| t.kind == TrackKind::Video);
        let codecs: Vec<&str> = self.tracks.iter().map(|t| t.codec.as_str()).collect();
        let base = if video { "video/mp4" } else { "audio/mp4" };
        format!("{base}; codecs=\"{}\"", codecs.join(","))
    }
}

/// The codec string of the first sample entry in `stsd`.
fn codec_of(stsd: &[u8]) -> Result<String, Fmp4Error> {
    let entries = stsd.get(8..).unwrap_or_default();
    let Some((kind, _, entry)) = children(entries)?.into_iter().next() else {
        return err("no sample entry");
    };
    let name = String::from_utf8_lossy(&kind).into_owned();
    match &kind {
        // VisualSampleEntry: 78 bytes of fields before its boxes.
        b"avc1" | b"avc3" => {
            let avcc = need(entry.get(78..).unwrap_or_default(), b"avcC")?;
            match avcc.get(1..4) {
                Some(p) => Ok(format!("{name}.{:02x}{:02x}{:02x}", p[0], p[1], p[2])),
                None => err("short avcC"),
            }
        }
        // AudioSampleEntry: 28 bytes of fields before its boxes.
        b"mp4a" => {
            let esds = need(entry.get(28..).unwrap_or_default(), b"esds")?;
            mp4a_codec(esds.get(4..).unwrap_or_default())
        }
        _ => Ok(name),
    }
}

/// `mp4a.<object type>.<audio object type>` from an `esds` body's descriptors.
fn mp4a_codec(descriptors: &[u8]) -> Result<String, Fmp4Error> {
    // (tag, body) of the descriptor at `at`; lengths use 7 bits a byte.
    fn descriptor(b: &[u8], at: usize) -> Result<(u8, usize, usize), Fmp4Error> {
        let tag = *b
            .get(at)
            .ok_or_else(|| Fmp4Error("truncated esds".into()))?;
        let (mut len, mut i) = (0usize, at + 1);
        loop {
            let byte = *b.get(i).ok_or_else(|| Fmp4Error("truncated esds".into()))?;
            len = (len << 7) | usize::from(byte & 0x7f);
            i += 1;
            if byte & 0x80 == 0 || i - at > 4 {
                break;
            }
        }
        Ok((tag, i, len))
    }
    let (tag, es, _) = descriptor(descriptors, 0)?;
    if tag != 3 {
        return err("no ES descriptor");
    }
    let flags = *descriptors.get(es + 2).unwrap_or(&0);
    let mut at = es + 3;
    if flags & 0x80 != 0 {
        at += 2;
    }
    if flags & 0x40 != 0 {
        at += 1 + usize::from(*descriptors.get(at).unwrap_or(&0));
    }
    if flags & 0x20 != 0 {
        at += 2;
    }
    let (tag, config, _) = descriptor(descriptors, at)?;
    if tag != 4 {
        return err("no decoder config");
    }
    let object_type = *descriptors.get(config).unwrap_or(&0);
    let (tag, info, _) = descriptor(descriptors, config + 13)?;
    let aot = if tag == 5 {
        descriptors.get(info).map_or(0, |b| b >> 3)
    } else {
        0
    };
    if aot == 0 {
        Ok(format!("mp4a.{object_type:x}"))
    } else {
        Ok(format!("mp4a.{object_type:x}.{aot}"))
    }
}

/// One track's part of a fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrackRun {
    pub track_id: u32,
    /// `tfdt`: the first sample's decode time, in the track's timescale.
    pub start: u64,
    /// Sum of the samples' durations, in the track's timescale.
    pub duration: u64,
    /// Whether the first sample is a sync sample (a keyframe, for video).
    pub starts_with_sync: bool,
}

/// What a fragment holds, per track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentInfo {
    pub runs: Vec<TrackRun>,
}

const NON_SYNC: u32 = 0x0001_0000;

impl FragmentInfo {
    pub fn parse(fragment: &[u8], init: &InitInfo) -> Result<FragmentInfo, Fmp4Error> {
        let moof = need(fragment, b"moof")?;
        let mut runs = Vec::new();
        for (kind, _, traf) in children(moof)? {
            if &kind != b"traf" {
                continue;
            }
            let tfhd = need(traf, b"tfhd")?;
            let flags = be32(tfhd, 0)? & 0x00ff_ffff;
            let track_id = be32(tfhd, 4)?;
            let track = init
                .track(track_id)
                .ok_or_else(|| Fmp4Error(format!("fragment of unknown track {track_id}")))?;
            let mut at = 8;
            let mut field = |present: bool, len: usize| {
                let here = at;
                if present {
                    at += len;
                }
                present.then_some(here)
            };
            field(flags & 0x1 != 0, 8);
            field(flags & 0x2 != 0, 4);
            let duration_at = field(flags & 0x8 != 0, 4);
            field(flags & 0x10 != 0, 4);
            let flags_at = field(flags & 0x20 != 0, 4);
            let default_duration =
                duration_at.map_or(Ok(track.default_duration), |a| be32(tfhd, a))?;
            let default_flags = flags_at.map_or(Ok(track.default_flags), |a| be32(tfhd, a))?;
            let tfdt = need(traf, b"tfdt")?;
            let start = if tfdt.first() == Some(&1) {
                be64(tfdt, 4)?
            } else {
                u64::from(be32(tfdt, 4)?)
            };
            let (mut duration, mut first_flags) = (0u64, None);
            for (kind, _, trun) in children(traf)? {
                if &kind == b"trun" {
                    let (d, f) = trun_totals(trun, default_duration, default_flags)?;
                    duration += d;
                    first_flags.get_or_insert(f);
                }
            }
            runs.push(TrackRun {
                track_id,
                start,
                duration,
                starts_with_sync: first_flags.is_some_and(|f| f & NON_SYNC == 0),
            });
        }
        if runs.is_empty() {
            return err("a fragment without tracks");
        }
        Ok(FragmentInfo { runs })
    }

    /// The run of the stream's main track: the video, else the first.
    pub fn main_run(&self, init: &InitInfo) -> TrackRun {
        let video = |r: &&TrackRun| {
            init.track(r.track_id)
                .is_some_and(|t| t.kind == TrackKind::Video)
        };
        *self.runs.iter().find(video).unwrap_or(&self.runs[0])
    }

    /// Whether a player can start here: the video (if any) opens with a keyframe.
    pub fn is_key(&self, init: &InitInfo) -> bool {
        self.main_run(init).starts_with_sync
    }
}

/// A `trun`'s total duration and its first sample's flags.
fn trun_totals(
    trun: &[u8],
    default_duration: u32,
    default_flags: u32,
) -> Result<(u64, u32), Fmp4Error> {
    let flags = be32(trun, 0)? & 0x00ff_ffff;
    let count = be32(trun, 4)? as usize;
    let mut at = 8;
    if flags & 0x1 != 0 {
        at += 4;
    }
    let mut first_flags = None;
    if flags & 0x4 != 0 {
        first_flags = Some(be32(trun, at)?);
        at += 4;
    }
    let per_sample = [0x100, 0x200, 0x400, 0x800]
        .iter()
        .filter(|f| flags & **f != 0)
        .count()
        * 4;
    if count.saturating_mul(per_sample) > trun.len() {
        return err("trun overruns its box");
    }
    let mut duration = 0u64;
    for i in 0..count {
        let mut field = at + i * per_sample;
        let d = if flags & 0x100 != 0 {
            let d = be32(trun, field)?;
            field += 4;
            d
        } else {
            default_duration
        };
        duration += u64::from(d);
        if i == 0 && first_flags.is_none() {
            if flags & 0x200 != 0 {
                field += 4;
            }
            first_flags = Some(if flags & 0x400 != 0 {
                be32(trun, field)?
            } else {
                default_flags
            });
        }
    }
    Ok((duration, first_flags.unwrap_or(default_flags)))
}

/// Sets each track's `tfdt` in `fragment` to `new_start(track_id, old)`. Only 64-bit
/// (version 1) `tfdt`s are rewritten in place: FFmpeg always writes those.
pub fn rewrite_starts(
    fragment: &mut [u8],
    mut new_start: impl FnMut(u32, u64) -> u64,
) -> Result<(), Fmp4Error> {
    let mut edits = Vec::new();
    let (_, moof_at, moof) = children(fragment)?
        .into_iter()
        .find(|(k, _, _)| k == b"moof")
        .ok_or_else(|| Fmp4Error("no moof".into()))?;
    for (kind, traf_at, traf) in children(moof)? {
        if &kind != b"traf" {
            continue;
        }
        let track_id = be32(need(traf, b"tfhd")?, 4)?;
        let (_, tfdt_at, tfdt) = children(traf)?
            .into_iter()
            .find(|(k, _, _)| k == b"tfdt")
            .ok_or_else(|| Fmp4Error("no tfdt".into()))?;
        if tfdt.first() != Some(&1) {
            return err("a 32-bit tfdt");
        }
        let at = moof_at + traf_at + tfdt_at + 4;
        edits.push((at, new_start(track_id, be64(tfdt, 4)?)));
    }
    for (at, value) in edits {
        fragment[at..at + 8].copy_from_slice(&value.to_be_bytes());
    }
    Ok(())
}
