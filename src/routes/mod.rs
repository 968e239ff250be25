//! One file per page.

pub mod explore;
pub mod not_found;
pub mod note;
pub mod search;
pub mod topic;
pub mod user;
