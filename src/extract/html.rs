//! HTML: the main article of a web page as lines, with its title and header and footer
//! lines, and what the page's `<meta>` tags state. `score` picks the article by text
//! density and link density, `walk` sorts the text into lines; navigation, sidebars, share
//! bars and footers are left out.
//!
//! Pathological nesting is flattened before parsing (see `nesting`), and every walk is
//! iterative (ego-tree's `traverse`), so no page can overflow the stack.

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

use super::nesting;
use super::score;
use super::title::Head;
use super::walk::Walk;
use crate::page::{PageHints, Texture};

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

/// Reads the article of an HTML page with its title and the header and footer lines that
/// `is_meta_line` (the metadata step's test) says state metadata, in reading order, what
/// its head states, and what the page is made of.
pub fn extract(text: &str, is_meta_line: fn(&str) -> bool) -> (Vec<String>, PageHints, Texture) {
    let text = nesting::flatten_deep_nesting(text);
    let html = Html::parse_document(&text);
    let article = score::find_article(&html);
    let mut walk = Walk::new(&article.stats, &article.roots);
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => walk.open(e),
                Node::Text(t) => walk.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    walk.close(e.name());
                }
            }
        }
    }
    let (lines, hints) = walk.into_lines(read_head(&html), is_meta_line);
    (lines, hints, article.texture)
}

/// What the `<meta>` and `<link>` tags and the `<title>` state, in page order.
fn read_head(html: &Html) -> Head {
    let mut head = Head::default();
    for node in html.tree.nodes() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        match e.name() {
            "meta" => read_meta_tag(e, &mut head),
            "link"
                if e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                if let Some(href) = e.attr("href").filter(|h| h.contains("://")) {
                    head.hints
                        .url
                        .get_or_insert_with(|| href.trim().to_string());
                }
            }
            "title" if head.head_title.is_none() => {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    head.head_title = Some(text);
                }
            }
            _ => {}
        }
    }
    head
}

/// `<meta>` names that state the article's title.
const TITLE_METAS: &[&str] = &[
    "og:title",
    "twitter:title",
    "articletitle",
    "headline",
    "dc.title",
];

/// `<meta>` names that state the publication date.
#[rustfmt::skip]
const DATE_METAS: &[&str] = &[
    "article:published_time", "og:release_date", "og:published_time", "pubdate", "publishdate",
    "publish_date", "publish-date", "pubtime", "publishtime", "firstpublishedtime", "date",
    "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "datepublished",
    "weibo:article:create_at", "sailthru.date",
];

