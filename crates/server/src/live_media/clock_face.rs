//! The demo clip's moving part: a clock face over the room's scene, its hand sweeping once a
//! lap, so a viewer sees time pass (and a frozen stream shows at once).
//!
//! No "LIVE" badge in the picture: the room page overlays its own (with the Demo tag), the
//! clip's was a red box with no text under the page's back button, and the same clip is the
//! demo rooms' replay, where "live" would be wrong.

use image::{Rgb, RgbImage};

const RADIUS: f32 = 150.0;
const RING: f32 = 6.0;
const HAND: f32 = 4.0;

/// Frame at `phase` (0..1 of the lap).
pub fn draw(scene: &RgbImage, phase: f32) -> RgbImage {
    let mut frame = scene.clone();
    let (w, h) = frame.dimensions();
    let (cx, cy) = (w as f32 / 2.0, h as f32 * 0.42);
    let angle = phase * std::f32::consts::TAU;
    // The hand points up at 0 and turns clockwise.
    let tip = (
        cx + (RADIUS - 22.0) * angle.sin(),
        cy - (RADIUS - 22.0) * angle.cos(),
    );
    let x0 = (cx - RADIUS - 2.0).max(0.0) as u32;
    let y0 = (cy - RADIUS - 2.0).max(0.0) as u32;
    let x1 = ((cx + RADIUS + 2.0) as u32).min(w);
    let y1 = ((cy + RADIUS + 2.0) as u32).min(h);
    for y in y0..y1 {
        for x in x0..x1 {
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            let d = ((px - cx).powi(2) + (py - cy).powi(2)).sqrt();
            if d > RADIUS {
                continue;
            }
            let on_ring = d >= RADIUS - RING;
            let on_hand = segment_distance((px, py), (cx, cy), tip) <= HAND;
            let on_hub = d <= 9.0;
            let on_tick =
                (RADIUS - 24.0..=RADIUS - 12.0).contains(&d) && near_tick(px - cx, py - cy);
            let pixel = frame.get_pixel_mut(x, y);
            if on_ring || on_hand || on_hub || on_tick {
                *pixel = Rgb([250, 250, 250]);
            } else {
                // The face: the scene, darkened so the hand reads on any picture.
                pixel.0 = pixel.0.map(|c| (u16::from(c) * 2 / 5) as u8);
            }
        }
    }
    frame
}

/// Whether a point (relative to the centre) lies on one of the twelve hour marks.
fn near_tick(dx: f32, dy: f32) -> bool {
    let a = dy.atan2(dx).rem_euclid(std::f32::consts::TAU);
    let step = std::f32::consts::TAU / 12.0;
    let off = (a / step).round() * step - a;
    (off * (dx * dx + dy * dy).sqrt()).abs() <= 2.5
}

fn segment_distance(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (abx, aby) = (b.0 - a.0, b.1 - a.1);
    let len2 = (abx * abx + aby * aby).max(f32::EPSILON);
    let t = (((p.0 - a.0) * abx + (p.1 - a.1) * aby) / len2).clamp(0.0, 1.0);
    let (qx, qy) = (a.0 + t * abx, a.1 + t * aby);
    ((p.0 - qx).powi(2) + (p.1 - qy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hand_moves_and_the_scene_keeps_its_corners() {
        let scene = RgbImage::from_pixel(200, 400, Rgb([100, 120, 140]));
        let a = draw(&scene, 0.0);
        let b = draw(&scene, 0.25);
        // Straight up at 0, to the right a quarter later.
        let (cx, cy) = (100, (400.0 * 0.42) as u32);
        assert_eq!(a.get_pixel(cx, cy - 80), &Rgb([250, 250, 250]));
        assert_ne!(b.get_pixel(cx, cy - 80), &Rgb([250, 250, 250]));
        assert_eq!(b.get_pixel(cx + 80, cy), &Rgb([250, 250, 250]));
        // The corners (where the old badge was): the scene, under the page's own overlay.
        for (x, y) in [(10, 10), (25, 12), (190, 10)] {
            assert_eq!(a.get_pixel(x, y), &Rgb([100, 120, 140]));
        }
    }
}
