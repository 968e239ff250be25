//! Small reusable browser hooks, one per file.

pub mod use_dwell;
pub mod use_element_width;
pub mod use_focus_trap;
pub mod use_intersection;
pub mod use_live_events;
pub mod use_next_task;
pub mod use_paged;
pub mod use_swipe_to_close;
pub mod use_viewport;
