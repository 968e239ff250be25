//! WebP against JPEG per width (bytes and SSIM), and the ignored sweep that chose the WebP quality.

use super::*;

/// Bytes of each encoding at every width, for the feed's first covers and a note's first
/// picture: printed as a table (run with `--nocapture`); WebP must come out clearly smaller.
#[tokio::test]
async fn webp_against_jpeg_per_width() {
    let app = test_app(SMALL_WORLD).await;
    let feed: Page<NoteCard> = parse(
        &app.get("/api/v1/feed?channel=recommend&limit=6").await,
        200,
        "feed",
    );
    let note: NoteDetail = parse(&app.get("/api/v1/notes/3").await, 200, "note");
    let mut images: Vec<(String, Image)> = feed
        .items
        .iter()
        .map(|c| (format!("cover {}", c.id), c.cover.clone()))
        .collect();
    images.push((format!("note {} #1", note.id), note.images[0].clone()));

    let mut report = String::from("bytes per width, JPEG q80 -> WebP (share):\n");
    report.push_str(&format!("{:<16}", "picture"));
    for w in IMAGE_WIDTHS {
        report.push_str(&format!("{:>22}", format!("{w}w")));
    }
    report.push('\n');
    let (mut jpeg_total, mut webp_total) = (0usize, 0usize);
    // First requests render and encode: the time each encoding costs, render included.
    let (mut jpeg_time, mut webp_time) = (Duration::ZERO, Duration::ZERO);
    for (name, image) in &images {
        report.push_str(&format!("{name:<16}"));
        for w in IMAGE_WIDTHS {
            let started = Instant::now();
            let jpeg = fetch(&app, &image.url(w), None).await.body.len();
            jpeg_time += started.elapsed();
            let started = Instant::now();
            let webp = fetch(&app, &image.url(w), Some(CHROME)).await.body.len();
            webp_time += started.elapsed();
            jpeg_total += jpeg;
            webp_total += webp;
            report.push_str(&format!(
                "{:>22}",
                format!("{jpeg}->{webp} ({}%)", webp * 100 / jpeg.max(1))
            ));
        }
        report.push('\n');
    }
    report.push_str(&format!(
        "all: JPEG {jpeg_total} B, WebP {webp_total} B ({}%); first requests (render + \
         encode) JPEG {} ms, WebP {} ms",
        webp_total * 100 / jpeg_total.max(1),
        jpeg_time.as_millis(),
        webp_time.as_millis()
    ));
    println!("{report}");
    assert!(
        webp_total * 100 < jpeg_total * 85,
        "WebP should be well under JPEG:\n{report}"
    );
}

/// Mean SSIM of two same-sized pictures on luma, over 8x8 windows.
fn ssim(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    let luma = |p: &image::Rgb<u8>| {
        0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
    };
    let (w, h) = a.dimensions();
    let (c1, c2) = ((0.01f64 * 255.0).powi(2), (0.03f64 * 255.0).powi(2));
    let (mut total, mut windows) = (0.0f64, 0.0f64);
    for wy in (0..h.saturating_sub(7)).step_by(4) {
        for wx in (0..w.saturating_sub(7)).step_by(4) {
            let (mut sa, mut sb, mut saa, mut sbb, mut sab) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for y in wy..wy + 8 {
                for x in wx..wx + 8 {
                    let (la, lb) = (luma(a.get_pixel(x, y)), luma(b.get_pixel(x, y)));
                    sa += la;
                    sb += lb;
                    saa += la * la;
                    sbb += lb * lb;
                    sab += la * lb;
                }
            }
            let n = 64.0;
            let (ma, mb) = (sa / n, sb / n);
            let (va, vb, cov) = (saa / n - ma * ma, sbb / n - mb * mb, sab / n - ma * mb);
            total += ((2.0 * ma * mb + c1) * (2.0 * cov + c2))
                / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            windows += 1.0;
        }
    }
    total / windows.max(1.0)
}

