//! The web app's build: cargo (release, wasm32) → wasm-split at the app's `lazy_page!` points →
//! wasm-bindgen → wasm-opt per module → one content-hashed folder `dist/pkg/<hash>/` with the
//! JS glue, the main module, the chunks, the split loader and the stylesheet → `index.html`
//! from its template → precompressed copies.
//!
//! Trunk cannot split a wasm module (trunk-rs/trunk#1022), so the pipeline lives here. Every
//! build's files sit under their own hash: a chunk is only ever loaded next to the main module
//! it was split from, and all of `/pkg/` can be cached as immutable.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use crate::tools::{cargo, root, run, step, tool_path, Result};

/// The stem of the JS glue and main module (`zhongcao.js`, `zhongcao_bg.wasm`).
const STEM: &str = "zhongcao";
/// The first load's stylesheet (`app.css`) in cascade order; the components' scoped styles
/// (stylers, `target/stylers.css`) come last.
const APP_STYLESHEETS: [&str; 2] = ["style/main.css", "style/first-paint.css"];
/// Styles of the lazily loaded pages only (`pages.css`): fetched with the first lazy view, which
/// waits for it (`src/lazy.rs`), so the first load does not carry them.
const PAGE_STYLESHEETS: [&str; 6] = [
    "style/account.css",
    "style/commerce.css",
    "style/publish.css",
    "style/gallery.css",
    "style/video.css",
    "style/live.css",
];
/// What the wasm target enables by default (rustc 1.95); wasm-opt must accept the same.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

pub fn build_spa() -> Result {
    step("Building the web app (release wasm32 → wasm-split → wasm-bindgen → wasm-opt)");
    run(cargo().args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "zhongcao-web",
        "--bin",
        "zhongcao-web",
    ]))?;
    let root = root();
    // Per process, so two builds at once (two terminals, two agents) never mix their files.
    let work = root.join("target/spa").join(std::process::id().to_string());
    let _ = std::fs::remove_dir_all(&work);
    let split_dir = work.join("split");
    let out = work.join("out");
    create_dir(&split_dir)?;
    create_dir(&out)?;

    let input = root.join("target/wasm32-unknown-unknown/release/zhongcao-web.wasm");
    let chunks = split(&input, &split_dir)?;

    run(Command::new("wasm-bindgen").args([
        "--target",
        "web",
        "--keep-lld-exports",
        "--no-demangle",
        "--no-typescript",
        "--out-name",
        STEM,
        "--out-dir",
        &out.display().to_string(),
        &split_dir.join(format!("{STEM}.wasm")).display().to_string(),
    ]))?;
    // The loader and the chunks sit beside the glue: the loader imports `./zhongcao.js` and
    // fetches chunks relative to its own URL.
    for entry in read_dir(&split_dir)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != format!("{STEM}.wasm") {
            copy(&entry.path(), &out.join(&name))?;
        }
    }
    optimise_wasm(&out)?;
    minify_js(&out)?;
    let stylers = root.join("target/stylers.css");
    let app_css = stylesheet(
        APP_STYLESHEETS
            .iter()
            .map(|f| root.join(f))
            .chain([stylers]),
    )?;
    std::fs::write(out.join("app.css"), app_css).map_err(|e| e.to_string())?;
    let pages_css = stylesheet(PAGE_STYLESHEETS.iter().map(|f| root.join(f)))?;
    std::fs::write(out.join("pages.css"), pages_css).map_err(|e| e.to_string())?;

    let hash = hash_dir(&out)?;
    let base = format!("/pkg/{hash}/");
    // Assembled beside dist/ and swapped in whole: a server starting meanwhile never reads
    // half a build.
    let dist = root.join(format!("dist.new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dist);
    let dir = dist.join("pkg").join(&hash);
    create_dir(&dir)?;
    copy_dir(&out, &dir)?;
    copy_dir(&root.join("public"), &dist)?;
    std::fs::write(dist.join("index.html"), index_html(&base, &chunks)?)
        .map_err(|e| e.to_string())?;
    std::fs::write(dist.join("chunks.json"), chunks_json(&base, &chunks))
        .map_err(|e| e.to_string())?;
    crate::compress::precompress(&dist)?;
    let final_dist = root.join("dist");
    let _ = std::fs::remove_dir_all(&final_dist);
    std::fs::rename(&dist, &final_dist).map_err(|e| format!("dist: {e}"))?;
    // ZC_KEEP_SPA_WORK=1 keeps the split modules (with their function names) for size studies.
    if std::env::var_os("ZC_KEEP_SPA_WORK").is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }
    println!("    dist/ ready: {base} holds the glue, the modules and the stylesheet");
    Ok(())
}

