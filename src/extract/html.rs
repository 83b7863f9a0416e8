//! HTML: the main article of a web page as lines, picked by text density and link density
//! (as readability does), with navigation, sidebars, share bars and footers left out.
//!
//! Every tree walk here is iterative (ego-tree's `traverse`), so a deeply nested page cannot
//! overflow the stack; pathological nesting is flattened before parsing (see `nesting`).

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::cjk::{ends_sentence, is_cjk};
use crate::extract::boilerplate::is_boilerplate;
use crate::extract::nesting;
use crate::metadata::{self, PageHints};

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Elements whose content is never article text.
#[rustfmt::skip]
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "button", "select",
    "textarea", "svg", "canvas", "template", "head", "object", "embed",
];

/// Elements that end a line.
#[rustfmt::skip]
pub(super) const BLOCK_TAGS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
    "tr", "td", "th", "tbody", "thead", "section", "article", "main", "header", "blockquote",
    "pre", "center", "figure", "figcaption", "address", "hr", "br", "body", "html", "caption",
];

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

/// A link-heavy block inside the article (a list of related links, "上一篇/下一篇") is left
/// out when at least this share of its text is link text.
const LINK_BLOCK_DENSITY: f32 = 0.5;

/// Longest title taken from a page without `<h1>`.
const TITLE_CHARS: usize = 60;

/// A sibling container joins the article when its score is at least this share of the best.
const SIBLING_SHARE: f32 = 0.2;
/// A sibling paragraph joins the article when it has at least this many characters.
const SIBLING_PARAGRAPH_CHARS: u32 = 40;

/// The article of an HTML page: its lines and what the page head states.
#[derive(Debug, Default)]
pub struct Page {
    /// Title (when outside the article), header lines outside it, then the article's lines.
    pub lines: Vec<String>,
    /// Title, date, source and authors from `<meta>` and `<h1>`.
    pub hints: PageHints,
}

/// Whether `text` is an HTML page rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start.chars().take(2048).collect::<String>().to_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<div",
        "<p>",
        "<p ",
        "<title",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// Per-element figures gathered by the first walk, indexed by the element's order.
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    text: u32,
    link: u32,
    own_score: f32,
    child_score: f32,
    container: bool,
    paragraph: bool,
    skipped: bool,
    parent: Option<usize>,
}

/// Reads the article of an HTML page.
pub fn extract(text: &str) -> Page {
    let text = nesting::flatten_deep_nesting(text);
    let html = Html::parse_document(&text);
    let (stats, hints) = measure(&html);
    let roots = pick_article(&stats);
    render(&html, &stats, &roots, hints)
}

fn element_name(node: &Node) -> Option<&str> {
    match node {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn is_furniture(node: &Node) -> bool {
    let Node::Element(e) = node else {
        return false;
    };
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

/// First walk: text and link length of every element, a readability score for every
/// container, and the hints in `<meta>` tags.
fn measure(html: &Html) -> (Vec<Stats>, PageHints) {
    struct Frame {
        index: usize,
        text: u32,
        link: u32,
    }
    let mut stats: Vec<Stats> = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut containers: Vec<usize> = Vec::new();
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    let mut hints = PageHints::default();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let index = stats.len();
                    let skipped = skip_depth > 0 || is_furniture(node.value());
                    let container = !skipped && CONTAINER_TAGS.contains(&e.name());
                    stats.push(Stats {
                        container,
                        paragraph: e.name() == "p",
                        skipped,
                        parent: frames.last().map(|f| f.index),
                        ..Stats::default()
                    });
                    if skipped {
                        skip_depth += 1;
                    }
                    if e.name() == "a" {
                        link_depth += 1;
                    }
                    if e.name() == "meta" {
                        read_meta_tag(e, &mut hints);
                    }
                    if container {
                        containers.push(index);
                    }
                    frames.push(Frame {
                        index,
                        text: 0,
                        link: 0,
                    });
                }
                Node::Text(t) if skip_depth == 0 => {
                    let chars = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
                    let punct = t
                        .chars()
                        .filter(|c| matches!(c, '，' | ',' | '。' | '、' | '；' | '：'))
                        .count() as f32;
                    if let Some(frame) = frames.last_mut() {
                        frame.text += chars;
                        if link_depth > 0 {
                            frame.link += chars;
                        }
                    }
                    if link_depth == 0
                        && let Some(&c) = containers.last()
                    {
                        stats[c].own_score += punct + chars as f32 / 100.0;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                let Some(frame) = frames.pop() else {
                    continue;
                };
                let s = &mut stats[frame.index];
                s.text = frame.text;
                s.link = frame.link;
                if s.skipped {
                    skip_depth = skip_depth.saturating_sub(1);
                }
                if e.name() == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                if s.container {
                    containers.pop();
                    let own = s.own_score;
                    if let Some(&parent) = containers.last() {
                        stats[parent].child_score += own / 2.0;
                    }
                }
                if let Some(parent) = frames.last_mut() {
                    parent.text += frame.text;
                    parent.link += frame.link;
                }
            }
        }
    }
    (stats, hints)
}

/// `<meta>` tags that state the title, date, source or author.
fn read_meta_tag(e: &scraper::node::Element, hints: &mut PageHints) {
    let Some(key) = e.attr("name").or_else(|| e.attr("property")) else {
        return;
    };
    let Some(content) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
        return;
    };
    match key.to_ascii_lowercase().as_str() {
        "og:title" => {
            hints.title.get_or_insert_with(|| content.to_string());
        }
        "article:published_time"
        | "pubdate"
        | "publishdate"
        | "publish_date"
        | "pubtime"
        | "date"
        | "dc.date"
        | "dc.date.issued"
            if hints.published.is_none() =>
        {
            hints.published = metadata::iso_date(content);
        }
        "source" | "contentsource" | "article:source" => {
            hints.source.get_or_insert_with(|| content.to_string());
        }
        "author" | "article:author" if hints.authors.is_empty() => {
            hints.authors = metadata::split_names(content);
        }
        _ => {}
    }
}

