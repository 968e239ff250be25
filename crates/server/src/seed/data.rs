//! Reading the demo corpora from `seed-data/` (TOML compiled into the binary).
//!
//! The tables are read once, on first use, and then live as long as the process, like the
//! constants they replaced: so their text is leaked into `&'static str`s and the generators
//! keep borrowing it freely.

use serde::de::DeserializeOwned;

/// Parses one compiled-in data file. It is part of the build, and the seed tests parse every
/// file, so a malformed file fails the tests rather than a running server.
pub(crate) fn parse<T: DeserializeOwned>(name: &str, text: &str) -> T {
    toml::from_str(text).unwrap_or_else(|e| panic!("seed-data/{name}: {e}"))
}

pub(crate) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

pub(crate) fn leak_all<T>(items: impl IntoIterator<Item = T>) -> &'static [T] {
    Box::leak(items.into_iter().collect::<Vec<_>>().into_boxed_slice())
}
