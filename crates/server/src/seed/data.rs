//! Reading the demo corpora from `seed-data/` (TOML compiled into the binary).
//!
//! The tables are read once, on first use, and then live as long as the process, like the
//! constants they replaced: so their text is leaked into `&'static str`s and the generators
//! keep borrowing it freely.

use serde::{Deserialize, Deserializer};

/// Parses one compiled-in data file. It is part of the build, and the seed tests parse every
/// file, so a malformed file fails the tests rather than a running server.
pub(crate) fn parse<T: Deserialize<'static>>(name: &str, text: &'static str) -> T {
    toml::from_str(text).unwrap_or_else(|e| panic!("seed-data/{name}: {e}"))
}

pub(crate) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

pub(crate) fn leak_all<T>(items: impl IntoIterator<Item = T>) -> &'static [T] {
    Box::leak(items.into_iter().collect::<Vec<_>>().into_boxed_slice())
}

// `deserialize_with` helpers: the tables' fields keep the `&'static` types of the former
// constants, so the generators did not change.

pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    String::deserialize(d).map(leak)
}

pub(crate) fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<&'static [&'static str], D::Error> {
    Vec::<String>::deserialize(d).map(|v| leak_all(v.into_iter().map(leak)))
}

pub(crate) fn pair<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<(&'static str, &'static str), D::Error> {
    <(String, String)>::deserialize(d).map(|(a, b)| (leak(a), leak(b)))
}

pub(crate) fn pairs<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<&'static [(&'static str, &'static str)], D::Error> {
    Vec::<(String, String)>::deserialize(d)
        .map(|v| leak_all(v.into_iter().map(|(a, b)| (leak(a), leak(b)))))
}
