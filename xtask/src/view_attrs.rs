//! Build check: no unbraced `>` or `>=` inside a `view!` attribute value.
//!
//! rstml, the parser behind Leptos' `view!`, ends an open tag at the first `>` that is not inside
//! a `(…)`, `[…]` or `{…}` group. So `disabled=move || i + 1 >= n` compiles as
//! `disabled=move || i + 1` (always disabled), and `= n on:click=…` becomes visible text: the
//! publish editor and the carousel shipped exactly that. Comparisons in attribute values must be
//! braced: `disabled={move || i + 1 >= n}`.
//!
//! The scan lexes every `.rs` file of the web app with `proc-macro2` (so strings, comments, raw
//! strings and lifetimes are Rust's own), walks each `view!` body's open tags attribute by
//! attribute, and reports a top-level `>` inside an unbraced value when it is `>=`/`>>` or when
//! what follows it cannot start a child (`<`, `{…}`, a string, the end of the view).

use std::path::Path;
use std::str::FromStr;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use crate::tools::{root, Result};

/// An unbraced `>` that ends a tag in the middle of an attribute's value.
#[derive(Debug, PartialEq, Eq)]
pub struct Finding {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// The attribute whose value is cut, e.g. `disabled`.
    pub attribute: String,
    /// `>=`, `>>` or `>`.
    pub operator: &'static str,
}

/// Checks every `.rs` file under `src/` and `tests/`; fails with one line per finding.
pub fn check() -> Result {
    let mut files = Vec::new();
    for dir in ["src", "tests"] {
        rust_files(&root().join(dir), &mut files);
    }
    files.sort();
    let mut problems = Vec::new();
    let mut views = 0;
    for path in &files {
        let source =
            std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (found, count) = scan(&source).map_err(|e| format!("{}: {e}", path.display()))?;
        views += count;
        let shown = path.strip_prefix(root()).unwrap_or(path).display();
        problems.extend(found.into_iter().map(|f| {
            format!(
                "{shown}:{}:{}: `{}=` holds an unbraced `{}`: the view! parser ends the tag there \
                 and the rest of the value becomes visible text; brace it: {}={{…}}",
                f.line, f.column, f.attribute, f.operator, f.attribute
            )
        }));
    }
    if !problems.is_empty() {
        return Err(format!(
            "unbraced comparisons in view! attributes:\n  {}",
            problems.join("\n  ")
        ));
    }
    println!(
        "    {views} view! bodies in {} files: no unbraced `>` in an attribute value",
        files.len()
    );
    Ok(())
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The findings in one file's source and the number of `view!` bodies looked at.
pub fn scan(source: &str) -> std::result::Result<(Vec<Finding>, usize), String> {
    let tokens = TokenStream::from_str(source).map_err(|e| format!("cannot lex: {e}"))?;
    let mut found = Vec::new();
    let mut views = 0;
    find_views(tokens, &mut found, &mut views);
    Ok((found, views))
}

/// Every `view! {…}` (or `(…)`, `[…]`), nested ones included: a view inside a block of another
/// view is a macro call of its own.
fn find_views(stream: TokenStream, found: &mut Vec<Finding>, views: &mut usize) {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        if let TokenTree::Group(group) = token {
            let is_view = i >= 2
                && matches!(&tokens[i - 2], TokenTree::Ident(id) if id == "view")
                && is_punct(&tokens[i - 1], '!');
            if is_view {
                *views += 1;
                let body: Vec<TokenTree> = group.stream().into_iter().collect();
                check_view(&body, found);
            }
            find_views(group.stream(), found, views);
        }
    }
}

fn is_punct(token: &TokenTree, c: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == c)
}

fn punct_at(tokens: &[TokenTree], i: usize, c: char) -> bool {
    tokens.get(i).is_some_and(|t| is_punct(t, c))
}

/// The open tags at a view body's top level (`<` followed by a name). Blocks are Rust code, whose
/// own `view!`s `find_views` visits.
fn check_view(tokens: &[TokenTree], found: &mut Vec<Finding>) {
    let mut i = 0;
    while i < tokens.len() {
        if punct_at(tokens, i, '<') && matches!(tokens.get(i + 1), Some(TokenTree::Ident(_))) {
            i = open_tag(tokens, i + 1, found);
        } else {
            i += 1;
        }
    }
}

