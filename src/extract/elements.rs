//! What an element's tag, `class` and `id` say about it: page furniture, a block that ends
//! a line, a container that may hold the article. The words are data, matched as the start
//! of a `class` or `id` word ("sidebar-left" is furniture, "content_main" is content).

use scraper::node::Element;

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Elements whose content is never article text.
#[rustfmt::skip]
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "button", "select",
    "textarea", "svg", "canvas", "template", "head", "object", "embed",
];

/// Elements that end a line.
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
    "tr", "td", "th", "tbody", "thead", "section", "article", "main", "header", "blockquote",
    "pre", "center", "figure", "figcaption", "address", "hr", "br", "body", "html", "caption",
];

/// Headings: blocks that stay even when they are all link text.
const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Elements that may hold an article (score holders).
#[rustfmt::skip]
const CONTAINER_TAGS: &[&str] = &[
    "div", "article", "section", "main", "td", "body", "blockquote", "center", "header", "figure",
];

/// Words in `class` or `id` that mark page furniture (matched as a word's start).
#[rustfmt::skip]
const FURNITURE_WORDS: &[&str] = &[
    "nav", "menu", "breadcrumb", "crumb", "sidebar", "side", "share", "footer", "foot", "comment",
    "related", "recommend", "hot", "tags", "tag", "pager", "pagination", "prev",
    "next", "copyright", "banner", "advert", "ads", "login", "search", "toolbar", "location",
    "position", "weizhi", "crumbs", "fenxiang", "xgxw", "rdxw", "rmtj",
];

/// Words in `class` or `id` that mark article content (matched as a word's start).
#[rustfmt::skip]
const CONTENT_WORDS: &[&str] = &[
    "content", "article", "text", "body", "detail", "zoom", "post", "entry", "story", "trs",
    "xwnr", "wznr", "zhengwen",
];

/// Words that only mark furniture as a whole word ("ad" but not "address").
const FURNITURE_EXACT: &[&str] = &["ad", "gg", "top"];

/// Whether an element with this tag name ends a line.
pub(super) fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

/// Whether an element with this tag name is a heading.
pub(super) fn is_heading(name: &str) -> bool {
    HEADING_TAGS.contains(&name)
}

/// Whether an element with this tag name may hold the article.
pub(super) fn is_container(name: &str) -> bool {
    CONTAINER_TAGS.contains(&name)
}

/// Whether an element is page furniture: a tag that never holds article text, a hidden
/// element, or a `class`/`id` naming furniture and no content.
pub(super) fn is_furniture(e: &Element) -> bool {
    if SKIPPED_TAGS.contains(&e.name()) {
        return true;
    }
    if e.attr("hidden").is_some()
        || e.attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
    {
        return true;
    }
    let words: Vec<String> = e
        .attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .map(str::to_ascii_lowercase)
        .collect();
    // "main-side-content": a content word outweighs a furniture word, as in readability.
    let content = words
        .iter()
        .any(|w| CONTENT_WORDS.iter().any(|c| w.starts_with(c)));
    !content
        && words.iter().any(|word| {
            FURNITURE_EXACT.contains(&word.as_str())
                || FURNITURE_WORDS.iter().any(|f| word.starts_with(f))
        })
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Node};

    use super::*;

    /// Whether the first element with an `id` or `class` in `fragment` is furniture.
    fn furniture(fragment: &str) -> bool {
        let html = Html::parse_fragment(fragment);
        html.tree
            .nodes()
            .find_map(|n| match n.value() {
                Node::Element(e) if e.attr("class").or(e.attr("id")).is_some() => Some(e),
                _ => None,
            })
            .is_some_and(is_furniture)
    }

    #[test]
    fn class_words_mark_furniture_unless_content_is_named() {
        assert!(furniture(r#"<div class="sidebar-left">热点</div>"#));
        assert!(furniture(r#"<div id="gg">广告</div>"#));
        assert!(!furniture(r#"<div class="address">医院地址</div>"#));
        assert!(!furniture(r#"<div class="main-side-content">正文</div>"#));
        assert!(furniture(
            r#"<div class="main" style="display: none">隐藏</div>"#
        ));
    }

    #[test]
    fn headings_are_blocks() {
        assert!(HEADING_TAGS.iter().all(|h| is_block(h)));
        assert!(!is_block("span") && !is_container("p"));
    }
}
