//! Bundle budget: what the first load of `/explore` fetches (JS glue, split loader, main wasm,
//! stylesheet; brotli, as served), every lazy chunk, and the whole app.

use std::path::Path;

use crate::tools::{root, step, Result};

/// JS + wasm + CSS (brotli) that the first load of `/explore` may fetch.
pub const INITIAL_BUDGET: usize = 250 * 1024;
/// What one lazy chunk (a group of pages, with the shared pieces it needs) may add.
pub const CHUNK_BUDGET: usize = 200 * 1024;

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

/// Bytes of a file as served with brotli: its precompressed `.br` sibling when there is one.
fn served_bytes(path: &Path) -> Result<(usize, usize)> {
    let raw = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len() as usize;
    let br_path = path.with_file_name(format!(
        "{}.br",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("")
    ));
    let br = std::fs::metadata(&br_path).map_or(raw, |m| m.len() as usize);
    Ok((raw, br))
}

pub struct BundleReport {
    pub initial_br: usize,
    pub total_br: usize,
    pub largest_chunk_br: usize,
}

pub fn bundle_sizes() -> Result<BundleReport> {
    step("Bundle sizes (dist/, brotli as served)");
    let dist = root().join("dist");
    let manifest_path = dist.join("chunks.json");
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(&manifest_path).map_err(|e| format!("{}: {e}", manifest_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let base = manifest["base"]
        .as_str()
        .ok_or("chunks.json has no base")?
        .trim_matches('/')
        .to_string();
    let pkg = dist.join(&base);

    let mut initial_br = 0;
    println!("    first load of /explore:");
    for file in [
        "app.css",
        "zhongcao.js",
        "__wasm_split.js",
        "zhongcao_bg.wasm",
    ] {
        let (raw, br) = served_bytes(&pkg.join(file))?;
        initial_br += br;
        println!("      {file:<28} {:>10} raw {:>10} brotli", kb(raw), kb(br));
    }
    let verdict = if initial_br <= INITIAL_BUDGET {
        "within"
    } else {
        "OVER"
    };
    println!(
        "      {:<28} {:>25} ({verdict} the {} budget)",
        "total",
        kb(initial_br),
        kb(INITIAL_BUDGET)
    );

    println!("    lazy chunks (pages sharing a chunk load together):");
    let mut largest_chunk_br = 0;
    let chunks = manifest["chunks"]
        .as_object()
        .ok_or("chunks.json has no chunks")?;
    for (name, files) in chunks {
        let mut br = 0;
        let files: Vec<&str> = files
            .as_array()
            .map(|a| a.iter().filter_map(|f| f.as_str()).collect())
            .unwrap_or_default();
        for file in &files {
            br += served_bytes(&pkg.join(file))?.1;
        }
        largest_chunk_br = largest_chunk_br.max(br);
        let verdict = if br <= CHUNK_BUDGET { "within" } else { "OVER" };
        println!(
            "      {name:<10} {:>10} in {} files ({verdict} the {} budget)",
            kb(br),
            files.len(),
            kb(CHUNK_BUDGET)
        );
    }

    let (_, pages_css) = served_bytes(&pkg.join("pages.css"))?;
    println!(
        "    pages.css (with the first lazy page): {}",
        kb(pages_css)
    );
    let mut total_br = 0;
    for entry in std::fs::read_dir(&pkg)
        .map_err(|e| format!("{}: {e}", pkg.display()))?
        .flatten()
    {
        let path = entry.path();
        if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("wasm" | "js" | "css")
        ) {
            total_br += served_bytes(&path)?.1;
        }
    }
    println!("    whole app (every page): {}", kb(total_br));
    Ok(BundleReport {
        initial_br,
        total_br,
        largest_chunk_br,
    })
}
