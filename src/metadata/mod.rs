//! Metadata: the title, date, source, authors and hospital of a report, read from the
//! [`Page`] extract found, and the lines that only carried them taken out of the body.
//!
//! A field is filled only when a line or the page's head states it; unknown fields stay
//! empty. `fields` reads one line, `bylines` reads bylines and credits, `names` tells
//! people from publishers and institutions, `hospital` finds the hospital the text is about.

mod bylines;
#[cfg(test)]
mod division_names;
mod fields;
mod hospital;
mod names;
mod places;

use crate::cjk::{ends_sentence, fold, fold_width};
use crate::page::{Line, Page, PageHints};
use crate::provenance::{Origin, Provenance};
use crate::snapshot::Meta;

use bylines::{strip_credit, strip_leading_credit};
use fields::{iso_date, parse_meta_line, url_date};
use hospital::find_hospital;
use names::{is_publisher, split_names};

/// The fields one metadata line states.
#[derive(Debug, Default, PartialEq, Eq)]
struct Fields {
    published: Option<String>,
    source: Option<String>,
    authors: Vec<String>,
}

impl Fields {
    fn is_empty(&self) -> bool {
        self.published.is_none() && self.source.is_none() && self.authors.is_empty()
    }
}

/// How many lines at the top may carry the title, date, source and bylines.
const HEAD_LINES: usize = 12;
/// A head line longer than this is body text, unless it is an info line of labelled fields
/// ("发布时间：… 来源：…（…） 作者：… 浏览次数：…"): the head ends there.
const HEAD_LINE_CHARS: usize = 60;
/// How many lines at the end may carry a source or date line.
const TAIL_LINES: usize = 4;
/// A title is a short line.
const TITLE_CHARS: usize = 60;

/// Openings of the summaries some sites generate for an article ("文章总结了…"): page
/// furniture written about the report, not by it, and regenerated independently of it.
/// In the folded form (see `cjk::fold`).
#[rustfmt::skip]
const SUMMARY_OPENINGS: &[&str] = &[
    "文章总结了", "本文总结了", "文章介绍了", "本文介绍了", "文章讲述了", "本文讲述了",
    "文章概述了", "本文概述了", "文章主要介绍了", "本文主要介绍了", "文章报导了", "本文报导了",
];

/// Reads the metadata of a page and returns it with the article's lines that remain, in
/// order: lines that only carried metadata, and boilerplate, are left out. The hospital is
/// not read here: [`hospital`] reads it from the lines once they are normalized.
///
/// Taken out of the body: the title line, date/source/author lines, bylines, credits such as
/// "(记者杜英姿、郭文治综合报道)", site chrome above the title and site-written summaries.
pub fn read(page: Page) -> (Meta, Provenance, Vec<String>) {
    let (stated, mut provenance) = read_hints(&page.hints);
    let (mut meta, lines) = take_metadata(page.lines, stated, &mut provenance);
    if meta.published.is_none()
        && let Some(date) = page.hints.url.as_deref().and_then(url_date)
    {
        meta.published = Some(date);
        provenance.published = Some(Origin::Url);
    }
    let body: Vec<String> = lines
        .into_iter()
        .filter(|line| !line.boilerplate)
        .map(|line| line.text)
        .collect();
    (meta, provenance, body)
}

/// The hospital a report is about, named in its title, source and body lines (the
/// normalized lines, where pinyin annotations are gone: "醫(yī)院" is "醫院"), in Simplified
/// script; none when no name is certain.
pub fn hospital(title: Option<&str>, source: Option<&str>, body: &[String]) -> Option<String> {
    find_hospital(title, source, body.iter().map(String::as_str))
}