/// The elements that make up the article, in document order: the container with the best
/// score (discounted by its link density), plus its siblings that read like article text
/// (a lead paragraph or a second content block beside the main one, as readability does).
/// Empty when the page has no container with text: the whole document is then read.
fn pick_article(stats: &[Stats]) -> Vec<usize> {
    let score = |s: &Stats| {
        let density = s.link as f32 / s.text.max(1) as f32;
        (s.own_score + s.child_score) * (1.0 - density)
    };
    let Some((best, best_score)) = stats
        .iter()
        .enumerate()
        .filter(|(_, s)| s.container && s.text > 0)
        .map(|(i, s)| (i, score(s)))
        .filter(|(_, score)| *score > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    else {
        return Vec::new();
    };
    let parent = stats[best].parent;
    if parent.is_none() {
        return vec![best];
    }
    stats
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            *i == best
                || (s.parent == parent
                    && !s.skipped
                    && s.link * 4 < s.text
                    && ((s.container && score(s) >= best_score * SIBLING_SHARE)
                        || (s.paragraph && s.text >= SIBLING_PARAGRAPH_CHARS)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Collects lines: block elements end a line, `<br>` too.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
    /// Whitespace seen since the last character: `Some(true)` when it held a line break.
    pending: Option<bool>,
}

impl Lines {
    /// Appends text, collapsing whitespace as a browser does; a line break in the source
    /// between two wide (CJK) characters disappears, as CSS Text prescribes, because Chinese
    /// puts no space between words.
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                let line_break = matches!(c, '\n' | '\r');
                self.pending = Some(self.pending.unwrap_or(false) || line_break);
                continue;
            }
            if let Some(line_break) = self.pending.take() {
                let joined =
                    line_break && is_cjk(c) && self.current.chars().next_back().is_some_and(is_cjk);
                if !self.current.is_empty() && !joined {
                    self.current.push(' ');
                }
            }
            self.current.push(c);
        }
    }

    fn end_line(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
        self.current.clear();
        self.pending = None;
    }
}

