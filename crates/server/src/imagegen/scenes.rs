//! Scene styles: a landscape, an interior and a pet face.

use super::{hex, mix, shade, Canvas, Params};

/// Layered mountains under a sky with a sun; optionally a lake.
pub(super) fn landscape(c: &mut Canvas, p: &mut Params) {
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

/// A cosy interior: wall, floor, arched window with sky, a plant and a lamp.
pub(super) fn interior(c: &mut Canvas, p: &mut Params) {
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

/// A round, friendly animal face.
pub(super) fn pet_face(c: &mut Canvas, p: &mut Params) {
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