/// If an attribute starts at `i` (`name`, `aria-label`, `on:click`, `class:active`, … then a
/// lone `=`), its name and the index of its `=`.
fn attribute_at(tokens: &[TokenTree], i: usize) -> Option<(String, usize)> {
    let TokenTree::Ident(first) = tokens.get(i)? else {
        return None;
    };
    let mut name = first.to_string();
    let mut j = i + 1;
    while let (Some(TokenTree::Punct(p)), Some(TokenTree::Ident(next))) =
        (tokens.get(j), tokens.get(j + 1))
    {
        if !matches!(p.as_char(), '-' | ':') || p.spacing() == Spacing::Joint {
            break;
        }
        name.push(p.as_char());
        name.push_str(&next.to_string());
        j += 2;
    }
    // `==` and `=>` are not an attribute's `=`.
    let assigns = punct_at(tokens, j, '=') && !punct_at(tokens, j + 1, '=') && {
        let joint_gt = matches!(&tokens[j], TokenTree::Punct(p) if p.spacing() == Spacing::Joint)
            && punct_at(tokens, j + 1, '>');
        !joint_gt
    };
    assigns.then_some((name, j))
}

/// Walks one open tag from its name; returns the index after the `>` or `/>` that rstml takes
/// as its end.
fn open_tag(tokens: &[TokenTree], name: usize, found: &mut Vec<Finding>) -> usize {
    // The attribute whose value is unbraced Rust, while we are in it.
    let mut unbraced: Option<String> = None;
    let mut i = name + 1;
    while i < tokens.len() {
        if punct_at(tokens, i, '/') && punct_at(tokens, i + 1, '>') {
            return i + 2;
        }
        if punct_at(tokens, i, '>') {
            let after_joint = |c| {
                i > 0
                    && matches!(&tokens[i - 1], TokenTree::Punct(p)
                        if p.as_char() == c && p.spacing() == Spacing::Joint)
            };
            // `->` and `=>` belong to the expression (and would not compile unbraced anyway).
            if unbraced.is_some() && (after_joint('-') || after_joint('=')) {
                i += 1;
                continue;
            }
            if let Some(attribute) = unbraced {
                if let Some(operator) = comparison(tokens, i) {
                    let start = tokens[i].span().start();
                    found.push(Finding {
                        line: start.line,
                        column: start.column + 1,
                        attribute,
                        operator,
                    });
                }
            }
            return i + 1;
        }
        if unbraced.is_none()
            || !matches!(tokens.get(i.wrapping_sub(1)), Some(TokenTree::Punct(p)) if p.as_char() == '.')
        {
            if let Some((attribute, eq)) = attribute_at(tokens, i) {
                let value = eq + 1;
                unbraced = match tokens.get(value) {
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => None,
                    Some(TokenTree::Literal(_)) => None,
                    _ => Some(attribute),
                };
                i = if unbraced.is_some() { value } else { value + 1 };
                continue;
            }
        }
        i += 1;
    }
    i
}

/// Whether the `>` at `i`, met inside an unbraced value, is an operator rather than the end of
/// the tag: `>=`, `>>`, or a `>` followed by something no child starts with.
fn comparison(tokens: &[TokenTree], i: usize) -> Option<&'static str> {
    let joint = matches!(&tokens[i], TokenTree::Punct(p) if p.spacing() == Spacing::Joint);
    if joint && punct_at(tokens, i + 1, '=') {
        return Some(">=");
    }
    if joint && punct_at(tokens, i + 1, '>') {
        return Some(">>");
    }
    let starts_child = match tokens.get(i + 1) {
        None => true,
        Some(TokenTree::Punct(p)) => p.as_char() == '<',
        Some(TokenTree::Group(g)) => g.delimiter() == Delimiter::Brace,
        Some(TokenTree::Literal(l)) => {
            let text = l.to_string();
            text.starts_with('"') || text.starts_with('r')
        }
        Some(TokenTree::Ident(_)) => false,
    };
    (!starts_child).then_some(">")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(source: &str) -> Vec<(usize, String, &'static str)> {
        scan(source)
            .expect("lexes")
            .0
            .into_iter()
            .map(|f| (f.line, f.attribute, f.operator))
            .collect()
    }

    /// The publish editor's "Move photo later" button as it shipped (image_picker.rs).
    const IMAGE_PICKER_BEFORE: &str = r#"