/// Second walk: the article's lines, with the title and header lines found before it.
fn render(html: &Html, stats: &[Stats], roots: &[usize], mut hints: PageHints) -> Page {
    let mut before = Lines::default();
    let mut article = Lines::default();
    let mut after = Lines::default();
    let mut index = 0usize;
    let mut skip_depth = 0usize;
    let mut article_depth = 0usize;
    let mut article_seen = false;
    let mut h1_before: Option<String> = None;
    let mut header_from = 0usize;
    let mut h1_inside: Option<String> = None;
    let mut h1_text: Option<String> = None;
    // Elements opened, to know on close whether each was skipped or the article.
    let mut open: Vec<(bool, bool)> = Vec::new();
    for edge in html.tree.root().traverse() {
        let in_article = article_depth > 0 || roots.is_empty();
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let s = stats.get(index).copied().unwrap_or_default();
                    let is_article = roots.binary_search(&index).is_ok();
                    index += 1;
                    let link_block = BLOCK_TAGS.contains(&e.name())
                        && !matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                        && !is_article
                        && s.text > 0
                        && s.link as f32 >= s.text as f32 * LINK_BLOCK_DENSITY;
                    let skip = skip_depth > 0 || s.skipped || link_block;
                    open.push((skip, is_article));
                    if skip {
                        skip_depth += 1;
                        continue;
                    }
                    if is_article {
                        article_depth += 1;
                        article_seen = true;
                    }
                    let target = target(
                        &mut before,
                        &mut article,
                        &mut after,
                        in_article || is_article,
                        article_seen,
                    );
                    if BLOCK_TAGS.contains(&e.name()) {
                        target.end_line();
                    }
                    if e.name() == "h1" {
                        h1_text = Some(String::new());
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    target(
                        &mut before,
                        &mut article,
                        &mut after,
                        in_article,
                        article_seen,
                    )
                    .push_text(t);
                    if let Some(h1) = h1_text.as_mut() {
                        h1.push_str(t);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Some(name) = element_name(node.value()) else {
                    continue;
                };
                let Some((skipped, is_article)) = open.pop() else {
                    continue;
                };
                if skipped {
                    skip_depth = skip_depth.saturating_sub(1);
                    continue;
                }
                let target = target(
                    &mut before,
                    &mut article,
                    &mut after,
                    in_article,
                    article_seen,
                );
                if BLOCK_TAGS.contains(&name) {
                    target.end_line();
                }
                if name == "h1"
                    && let Some(h1) = h1_text.take()
                {
                    let h1 = h1.split_whitespace().collect::<Vec<_>>().join(" ");
                    if in_article {
                        h1_inside.get_or_insert(h1);
                    } else if !article_seen && !h1.is_empty() {
                        h1_before = Some(h1);
                        header_from = before.lines.len();
                    }
                }
                if is_article {
                    article_depth = article_depth.saturating_sub(1);
                }
            }
        }
    }
    before.end_line();
    article.end_line();
    after.end_line();

    let title = h1_before.clone().or(h1_inside);
    if title.is_some() {
        hints.title = title;
    }
    let mut lines = Vec::new();
    let first_meta = before.lines.iter().position(|l| metadata::is_meta_line(l));
    if let Some(h1) = h1_before {
        lines.push(h1);
    } else if let Some(m) = first_meta.filter(|&m| m > 0) {
        // Pages without <h1> (table layouts) set the title in a cell just above the date line.
        let above = &before.lines[m - 1];
        if above.chars().count() <= TITLE_CHARS && !ends_sentence(above) && !is_boilerplate(above) {
            lines.push(above.clone());
        }
    }
    // Header lines come after the title: a date in a list above it belongs to other news.
    let header = before.lines.into_iter().skip(header_from);
    lines.extend(header.filter(|l| metadata::is_meta_line(l)));
    lines.extend(article.lines);
    // Below the article only labelled lines ("来源：…"): bare dates there are other news.
    lines.extend(
        after
            .lines
            .into_iter()
            .filter(|l| l.contains([':', '：', '《']) && metadata::is_meta_line(l)),
    );
    Page { lines, hints }
}