/// What the page's head states: its title, the first `<meta>` date that reads as one, and
/// the first `<meta>` author that names a person ("大众网" does not); and where each came
/// from.
fn read_hints(hints: &PageHints) -> (Meta, Provenance) {
    let date = hints
        .dates
        .iter()
        .find_map(|(name, date)| Some((name, iso_date(date)?)));
    let provenance = Provenance {
        title: hints.title.as_ref().and(hints.title_origin.clone()),
        published: date
            .as_ref()
            .map(|(name, _)| Origin::MetaTag((*name).clone())),
        source: hints
            .source
            .as_ref()
            .map(|_| Origin::MetaTag("source".into())),
        hospital: None,
    };
    let meta = Meta {
        title: hints.title.clone(),
        published: date.map(|(_, date)| date),
        source: hints.source.clone(),
        authors: hints
            .authors
            .iter()
            .map(|names| split_names(names))
            .find(|names| !names.is_empty())
            .unwrap_or_default(),
        ..Meta::default()
    };
    (meta, provenance)
}

/// Whether a line only carries metadata (date, source, authors): the test extract keeps a
/// web page's header and footer lines with.
pub fn is_meta_line(line: &str) -> bool {
    parse_meta_line(line.trim(), true).is_some_and(|f| !f.is_empty())
}

/// Reads title, date, source and authors from the head and tail of `lines` (over what the
/// page's head `stated`), and returns the metadata with the lines that remain.
fn take_metadata(
    mut lines: Vec<Line>,
    stated: Meta,
    provenance: &mut Provenance,
) -> (Meta, Vec<Line>) {
    let mut meta = stated;
    let mut keep = vec![true; lines.len()];
    let head_end = lines
        .iter()
        .take(HEAD_LINES)
        .position(|l| l.text.trim().chars().count() > HEAD_LINE_CHARS && !is_meta_line(&l.text))
        .unwrap_or(lines.len().min(HEAD_LINES));

    let mut first_meta = None;
    let mut last_meta = None;
    for i in 0..head_end {
        match parse_meta_line(lines[i].text.trim(), true) {
            Some(fields) if !fields.is_empty() => {
                merge(&mut meta, provenance, fields, Origin::InfoLine);
                keep[i] = false;
                first_meta.get_or_insert(i);
                last_meta = Some(i);
            }
            // Only fields read past: "浏览次数：1421　抓取时间：…" is page furniture.
            Some(_) => keep[i] = false,
            None => {}
        }
    }

    let title_at = find_title(&lines, &keep, head_end, first_meta, meta.title.as_deref());
    if let Some(t) = title_at {
        if meta.title.is_none() {
            meta.title = Some(lines[t].text.trim().to_string());
            provenance.title = Some(Origin::TitleLine);
        }
        keep[t] = false;
    }
    // Above the title sits site chrome ("长治市人民医院 - 长治市医报"); it may name the site.
    let chrome_end = title_at.or(first_meta).unwrap_or(0);
    for i in 0..chrome_end {
        let line = lines[i].text.trim();
        if ends_sentence(line) {
            continue;
        }
        if meta.source.is_none() {
            meta.source = site_name(line);
            if meta.source.is_some() {
                provenance.source = Some(Origin::TitleLine);
            }
        }
        keep[i] = false;
    }
    // A site-written summary directly below the header lines.
    if let Some(after) = last_meta.or(title_at).map(|i| i + 1)
        && let Some(i) = (after..lines.len()).find(|&i| !lines[i].boilerplate)
        && SUMMARY_OPENINGS
            .iter()
            .any(|o| fold(lines[i].text.trim()).starts_with(o))
    {
        keep[i] = false;
    }

    // "本报讯(记者 张三 通讯员 李四)" opening the first paragraph is a byline too.
    if let Some(first) = (0..lines.len()).find(|&i| keep[i] && !lines[i].boilerplate)
        && let Some((rest, fields)) = strip_leading_credit(&lines[first].text)
    {
        merge(&mut meta, provenance, fields, Origin::Byline);
        if rest.is_empty() {
            keep[first] = false;
        } else {
            lines[first].text = rest;
        }
    }

    let protected = keep[..head_end].iter().filter(|k| **k).count();
    let mut body: Vec<Line> = Vec::with_capacity(lines.len());
    for (line, kept) in lines.into_iter().zip(&keep) {
        if *kept {
            body.push(line);
        }
    }
    take_tail(&mut body, &mut meta, provenance, protected);
    (meta, body)
}

