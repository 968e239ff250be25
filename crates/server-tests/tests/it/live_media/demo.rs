//! Demo rooms: the server plays a generated clip in a loop, as if live.

use std::time::Duration;

use api_types::live_media::{media_path, MediaMessage, KIND_FRAGMENT};
use zhongcao_server::live_media::channel::{Clock, Event};
use zhongcao_server::live_media::demo;
use zhongcao_server::live_media::fmp4::{FragmentInfo, InitInfo, TrackKind};

use super::{live_server, now_ms, read_fragment, read_init, top_boxes};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demo_room_plays_h264_fragments_at_real_time_pace() {
    let server = live_server().await;
    let host = server.some_user().await;
    let id = server.room(host, true).await;
    // The seeded world has live demo rooms of its own: every one starts, this one too.
    let demos: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM live_rooms WHERE is_demo AND status = 'live'")
            .fetch_one(&server.app.state.db)
            .await
            .expect("count");
    let on_air = server
        .app
        .state
        .start_live_demos()
        .await
        .expect("demo rooms");
    assert_eq!(on_air as i64, demos);
    assert!(
        server.app.state.live_media.get(id).is_some(),
        "this room plays"
    );

    let mut viewer = server.connect(&media_path(id), &[]).await.expect("viewer");
    // The clip is rendered on first use: allow for a busy machine.
    let (mime, init, info) = read_init(&mut viewer, Duration::from_secs(240)).await;
    assert_eq!(top_boxes(&init), ["ftyp", "moov"]);
    assert!(init.windows(4).any(|w| w == b"avc1"), "H.264 sample entry");
    assert!(mime.starts_with("video/mp4; codecs=\"avc1."), "{mime}");
    assert!(mime.contains("mp4a.40.2"), "{mime}");
    let video = info
        .tracks
        .iter()
        .find(|t| t.kind == TrackKind::Video)
        .expect("a video track")
        .clone();

    let mut got = Vec::new();
    for _ in 0..4 {
        let fragment = read_fragment(&mut viewer, &info, Duration::from_secs(10))
            .await
            .expect("a fragment");
        assert!(
            fragment.info.is_key(&info),
            "each fragment opens with a keyframe"
        );
        let lag = now_ms() as i64 - fragment.captured_at_ms as i64;
        assert!((-100..2_000).contains(&lag), "captured {lag} ms ago");
        got.push(fragment);
    }
    let secs =
        |f: &super::Received| f.info.main_run(&info).duration as f64 / f64::from(video.timescale);
    for pair in got.windows(2) {
        let (a, b) = (pair[0].info.main_run(&info), pair[1].info.main_run(&info));
        assert_eq!(b.start, a.start + a.duration, "back to back");
    }
    // The first came at once (the newest keyframe's); each next one when the one before
    // has had its time.
    let media: f64 = got[..3].iter().map(secs).sum();
    let wall = (got[3].at - got[0].at).as_secs_f64();
    assert!(
        (wall - media).abs() < 0.5,
        "{wall:.2} s of wall clock for {media:.2} s of media"
    );
    let sizes: Vec<String> = got
        .iter()
        .map(|f| format!("{} KB/{:.2} s", f.bytes / 1024, secs(f)))
        .collect();
    println!("demo fragments: {}", sizes.join(", "));

    // Ending a demo room: viewers are told, and its replay is the generated one.
    let key = server.app.state.live_media.end(id).await;
    assert_eq!(key.as_deref(), Some(format!("demo-{id}").as_str()));
    loop {
        let (_, bytes) = super::next_binary(&mut viewer, Duration::from_secs(5))
            .await
            .expect("the end message");
        let m = MediaMessage::parse(&bytes).expect("framed");
        if m.kind != KIND_FRAGMENT {
            assert_eq!(m.kind, api_types::live_media::KIND_END);
            break;
        }
    }
    // The row still says 'live' (marking it ended is the rooms side's): a demo room that is
    // not playing starts again for its next viewer.
    let mut again = server.connect(&media_path(id), &[]).await.expect("viewer");
    let (_, _, info) = read_init(&mut again, Duration::from_secs(30)).await;
    read_fragment(&mut again, &info, Duration::from_secs(10))
        .await
        .expect("playing again");
}

/// A lap of the loop (or a host's new ingest) continues the room's timeline: every track's
/// times keep increasing with no overlap, so a `SourceBuffer` plays on in either mode.
#[tokio::test]
async fn a_new_run_continues_the_timeline() {
    let server = live_server().await;
    let dir = tempfile::tempdir().expect("dir");
    let clip = dir.path().join("clip.mp4");
    let made = crate::test_clip::clip_command(
        &clip,
        320,
        240,
        25,
        3,
        &[
            "-g",
            "25",
            "-f",
            "mp4",
            "-movflags",
            "frag_keyframe+empty_moov+default_base_moof",
        ],
    )
    .status()
    .expect("ffmpeg");
    assert!(made.success());
    let (init, fragments) = demo::split(&std::fs::read(&clip).expect("clip")).expect("fMP4");
    let info = InitInfo::parse(&init).expect("init");

    let channel = server.app.state.live_media.channel(9_999, false);
    let (source, _) = channel.claim().expect("a source");
    channel.set_init(source, init).expect("init");
    let (_, _, mut rx) = channel.join().expect("joined");
    let mut ends = std::collections::HashMap::new();
    let mut count = 0;
    for _lap in 0..2 {
        channel.new_run(source);
        for fragment in &fragments {
            channel
                .publish(source, fragment.clone(), Clock::Now)
                .expect("published");
            let Ok(Event::Fragment(fragment)) = rx.try_recv() else {
                panic!("the fragment is sent");
            };
            count += 1;
            let m = MediaMessage::parse(&fragment.message).expect("framed");
            for run in FragmentInfo::parse(m.payload, &info).expect("parses").runs {
                let kind = info.track(run.track_id).expect("track").kind;
                let end = ends.entry(run.track_id).or_insert(0u64);
                assert!(
                    run.start >= *end,
                    "{kind:?} overlaps: {} < {}",
                    run.start,
                    *end
                );
                if kind == TrackKind::Video {
                    assert_eq!(run.start, *end, "video is gapless");
                }
                *end = run.start + run.duration;
            }
        }
    }
    assert_eq!(count, 2 * fragments.len());
    assert!(fragments.len() >= 3);
}
