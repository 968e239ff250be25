//! Object styles: a table top, a product shot and a desk.

use super::{hex, mix, rounded_box, shade, Canvas, Params};

/// Top-down table: a cloth, a plate with food, small bowls around it.
pub(super) fn table_top(c: &mut Canvas, p: &mut Params) {
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

/// Soft studio backdrop with cosmetic bottles and jars.
pub(super) fn product_shot(c: &mut Canvas, p: &mut Params) {
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

/// Top-down desk: notebook, pen and a cup of coffee.
pub(super) fn desk(c: &mut Canvas, p: &mut Params) {
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
