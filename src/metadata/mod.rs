//! Metadata: the title, date, source, authors and hospital of a report, read from its lines,
//! and the lines that only carried them taken out of the body.
//!
//! A field is filled only when a line states it; unknown fields stay empty.

mod fields;
mod hospital;

use crate::cjk::ends_sentence;
use crate::extract::boilerplate::is_boilerplate;
use crate::snapshot::Meta;

use fields::{Fields, is_publisher, parse_meta_line, strip_credit, strip_leading_credit};
pub use fields::{iso_date, split_names};
pub use hospital::find_hospital;

/// What an HTML page states in its `<head>` or in its `<h1>`, before reading the lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageHints {
    /// The article's heading (`<h1>` or `og:title`).
    pub title: Option<String>,
    /// Publication date as ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The publisher named by `<meta name="source">`.
    pub source: Option<String>,
    /// Authors named by `<meta name="author">`.
    pub authors: Vec<String>,
}

/// How many lines at the top may carry the title, date, source and bylines.
const HEAD_LINES: usize = 12;
/// A head line longer than this is body text: the head ends there.
const HEAD_LINE_CHARS: usize = 60;
/// How many lines at the end may carry a source or date line.
const TAIL_LINES: usize = 4;
/// A title is a short line.
const TITLE_CHARS: usize = 60;

/// Openings of the summaries some sites generate for an article ("文章总结了…"): page
/// furniture written about the report, not by it, and regenerated independently of it.
#[rustfmt::skip]
const SUMMARY_OPENINGS: &[&str] = &[
    "文章总结了", "本文总结了", "文章介绍了", "本文介绍了", "文章讲述了", "本文讲述了",
    "文章概述了", "本文概述了", "文章主要介绍了", "本文主要介绍了", "文章報導了", "本文報導了",
];

/// Whether a line only carries metadata (date, source, authors), so that an HTML page's
/// header lines outside the article can be kept for [`take_metadata`].
pub fn is_meta_line(line: &str) -> bool {
    parse_meta_line(line.trim(), true).is_some_and(|f| !f.is_empty())
}

/// Reads title, date, source and authors from the head and tail of `lines` (and `hints`),
/// and returns the metadata with the body lines that remain.
///
/// Removed from the body: the title line, date/source/author lines, bylines, credits such as
/// "(记者杜英姿、郭文治综合报道)", site chrome above the title and site-written summaries.
pub fn take_metadata(mut lines: Vec<String>, hints: &PageHints) -> (Meta, Vec<String>) {
    let mut meta = Meta {
        title: hints.title.clone(),
        published: hints.published.clone(),
        source: hints.source.clone(),
        authors: hints.authors.clone(),
        ..Meta::default()
    };
    let mut keep = vec![true; lines.len()];
    let head_end = lines
        .iter()
        .take(HEAD_LINES)
        .position(|l| l.trim().chars().count() > HEAD_LINE_CHARS)
        .unwrap_or(lines.len().min(HEAD_LINES));

    let mut first_meta = None;
    let mut last_meta = None;
    for i in 0..head_end {
        if let Some(fields) = parse_meta_line(lines[i].trim(), true).filter(|f| !f.is_empty()) {
            merge(&mut meta, fields);
            keep[i] = false;
            first_meta.get_or_insert(i);
            last_meta = Some(i);
        }
    }

    let title_at = find_title(&lines, &keep, head_end, first_meta, hints);
    if let Some(t) = title_at {
        if meta.title.is_none() {
            meta.title = Some(lines[t].trim().to_string());
        }
        keep[t] = false;
    }
    // Above the title sits site chrome ("长治市人民医院 - 长治市医报"); it may name the site.
    let chrome_end = title_at.or(first_meta).unwrap_or(0);
    for i in 0..chrome_end {
        let line = lines[i].trim();
        if ends_sentence(line) {
            continue;
        }
        if meta.source.is_none() {
            meta.source = site_name(line);
        }
        keep[i] = false;
    }
    // A site-written summary directly below the header lines.
    if let Some(after) = last_meta.or(title_at).map(|i| i + 1)
        && let Some(i) = (after..lines.len()).find(|&i| !is_boilerplate(&lines[i]))
        && SUMMARY_OPENINGS
            .iter()
            .any(|o| lines[i].trim().starts_with(o))
    {
        keep[i] = false;
    }

    // "本报讯(记者 张三 通讯员 李四)" opening the first paragraph is a byline too.
    if let Some(first) = (0..lines.len()).find(|&i| keep[i] && !is_boilerplate(&lines[i]))
        && let Some((rest, fields)) = strip_leading_credit(&lines[first])
    {
        merge(&mut meta, fields);
        if rest.is_empty() {
            keep[first] = false;
        } else {
            lines[first] = rest;
        }
    }

    let protected = keep[..head_end].iter().filter(|k| **k).count();
    let mut body: Vec<String> = Vec::with_capacity(lines.len());
    for (line, kept) in lines.into_iter().zip(&keep) {
        if *kept {
            body.push(line);
        }
    }
    take_tail(&mut body, &mut meta, protected);
    (meta, body)
}