/// The JS glue and the split loader minified by esbuild (modules kept as they are: exports and
/// imports keep their names): the glue is on every first load, and brotli alone left it at
/// 10.2 KB (2026-12-07).
fn minify_js(dir: &Path) -> Result {
    let esbuild = root().join("node_modules/.bin/esbuild");
    for name in [format!("{STEM}.js"), "__wasm_split.js".to_string()] {
        let path = dir.join(&name);
        let path = path.display().to_string();
        run(Command::new(&esbuild).args([
            path.as_str(),
            "--minify",
            "--format=esm",
            "--log-level=error",
            "--allow-overwrite",
            &format!("--outfile={path}"),
        ]))?;
    }
    Ok(())
}

/// Splits `input` into `dir/zhongcao.wasm`, the chunks and `__wasm_split.js`; returns which
/// chunk files each split point needs.
fn split(input: &Path, dir: &Path) -> Result<BTreeMap<String, Vec<String>>> {
    let wasm = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let main_out = dir.join(format!("{STEM}.wasm"));
    let main_module = format!("./{STEM}.js");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = dir;
    opts.main_out_path = &main_out;
    opts.main_module = &main_module;
    let result =
        wasm_split_cli_support::transform(opts).map_err(|e| format!("wasm-split: {e:?}"))?;
    let chunks: BTreeMap<String, Vec<String>> = result
        .prefetch_map
        .into_iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, stems)| {
            let files = stems.into_iter().map(|s| format!("{s}.wasm")).collect();
            (name, files)
        })
        .collect();
    println!(
        "    split into the main module and {} chunk files for {} lazy chunks",
        result.split_modules.len(),
        chunks.len()
    );
    Ok(chunks)
}

/// `wasm-opt -Oz` on every module, two at a time (the machine has two cores). With
/// `ZC_WASM_NAMES=1` the function names stay in, for a readable CPU profile.
fn optimise_wasm(dir: &Path) -> Result {
    let keep_names = std::env::var_os("ZC_WASM_NAMES").is_some_and(|v| v == "1");
    let mut files: Vec<PathBuf> = read_dir(dir)?
        .into_iter()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    // The main module is the long pole: start it first.
    files.sort_by_key(|p| std::cmp::Reverse(p.metadata().map(|m| m.len()).unwrap_or(0)));
    println!("    wasm-opt -Oz on {} modules", files.len());
    let mut running: Vec<(PathBuf, Child)> = Vec::new();
    let mut queue = files.into_iter();
    loop {
        while running.len() < 2 {
            let Some(path) = queue.next() else { break };
            let child = Command::new("wasm-opt")
                .arg("-Oz")
                .args(keep_names.then_some("--debuginfo"))
                .args(WASM_FEATURES)
                .arg(&path)
                .arg("-o")
                .arg(&path)
                .env("PATH", tool_path())
                .spawn()
                .map_err(|e| format!("could not start wasm-opt: {e}"))?;
            running.push((path, child));
        }
        if running.is_empty() {
            return Ok(());
        }
        let (path, mut child) = running.remove(0);
        let status = child.wait().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("wasm-opt failed on {}: {status}", path.display()));
        }
    }
}

/// Stylesheets concatenated into one, comments dropped.
fn stylesheet(files: impl Iterator<Item = PathBuf>) -> Result<String> {
    let mut css = String::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        css.push_str(&strip_css(&text));
        css.push('\n');
    }
    Ok(css)
}