fn tile() -> impl IntoView {
    view! {
        <div class="pick-tools">
            <button type="button" class="pick-tool" aria-label=move || if is_zh() { format!("图片 {} 后移", index() + 1) } else { format!("Move photo {} later", index() + 1) }
                disabled=move || index() + 1 >= count()
                on:click=move |_| move_image(images, key, index() + 1)>
                <Icon glyph=Glyph::ChevronRight size=16/>
            </button>
        </div>
    }
}
"#;

    /// The carousel's "Next image" button as it shipped (carousel.rs).
    const CAROUSEL_BEFORE: &str = r#"
fn carousel() -> impl IntoView {
    view! { class=styles,
        <Show when=move || { count > 1 }>
            <button class="carousel-btn next" aria-label=tr("Next image", "下一张") on:click=next
                disabled=move || index.get() + 1 >= count>
                <Icon glyph=Glyph::ChevronRight size=20/>
            </button>
        </Show>
    }
}
"#;

    #[test]
    fn catches_the_two_shipped_bugs() {
        assert_eq!(
            findings(IMAGE_PICKER_BEFORE),
            vec![(6, "disabled".to_string(), ">=")]
        );
        assert_eq!(
            findings(CAROUSEL_BEFORE),
            vec![(6, "disabled".to_string(), ">=")]
        );
    }

    #[test]
    fn accepts_the_braced_fixes() {
        let fixed = IMAGE_PICKER_BEFORE.replace(
            "disabled=move || index() + 1 >= count()",
            "disabled={move || index() + 1 >= count()}",
        );
        assert_eq!(findings(&fixed), vec![]);
        let fixed = CAROUSEL_BEFORE.replace(
            "disabled=move || index.get() + 1 >= count>",
            "disabled={move || index.get() + 1 >= count}>",
        );
        assert_eq!(findings(&fixed), vec![]);
    }

    #[test]
    fn catches_a_plain_greater_than_and_a_shift() {
        let src = r#"fn f() { view! { <Show when=move || n.get() > 3><p>"many"</p></Show> } }"#;
        assert_eq!(findings(src), vec![(1, "when".to_string(), ">")]);
        let src = r#"fn f() { view! { <span data-x=bits >> 2>"x"</span> } }"#;
        assert_eq!(findings(src), vec![(1, "data-x".to_string(), ">>")]);
    }

    #[test]
    fn catches_one_inside_a_view_nested_in_a_block() {
        let src = r#"
fn f() {
    view! {
        <ul>
            {move || items().into_iter().map(|i| view! {
                <li class:wide=move || i.width >= 600>{i.name}</li>
            }).collect_view()}
        </ul>
    }
}"#;
        assert_eq!(findings(src), vec![(6, "class:wide".to_string(), ">=")]);
    }

    #[test]
    fn accepts_arrows_match_arms_and_comparisons_inside_groups() {
        let src = r#"
fn f() -> impl IntoView {
    let closure = |a: u32| -> bool { a > 1 };
    if a >= b && c > d { return; }
    view! { class=styles,
        <div class="x" aria-hidden=move || (a > b).to_string() hidden=move || !ok.get()>
            <Show when=move || { count > 1 }>
                <p on:click=move |_| match x { Some(v) if v >= 2 => go(v), _ => () }>"text"</p>
            </Show>
            <button disabled=move || busy.get() || n.with(|n| *n >= 3) on:click=move |_| -> () { go() }>
                <Icon glyph=Glyph::Close size=16/>
            </button>
            <For each=move || items.get() key=|i| i.key children=tile/>
            <input type="checkbox" checked=move || on.get() on:change=move |_| toggle()/>
            <a href=format!("/u/{}", id) aria-current=move || (i == j).then_some("page")>{name}</a>
            <span title=label>"plain child text"</span>
            <p>{move || if n > 2 { "many" } else { "few" }}</p>
            <img src=img.preview.clone() alt="" draggable="false"/>
            <div style=format!("width:{}%", w) tabindex=-1>{children()}</div>
            <TextField value=v on:input=move |e| v.set(event_target_value(&e))/>
        </div>
    }
}"#;
        assert_eq!(findings(src), vec![]);
    }

    #[test]
    fn ignores_comparisons_in_plain_rust_and_comments() {
        let src = r#"
// view! { <b x=a >= b>"not code"</b> }
/// Doc: `view! { <b hidden=n > 2/> }`
fn f(v: Vec<Option<u8>>) -> bool {
    let s = "view! { <b x=a >= b> }";
    v.len() >= 2 && s.len() > 3
}"#;
        let (found, views) = scan(src).expect("lexes");
        assert_eq!(found, vec![]);
        assert_eq!(views, 0);
    }
}