/// Low-frequency error: the mean and the 99th percentile of the absolute difference of 8x8
/// block means (luma). Grain averages out within a block, so this sees banding and blocking,
/// not lost grain.
fn block_error(a: &image::RgbImage, b: &image::RgbImage) -> (f64, f64) {
    let luma = |p: &image::Rgb<u8>| {
        0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
    };
    let (w, h) = a.dimensions();
    let mut errors = Vec::new();
    for by in (0..h.saturating_sub(7)).step_by(8) {
        for bx in (0..w.saturating_sub(7)).step_by(8) {
            let (mut sa, mut sb) = (0.0, 0.0);
            for y in by..by + 8 {
                for x in bx..bx + 8 {
                    sa += luma(a.get_pixel(x, y));
                    sb += luma(b.get_pixel(x, y));
                }
            }
            errors.push((sa - sb).abs() / 64.0);
        }
    }
    errors.sort_by(f64::total_cmp);
    let mean = errors.iter().sum::<f64>() / errors.len().max(1) as f64;
    let p99 = errors
        .get(errors.len() * 99 / 100)
        .copied()
        .unwrap_or_default();
    (mean, p99)
}

/// A 200x200 crop of each picture at twice the size, side by side: from the middle, and from
/// the top (where landscapes have their smooth skies) below it.
fn side_by_side(pictures: &[image::RgbImage]) -> image::RgbImage {
    let (crop, zoom) = (200u32, 2u32);
    let mut out = image::RgbImage::new(
        pictures.len() as u32 * (crop * zoom + 8),
        2 * crop * zoom + 8,
    );
    for (i, p) in pictures.iter().enumerate() {
        for (row, y0) in [p.height().saturating_sub(crop) / 2, 0]
            .into_iter()
            .enumerate()
        {
            let x0 = p.width().saturating_sub(crop) / 2;
            let top = row as u32 * (crop * zoom + 8);
            for y in 0..crop * zoom {
                for x in 0..crop * zoom {
                    let (sx, sy) = (x0 + x / zoom, y0 + y / zoom);
                    if sx < p.width() && sy < p.height() {
                        out.put_pixel(
                            i as u32 * (crop * zoom + 8) + x,
                            top + y,
                            *p.get_pixel(sx, sy),
                        );
                    }
                }
            }
        }
    }
    out
}

#[allow(dead_code)]
fn side_by_side_middle(pictures: &[image::RgbImage]) -> image::RgbImage {
    let (crop, zoom) = (200u32, 2u32);
    let mut out = image::RgbImage::new(pictures.len() as u32 * (crop * zoom + 8), crop * zoom);
    for (i, p) in pictures.iter().enumerate() {
        let (x0, y0) = (
            p.width().saturating_sub(crop) / 2,
            p.height().saturating_sub(crop) / 2,
        );
        for y in 0..crop * zoom {
            for x in 0..crop * zoom {
                let (sx, sy) = (x0 + x / zoom, y0 + y / zoom);
                if sx < p.width() && sy < p.height() {
                    out.put_pixel(i as u32 * (crop * zoom + 8) + x, y, *p.get_pixel(sx, sy));
                }
            }
        }
    }
    out
}

