//! Search over the seeded world, through HTTP: Chinese and English matching, sorts, filters,
//! paging, bad input, incremental updates and rebuilding a lost or corrupt index.
//!
//! One module per topic; the helpers shared by them are here.

mod input_and_index;
mod notes;
mod people;
mod products;
mod suggestions;

use serde_json::Value;

fn encode(q: &str) -> String {
    q.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect()
}