/// The title: a short line that is not a sentence, just above the first metadata line (or
/// the page's `<h1>`).
fn find_title(
    lines: &[String],
    keep: &[bool],
    head_end: usize,
    first_meta: Option<usize>,
    hints: &PageHints,
) -> Option<usize> {
    if let Some(title) = &hints.title {
        return (0..head_end.max(1).min(lines.len())).find(|&i| lines[i].trim() == title.trim());
    }
    let meta_at = first_meta?;
    (0..meta_at)
        .rev()
        .filter(|&i| keep[i] && !lines[i].trim().is_empty() && !is_boilerplate(&lines[i]))
        .take(1)
        .find(|&i| {
            let line = lines[i].trim();
            line.chars().count() <= TITLE_CHARS && !ends_sentence(line) && site_name(line).is_none()
        })
}

/// Reads a date or source line and a trailing credit from the end of the body.
fn take_tail(body: &mut Vec<String>, meta: &mut Meta, protected: usize) {
    let start = body.len().saturating_sub(TAIL_LINES).max(protected);
    let mut i = body.len();
    while i > start {
        i -= 1;
        let line = body[i].trim();
        if line.chars().count() > HEAD_LINE_CHARS {
            continue;
        }
        if let Some(fields) = parse_meta_line(line, false).filter(|f| !f.is_empty()) {
            merge(meta, fields);
            body.remove(i);
        }
    }
    let start = body.len().saturating_sub(TAIL_LINES).max(protected);
    for line in body.iter_mut().skip(start) {
        if let Some((rest, names)) = strip_credit(line) {
            for name in names {
                push_author(meta, name);
            }
            *line = rest;
        }
    }
    body.retain(|l| !l.trim().is_empty());
}

fn merge(meta: &mut Meta, fields: Fields) {
    if meta.published.is_none() {
        meta.published = fields.published;
    }
    if meta.source.is_none() {
        meta.source = fields.source;
    }
    for name in fields.authors {
        push_author(meta, name);
    }
}

fn push_author(meta: &mut Meta, name: String) {
    if !meta.authors.contains(&name) {
        meta.authors.push(name);
    }
}

/// The site in a page-title line "长治市人民医院 - 长治市医报": the last part, when it reads
/// like a publisher.
fn site_name(line: &str) -> Option<String> {
    let last = line
        .rsplit([' ', '-', '|', '_', '–', '—', '｜'])
        .find(|p| !p.trim().is_empty())?;
    let parts = line
        .split([' ', '-', '|', '_', '–', '—', '｜'])
        .filter(|p| !p.is_empty());
    (parts.count() >= 2 && is_publisher(last.trim())).then(|| last.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn takes_title_and_header_lines_out_of_the_body() {
        let text = "您当前位置:菏泽新闻网 > 县区新闻 > 正文\n创新党建工作模式 打造医疗惠民高地\n作者: 荷泽新闻网 来源: 荷泽新闻网 发表时间:2023-12-17\n定陶区人民医院 王进\n在定陶区委、区政府的正确领导下,定陶区人民医院全面贯彻落实新时代党的建设总要求,坚持“围绕中心抓党建、抓好党建促发展”的工作思路。";
        let (meta, body) = take_metadata(lines(text), &PageHints::default());
        assert_eq!(
            meta.title.as_deref(),
            Some("创新党建工作模式 打造医疗惠民高地")
        );
        assert_eq!(meta.authors, ["王进"]);
        assert_eq!(body.len(), 1);
    }

    #[test]
    fn an_opening_credit_leaves_the_first_paragraph() {
        let text = "医院召开党建工作会议\n2023-08-01\n大众网讯(记者 钟耀萱 通讯员 邵长江)日前,诸城市人民医院召开党建工作会议,部署下半年重点工作任务。";
        let (meta, body) = take_metadata(lines(text), &PageHints::default());
        assert_eq!(meta.authors, ["钟耀萱"]);
        assert_eq!(meta.source.as_deref(), Some("大众网"));
        assert_eq!(
            body,
            ["日前,诸城市人民医院召开党建工作会议,部署下半年重点工作任务。"]
        );
        let (meta, _) = take_metadata(
            lines("本报讯(记者 王进)医院开展义诊活动,服务群众300余人次。"),
            &PageHints::default(),
        );
        assert_eq!(
            (meta.source, meta.authors),
            (None, vec!["王进".to_string()])
        );
    }

    #[test]
    fn sentences_at_the_top_are_not_a_title() {
        let text = "山西省大同市第六人民医院开发应用专病前沿新技术。\n山西省大同市第六人民医院开展未成年人心理健康辅导。";
        let (meta, body) = take_metadata(lines(text), &PageHints::default());
        assert_eq!(meta.title, None);
        assert_eq!(body.len(), 2);
    }
}
