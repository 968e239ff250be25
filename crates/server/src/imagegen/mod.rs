//! Procedural illustrations for the demo world: every note image and avatar is drawn from a
//! seed, so the demo needs no image assets yet shows varied, art-directed pictures.
//!
//! Resolution independent: geometry is expressed in units of the image's shorter side, so the
//! same seed at 240 px and at 1080 px wide is the same picture (the client swaps widths via
//! `srcset`). Edges are anti-aliased from signed distances; a faint grain keeps flat areas alive.

mod graphic;
mod objects;
mod palettes;
mod scenes;

use image::{Rgb, RgbImage};

use graphic::{gradient_forms, motion_bands, poster, tech_glow};
use objects::{desk, product_shot, table_top};
use palettes::PALETTES;
use scenes::{interior, landscape, pet_face};

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
