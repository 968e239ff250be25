//! Graphic styles: gradient forms, a poster, tech glow and motion bands.

use super::palettes::DARK_PALETTES;
use super::{mix, shade, smoothstep, Canvas, Color, Params};

/// A soft gradient mesh with a few crisp geometric forms on top.
pub(super) fn gradient_forms(c: &mut Canvas, p: &mut Params) {
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

/// Bauhaus-style poster: a grid of tiles, each with a bold geometric motif.
pub(super) fn poster(c: &mut Canvas, p: &mut Params) {
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

/// Dark backdrop with a perspective grid and a glowing device.
pub(super) fn tech_glow(c: &mut Canvas, p: &mut Params) {
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

/// Dynamic diagonal bands with a rising sun and a dumbbell.
pub(super) fn motion_bands(c: &mut Canvas, p: &mut Params) {
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
