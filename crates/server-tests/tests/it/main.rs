//! The server's integration tests, in one binary: one link instead of eleven, and the tests of
//! every area run in parallel. Each module is an area; `common` holds the shared helpers.

mod common;

mod abuse;
mod accounts;
mod api;
mod contract;
mod error_codes;
mod images;
mod live;
mod live_media;
mod media_store;
mod orders;
mod pg_schema;
mod publishing;
mod recs;
mod search;
mod security;
mod seed;
mod shell;
mod shop;
mod sql_portable;
mod test_clip;
mod videos;
mod waiting_notes;
