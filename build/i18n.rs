//! Interface text: reads the message catalogues `src/locales/*.toml` (one per language), fails
//! the build with a list of every key that is missing, unknown or has different placeholders in
//! some language, and writes `$OUT_DIR/i18n.rs` (included by `src/i18n.rs`): the `Lang` list,
//! one constant per key (`msg::cart::CHECK_OUT`), and one string table per language.
//!
//! English (`en.toml`) is the reference: every other file must have exactly its keys. A value is
//! a string, or for a count a table of plural forms (`one`, `other`) chosen by the language's
//! `plural` rule. `{name}` in a string is a placeholder filled at run time.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

const REFERENCE: &str = "en";

/// One catalogue file.
pub struct Catalogue {
    pub code: String,
    pub tag: String,
    pub name: String,
    /// `one_other` (English: 1 is "one", everything else "other") or `other` (Chinese).
    pub plural: String,
    /// Key ("section.name") → forms (a plain string is the single form `other`).
    pub entries: BTreeMap<String, BTreeMap<String, String>>,
}

/// Reads one file.
pub fn parse(path: &Path, text: &str) -> Result<Catalogue, String> {
    let file = path.display();
    let table: Table = text.parse().map_err(|e| format!("{file}: {e}"))?;
    let header = table
        .get("language")
        .and_then(Value::as_table)
        .ok_or_else(|| format!("{file}: no [language] table (code, tag, name, plural)"))?;
    let field = |name: &str| {
        header
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("{file}: [language] needs a string `{name}`"))
    };
    let code = field("code")?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if code != stem {
        return Err(format!("{file}: code \"{code}\" must be the file's name"));
    }
    if !code.chars().all(|c| c.is_ascii_lowercase()) || code.is_empty() {
        return Err(format!("{file}: code must be lower-case letters"));
    }
    let plural = field("plural")?;
    if plural != "one_other" && plural != "other" {
        return Err(format!("{file}: plural must be \"one_other\" or \"other\""));
    }
    let mut entries = BTreeMap::new();
    for (section, body) in &table {
        if section == "language" {
            continue;
        }
        let body = body
            .as_table()
            .ok_or_else(|| format!("{file}: `{section}` must be a [section] of keys"))?;
        check_ident(&file.to_string(), section)?;
        for (name, value) in body {
            check_ident(&file.to_string(), name)?;
            let key = format!("{section}.{name}");
            let forms = match value {
                Value::String(s) => BTreeMap::from([("other".to_string(), s.clone())]),
                Value::Table(t) => {
                    let mut forms = BTreeMap::new();
                    for (form, text) in t {
                        if form != "one" && form != "other" {
                            return Err(format!(
                                "{file}: {key}: plural forms are `one` and `other`, not `{form}`"
                            ));
                        }
                        let text = text
                            .as_str()
                            .ok_or_else(|| format!("{file}: {key}.{form} must be a string"))?;
                        forms.insert(form.clone(), text.to_string());
                    }
                    if !forms.contains_key("other") {
                        return Err(format!("{file}: {key} needs an `other` form"));
                    }
                    if plural == "one_other" && !forms.contains_key("one") {
                        return Err(format!("{file}: {key} needs a `one` form in this language"));
                    }
                    forms
                }
                _ => {
                    return Err(format!(
                        "{file}: {key} must be a string or a table of plural forms"
                    ))
                }
            };
            if forms.values().any(|t| t.contains('\0')) {
                return Err(format!(
                    "{file}: {key} contains a NUL (it separates the texts)"
                ));
            }
            entries.insert(key, forms);
        }
    }
    Ok(Catalogue {
        code,
        tag: field("tag")?,
        name: field("name")?,
        plural,
        entries,
    })
}

fn check_ident(file: &str, name: &str) -> Result<(), String> {
    let ok = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{file}: `{name}` must be snake_case (it becomes a Rust name)"
        ))
    }
}

/// The `{name}` placeholders of a text.
pub fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.insert(name.to_string());
            }
        }
    }
    out
}

fn all_placeholders(forms: &BTreeMap<String, String>) -> BTreeSet<String> {
    forms.values().flat_map(|t| placeholders(t)).collect()
}

/// Every difference between the catalogues and the reference, one line each.
pub fn check(catalogues: &[Catalogue]) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(reference) = catalogues.iter().find(|c| c.code == REFERENCE) else {
        return vec![format!(
            "no {REFERENCE}.toml: it is the reference catalogue"
        )];
    };
    for other in catalogues.iter().filter(|c| c.code != REFERENCE) {
        let code = &other.code;
        for (key, forms) in &reference.entries {
            let Some(theirs) = other.entries.get(key) else {
                problems.push(format!("{code}.toml: missing `{key}`"));
                continue;
            };
            let (want, got) = (all_placeholders(forms), all_placeholders(theirs));
            if want != got {
                problems.push(format!(
                    "{code}.toml: `{key}` has placeholders {got:?}, {REFERENCE}.toml has {want:?}"
                ));
            }
            let plural = forms.contains_key("one");
            if !plural && theirs.len() > 1 {
                problems.push(format!(
                    "{code}.toml: `{key}` has plural forms, {REFERENCE}.toml has none"
                ));
            }
        }
        for key in other
            .entries
            .keys()
            .filter(|k| !reference.entries.contains_key(*k))
        {
            problems.push(format!(
                "{code}.toml: unknown key `{key}` (not in {REFERENCE}.toml)"
            ));
        }
    }
    problems
}

