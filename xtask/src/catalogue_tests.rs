//! The build script's catalogue check: what it refuses, and that the real catalogues pass.

use std::collections::BTreeMap;
use std::path::Path;

use crate::catalogues::{check, generate, parse, pseudo, Catalogue};

fn catalogue(code: &str, body: &str) -> Catalogue {
    let plural = if code == "zh" { "other" } else { "one_other" };
    let text = format!(
        "[language]\ncode = \"{code}\"\ntag = \"{code}\"\nname = \"{code}\"\nplural = \"{plural}\"\n{body}"
    );
    parse(Path::new(&format!("{code}.toml")), &text).expect("parses")
}

#[test]
fn missing_unknown_and_mismatched_keys_are_each_listed() {
    let en = catalogue(
        "en",
        "[cart]\ntitle = \"Cart\"\nitems = { one = \"{n} item\", other = \"{n} items\" }\nleft = \"Only {stock} left\"\n",
    );
    let zh = catalogue(
        "zh",
        "[cart]\nitems = \"{n} 件\"\nleft = \"仅剩 {count} 件\"\nextra = \"多余\"\n",
    );
    let problems = check(&[en, zh]);
    assert_eq!(
        problems,
        [
            "zh.toml: `cart.left` has placeholders {\"count\"}, en.toml has {\"stock\"}",
            "zh.toml: missing `cart.title`",
            "zh.toml: unknown key `cart.extra` (not in en.toml)",
        ]
    );
}

#[test]
fn a_file_must_be_named_by_its_code_and_plurals_need_their_forms() {
    let text =
        "[language]\ncode = \"fr\"\ntag = \"fr\"\nname = \"Français\"\nplural = \"one_other\"\n";
    assert!(parse(Path::new("de.toml"), text).is_err());
    let one_missing = format!("{text}[cart]\nitems = {{ other = \"{{n}} articles\" }}\n");
    let err = parse(Path::new("fr.toml"), &one_missing)
        .err()
        .unwrap_or_default();
    assert!(err.contains("needs a `one` form"), "{err}");
}

#[test]
fn the_apps_catalogues_agree_and_generate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/locales");
    let mut all = Vec::new();
    for code in ["en", "zh"] {
        let path = dir.join(format!("{code}.toml"));
        let text = std::fs::read_to_string(&path).expect("catalogue");
        all.push(parse(&path, &text).expect("parses"));
    }
    assert_eq!(check(&all), Vec::<String>::new());
    let code = generate(&all, &BTreeMap::new());
    assert!(code.contains("pub const CART: Msg"));
    assert!(code.contains("pub enum Lang"));
}

#[test]
fn pseudo_text_keeps_placeholders() {
    assert_eq!(pseudo("Delete {name}?"), "⟦Ðéļéţé {name}?⟧");
}
