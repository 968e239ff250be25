//! Collects every `style!` block (stylers) into target/stylers.css, which `cargo xtask build` folds into app.css;
//! checks the message catalogues `src/locales/*.toml` and generates their tables (see `build/i18n.rs`).

#[path = "build/i18n.rs"]
mod i18n;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=build/i18n.rs");
    stylers::build(Some(String::from("./target/stylers.css")));
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let pseudo = std::env::var_os("CARGO_FEATURE_PSEUDO_LOCALE").is_some();
    if let Err(problems) = i18n::build(std::path::Path::new("src/locales"), &out_dir, pseudo) {
        eprintln!("The message catalogues in src/locales/ do not agree:\n{problems}");
        std::process::exit(1);
    }
}
