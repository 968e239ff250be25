//! Collects every `style!` block (stylers) into target/stylers.css, which `cargo xtask build` folds into app.css.
fn main() {
    println!("cargo:rerun-if-changed=src");
    stylers::build(Some(String::from("./target/stylers.css")));
}
