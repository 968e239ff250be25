//! The fMP4 reader on FFmpeg's real output (FFmpeg is a declared dependency).

use std::process::Command;

use super::fmp4::{rewrite_starts, FragmentInfo, InitInfo, Piece, Segmenter, TrackKind};

/// 3 s of test pattern and tone as fragmented MP4, a keyframe (and fragment) a second.
fn ffmpeg_fmp4() -> Vec<u8> {
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i"])
        .arg("testsrc=size=320x240:rate=25")
        .args(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"])
        .args([
            "-t",
            "3",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "25",
        ])
        .args(["-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mp4"])
        .args([
            "-movflags",
            "frag_keyframe+empty_moov+default_base_moof",
            "pipe:1",
        ])
        .output()
        .expect("ffmpeg runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn pieces(bytes: &[u8], chunk: usize) -> Vec<Piece> {
    let mut segmenter = Segmenter::default();
    let mut out = Vec::new();
    for part in bytes.chunks(chunk) {
        segmenter.push(part);
        while let Some(piece) = segmenter.next_piece().expect("valid") {
            out.push(piece);
        }
    }
    out
}

#[test]
fn ffmpeg_output_splits_into_init_and_keyframe_fragments() {
    let bytes = ffmpeg_fmp4();
    let whole = pieces(&bytes, bytes.len());
    // However the bytes arrive, the pieces are the same.
    assert_eq!(pieces(&bytes, 997), whole);
    let Piece::Init(init) = &whole[0] else {
        panic!("init first");
    };
    let info = InitInfo::parse(init).expect("init parses");
    let video = info
        .tracks
        .iter()
        .find(|t| t.kind == TrackKind::Video)
        .expect("video");
    // ultrafast encodes the Constrained Baseline profile (42, constraints c0), level 1.3.
    assert_eq!(video.codec, "avc1.42c00d");
    let audio = info
        .tracks
        .iter()
        .find(|t| t.kind == TrackKind::Audio)
        .expect("audio");
    assert_eq!(audio.codec, "mp4a.40.2");
    assert_eq!(audio.timescale, 48_000);
    assert_eq!(info.mime(), "video/mp4; codecs=\"avc1.42c00d,mp4a.40.2\"");

    let fragments: Vec<&Vec<u8>> = whole[1..]
        .iter()
        .map(|p| match p {
            Piece::Fragment(f) => f,
            Piece::Init(_) => panic!("one init"),
        })
        .collect();
    assert_eq!(fragments.len(), 3);
    let mut expected_start = 0;
    for fragment in &fragments {
        let parsed = FragmentInfo::parse(fragment, &info).expect("fragment parses");
        assert_eq!(parsed.runs.len(), 2, "video and audio");
        let main = parsed.main_run(&info);
        assert_eq!(main.track_id, video.id);
        assert!(parsed.is_key(&info));
        // Back to back, a second each (the first may be longer by the AAC encoder's delay,
        // 1,024 samples, which FFmpeg cannot cut with an edit list in fragments).
        assert_eq!(main.start, expected_start);
        let secs = main.duration as f64 / f64::from(video.timescale);
        assert!((secs - 1.0).abs() < 0.025, "{secs} s");
        expected_start += main.duration;
    }

    let mut moved = fragments[1].clone();
    rewrite_starts(&mut moved, |_, start| start + 1_000_000).expect("rewrites");
    let before = FragmentInfo::parse(fragments[1], &info).expect("parses");
    let after = FragmentInfo::parse(&moved, &info).expect("parses");
    for (b, a) in before.runs.iter().zip(&after.runs) {
        assert_eq!(a.start, b.start + 1_000_000);
        assert_eq!(a.duration, b.duration);
    }
    assert_eq!(moved.len(), fragments[1].len());
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    let mut segmenter = Segmenter::default();
    segmenter.push(&[0, 0, 0, 4, b'm', b'o', b'o', b'f']);
    assert!(segmenter.next_piece().is_err());
    assert!(InitInfo::parse(b"\0\0\0\x08moov").is_err());
    let info = InitInfo::parse(&match &pieces(&ffmpeg_fmp4(), 4096)[0] {
        Piece::Init(i) => i.clone(),
        Piece::Fragment(_) => panic!("init first"),
    })
    .expect("init");
    assert!(FragmentInfo::parse(b"\0\0\0\x10moof\0\0\0\x08traf", &info).is_err());
}
