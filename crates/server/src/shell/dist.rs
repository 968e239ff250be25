//! Loading the built app from `dist/` into memory, and telling file paths from routes.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::HeaderValue;

use super::entity::{brotli, compressible, content_type, gzip, Entity, IMMUTABLE, NO_CACHE};

/// Files above this are not loaded (the shell is wasm, JS, CSS and a few icons).
pub(super) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// True for Trunk's content-hashed file names, e.g. `app-1f2e3d4c5b6a7988_bg.wasm`.
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.split(['-', '_', '.'])
        .any(|part| (12..=16).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// True under `/pkg/<16 hex digits>/`: where a build puts every generated file (JS glue, main
/// wasm, split chunks and their loader, CSS), so a path names one build's file forever.
pub fn is_build_asset(path: &str) -> bool {
    path.strip_prefix("/pkg/")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(hash, file)| {
            hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && !file.is_empty()
        })
}

/// Paths that name a file rather than a page: under the asset prefixes, or ending in a
/// `.ext` (1–12 ASCII letters or digits). Pages whose last segment is user text (`/topic/…`)
/// are pages whatever they end with.
pub fn is_file_path(path: &str) -> bool {
    if path.starts_with("/pkg/") || path.starts_with("/img/") {
        return true;
    }
    if path.starts_with("/topic/") || path.starts_with("/search/") {
        return false;
    }
    let last = path.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && (1..=12).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// `%XX`-decodes a request path; `None` if the result is not UTF-8 (no file has such a name).
pub(super) fn decode_path(path: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !path.contains('%') {
        return Some(std::borrow::Cow::Borrowed(path));
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok().map(std::borrow::Cow::Owned)
}

/// Reads every file under `dir` (recursively) into `files`, keyed by URL path.
pub(super) fn read_tree(dir: &Path, prefix: &str, files: &mut HashMap<String, Vec<u8>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            tracing::warn!("app shell: cannot read {}: {e}", dir.display());
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            tracing::warn!("app shell: skipping non-UTF-8 name {}", path.display());
            continue;
        };
        let url = format!("{prefix}/{name}");
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            read_tree(&path, &url, files);
        } else if meta.len() > MAX_FILE_BYTES {
            tracing::warn!("app shell: {} is too large to serve", path.display());
        } else {
            match std::fs::read(&path) {
                Ok(data) => {
                    files.insert(url, data);
                }
                Err(e) => tracing::warn!("app shell: cannot read {}: {e}", path.display()),
            }
        }
    }
}

/// Brotli quality for copies made at start when the build wrote none (big files get a
/// faster setting so a start never stalls).
pub(super) fn startup_brotli_quality(len: usize) -> i32 {
    if len <= 256 * 1024 {
        11
    } else {
        9
    }
}

/// The files of a dist directory as entities, keyed by URL path.
pub(super) fn load_files(dist: &Path) -> HashMap<String, Arc<Entity>> {
    let mut raw = HashMap::new();
    read_tree(dist, "", &mut raw);
    let mut files = HashMap::new();
    for (url, data) in &raw {
        // A `.br`/`.gz` beside its original is one of that file's encodings, not a file.
        let sibling_of = url
            .strip_suffix(".br")
            .or_else(|| url.strip_suffix(".gz"))
            .filter(|base| raw.contains_key(*base));
        if sibling_of.is_some() {
            continue;
        }
        let mut br = raw
            .get(&format!("{url}.br"))
            .map(|b| Bytes::from(b.clone()));
        let mut gz = raw
            .get(&format!("{url}.gz"))
            .map(|b| Bytes::from(b.clone()));
        if compressible(url) && data.len() >= 256 {
            if br.is_none() {
                br = Some(Bytes::from(brotli(
                    data,
                    startup_brotli_quality(data.len()),
                )));
            }
            if gz.is_none() {
                gz = Some(Bytes::from(gzip(data, 9)));
            }
        }
        let cache = if is_build_asset(url) || is_hashed_asset(url) {
            IMMUTABLE
        } else {
            NO_CACHE
        };
        let entity = Entity::new(
            HeaderValue::from_static(content_type(url)),
            cache,
            Bytes::from(data.clone()),
            br,
            gz,
            false,
        );
        files.insert(url.clone(), Arc::new(entity));
    }
    files
}