/// The title: a short line that is not a sentence, just above the first metadata line (or
/// the page's `<h1>`).
fn find_title(
    lines: &[Line],
    keep: &[bool],
    head_end: usize,
    first_meta: Option<usize>,
    stated: Option<&str>,
) -> Option<usize> {
    if let Some(title) = stated {
        return (0..head_end.max(1).min(lines.len()))
            .find(|&i| lines[i].text.trim() == title.trim());
    }
    let meta_at = first_meta?;
    (0..meta_at)
        .rev()
        .filter(|&i| keep[i] && !lines[i].text.trim().is_empty() && !lines[i].boilerplate)
        .take(1)
        .find(|&i| {
            let line = lines[i].text.trim();
            line.chars().count() <= TITLE_CHARS && !ends_sentence(line) && site_name(line).is_none()
        })
}

/// Reads a date or source line and a trailing credit from the end of the body.
fn take_tail(body: &mut Vec<Line>, meta: &mut Meta, provenance: &mut Provenance, protected: usize) {
    let start = body.len().saturating_sub(TAIL_LINES).max(protected);
    let mut i = body.len();
    while i > start {
        i -= 1;
        let line = body[i].text.trim();
        if line.chars().count() > HEAD_LINE_CHARS {
            continue;
        }
        match parse_meta_line(line, false) {
            Some(fields) if !fields.is_empty() => {
                merge(meta, provenance, fields, Origin::InfoLine);
                body.remove(i);
            }
            Some(_) => {
                body.remove(i);
            }
            None => {}
        }
    }
    let start = body.len().saturating_sub(TAIL_LINES).max(protected);
    for line in body.iter_mut().skip(start) {
        if let Some((rest, names)) = strip_credit(&line.text) {
            for name in names {
                push_author(meta, name);
            }
            line.text = rest;
        }
    }
    body.retain(|l| !l.text.trim().is_empty());
}

