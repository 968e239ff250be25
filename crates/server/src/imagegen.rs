//! Procedural illustrations for the demo world: every note image and avatar is drawn from a
//! seed, so the demo needs no image assets yet shows varied, art-directed pictures.
//!
//! Resolution independent: geometry is expressed in units of the image's shorter side, so the
//! same seed at 240 px and at 1080 px wide is the same picture (the client swaps widths via
//! `srcset`). Edges are anti-aliased from signed distances; a faint grain keeps flat areas alive.

use image::{Rgb, RgbImage};

type Color = [f32; 3];

const fn hex(rgb: u32) -> Color {
    [
        ((rgb >> 16) & 0xff) as f32 / 255.0,
        ((rgb >> 8) & 0xff) as f32 / 255.0,
        (rgb & 0xff) as f32 / 255.0,
    ]
}

fn mix(a: Color, b: Color, t: f32) -> Color {
    let t = t.clamp(0.0, 1.0);
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

fn shade(c: Color, k: f32) -> Color {
    if k >= 0.0 {
        mix(c, [1.0; 3], k)
    } else {
        mix(c, [0.0; 3], -k)
    }
}

fn smoothstep(e0: f32, e1: f32, x: f32) -> f32 {
    let t = ((x - e0) / (e1 - e0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Curated five-colour palettes: [background light, background dark, accent 1, accent 2, ink].
const PALETTES: &[[Color; 5]] = &[
    [
        hex(0xfde8e4),
        hex(0xf7b9b0),
        hex(0xff5a5f),
        hex(0xffc15e),
        hex(0x3b2c35),
    ],
    [
        hex(0xe6f0ea),
        hex(0xa8d5ba),
        hex(0x2f8f6f),
        hex(0xf4a259),
        hex(0x1e3a34),
    ],
    [
        hex(0xe8eefc),
        hex(0xa9c1f5),
        hex(0x4a6cf7),
        hex(0xffb4a2),
        hex(0x1d2548),
    ],
    [
        hex(0xfff4dc),
        hex(0xffd98e),
        hex(0xf08a24),
        hex(0x7fb069),
        hex(0x3d2b1f),
    ],
    [
        hex(0xf3e8ff),
        hex(0xd3b8f5),
        hex(0x8e5bd6),
        hex(0xff8fab),
        hex(0x2d1f45),
    ],
    [
        hex(0xe0f4f7),
        hex(0x9fd8e0),
        hex(0x1b8a9e),
        hex(0xffd166),
        hex(0x13343b),
    ],
    [
        hex(0xfbe9dd),
        hex(0xe9b894),
        hex(0xc8553d),
        hex(0x588b8b),
        hex(0x2e2a26),
    ],
    [
        hex(0xf1f1e6),
        hex(0xcfd6b8),
        hex(0x6b8f4e),
        hex(0xe26d5c),
        hex(0x2c3325),
    ],
    [
        hex(0xfde2ee),
        hex(0xf5a6c8),
        hex(0xe0457b),
        hex(0x7cc6fe),
        hex(0x3a1f2d),
    ],
    [
        hex(0xe9e4dc),
        hex(0xc2b4a3),
        hex(0x8a6f57),
        hex(0xd9a441),
        hex(0x2b241d),
    ],
    [
        hex(0xe3f2fd),
        hex(0x90caf9),
        hex(0xff7043),
        hex(0x26a69a),
        hex(0x102a43),
    ],
    [
        hex(0xfff0e6),
        hex(0xffc8a8),
        hex(0xff7b54),
        hex(0x939b62),
        hex(0x3e2723),
    ],
];

/// Night/dark palettes for tech: [bg top, bg bottom, glow 1, glow 2, line].
const DARK_PALETTES: &[[Color; 5]] = &[
    [
        hex(0x0f1024),
        hex(0x1d1b4a),
        hex(0x7c5cff),
        hex(0x22d3ee),
        hex(0x3a3f8f),
    ],
    [
        hex(0x08141f),
        hex(0x0f2f3f),
        hex(0x2ee6a8),
        hex(0x4cc9f0),
        hex(0x1d4e5f),
    ],
    [
        hex(0x1a0f1f),
        hex(0x3b1640),
        hex(0xff4d8d),
        hex(0xffb347),
        hex(0x5a2a66),
    ],
];

/// A float RGB canvas addressed in short-side units.
struct Canvas {
    w: usize,
    h: usize,
    /// Pixels per unit (the shorter side in pixels).
    s: f32,
    px: Vec<Color>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Self {
        let w = width.max(1) as usize;
        let h = height.max(1) as usize;
        Canvas {
            w,
            h,
            s: w.min(h) as f32,
            px: vec![[0.0; 3]; w * h],
        }
    }

    /// Width and height in units.
    fn size(&self) -> (f32, f32) {
        (self.w as f32 / self.s, self.h as f32 / self.s)
    }

    /// Paints every pixel from (x, y) in units.
    fn fill(&mut self, f: impl Fn(f32, f32) -> Color) {
        let s = self.s;
        for y in 0..self.h {
            let uy = (y as f32 + 0.5) / s;
            for x in 0..self.w {
                self.px[y * self.w + x] = f((x as f32 + 0.5) / s, uy);
            }
        }
    }

    /// Blends `paint` where the signed distance `sdf` (units, negative inside) says, within the
    /// bounding box. `soft` widens the edge (in units) for shadows and glows.
    #[allow(clippy::too_many_arguments)]
    fn shape(
        &mut self,
        bbox: (f32, f32, f32, f32),
        soft: f32,
        alpha: f32,
        sdf: impl Fn(f32, f32) -> f32,
        paint: impl Fn(f32, f32) -> Color,
    ) {
        let s = self.s;
        let pad = soft + 2.0 / s;
        let x0 = (((bbox.0 - pad) * s).floor().max(0.0)) as usize;
        let y0 = (((bbox.1 - pad) * s).floor().max(0.0)) as usize;
        let x1 = (((bbox.2 + pad) * s).ceil().max(0.0) as usize).min(self.w);
        let y1 = (((bbox.3 + pad) * s).ceil().max(0.0) as usize).min(self.h);
        for y in y0..y1 {
            let uy = (y as f32 + 0.5) / s;
            for x in x0..x1 {
                let ux = (x as f32 + 0.5) / s;
                let d = sdf(ux, uy);
                let cover = if soft > 0.0 {
                    1.0 - smoothstep(-soft, soft, d)
                } else {
                    (0.5 - d * s).clamp(0.0, 1.0)
                };
                if cover <= 0.0 {
                    continue;
                }
                let i = y * self.w + x;
                self.px[i] = mix(self.px[i], paint(ux, uy), cover * alpha);
            }
        }
    }

    fn circle(&mut self, cx: f32, cy: f32, r: f32, color: Color) {
        self.shape(
            (cx - r, cy - r, cx + r, cy + r),
            0.0,
            1.0,
            move |x, y| ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() - r,
            move |_, _| color,
        );
    }

    fn soft_circle(&mut self, cx: f32, cy: f32, r: f32, blur: f32, alpha: f32, color: Color) {
        self.shape(
            (cx - r, cy - r, cx + r, cy + r),
            blur,
            alpha,
            move |x, y| ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() - r,
            move |_, _| color,
        );
    }

    /// Rounded rectangle centred at (cx, cy) with half sizes (hw, hh) and corner radius r.
    #[allow(clippy::too_many_arguments)]
    fn rounded(
        &mut self,
        cx: f32,
        cy: f32,
        hw: f32,
        hh: f32,
        r: f32,
        soft: f32,
        alpha: f32,
        paint: impl Fn(f32, f32) -> Color,
    ) {
        let r = r.min(hw).min(hh);
        self.shape(
            (cx - hw, cy - hh, cx + hw, cy + hh),
            soft,
            alpha,
            move |x, y| rounded_box(x - cx, y - cy, hw, hh, r),
            paint,
        );
    }

    /// Grain, then quantise to 8-bit.
    fn finish(self, seed: u64) -> RgbImage {
        let mut img = RgbImage::new(self.w as u32, self.h as u32);
        for (i, (p, out)) in self.px.iter().zip(img.pixels_mut()).enumerate() {
            let n = (hash(seed ^ (i as u64).wrapping_mul(0x9e37_79b9)) & 0xff) as f32 / 255.0;
            let grain = (n - 0.5) * 0.035;
            *out = Rgb([
                ((p[0] + grain).clamp(0.0, 1.0) * 255.0 + 0.5) as u8,
                ((p[1] + grain).clamp(0.0, 1.0) * 255.0 + 0.5) as u8,
                ((p[2] + grain).clamp(0.0, 1.0) * 255.0 + 0.5) as u8,
            ]);
        }
        img
    }
}

fn rounded_box(px: f32, py: f32, hw: f32, hh: f32, r: f32) -> f32 {
    let qx = px.abs() - hw + r;
    let qy = py.abs() - hh + r;
    let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
    outside + qx.max(qy).min(0.0) - r
}

fn hash(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Drawing parameters derived from the seed.
struct Params {
    rng: fastrand::Rng,
    pal: [Color; 5],
}

impl Params {
    fn new(seed: u64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        let pal = PALETTES[rng.usize(..PALETTES.len())];
        Params { rng, pal }
    }

    fn f(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.rng.f32()
    }
}

/// Layered mountains under a sky with a sun; optionally a lake.
fn landscape(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = p.pal;
    let sky_top = shade(pal[1], -0.05);
    let sky_low = shade(pal[0], 0.35);
    let horizon = h * p.f(0.55, 0.7);
    c.fill(|_, y| mix(sky_top, sky_low, y / horizon));
    // Keep the sun warm whatever the palette's accent is.
    let sun_color = mix(pal[3], hex(0xffc46b), 0.75);
    let sun = (
        w * p.f(0.25, 0.75),
        horizon * p.f(0.3, 0.6),
        p.f(0.09, 0.16),
    );
    c.soft_circle(
        sun.0,
        sun.1,
        sun.2 * 2.2,
        sun.2 * 1.6,
        0.35,
        shade(sun_color, 0.4),
    );
    c.circle(sun.0, sun.1, sun.2, sun_color);
    let layers = 3 + p.rng.usize(..2);
    for layer in 0..layers {
        let t = layer as f32 / (layers - 1) as f32;
        let base = horizon - 0.18 + t * 0.22 + (h - 1.0) * 0.1 * t;
        let amp = p.f(0.05, 0.12) * (1.0 - 0.4 * t);
        let (f1, f2, ph) = (
            p.f(2.0, 4.5),
            p.f(6.0, 11.0),
            p.f(0.0, std::f32::consts::TAU),
        );
        let color = mix(shade(pal[2], 0.35), shade(pal[4], 0.1), t);
        c.shape(
            (0.0, base - amp * 2.0, w, h),
            0.0,
            1.0,
            move |x, y| {
                let ridge =
                    base - amp * ((x * f1 + ph).sin() * 0.7 + (x * f2 + ph * 2.0).sin() * 0.3);
                ridge - y
            },
            move |_, y| shade(color, -0.12 * ((y - base) * 3.0).clamp(0.0, 1.0)),
        );
    }
    if p.rng.bool() {
        // A lake with a rippled reflection of the sky.
        let top = h * 0.86;
        let water = shade(pal[1], -0.1);
        c.shape(
            (0.0, top, w, h),
            0.0,
            1.0,
            move |_, y| top - y,
            move |x, y| {
                let ripple = ((y * 90.0).sin() * 0.5 + 0.5) * ((x * 7.0).sin() * 0.5 + 0.5);
                shade(water, 0.18 * ripple)
            },
        );
    }
}

/// A soft gradient mesh with a few crisp geometric forms on top.
fn gradient_forms(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = p.pal;
    let blobs: Vec<(f32, f32, f32, Color)> = (0..4)
        .map(|i| {
            (
                p.f(0.0, w),
                p.f(0.0, h),
                p.f(0.5, 0.9),
                [pal[0], pal[1], pal[2], pal[3]][i],
            )
        })
        .collect();
    c.fill(|x, y| {
        let mut acc = [0.0; 3];
        let mut wsum = 0.0;
        for (bx, by, r, col) in &blobs {
            let d2 = ((x - bx).powi(2) + (y - by).powi(2)) / (r * r);
            let wt = (-d2 * 2.2).exp() + 0.02;
            for k in 0..3 {
                acc[k] += col[k] * wt;
            }
            wsum += wt;
        }
        [acc[0] / wsum, acc[1] / wsum, acc[2] / wsum]
    });
    let forms = 2 + p.rng.usize(..2);
    for _ in 0..forms {
        let (cx, cy) = (p.f(0.2, w - 0.2), p.f(0.2, h - 0.2));
        let r = p.f(0.12, 0.26);
        let col = [pal[2], pal[3], pal[4], shade(pal[0], 0.5)][p.rng.usize(..4)];
        c.soft_circle(cx + 0.03, cy + 0.05, r, 0.06, 0.25, pal[4]);
        match p.rng.usize(..3) {
            0 => c.circle(cx, cy, r, col),
            1 => {
                // An arch: a rounded top over a rectangle.
                c.rounded(
                    cx,
                    cy,
                    r * 0.75,
                    r * 1.2,
                    r * 0.75,
                    0.0,
                    1.0,
                    move |_, _| col,
                );
            }
            _ => {
                let ring = r * 0.22;
                c.shape(
                    (cx - r, cy - r, cx + r, cy + r),
                    0.0,
                    1.0,
                    move |x, y| {
                        (((x - cx).powi(2) + (y - cy).powi(2)).sqrt() - (r - ring)).abs() - ring
                    },
                    move |_, _| col,
                );
            }
        }
    }
}

/// Top-down table: a cloth, a plate with food, small bowls around it.
fn table_top(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = p.pal;
    let cloth = pal[0];
    let stripe = shade(pal[1], 0.1);
    let gingham = p.rng.bool();
    c.fill(|x, y| {
        let a = ((x * 9.0).fract() < 0.5) as u8 as f32;
        let b = ((y * 9.0).fract() < 0.5) as u8 as f32;
        let t = if gingham { (a + b) * 0.5 } else { a };
        mix(cloth, stripe, t * 0.55)
    });
    let (cx, cy) = (w * 0.5 + p.f(-0.08, 0.08), h * 0.5 + p.f(-0.08, 0.08));
    let r = 0.34;
    c.soft_circle(cx + 0.03, cy + 0.04, r, 0.05, 0.3, pal[4]);
    c.circle(cx, cy, r, [0.98, 0.97, 0.95]);
    c.circle(cx, cy, r * 0.78, [0.93, 0.91, 0.88]);
    // Food: a cluster of rounded pieces in the accent colours.
    for _ in 0..(5 + p.rng.usize(..5)) {
        let ang = p.f(0.0, std::f32::consts::TAU);
        let dist = p.f(0.0, r * 0.5);
        let pr = p.f(0.05, 0.1);
        let col = [pal[2], pal[3], shade(pal[2], 0.25), shade(pal[3], -0.15)][p.rng.usize(..4)];
        let (px, py) = (cx + ang.cos() * dist, cy + ang.sin() * dist);
        c.soft_circle(px + 0.01, py + 0.015, pr, 0.015, 0.25, pal[4]);
        c.circle(px, py, pr, col);
        c.circle(px - pr * 0.3, py - pr * 0.3, pr * 0.25, shade(col, 0.35));
    }
    // Side bowls and a cup.
    for _ in 0..2 {
        let (bx, by) = if p.rng.bool() {
            (p.f(0.05, 0.2), p.f(0.1, h - 0.1))
        } else {
            (w - p.f(0.05, 0.2), p.f(0.1, h - 0.1))
        };
        let br = p.f(0.1, 0.15);
        c.soft_circle(bx + 0.02, by + 0.03, br, 0.03, 0.3, pal[4]);
        c.circle(bx, by, br, shade(pal[1], -0.2));
        c.circle(bx, by, br * 0.78, shade(pal[3], 0.1));
    }
}

/// Bauhaus-style poster: a grid of tiles, each with a bold geometric motif.
fn poster(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = p.pal;
    let cols = if w > h { 3 } else { 2 };
    let rows = ((h / (w / cols as f32)).round() as usize).max(2);
    let (tw, th) = (w / cols as f32, h / rows as f32);
    let bg = shade(pal[0], 0.2);
    c.fill(|_, _| bg);
    let colors = [pal[1], pal[2], pal[3], pal[4], shade(pal[0], -0.08)];
    for row in 0..rows {
        for col in 0..cols {
            let (x0, y0) = (col as f32 * tw, row as f32 * th);
            let back = colors[p.rng.usize(..colors.len())];
            let fore = colors[p.rng.usize(..colors.len())];
            c.rounded(
                x0 + tw / 2.0,
                y0 + th / 2.0,
                tw / 2.0,
                th / 2.0,
                0.0,
                0.0,
                1.0,
                move |_, _| back,
            );
            let r = tw.min(th) * 0.5;
            match p.rng.usize(..4) {
                0 => c.circle(x0 + tw / 2.0, y0 + th / 2.0, r * 0.7, fore),
                1 => {
                    // Quarter circle from a corner.
                    let (ox, oy) = (
                        x0 + if p.rng.bool() { 0.0 } else { tw },
                        y0 + if p.rng.bool() { 0.0 } else { th },
                    );
                    let rr = tw.min(th);
                    c.shape(
                        (x0, y0, x0 + tw, y0 + th),
                        0.0,
                        1.0,
                        move |x, y| ((x - ox).powi(2) + (y - oy).powi(2)).sqrt() - rr,
                        move |_, _| fore,
                    );
                }
                2 => {
                    // Half circle resting on the tile's bottom edge.
                    let (cx, cy) = (x0 + tw / 2.0, y0 + th);
                    c.shape(
                        (x0, y0, x0 + tw, y0 + th),
                        0.0,
                        1.0,
                        move |x, y| {
                            (((x - cx).powi(2) + (y - cy).powi(2)).sqrt() - r * 0.9)
                                .max(y - (y0 + th))
                        },
                        move |_, _| fore,
                    );
                }
                _ => {
                    // Stripes.
                    let n = 3.0 + p.rng.usize(..3) as f32;
                    c.shape(
                        (x0, y0, x0 + tw, y0 + th),
                        0.0,
                        1.0,
                        move |x, _| {
                            let t = ((x - x0) / tw * n).fract();
                            if t < 0.5 {
                                -0.01
                            } else {
                                0.01
                            }
                        },
                        move |_, _| fore,
                    );
                }
            }
        }
    }
}

/// Soft studio backdrop with cosmetic bottles and jars.
fn product_shot(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = p.pal;
    let top = shade(pal[0], 0.3);
    let bottom = pal[1];
    let floor = h * 0.72;
    c.fill(|_, y| {
        if y < floor {
            mix(top, shade(pal[0], 0.05), y / floor)
        } else {
            mix(
                shade(bottom, 0.1),
                bottom,
                (y - floor) / (h - floor).max(0.01),
            )
        }
    });
    for _ in 0..5 {
        c.soft_circle(
            p.f(0.0, w),
            p.f(0.0, floor),
            p.f(0.05, 0.12),
            0.04,
            0.25,
            [1.0; 3],
        );
    }
    let count = 2 + p.rng.usize(..2);
    let spacing = w / (count as f32 + 1.0);
    for i in 0..count {
        let cx = spacing * (i as f32 + 1.0) + p.f(-0.04, 0.04);
        let hw = p.f(0.08, 0.13);
        let hh = p.f(0.16, 0.28);
        let cy = floor - hh + 0.02;
        let col = [pal[2], pal[3], shade(pal[2], 0.3), pal[4]][p.rng.usize(..4)];
        // Shadow on the floor.
        c.shape(
            (cx - hw * 1.6, floor - 0.03, cx + hw * 1.8, floor + 0.06),
            0.03,
            0.35,
            move |x, y| {
                (((x - cx - 0.03) / (hw * 1.4)).powi(2) + ((y - floor - 0.01) / 0.025).powi(2))
                    .sqrt()
                    - 1.0
            },
            move |_, _| shade(bottom, -0.35),
        );
        c.rounded(cx, cy, hw, hh, hw * p.f(0.2, 0.6), 0.0, 1.0, move |x, _| {
            // Side lighting across the body.
            let t = ((x - (cx - hw)) / (2.0 * hw)).clamp(0.0, 1.0);
            shade(col, 0.22 - 0.4 * (t - 0.3).abs())
        });
        // Cap and label.
        let cap_h = hh * p.f(0.18, 0.3);
        let cap = shade(pal[4], 0.1);
        c.rounded(
            cx,
            cy - hh - cap_h * 0.9,
            hw * 0.55,
            cap_h,
            0.02,
            0.0,
            1.0,
            move |_, _| cap,
        );
        c.rounded(
            cx,
            cy + hh * 0.15,
            hw * 0.7,
            hh * 0.25,
            0.01,
            0.0,
            0.9,
            |_, _| [0.97, 0.96, 0.94],
        );
        c.rounded(
            cx,
            cy + hh * 0.1,
            hw * 0.45,
            0.012,
            0.006,
            0.0,
            1.0,
            move |_, _| col,
        );
    }
}

/// A cosy interior: wall, floor, arched window with sky, a plant and a lamp.
fn interior(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = p.pal;
    let wall = shade(pal[0], 0.1);
    let floor_y = h * p.f(0.7, 0.78);
    let floor = shade(pal[1], -0.15);
    c.fill(|_, y| {
        if y < floor_y {
            mix(wall, shade(wall, -0.06), y / floor_y)
        } else {
            shade(floor, -0.1 * (y - floor_y))
        }
    });
    // Arched window with a sky gradient.
    let (wx, wy) = (w * p.f(0.3, 0.7), floor_y * 0.5);
    let (hw, hh) = (0.2, floor_y * 0.32);
    let frame = [0.97, 0.96, 0.93];
    c.rounded(
        wx,
        wy,
        hw + 0.025,
        hh + 0.025,
        hw + 0.025,
        0.0,
        1.0,
        move |_, _| frame,
    );
    let (sky1, sky2) = (shade(pal[2], 0.35), shade(pal[3], 0.45));
    c.rounded(wx, wy, hw, hh, hw, 0.0, 1.0, move |_, y| {
        mix(sky1, sky2, (y - (wy - hh)) / (2.0 * hh))
    });
    c.circle(wx + hw * 0.3, wy - hh * 0.2, 0.05, shade(pal[3], 0.7));
    // Sofa or sideboard.
    let sofa = pal[2];
    c.rounded(
        w * 0.5,
        floor_y - 0.02,
        w * 0.32,
        0.1,
        0.05,
        0.0,
        1.0,
        move |_, _| sofa,
    );
    c.rounded(
        w * 0.5,
        floor_y - 0.14,
        w * 0.28,
        0.06,
        0.04,
        0.0,
        1.0,
        move |_, _| shade(sofa, 0.12),
    );
    // Plant: pot plus leaves.
    let px = if wx > w * 0.5 { w * 0.12 } else { w * 0.88 };
    let pot = pal[4];
    c.rounded(
        px,
        floor_y - 0.06,
        0.06,
        0.07,
        0.02,
        0.0,
        1.0,
        move |_, _| pot,
    );
    let leaf = shade(hex(0x3f7d4e), p.f(-0.1, 0.2));
    for i in 0..7 {
        let ang = -2.6 + i as f32 * 0.32;
        let (lx, ly) = (px + ang.cos() * 0.1, floor_y - 0.16 + ang.sin() * 0.12);
        c.shape(
            (lx - 0.07, ly - 0.07, lx + 0.07, ly + 0.07),
            0.0,
            1.0,
            move |x, y| (((x - lx) / 0.06).powi(2) + ((y - ly) / 0.03).powi(2)).sqrt() - 1.0,
            move |_, _| leaf,
        );
    }
    // Pendant lamp with a warm glow.
    let lx = w - px;
    let glow = shade(pal[3], 0.5);
    c.soft_circle(lx, 0.3, 0.18, 0.12, 0.35, glow);
    c.rounded(lx, 0.12, 0.004, 0.12, 0.002, 0.0, 1.0, move |_, _| pot);
    c.rounded(lx, 0.26, 0.07, 0.04, 0.04, 0.0, 1.0, move |_, _| {
        shade(pal[3], 0.1)
    });
}

/// Dark backdrop with a perspective grid and a glowing device.
fn tech_glow(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = DARK_PALETTES[p.rng.usize(..DARK_PALETTES.len())];
    let horizon = h * 0.62;
    c.fill(|x, y| {
        let base = mix(pal[0], pal[1], y / h);
        if y > horizon {
            // Perspective grid on the floor.
            let depth = (y - horizon) / (h - horizon).max(0.01);
            let gx = ((x - w / 2.0) / (0.05 + depth) * 1.2).fract().abs();
            let gy = (1.0 / (depth + 0.08) * 0.9).fract();
            let line = (1.0 - smoothstep(0.0, 0.06, gx.min(1.0 - gx)))
                .max(1.0 - smoothstep(0.0, 0.08, gy.min(1.0 - gy)));
            mix(base, pal[4], line * 0.8 * depth.sqrt())
        } else {
            base
        }
    });
    let (cx, cy) = (w / 2.0 + p.f(-0.1, 0.1), horizon - 0.18);
    c.soft_circle(cx, cy, 0.3, 0.25, 0.45, pal[2]);
    let (hw, hh) = if p.rng.bool() {
        (0.34, 0.22)
    } else {
        (0.16, 0.3)
    };
    let screen = shade(pal[0], 0.08);
    c.rounded(cx, cy, hw, hh, 0.05, 0.0, 1.0, move |_, _| {
        shade(pal[4], 0.2)
    });
    let (g1, g2) = (pal[2], pal[3]);
    c.rounded(
        cx,
        cy,
        hw - 0.02,
        hh - 0.02,
        0.035,
        0.0,
        1.0,
        move |x, y| {
            let t = ((x - cx) + (y - cy)) * 2.0;
            mix(screen, mix(g1, g2, t * 0.5 + 0.5), 0.55)
        },
    );
    for _ in 0..6 {
        c.soft_circle(
            p.f(0.0, w),
            p.f(0.0, horizon),
            p.f(0.004, 0.012),
            0.01,
            0.9,
            pal[3],
        );
    }
}

/// A round, friendly animal face.
fn pet_face(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = p.pal;
    let (bg1, bg2) = (pal[0], shade(pal[1], 0.2));
    c.fill(|x, y| mix(bg1, bg2, ((x / w) + (y / h)) * 0.5));
    for _ in 0..8 {
        let (x, y) = (p.f(0.0, w), p.f(0.0, h));
        c.circle(x, y, p.f(0.015, 0.03), shade(pal[2], 0.4));
    }
    let (cx, cy) = (w / 2.0, h / 2.0 + 0.04);
    let fur = [
        hex(0xf2a65a),
        hex(0x8d6e63),
        hex(0x424242),
        hex(0xe0e0e0),
        hex(0xd7a86e),
    ][p.rng.usize(..5)];
    let cat = p.rng.bool();
    let r = 0.3;
    // Ears: cats get pointed ones, dogs floppy ones.
    for side in [-1.0_f32, 1.0] {
        if cat {
            let (ex, ey) = (cx + side * r * 0.62, cy - r * 0.72);
            c.shape(
                (ex - 0.16, ey - 0.2, ex + 0.16, ey + 0.12),
                0.0,
                1.0,
                move |x, y| {
                    let lx = (x - ex) * side;
                    let ly = y - ey;
                    // A triangle from three half-planes.
                    let d1 = ly - 0.08;
                    let d2 = -0.94 * lx - 0.34 * ly - 0.07;
                    let d3 = 0.94 * lx - 0.34 * ly - 0.07;
                    d1.max(d2).max(d3)
                },
                move |_, _| shade(fur, -0.08),
            );
        } else {
            let (ex, ey) = (cx + side * r * 0.95, cy - r * 0.15);
            c.shape(
                (ex - 0.14, ey - 0.25, ex + 0.14, ey + 0.25),
                0.0,
                1.0,
                move |x, y| (((x - ex) / 0.1).powi(2) + ((y - ey) / 0.22).powi(2)).sqrt() - 1.0,
                move |_, _| shade(fur, -0.25),
            );
        }
    }
    c.soft_circle(cx + 0.02, cy + 0.03, r, 0.04, 0.3, pal[4]);
    c.circle(cx, cy, r, fur);
    c.shape(
        (cx - r, cy, cx + r, cy + r),
        0.0,
        1.0,
        move |x, y| {
            (((x - cx) / (r * 0.6)).powi(2) + ((y - cy - r * 0.35) / (r * 0.42)).powi(2)).sqrt()
                - 1.0
        },
        move |_, _| shade(fur, 0.45),
    );
    for side in [-1.0_f32, 1.0] {
        c.circle(cx + side * r * 0.38, cy - r * 0.08, r * 0.1, hex(0x222222));
        c.circle(
            cx + side * r * 0.38 + r * 0.03,
            cy - r * 0.12,
            r * 0.035,
            [1.0; 3],
        );
        c.soft_circle(
            cx + side * r * 0.62,
            cy + r * 0.2,
            r * 0.1,
            0.03,
            0.5,
            pal[2],
        );
    }
    c.circle(cx, cy + r * 0.16, r * 0.08, hex(0x3b2a2a));
}

/// Dynamic diagonal bands with a rising sun and a dumbbell.
fn motion_bands(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = p.pal;
    let slope = p.f(0.35, 0.8);
    let colors = [pal[0], pal[1], pal[2], pal[3], shade(pal[1], 0.3)];
    let freq = p.f(2.5, 4.0);
    c.fill(|x, y| {
        let t = (y - x * slope) * freq;
        let band = (t.floor() as i64).rem_euclid(colors.len() as i64) as usize;
        colors[band]
    });
    let (sx, sy, sr) = (w * p.f(0.25, 0.75), h * p.f(0.25, 0.45), p.f(0.16, 0.24));
    c.soft_circle(sx, sy, sr * 1.3, sr * 0.5, 0.4, [1.0; 3]);
    c.circle(sx, sy, sr, shade(pal[3], 0.25));
    let (dx, dy) = (w / 2.0, h * 0.72);
    let ink = pal[4];
    c.rounded(dx, dy, 0.22, 0.018, 0.018, 0.0, 1.0, move |_, _| {
        shade(ink, 0.3)
    });
    for side in [-1.0_f32, 1.0] {
        c.rounded(
            dx + side * 0.2,
            dy,
            0.03,
            0.1,
            0.02,
            0.0,
            1.0,
            move |_, _| ink,
        );
        c.rounded(
            dx + side * 0.26,
            dy,
            0.025,
            0.075,
            0.02,
            0.0,
            1.0,
            move |_, _| ink,
        );
    }
}

/// Top-down desk: notebook, pen and a cup of coffee.
fn desk(c: &mut Canvas, p: &mut Params) {
    let (w, h) = c.size();
    let pal = p.pal;
    let wood = shade(pal[1], -0.05);
    c.fill(|x, y| shade(wood, 0.05 * ((y * 40.0 + (x * 3.0).sin() * 2.0).sin())));
    let (nx, ny) = (w * 0.45, h * 0.5);
    let tilt = p.f(-0.15, 0.15);
    let paper = [0.98, 0.97, 0.94];
    let line = shade(pal[2], 0.5);
    c.rounded(
        nx + 0.02,
        ny + 0.025,
        0.28,
        0.36,
        0.02,
        0.02,
        0.35,
        move |_, _| pal[4],
    );
    c.shape(
        (nx - 0.4, ny - 0.45, nx + 0.4, ny + 0.45),
        0.0,
        1.0,
        move |x, y| {
            let (dx, dy) = (x - nx, y - ny);
            let (rx, ry) = (
                dx * tilt.cos() + dy * tilt.sin(),
                -dx * tilt.sin() + dy * tilt.cos(),
            );
            rounded_box(rx, ry, 0.28, 0.36, 0.02)
        },
        move |x, y| {
            let (dx, dy) = (x - nx, y - ny);
            let ry = -dx * tilt.sin() + dy * tilt.cos();
            let ruled = ((ry * 22.0).fract() < 0.08) as u8 as f32;
            mix(paper, line, ruled * 0.7)
        },
    );
    let (cx, cy) = (w - 0.18, 0.2);
    c.soft_circle(cx + 0.02, cy + 0.03, 0.13, 0.03, 0.35, pal[4]);
    c.circle(cx, cy, 0.13, [0.96, 0.95, 0.93]);
    c.circle(cx, cy, 0.1, hex(0x5d3a1a));
    c.circle(cx - 0.02, cy - 0.02, 0.035, hex(0xc89f72));
    let pen = pal[2];
    c.shape(
        (0.05, h - 0.35, w * 0.6, h - 0.05),
        0.0,
        1.0,
        move |x, y| {
            let (ax, ay, bx, by) = (0.1, h - 0.1, w * 0.55, h - 0.3);
            let (vx, vy) = (bx - ax, by - ay);
            let t = (((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)).clamp(0.0, 1.0);
            ((x - ax - vx * t).powi(2) + (y - ay - vy * t).powi(2)).sqrt() - 0.018
        },
        move |_, _| pen,
    );
    for _ in 0..3 {
        let col = [pal[3], pal[2], shade(pal[3], 0.3)][p.rng.usize(..3)];
        c.rounded(
            p.f(0.08, w - 0.08),
            p.f(h - 0.25, h - 0.08),
            0.05,
            0.05,
            0.005,
            0.0,
            0.95,
            move |_, _| col,
        );
    }
}

type Style = fn(&mut Canvas, &mut Params);

fn styles_for(theme: &str) -> &'static [Style] {
    match theme {
        "travel" | "outdoors" => &[landscape, landscape, gradient_forms, poster],
        "food" => &[table_top, table_top, gradient_forms],
        "beauty" => &[product_shot, product_shot, gradient_forms],
        "fashion" => &[poster, gradient_forms, product_shot],
        "home" => &[interior, interior, poster],
        "fitness" => &[motion_bands, motion_bands, landscape],
        "tech" => &[tech_glow, tech_glow, poster],
        "pets" => &[pet_face, pet_face, gradient_forms],
        "study" => &[desk, desk, poster],
        _ => &[gradient_forms, poster, landscape],
    }
}

/// Renders a note image for `theme` (a channel slug; unknown themes get a generic style).
pub fn render_note_image(seed: u64, theme: &str, width: u32, height: u32) -> RgbImage {
    let mut canvas = Canvas::new(width, height);
    let mut params = Params::new(seed);
    let styles = styles_for(theme);
    let style = styles[params.rng.usize(..styles.len())];
    style(&mut canvas, &mut params);
    canvas.finish(seed)
}

/// Renders a square avatar: a soft gradient disc background with an abstract face-like motif.
pub fn render_avatar(seed: u64, size: u32) -> RgbImage {
    let mut c = Canvas::new(size, size);
    let mut p = Params::new(seed);
    let pal = p.pal;
    let angle = p.f(0.0, std::f32::consts::TAU);
    let (dx, dy) = (angle.cos(), angle.sin());
    c.fill(|x, y| mix(pal[1], pal[3], ((x - 0.5) * dx + (y - 0.5) * dy) + 0.5));
    match p.rng.usize(..3) {
        0 => {
            // Head and shoulders silhouette.
            let skin =
                [hex(0xf5d0b5), hex(0xe0ac8a), hex(0xc68863), hex(0x8d5a3b)][p.rng.usize(..4)];
            let shirt = pal[2];
            c.circle(0.5, 1.05, 0.42, shirt);
            c.circle(0.5, 0.45, 0.2, skin);
            let hair = pal[4];
            c.shape(
                (0.25, 0.2, 0.75, 0.5),
                0.0,
                1.0,
                move |x, y| (((x - 0.5).powi(2) + (y - 0.42).powi(2)).sqrt() - 0.22).max(y - 0.4),
                move |_, _| hair,
            );
        }
        1 => {
            let (a, b) = (pal[2], pal[4]);
            c.circle(0.38, 0.42, 0.22, a);
            c.circle(0.62, 0.6, 0.2, shade(b, 0.2));
            c.circle(0.62, 0.6, 0.08, shade(pal[0], 0.3));
        }
        _ => {
            let ink = pal[4];
            c.circle(0.5, 0.5, 0.3, shade(pal[0], 0.4));
            c.circle(0.42, 0.46, 0.035, ink);
            c.circle(0.58, 0.46, 0.035, ink);
            c.shape(
                (0.38, 0.52, 0.62, 0.66),
                0.0,
                1.0,
                move |x, y| {
                    ((((x - 0.5).powi(2) + (y - 0.52).powi(2)).sqrt() - 0.1).abs() - 0.018)
                        .max(0.54 - y)
                },
                move |_, _| ink,
            );
        }
    }
    c.finish(seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_size_renders_without_panicking() {
        for theme in [
            "travel", "food", "beauty", "fashion", "home", "fitness", "tech", "pets", "study",
            "outdoors", "??",
        ] {
            for seed in 0..12 {
                for (w, h) in [(1, 1), (8, 8), (6, 11), (11, 6), (0, 0)] {
                    let img = render_note_image(seed, theme, w, h);
                    assert_eq!((img.width(), img.height()), (w.max(1), h.max(1)));
                }
            }
        }
        assert_eq!(render_avatar(3, 0).width(), 1);
    }

    #[test]
    fn deterministic_and_scale_independent() {
        let a = render_note_image(42, "travel", 120, 160);
        let b = render_note_image(42, "travel", 120, 160);
        assert_eq!(a.as_raw(), b.as_raw());
        // The same picture at two widths: the downscaled big one is close to the small one.
        let big = render_note_image(7, "food", 240, 320);
        let small = render_note_image(7, "food", 60, 80);
        let down = image::imageops::resize(&big, 60, 80, image::imageops::FilterType::Triangle);
        let diff: f64 = down
            .as_raw()
            .iter()
            .zip(small.as_raw())
            .map(|(x, y)| f64::from((i16::from(*x) - i16::from(*y)).unsigned_abs()))
            .sum::<f64>()
            / down.as_raw().len() as f64;
        assert!(diff < 25.0, "mean channel difference {diff}");
    }

    #[test]
    fn different_seeds_look_different() {
        let a = render_note_image(1, "beauty", 64, 64);
        let b = render_note_image(2, "beauty", 64, 64);
        assert_ne!(a.as_raw(), b.as_raw());
    }
}