/// One `<meta>` tag that states the title, a date, the source, an author or the address.
fn read_meta_tag(e: &Element, head: &mut Head) {
    let Some(key) = e
        .attr("name")
        .or_else(|| e.attr("property"))
        .or_else(|| e.attr("itemprop"))
    else {
        return;
    };
    let Some(content) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
        return;
    };
    let key = key.to_ascii_lowercase();
    let hints = &mut head.hints;
    match key.as_str() {
        k if TITLE_METAS.contains(&k) => {
            head.meta_title.get_or_insert_with(|| content.to_string());
        }
        k if DATE_METAS.contains(&k) => hints.dates.push((key.clone(), content.to_string())),
        "source" | "contentsource" | "article:source" => {
            hints.source.get_or_insert_with(|| content.to_string());
        }
        "author" | "article:author" => hints.authors.push(content.to_string()),
        "og:url" if content.contains("://") => {
            hints.url.get_or_insert_with(|| content.to_string());
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::boilerplate;
    use crate::page::Page;

    /// A stand-in for the metadata step's test: labelled date, source and author lines.
    fn is_meta_line(line: &str) -> bool {
        ["时间", "来源", "作者"]
            .iter()
            .any(|label| line.contains(label))
    }

    fn extract(text: &str) -> Page {
        let (lines, hints, texture) = super::extract(text, is_meta_line);
        let lines = lines.into_iter().map(boilerplate::line).collect();
        Page {
            lines,
            hints,
            texture: Some(texture),
        }
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.lines.iter().map(|l| l.text.as_str()).collect()
    }

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
    fn meta_tags_are_kept_as_written_in_page_order() {
        let page = extract(
            r#"<html><head><meta name="author" content="大众网"><meta name="pubdate" content="不详"><meta name="author" content="钟耀萱、大众网"><meta name="date" content="2023-12-17"></head><body><p>医院召开党风廉政建设会议，部署全年工作。</p></body></html>"#,
        );
        assert_eq!(page.hints.authors, ["大众网", "钟耀萱、大众网"]);
        let dates: Vec<&str> = page.hints.dates.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(dates, ["不详", "2023-12-17"]);
    }

    #[test]
    fn keeps_the_article_and_its_header_lines() {
        let page = extract(PAGE);
        assert_eq!(
            texts(&page),
            [
                "创新党建工作模式 打造医疗惠民高地",
                "作者: 荷泽新闻网 来源: 荷泽新闻网 发表时间:2023-12-17",
                "定陶区人民医院 王进",
                "在定陶区委、区政府的正确领导下,定陶区人民医院全面贯彻落实新时代党的建设总要求,坚持“围绕中心抓党建、抓好党建促发展”的工作思路。",
                "坚持“三个引领”,筑牢党建战斗堡垒",
                "突出思想引领,提升医院发展“支撑力”。医院鼓励职工积极在学习强国、灯塔—党建在线平台上自主学习。",
            ]
        );
        assert_eq!(
            page.hints.dates,
            [("pubdate".to_string(), "2023-12-17 09:30".to_string())]
        );
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
        assert_eq!(texts(&page), ["医院召开党建工作会议,部署全年重点工作。"]);
    }

    #[test]
    fn dates_in_news_lists_are_not_the_publication_date() {
        let page = extract(
            "<html><body><ul class=\"list\"><li>医院动态 2023-11-30</li></ul><h1>医院召开党建工作会议</h1><div class=\"info\">发布时间:2023-12-17</div><div class=\"content\"><p>医院召开党建工作会议,部署全年重点工作,推动医院高质量发展。</p></div><ul><li>义诊活动 2023-12-20</li><li>2023-12-21</li></ul></body></html>",
        );
        assert_eq!(
            texts(&page),
            [
                "医院召开党建工作会议",
                "发布时间:2023-12-17",
                "医院召开党建工作会议,部署全年重点工作,推动医院高质量发展。",
            ]
        );
    }

    #[test]
    fn a_title_cell_above_the_date_line_is_kept_on_a_page_without_h1() {
        let page = extract(
            "<html><body><table><tr><td>首页</td></tr><tr><td>医院召开党建工作会议</td></tr><tr><td>发布时间:2023-12-17</td></tr></table><div class=\"content\"><p>医院召开党建工作会议,部署全年重点工作,推动医院高质量发展。</p></div></body></html>",
        );
        assert_eq!(
            texts(&page),
            [
                "医院召开党建工作会议",
                "发布时间:2023-12-17",
                "医院召开党建工作会议,部署全年重点工作,推动医院高质量发展。",
            ]
        );
    }

    #[test]
    fn furniture_lines_are_marked() {
        let page = extract(
            "<html><body><div class=\"content\"><p>医院召开党建工作会议,部署全年重点工作,推动医院高质量发展。</p><p>（责编：王五）</p></div></body></html>",
        );
        let marks: Vec<bool> = page.lines.iter().map(|l| l.boilerplate).collect();
        assert_eq!(marks, [false, true]);
    }

    #[test]
    fn source_line_breaks_inside_chinese_text_vanish() {
        let page = extract(
            "<html><body><div><p>医院召开党建\n    工作会议，\n部署 2024 年\n重点工作。</p></div></body></html>",
        );
        assert_eq!(
            texts(&page),
            ["医院召开党建工作会议，部署 2024 年重点工作。"]
        );
    }

    #[test]
    fn br_and_headings_break_lines() {
        let page = extract(
            "<html><body><div>医院召开大会。<br>会议强调要坚持党建引领。<h2>坚持党建引领</h2>医院发展迅速,门诊量持续增长。</div></body></html>",
        );
        assert_eq!(
            texts(&page),
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
