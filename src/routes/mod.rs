//! One file per page.

pub mod cart;
pub mod checkout;
pub mod creator;
pub mod earnings;
pub mod explore;
pub mod follows;
pub mod gallery;
pub mod live;
pub mod not_found;
pub mod note;
pub mod notifications;
pub mod orders;
pub mod product;
pub mod publish;
pub mod search;
pub mod settings;
pub mod shop;
pub mod topic;
pub mod user;