/// How the WebP quality was chosen: for generated pictures of every theme and for photos
/// (`PHOTOS=a.jpg:b.jpg`, else a synthetic one), bytes and SSIM of JPEG q80 against WebP at a
/// range of qualities, at the widths phones pick. Writes the decoded pictures as PNG to
/// `target/webp-sweep/` to look at.
/// `cargo test --profile server -p zhongcao-server-tests --test it images -- --ignored --nocapture`
#[test]
#[ignore]
fn webp_quality_sweep() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/webp-sweep");
    std::fs::create_dir_all(&out).expect("output dir");
    // A theme renders at each width itself (as the server does); a photo is resized.
    let mut sources: Vec<(String, Option<&str>, image::RgbImage)> = Vec::new();
    for theme in [
        "travel", "food", "beauty", "fashion", "home", "fitness", "tech", "pets", "study",
    ] {
        let shape = image::RgbImage::new(3, 4);
        sources.push((theme.to_string(), Some(theme), shape));
    }
    let photos = std::env::var("PHOTOS").unwrap_or_default();
    for path in photos.split(':').filter(|p| !p.is_empty()) {
        match image::open(path) {
            Ok(img) => {
                let img = img.to_rgb8();
                let name = std::path::Path::new(path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                sources.push((format!("photo-{name}"), None, img));
            }
            Err(e) => println!("skipping {path}: {e}"),
        }
    }
    if photos.is_empty() {
        sources.push((
            "photo-synthetic".to_string(),
            None,
            photo(1600, 1200).to_rgb8(),
        ));
    }
    let qualities = [60.0f32, 65.0, 70.0, 75.0, 80.0, 85.0];
    println!(
        "{:<22}{:>6}{:>16}{}",
        "picture",
        "width",
        "JPEG q80",
        qualities
            .iter()
            .map(|q| format!("{:>18}", format!("WebP q{q}")))
            .collect::<String>()
    );
    let mut sums = vec![(0usize, 0.0f64); qualities.len() + 1];
    let mut count = 0.0;
    for (i, (name, theme, source)) in sources.iter().enumerate() {
        for width in [360u32, 560, 720] {
            let height = (u64::from(width) * u64::from(source.height()) / u64::from(source.width()))
                .max(1) as u32;
            let img = match theme {
                Some(theme) => {
                    zhongcao_server::images::render(theme, 1000 + i as u64 * 7919, width, height)
                }
                None => image::imageops::resize(
                    source,
                    width,
                    height,
                    image::imageops::FilterType::CatmullRom,
                ),
            };
            let jpeg = encode_jpeg_quality(&img, 80).expect("jpeg");
            let jpeg_back = image::load_from_memory(&jpeg).expect("jpeg").to_rgb8();
            let jpeg_ssim = ssim(&img, &jpeg_back);
            let mut looks = Vec::new();
            sums[0].0 += jpeg.len();
            sums[0].1 += jpeg_ssim;
            let mut line = format!(
                "{name:<22}{width:>6}{:>16}",
                format!("{}B {:.4}", jpeg.len(), jpeg_ssim)
            );
            let (mean, p99) = block_error(&img, &jpeg_back);
            let mut banding = format!(
                "{:<28}{:>16}",
                "  block error mean/p99",
                format!("{mean:.2}/{p99:.2}")
            );
            for (i, q) in qualities.iter().enumerate() {
                let webp = encode_webp(&img, *q).expect("webp");
                let back = image::load_from_memory(&webp).expect("webp").to_rgb8();
                let s = ssim(&img, &back);
                sums[i + 1].0 += webp.len();
                sums[i + 1].1 += s;
                line.push_str(&format!("{:>18}", format!("{}B {s:.4}", webp.len())));
                let (mean, p99) = block_error(&img, &back);
                banding.push_str(&format!("{:>18}", format!("{mean:.2}/{p99:.2}")));
                if width == 560 && *q >= WEBP_QUALITY {
                    looks.push(back);
                }
            }
            if width == 560 {
                // Side by side, crops at twice the size: original, JPEG q80, then WebP from
                // the chosen quality up.
                let mut strip = vec![img.clone(), jpeg_back];
                strip.append(&mut looks);
                side_by_side(&strip)
                    .save(out.join(format!("{name}-{width}.png")))
                    .expect("png");
            }
            count += 1.0;
            println!("{line}\n{banding}");
        }
    }
    println!(
        "{:<28}{:>16}{}",
        "total / mean SSIM",
        format!("{}B {:.4}", sums[0].0, sums[0].1 / count),
        sums[1..]
            .iter()
            .map(|(bytes, s)| format!(
                "{:>18}",
                format!("{}% {:.4}", bytes * 100 / sums[0].0.max(1), s / count)
            ))
            .collect::<String>()
    );
}
