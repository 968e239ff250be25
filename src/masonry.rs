//! Masonry ("waterfall") layout as a pure function: each card goes into the currently
//! shortest column, and its height comes from the image size the API sent, so nothing moves
//! when images load.

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Placement {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    /// Height of the cover image box (the card adds its text block below it).
    pub image_height: f64,
    pub height: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub placements: Vec<Placement>,
    pub columns: usize,
    pub column_width: f64,
    /// Height of the tallest column.
    pub height: f64,
}

/// Covers are shown between 4:3 landscape and 3:4 portrait; taller or wider images are
/// cropped (object-fit: cover), as on the real app, so one card never fills a whole screen.
pub const MIN_RATIO: f64 = 0.75;
pub const MAX_RATIO: f64 = 4.0 / 3.0;

/// Column count for a container width: 2 on phones, up to 6 on wide desktops. The steps live
/// in api-types, whose `card_sizes()` (the covers' `sizes`) is tested against them.
pub fn columns_for_width(width: f64) -> usize {
    api_types::feed_columns(width)
}

/// Gap between cards for a container width: 10 px on phones, 16 px from the first step on.
pub fn gap_for_width(width: f64) -> f64 {
    api_types::feed_gap(width)
}

/// Height / width of a cover as displayed.
pub fn display_ratio(width: u32, height: u32) -> f64 {
    if width == 0 {
        return 1.0;
    }
    (f64::from(height) / f64::from(width)).clamp(MIN_RATIO, MAX_RATIO)
}

/// Places `sizes` (intrinsic image width, height) into `columns` columns.
/// `text_block` is the fixed height of each card's caption area.
pub fn layout(
    container_width: f64,
    columns: usize,
    gap: f64,
    text_block: f64,
    sizes: &[(u32, u32)],
) -> Layout {
    let columns = columns.max(1);
    let column_width = ((container_width - gap * (columns as f64 - 1.0)) / columns as f64).max(0.0);
    let mut heights = vec![0.0_f64; columns];
    let mut placements = Vec::with_capacity(sizes.len());
    for &(w, h) in sizes {
        // Shortest column; ties go to the leftmost so the order reads naturally.
        let (col, top) =
            heights
                .iter()
                .copied()
                .enumerate()
                .fold(
                    (0, f64::INFINITY),
                    |best, (i, y)| if y < best.1 { (i, y) } else { best },
                );
        let image_height = (column_width * display_ratio(w, h)).round();
        let height = image_height + text_block;
        placements.push(Placement {
            x: col as f64 * (column_width + gap),
            y: top,
            width: column_width,
            image_height,
            height,
        });
        heights[col] = top + height + gap;
    }
    let height = heights.iter().copied().fold(0.0_f64, f64::max).max(gap) - gap;
    Layout {
        placements,
        columns,
        column_width,
        height: height.max(0.0),
    }
}

/// Indices of the placements that meet the band `[top, bottom]` (in container coordinates).
pub fn visible(layout: &Layout, top: f64, bottom: f64) -> Vec<usize> {
    layout
        .placements
        .iter()
        .enumerate()
        .filter(|(_, p)| p.y < bottom && p.y + p.height > top)
        .map(|(i, _)| i)
        .collect()
}
