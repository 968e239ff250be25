//! Reusable view pieces.

pub mod auth_sheet;
pub mod avatar;
pub mod carousel;
pub mod cart_view;
pub mod channel_bar;
pub mod comments;
pub mod dialog;
pub mod feed;
pub mod gate;
pub mod header;
pub mod icon;
pub mod image_picker;
pub mod masonry_grid;
pub mod note_card;
pub mod people;
pub mod picture;
pub mod product_tile;
pub mod quantity_stepper;
pub mod report;
pub mod search_box;
pub mod states;
pub mod suggest_textarea;
pub mod tab_bar;
pub mod theme_toggle;
pub mod toast;
pub mod toggle_action;