/// Drops comments and indentation; brotli does the rest.
fn strip_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `index.html` with the build's assets in place of `<!-- zc:assets -->`.
fn index_html(base: &str, chunks: &BTreeMap<String, Vec<String>>) -> Result<String> {
    let template_path = root().join("index.html");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| format!("{}: {e}", template_path.display()))?;
    // On a phone whose document carries a first paint (`#zc-first-paint`, crates/server/src/
    // shell/first_paint.rs), the wasm waits until those pictures are on screen: the first
    // screen gets the network and the main thread to itself, then the app boots (the glue is
    // already preloaded). "On screen" is what the browser reports: a largest-contentful-paint
    // entry for one of the pictures once they are decoded (a loaded picture can still be a
    // frame or two from the screen on a slow phone, and then the 250 KB module shared the
    // network with it). Capped at 3 s; without that API, decoded plus two frames. Elsewhere
    // (wide screens, pages without a first paint) it starts at once, with the module preloaded
    // from the head.
    let assets = format!(
        r#"<link rel="stylesheet" href="{base}app.css" />
    <link rel="modulepreload" href="{base}{STEM}.js" />
    <link rel="modulepreload" href="{base}__wasm_split.js" />
    <link rel="preload" href="{base}{STEM}_bg.wasm" as="fetch" type="application/wasm" crossorigin media="(min-width: 641px)" />
    <script type="module">
      import init from "{base}{STEM}.js";
      const first = document.getElementById("zc-first-paint");
      const pictures = !first || getComputedStyle(first).display === "none"
        ? []
        : [...first.querySelectorAll('img[fetchpriority="high"]')];
      const wait = (ms) => new Promise((done) => setTimeout(done, ms));
      const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const reported = new Promise((done) => {{
        if (!(PerformanceObserver.supportedEntryTypes || []).includes("largest-contentful-paint")) return done();
        new PerformanceObserver((list, observer) => {{
          if (list.getEntries().some((entry) => pictures.includes(entry.element))) {{
            observer.disconnect();
            done();
          }}
        }}).observe({{ type: "largest-contentful-paint", buffered: true }});
      }});
      const painted = pictures.length === 0
        ? Promise.resolve()
        : Promise.race([
            Promise.all(pictures.map((img) => img.decode().then(() => true, () => false)))
              .then((decoded) => decoded.some(Boolean) && Promise.race([reported, wait(1000)]))
              .then(frames),
            wait(3000),
          ]);
      painted.then(() => init({{ module_or_path: "{base}{STEM}_bg.wasm" }}));
    </script>
    <script>
      // The lazily loaded pages' styles, fetched once by the first lazy view (src/lazy.rs).
      window.zcPageStyles = function () {{
        return window.zcPageStylesLoading || (window.zcPageStylesLoading = new Promise(function (ok, fail) {{
          var link = document.createElement("link");
          link.rel = "stylesheet";
          link.href = "{base}pages.css";
          link.onload = ok;
          link.onerror = function () {{ link.remove(); window.zcPageStylesLoading = null; fail(); }};
          document.head.appendChild(link);
        }}));
      }};
      // Puts a chunk's files and the pages' styles in the HTTP cache without running anything
      // (src/lazy.rs, prefetch_when_idle): opening the page later compiles from the cache.
      // Files this page already fetched (a note opened directly has its chunk) are skipped.
      window.zcWarm = function (name) {{
        var links = document.createDocumentFragment();
        ({chunk_map}[name] || []).concat(["pages.css"]).forEach(function (file) {{
          var url = new URL("{base}" + file, location.href).href;
          if (performance.getEntriesByName(url).length) return;
          var link = document.createElement("link");
          link.rel = "prefetch";
          link.href = url;
          links.appendChild(link);
        }});
        document.head.appendChild(links);
      }};
    </script>"#,
        chunk_map = chunk_map(chunks)
    );
    if !template.contains("<!-- zc:assets -->") {
        return Err("index.html has no <!-- zc:assets --> marker".into());
    }
    Ok(template.replace("<!-- zc:assets -->", &assets))
}

/// `{"shop":["chunk_3.wasm","split_shop.wasm"],…}`: each lazy chunk's files.
fn chunk_map(chunks: &BTreeMap<String, Vec<String>>) -> String {
    let entries: Vec<String> = chunks
        .iter()
        .map(|(name, files)| {
            let files: Vec<String> = files.iter().map(|f| format!("\"{f}\"")).collect();
            format!("\"{name}\":[{}]", files.join(","))
        })
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// `{"base": "/pkg/<hash>/", "chunks": {"shop": ["chunk_3.wasm", "split_shop.wasm"], …}}`:
/// the server preloads a lazy route's chunks on a direct visit.
fn chunks_json(base: &str, chunks: &BTreeMap<String, Vec<String>>) -> String {
    format!("{{\"base\":\"{base}\",\"chunks\":{}}}\n", chunk_map(chunks))
}

/// FNV-1a (64 bit) over every file's name and bytes: a build's identity, for cache busting.
fn hash_dir(dir: &Path) -> Result<String> {
    let mut paths: Vec<PathBuf> = Vec::new();
    collect_files(dir, &mut paths)?;
    paths.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in paths {
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for b in name.bytes().chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    Ok(format!("{hash:016x}"))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    for entry in read_dir(dir)? {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>> {
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))
        .map(|entries| entries.flatten().collect())
}

fn create_dir(dir: &Path) -> Result {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {} → {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    create_dir(to)?;
    for entry in read_dir(from)? {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy(&path, &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{chunks_json, strip_css};
    use std::collections::BTreeMap;

    #[test]
    fn css_loses_comments_and_indentation_only() {
        let css = "/* tokens */\n:root {\n  --a: 1px; /* why */\n}\n\n.b { content: \"x\"; }\n";
        assert_eq!(
            strip_css(css),
            ":root {\n--a: 1px;\n}\n.b { content: \"x\"; }"
        );
    }

    #[test]
    fn chunk_manifest_is_json() {
        let mut chunks = BTreeMap::new();
        chunks.insert(
            "shop".to_string(),
            vec!["chunk_1.wasm".to_string(), "split_shop.wasm".to_string()],
        );
        assert_eq!(
            chunks_json("/pkg/0123456789abcdef/", &chunks),
            "{\"base\":\"/pkg/0123456789abcdef/\",\"chunks\":{\"shop\":[\"chunk_1.wasm\",\"split_shop.wasm\"]}}\n"
        );
    }
}
