//! Brotli and gzip: the precompressed copies the server sends as they are, and the bundle
//! sizes the benchmarks print.

use std::io::Write;
use std::path::Path;

use crate::tools::Result;

pub fn brotli_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = data;
    if brotli::BrotliCompress(&mut input, &mut out, &params).is_err() {
        return data.to_vec();
    }
    out
}

pub fn gzip_bytes(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    if enc.write_all(data).is_err() {
        return data.to_vec();
    }
    enc.finish().unwrap_or_else(|_| data.to_vec())
}

/// Writes `.br` and `.gz` beside every compressible file so the server sends them as they are.
pub fn precompress(dir: &Path) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut count = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(
            ext,
            "wasm" | "js" | "css" | "html" | "json" | "svg" | "webmanifest"
        ) {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let br = brotli_bytes(&data);
        let gz = gzip_bytes(&data);
        let name = path.display().to_string();
        std::fs::write(format!("{name}.br"), br).map_err(|e| e.to_string())?;
        std::fs::write(format!("{name}.gz"), gz).map_err(|e| e.to_string())?;
        count += 1;
    }
    if count > 0 {
        println!(
            "    precompressed {count} files in {} (br, gz)",
            dir.display()
        );
    }
    Ok(())
}