fn target<'a>(
    before: &'a mut Lines,
    article: &'a mut Lines,
    after: &'a mut Lines,
    in_article: bool,
    article_seen: bool,
) -> &'a mut Lines {
    if in_article {
        article
    } else if article_seen {
        after
    } else {
        before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="pubdate" content="2023-12-17 09:30"><title>创新党建工作模式 打造医疗惠民高地_荷泽新闻网</title></head>
<body><div class="nav"><a href="/">首页</a><a href="/xq">县区新闻</a></div>
<div class="breadcrumb">您当前位置:<a href="/">菏泽新闻网</a> &gt; 县区新闻 &gt; 正文</div>
<div class="main"><div class="left">
<h1>创新党建工作模式 打造医疗惠民高地</h1>
<div class="info">作者: 荷泽新闻网 来源: 荷泽新闻网 发表时间:2023-12-17</div>
<div class="content"><p>定陶区人民医院 王进</p>
<p>在定陶区委、区政府的正确领导下,定陶区人民医院全面贯彻落实新时代党的建设总要求,坚持“围绕中心抓党建、抓好党建促发展”的工作思路。</p>
<p><strong>坚持“三个引领”,筑牢党建战斗堡垒</strong></p>
<p>突出思想引领,提升医院发展“支撑力”。医院鼓励职工积极在学习强国、灯塔—党建在线平台上自主学习。</p>
<div class="share">分享到:<a>微信</a><a>微博</a></div>
<p><a href="/1.html">上一篇:医院召开党风廉政建设会议</a></p></div></div>
<div class="right"><h3>热点新闻</h3><ul><li><a href="/a">北京门头沟区推进灾后事故救援和理赔</a></li><li><a href="/b">多条河流超汛限水位</a></li></ul></div></div>
<div class="footer">网站备案号:鲁ICP备09012531号</div><script>var a = "<p>不是正文</p>";</script></body></html>"#;

    #[test]
    fn a_publisher_in_the_author_meta_tag_is_not_an_author() {
        let page = extract(
            r#"<html><head><meta name="author" content="大众网"></head><body><p>医院召开党风廉政建设会议，部署全年工作。</p></body></html>"#,
        );
        assert!(page.hints.authors.is_empty(), "{:?}", page.hints.authors);
        let page = extract(
            r#"<html><head><meta name="author" content="钟耀萱、大众网"></head><body><p>医院召开党风廉政建设会议，部署全年工作。</p></body></html>"#,
        );
        assert_eq!(page.hints.authors, ["钟耀萱"]);
    }

    #[test]
    fn keeps_the_article_and_its_header_lines() {
        let page = extract(PAGE);
        assert_eq!(
            page.lines,
            [
                "创新党建工作模式 打造医疗惠民高地",
                "作者: 荷泽新闻网 来源: 荷泽新闻网 发表时间:2023-12-17",
                "定陶区人民医院 王进",
                "在定陶区委、区政府的正确领导下,定陶区人民医院全面贯彻落实新时代党的建设总要求,坚持“围绕中心抓党建、抓好党建促发展”的工作思路。",
                "坚持“三个引领”,筑牢党建战斗堡垒",
                "突出思想引领,提升医院发展“支撑力”。医院鼓励职工积极在学习强国、灯塔—党建在线平台上自主学习。",
            ]
        );
        assert_eq!(page.hints.published.as_deref(), Some("2023-12-17"));
        assert_eq!(
            page.hints.title.as_deref(),
            Some("创新党建工作模式 打造医疗惠民高地")
        );
    }

    #[test]
    fn a_lead_paragraph_beside_the_content_block_is_kept() {
        let page = extract(
            "<html><body><div class=\"main\"><h1>医院召开党建工作会议</h1><p>1月28日下午,商丘市第一人民医院在门诊楼五楼大礼堂召开了2022年工作会议,党委书记出席会议并作了工作报告。</p><div class=\"text\"><p>会议强调,要坚持党建引领,推动医院高质量发展,全面提升医疗服务能力和水平。</p><p>会议要求,各支部要认真落实“三会一课”制度,充分发挥党员先锋模范作用。</p></div><div class=\"pages\"><a href=\"/1\">上一篇:医院开展义诊活动</a></div></div></body></html>",
        );
        assert_eq!(page.lines.len(), 4, "{:?}", page.lines);
        assert_eq!(page.hints.title.as_deref(), Some("医院召开党建工作会议"));
    }

    #[test]
    fn a_content_word_outweighs_a_furniture_word() {
        let page = extract(
            "<html><body><div class=\"nav\"><a>首页</a></div><div class=\"main-side-content\"><p>医院召开党建工作会议,部署全年重点工作。</p></div><div class=\"side-hot\"><p>热点新闻:医院开展义诊活动,服务群众。</p></div></body></html>",
        );
        assert_eq!(page.lines, ["医院召开党建工作会议,部署全年重点工作。"]);
    }

    #[test]
    fn dates_in_news_lists_are_not_the_publication_date() {
        let page = extract(
            "<html><body><ul class=\"list\"><li>医院动态 2023-11-30</li></ul><h1>医院召开党建工作会议</h1><div class=\"info\">发布时间:2023-12-17</div><div class=\"content\"><p>医院召开党建工作会议,部署全年重点工作,推动医院高质量发展。</p></div><ul><li>义诊活动 2023-12-20</li><li>2023-12-21</li></ul></body></html>",
        );
        assert_eq!(
            page.lines,
            [
                "医院召开党建工作会议",
                "发布时间:2023-12-17",
                "医院召开党建工作会议,部署全年重点工作,推动医院高质量发展。",
            ]
        );
    }

    #[test]
    fn source_line_breaks_inside_chinese_text_vanish() {
        let page = extract(
            "<html><body><div><p>医院召开党建\n    工作会议，\n部署 2024 年\n重点工作。</p></div></body></html>",
        );
        assert_eq!(page.lines, ["医院召开党建工作会议，部署 2024 年重点工作。"]);
    }

    #[test]
    fn br_and_headings_break_lines() {
        let page = extract(
            "<html><body><div>医院召开大会。<br>会议强调要坚持党建引领。<h2>坚持党建引领</h2>医院发展迅速,门诊量持续增长。</div></body></html>",
        );
        assert_eq!(
            page.lines,
            [
                "医院召开大会。",
                "会议强调要坚持党建引领。",
                "坚持党建引领",
                "医院发展迅速,门诊量持续增长。"
            ]
        );
    }

    #[test]
    fn recognizes_html_by_content() {
        assert!(looks_like_html("\n<!DOCTYPE html><html>"));
        assert!(looks_like_html("<div class=\"content\">医院</div>"));
        assert!(!looks_like_html("医院<div>"));
        assert!(!looks_like_html("<一>医院召开大会。"));
    }
}
