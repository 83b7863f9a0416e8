//! What an element's tag, `class` and `id` say about it: a tag that never holds article text,
//! a block that ends a line, a container that may hold the article, and what its class names
//! hint at. Class names are weak evidence (a site's words, not a standard): a name hints at
//! furniture by its first word ("sidebar-left", "share_box"), never by a word deep inside it
//! (`sinacMNT_weibo_login` on a `<body>` is no login box), and only the scorer decides what to
//! do with a hint.

use scraper::node::Element;

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Elements whose content is never article text, whatever their class: scripts, controls,
/// embedded objects, and the pronunciation of a `<ruby>` base (`<rt>`, `<rp>`), which is no
/// part of the sentence it annotates.
#[rustfmt::skip]
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "iframe", "button", "select",
    "textarea", "svg", "canvas", "template", "head", "object", "embed", "rt", "rp",
];

/// Elements that end a line.
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
    "tr", "td", "th", "tbody", "thead", "section", "article", "main", "header", "blockquote",
    "pre", "center", "figure", "figcaption", "address", "hr", "br", "body", "html", "caption",
    "form", "fieldset",
];

/// Headings: blocks that stay even when they are all link text.
const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Elements that may hold an article (score holders).
#[rustfmt::skip]
const CONTAINER_TAGS: &[&str] = &[
    "div", "article", "section", "main", "td", "body", "blockquote", "center", "header", "figure",
    "form",
];

/// Elements a class name never hides: they wrap the whole page, whatever a site calls them
/// (`<body class="sinacMNT_weibo_login">`, an ASP.NET `<form id="form1">`).
const PAGE_WRAPPERS: &[&str] = &["html", "body", "form"];

/// First words of `class` or `id` names that mark page furniture (matched as the start of
/// the name's first word: "sidebar-left", "navbar", "share_box").
#[rustfmt::skip]
const FURNITURE_WORDS: &[&str] = &[
    "nav", "menu", "breadcrumb", "crumb", "sidebar", "side", "share", "footer", "foot",
    "related", "recommend", "hot", "tags", "tag", "pager", "pagination", "prev", "next",
    "copyright", "banner", "advert", "ads", "login", "search", "toolbar", "location", "position",
    "weizhi", "fenxiang", "xgxw", "rdxw", "rmtj",
];

/// Words of `class` or `id` names that mark a reader-comment thread wherever they stand in
/// the name ("post_comment_area", "comment-content"): a thread is never the post, even when
/// its name also holds a content word.
const COMMENT_WORDS: &[&str] = &["comment", "pinglun", "reply", "replies"];

/// Words of `class` or `id` names that mark article content (matched as the start of any
/// word of the name: "post_body", "article-content", "main-side-content").
#[rustfmt::skip]
const CONTENT_WORDS: &[&str] = &[
    "content", "article", "text", "body", "detail", "zoom", "post", "entry", "story", "trs",
    "xwnr", "wznr", "zhengwen",
];

/// First words that only mark furniture as a whole word ("ad" but not "address").
const FURNITURE_EXACT: &[&str] = &["ad", "gg", "top"];

/// What an element's `class` and `id` names hint at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClassHint {
    /// Nothing either way.
    None,
    /// Article content.
    Content,
    /// Page furniture (navigation, sharing, sidebars).
    Furniture,
    /// A reader-comment thread: never the article, whatever else the page says.
    Comments,
}

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