fn variant(code: &str) -> String {
    let mut c = code.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// The Rust source for `catalogues` (already checked). `cfg` gives, per language code, a
/// `#[cfg(...)]` condition its variant is compiled under (test-only languages).
///
/// Each section gets its own table (one text and slot ends per language) that only its keys
/// point to: the release build's wasm-split then moves a page's texts into that page's lazy
/// chunk along with its code, as it did when the texts were literals at their call sites.
pub fn generate(catalogues: &[Catalogue], cfg: &BTreeMap<String, String>) -> String {
    let reference = catalogues
        .iter()
        .find(|c| c.code == REFERENCE)
        .expect("checked");
    // Languages: the reference first, then by code (the order of `Lang::ALL` and of each
    // section's per-language arrays).
    let mut langs: Vec<&Catalogue> = vec![reference];
    langs.extend(catalogues.iter().filter(|c| c.code != REFERENCE));
    let attr = |code: &str| {
        cfg.get(code)
            .map(|c| format!("#[cfg({c})] "))
            .unwrap_or_default()
    };
    let mut out =
        String::from("// Generated by build/i18n.rs from src/locales/*.toml. Do not edit.\n\n");
    out.push_str("/// An interface language: one per file in `src/locales/`.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Lang {\n");
    for l in &langs {
        let _ = writeln!(
            out,
            "    /// {} ({})\n    {}{},",
            l.name,
            l.tag,
            attr(&l.code),
            variant(&l.code)
        );
    }
    out.push_str("}\n\nimpl Lang {\n    /// Every language this build has, the reference (English) first.\n    pub const ALL: &'static [Lang] = &[\n");
    for l in &langs {
        let _ = writeln!(out, "        {}Lang::{},", attr(&l.code), variant(&l.code));
    }
    out.push_str("    ];\n\n");
    type Get = fn(&Catalogue) -> String;
    let fields: [(&str, &str, Get); 3] = [
        ("code", "The file's name, stored in `localStorage`.", |l| {
            l.code.clone()
        }),
        ("tag", "The BCP 47 tag for `lang` attributes.", |l| {
            l.tag.clone()
        }),
        (
            "name",
            "The language's name in itself, for the switcher.",
            |l| l.name.clone(),
        ),
    ];
    for (fn_name, doc, get) in fields {
        let _ = writeln!(
            out,
            "    /// {doc}\n    pub fn {fn_name}(self) -> &'static str {{\n        match self {{"
        );
        for l in &langs {
            let _ = writeln!(
                out,
                "            {}Lang::{} => {:?},",
                attr(&l.code),
                variant(&l.code),
                get(l)
            );
        }
        out.push_str("        }\n    }\n\n");
    }
    out.push_str("    /// Whether `n` takes the `one` form.\n    fn is_one(self, n: i64) -> bool {\n        match self {\n");
    for l in &langs {
        let rule = if l.plural == "one_other" {
            "n == 1"
        } else {
            "{ let _ = n; false }"
        };
        let _ = writeln!(
            out,
            "            {}Lang::{} => {rule},",
            attr(&l.code),
            variant(&l.code)
        );
    }
    out.push_str("        }\n    }\n}\n\n");
    // Sections, in order, with their keys.
    let mut sections: BTreeMap<&str, Vec<(&str, bool)>> = BTreeMap::new();
    for (key, forms) in &reference.entries {
        let (sec, name) = key.split_once('.').expect("section.name");
        sections
            .entry(sec)
            .or_default()
            .push((name, forms.contains_key("one")));
    }
    let mut slots_total = 0usize;
    let _ = writeln!(
        out,
        "/// Every message key, by area: `t(msg::cart::CHECK_OUT)`.\npub mod msg {{"
    );
    for (sec, keys) in &sections {
        let _ = writeln!(out, "    pub mod {sec} {{\n        #[allow(unused_imports)]\n        use super::super::{{Msg, Plural, Section}};\n");
        // This section's table: per language, its texts joined by NUL (no offsets to ship:
        // a lookup scans the few hundred bytes of one section).
        let _ = writeln!(
            out,
            "        pub static TABLE: Section = Section {{\n            texts: &["
        );
        for l in &langs {
            let mut texts = Vec::new();
            for (name, plural) in keys {
                let forms = &l.entries[&format!("{sec}.{name}")];
                let other = &forms["other"];
                if *plural {
                    texts.push(forms.get("one").unwrap_or(other).as_str());
                }
                texts.push(other.as_str());
            }
            let _ = writeln!(
                out,
                "                {}{:?},",
                attr(&l.code),
                texts.join("\0")
            );
        }
        out.push_str("            ],\n        };\n");
        let mut slot = 0usize;
        for (name, plural) in keys {
            let forms = &reference.entries[&format!("{sec}.{name}")];
            let doc = match forms.get("one") {
                Some(one) => format!("{one:?} / {:?}", forms["other"]),
                None => format!("{:?}", forms["other"]),
            };
            let ty = if *plural { "Plural" } else { "Msg" };
            let _ = writeln!(
                out,
                "        /// {}\n        pub const {}: {ty} = {ty}(&TABLE, {slot});",
                doc.replace('\n', " "),
                name.to_uppercase()
            );
            slot += if *plural { 2 } else { 1 };
        }
        slots_total += slot;
        out.push_str("    }\n");
    }
    out.push_str("}\n\n");
    out.push_str("/// Every section's table, for tests that look at all the texts.\n#[allow(dead_code)]\npub static SECTIONS: &[&Section] = &[\n");
    for sec in sections.keys() {
        let _ = writeln!(out, "    &msg::{sec}::TABLE,");
    }
    out.push_str("];\n");
    let _ = writeln!(out, "\n/// How many slots the tables have in all.\n#[allow(dead_code)]\npub const SLOTS: usize = {slots_total};");
    out
}

/// An English text made visibly foreign but still readable, placeholders kept: "Delete {n}" →
/// "⟦Ðéļéţé {n}⟧". Used for the test-only pseudo-locale.
pub fn pseudo(text: &str) -> String {
    let mut out = String::from("⟦");
    let mut in_placeholder = false;
    for c in text.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        out.push(if in_placeholder { c } else { accent(c) });
    }
    out.push('⟧');
    out
}