/// Fills the fields still unknown from one line's, noting where they came from.
fn merge(meta: &mut Meta, provenance: &mut Provenance, fields: Fields, origin: Origin) {
    if meta.published.is_none() && fields.published.is_some() {
        meta.published = fields.published;
        provenance.published = Some(origin.clone());
    }
    if meta.source.is_none() && fields.source.is_some() {
        meta.source = fields.source;
        provenance.source = Some(origin);
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
    let is_separator = |c: char| matches!(fold_width(c), ' ' | '-' | '|' | '_' | '–' | '—');
    let last = line.rsplit(is_separator).find(|p| !p.trim().is_empty())?;
    let parts = line.split(is_separator).filter(|p| !p.is_empty());
    (parts.count() >= 2 && is_publisher(last.trim())).then(|| last.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of text; those in `furniture` are marked as boilerplate, as extract would.
    fn lines(text: &str, furniture: &[&str]) -> Vec<Line> {
        text.lines()
            .map(|l| Line {
                text: l.to_string(),
                boilerplate: furniture.contains(&l),
            })
            .collect()
    }

    fn text_page(text: &str, furniture: &[&str]) -> Page {
        Page {
            lines: lines(text, furniture),
            ..Page::default()
        }
    }

    #[test]
    fn takes_title_and_header_lines_out_of_the_body() {
        let chrome = "您当前位置:菏泽新闻网 > 县区新闻 > 正文";
        let text = format!(
            "{chrome}\n创新党建工作模式 打造医疗惠民高地\n作者: 荷泽新闻网 来源: 荷泽新闻网 发表时间:2023-12-17\n定陶区人民医院 王进\n在定陶区委、区政府的正确领导下,定陶区人民医院全面贯彻落实新时代党的建设总要求,坚持“围绕中心抓党建、抓好党建促发展”的工作思路。"
        );
        let (meta, _, body) = read(text_page(&text, &[chrome]));
        assert_eq!(
            meta.title.as_deref(),
            Some("创新党建工作模式 打造医疗惠民高地")
        );
        assert_eq!(meta.authors, ["王进"]);
        assert_eq!(meta.published.as_deref(), Some("2023-12-17"));
        assert_eq!(
            hospital(meta.title.as_deref(), meta.source.as_deref(), &body).as_deref(),
            Some("定陶区人民医院")
        );
        assert_eq!(body.len(), 1);
    }

    #[test]
    fn reads_a_portal_text_dump() {
        let text = "文章内容\n长治市人民医院 - 长治市医报\n以高质量党建引领医院高质量发展\n2021-05-10     浏览(1421)     (0)\n文章总结了长治市人民医院在党建引领下的发展历程。\n长治市人民医院是一所百年老院,新中国成立以来,在中国共产党的领导下,得到了快速发展。";
        let (meta, _, body) = read(text_page(text, &["文章内容"]));
        assert_eq!(
            body,
            ["长治市人民医院是一所百年老院,新中国成立以来,在中国共产党的领导下,得到了快速发展。"]
        );
        assert_eq!(
            meta.title.as_deref(),
            Some("以高质量党建引领医院高质量发展")
        );
        assert_eq!(meta.source.as_deref(), Some("长治市医报"));
        assert_eq!(meta.published.as_deref(), Some("2021-05-10"));
        assert_eq!(
            hospital(meta.title.as_deref(), meta.source.as_deref(), &body).as_deref(),
            Some("长治市人民医院")
        );
    }

    #[test]
    fn an_opening_credit_leaves_the_first_paragraph() {
        let text = "医院召开党建工作会议\n2023-08-01\n大众网讯(记者 钟耀萱 通讯员 邵长江)日前,诸城市人民医院召开党建工作会议,部署下半年重点工作任务。";
        let (meta, _, body) = read(text_page(text, &[]));
        assert_eq!(meta.authors, ["钟耀萱"]);
        assert_eq!(meta.source.as_deref(), Some("大众网"));
        assert_eq!(
            body,
            ["日前,诸城市人民医院召开党建工作会议,部署下半年重点工作任务。"]
        );
        let (meta, _, _) = read(text_page(
            "本报讯(记者 王进)医院开展义诊活动,服务群众300余人次。",
            &[],
        ));
        assert_eq!(
            (meta.source, meta.authors),
            (None, vec!["王进".to_string()])
        );
    }

    #[test]
    fn sentences_at_the_top_are_not_a_title() {
        let text = "山西省大同市第六人民医院开发应用专病前沿新技术。\n山西省大同市第六人民医院开展未成年人心理健康辅导。";
        let (meta, _, body) = read(text_page(text, &[]));
        assert_eq!(meta.title, None);
        assert_eq!(body.len(), 2);
    }

    #[test]
    fn the_page_head_is_read_before_the_lines() {
        let page = Page {
            hints: PageHints {
                title: Some("医院召开党建工作会议".into()),
                title_origin: Some(Origin::Heading(1)),
                dates: vec![
                    ("pubdate".into(), "不详".into()),
                    ("date".into(), "2023-12-17 09:30".into()),
                ],
                source: Some("大众网".into()),
                authors: vec!["大众网".into(), "钟耀萱、大众网".into()],
                url: None,
            },
            ..text_page(
                "医院召开党建工作会议\n会议部署了全年重点工作，推动医院高质量发展。",
                &[],
            )
        };
        let (meta, _, body) = read(page);
        assert_eq!(meta.title.as_deref(), Some("医院召开党建工作会议"));
        assert_eq!(meta.published.as_deref(), Some("2023-12-17"));
        assert_eq!(meta.source.as_deref(), Some("大众网"));
        assert_eq!(meta.authors, ["钟耀萱"]);
        assert_eq!(body, ["会议部署了全年重点工作，推动医院高质量发展。"]);
    }

    #[test]
    fn a_meta_line_only_carries_metadata() {
        assert!(is_meta_line("发布时间:2023-12-17"));
        assert!(is_meta_line("  来源：大众网  "));
        assert!(!is_meta_line("医院召开党建工作会议"));
        assert!(!is_meta_line("2023年，医院召开党建工作会议。"));
    }
}