/// Whether an element never holds article text: a tag that holds none, or a hidden element.
pub(super) fn is_skipped(e: &Element) -> bool {
    SKIPPED_TAGS.contains(&e.name())
        || e.attr("hidden").is_some()
        || e.attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

/// What the element's `class` and `id` names hint at. A comment word anywhere marks a
/// comment thread; else a content word anywhere marks content ("main-side-content"); else a
/// furniture word opening a name marks furniture. The page's wrappers (`html`, `body`,
/// `form`) have no hint: a name there says nothing about the article inside.
pub(super) fn class_hint(e: &Element) -> ClassHint {
    if PAGE_WRAPPERS.contains(&e.name()) {
        return ClassHint::None;
    }
    let mut content = false;
    let mut furniture = false;
    let names = e.attr("class").into_iter().chain(e.attr("id"));
    for name in names.flat_map(str::split_whitespace) {
        let name = name.to_ascii_lowercase();
        let mut words = name.split(['-', '_']).filter(|w| !w.is_empty());
        let Some(first) = words.clone().next() else {
            continue;
        };
        if words
            .clone()
            .any(|w| COMMENT_WORDS.iter().any(|c| w.starts_with(c)))
        {
            return ClassHint::Comments;
        }
        content |= words.any(|w| CONTENT_WORDS.iter().any(|c| w.starts_with(c)));
        furniture |= FURNITURE_EXACT.contains(&first)
            || FURNITURE_WORDS.iter().any(|f| first.starts_with(f));
    }
    match (content, furniture) {
        (true, _) => ClassHint::Content,
        (false, true) => ClassHint::Furniture,
        (false, false) => ClassHint::None,
    }
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Node};

    use super::*;

    /// The hint of the first element with an `id` or `class` in `page`.
    fn hint(page: &str) -> ClassHint {
        let html = Html::parse_document(page);
        html.tree
            .nodes()
            .find_map(|n| match n.value() {
                Node::Element(e) if e.attr("class").or(e.attr("id")).is_some() => Some(e),
                _ => None,
            })
            .map_or(ClassHint::None, class_hint)
    }

    #[test]
    fn a_first_word_marks_furniture_and_a_content_word_outweighs_it() {
        assert_eq!(
            hint(r#"<div class="sidebar-left">热点</div>"#),
            ClassHint::Furniture
        );
        assert_eq!(hint(r#"<div id="gg">广告</div>"#), ClassHint::Furniture);
        assert_eq!(
            hint(r#"<div class="address">医院地址</div>"#),
            ClassHint::None
        );
        assert_eq!(
            hint(r#"<div class="main-side-content">正文</div>"#),
            ClassHint::Content
        );
    }

    #[test]
    fn a_word_deep_inside_a_name_is_no_furniture() {
        assert_eq!(
            hint(r#"<table class="web_top_3"><tr><td>正文</td></tr></table>"#),
            ClassHint::None
        );
        assert_eq!(
            hint(r#"<div class="js_N_login_wrap">登录</div>"#),
            ClassHint::None
        );
    }

    #[test]
    fn the_page_wrappers_have_no_hint() {
        assert_eq!(
            hint(r#"<body class="sinacMNT_weibo_login"><p>正文</p></body>"#),
            ClassHint::None
        );
        assert_eq!(
            hint(r#"<body><form id="nav_form1"><p>正文</p></form></body>"#),
            ClassHint::None
        );
    }

    #[test]
    fn a_comment_thread_is_furniture_whatever_else_it_is_called() {
        assert_eq!(
            hint(r#"<div class="comment-content">评论</div>"#),
            ClassHint::Comments
        );
        assert_eq!(
            hint(r#"<div id="post_comment_area">评论</div>"#),
            ClassHint::Comments
        );
    }

    #[test]
    fn hidden_elements_and_ruby_annotations_are_skipped() {
        let html = Html::parse_document(
            r#"<div class="main" style="display: none">隐藏</div><ruby>院<rt>yuàn</rt></ruby>"#,
        );
        let skipped: Vec<&str> = html
            .tree
            .nodes()
            .filter_map(|n| match n.value() {
                Node::Element(e) if is_skipped(e) => Some(e.name()),
                _ => None,
            })
            .collect();
        assert_eq!(skipped, ["head", "div", "rt"]);
    }

    #[test]
    fn headings_are_blocks() {
        assert!(HEADING_TAGS.iter().all(|h| is_block(h)));
        assert!(!is_block("span") && !is_container("p"));
    }
}