fn accent(c: char) -> char {
    match c {
        'a' => 'á',
        'e' => 'é',
        'i' => 'ï',
        'o' => 'ö',
        'u' => 'û',
        'c' => 'ç',
        'n' => 'ñ',
        's' => 'š',
        'l' => 'ļ',
        't' => 'ţ',
        'd' => 'đ',
        'y' => 'ý',
        'A' => 'Å',
        'E' => 'É',
        'O' => 'Ö',
        'U' => 'Ü',
        'D' => 'Ð',
        'S' => 'Š',
        'C' => 'Ç',
        'N' => 'Ñ',
        'T' => 'Ţ',
        other => other,
    }
}

/// The pseudo-locale's catalogue file text, from the English one.
pub fn pseudo_file(en: &Catalogue) -> String {
    let mut out = String::from("# Test-only pseudo-locale, written by build/i18n.rs from en.toml.\n[language]\ncode = \"pseudo\"\ntag = \"en-XA\"\nname = \"⟦Ƥšéûđö⟧\"\nplural = \"one_other\"\n");
    let mut section = "";
    for (key, forms) in &en.entries {
        let (sec, name) = key.split_once('.').expect("section.name");
        if sec != section {
            let _ = write!(out, "\n[{sec}]\n");
            section = sec;
        }
        let value = |t: &str| toml::Value::String(pseudo(t)).to_string();
        match forms.get("one") {
            Some(one) => {
                let _ = writeln!(
                    out,
                    "{name} = {{ one = {}, other = {} }}",
                    value(one),
                    value(&forms["other"])
                );
            }
            None => {
                let _ = writeln!(out, "{name} = {}", value(&forms["other"]));
            }
        }
    }
    out
}

/// Reads `dir/*.toml` (and the pseudo-locale when `pseudo` is set), checks them, writes
/// `out_dir/i18n.rs`. Errors are the full list of problems.
pub fn build(dir: &Path, out_dir: &Path, pseudo_locale: bool) -> Result<(), String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut catalogues = Vec::new();
    let mut problems = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        match parse(path, &text) {
            Ok(c) => catalogues.push(c),
            Err(e) => problems.push(e),
        }
    }
    let mut cfg = BTreeMap::new();
    if pseudo_locale && problems.is_empty() {
        if let Some(en) = catalogues.iter().find(|c| c.code == REFERENCE) {
            // Written as a file and read back like the others: a new language is one file.
            let path = out_dir.join("pseudo.toml");
            std::fs::write(&path, pseudo_file(en))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
            catalogues.push(parse(&path, &text)?);
            cfg.insert(
                "pseudo".to_string(),
                "feature = \"pseudo-locale\"".to_string(),
            );
        }
    }
    problems.extend(check(&catalogues));
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let path = out_dir.join("i18n.rs");
    std::fs::write(&path, generate(&catalogues, &cfg))
        .map_err(|e| format!("{}: {e}", path.display()))
}
