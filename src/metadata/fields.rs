//! One metadata line to the fields it states: dates, labelled header lines, newspaper issue
//! lines, and bylines (see `bylines`).
//!
//! Words are matched on the folded form (see `cjk::fold`), so every table and pattern here
//! is written in Simplified script. A pattern whose matches are cut out of the line runs on
//! the script fold, which keeps every byte offset, and spells both widths of its
//! punctuation; the values it finds are taken from the line as written.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::Fields;
use super::bylines::{REPORTER, parse_institution_byline, parse_reporter_byline};
use super::names::split_names;
use crate::cjk::{compile, ends_sentence, fold, fold_script, fold_width};
use crate::page::{CRAWL_LABELS, EDITOR_ROLES, VIEW_COUNTERS};

/// The longest line read as metadata.
const META_LINE_CHARS: usize = 120;

static DATE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})日?"));

/// What a header label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// A publication date (or a time stamp holding one).
    Date,
    /// The publisher.
    Source,
    /// The authors.
    Author,
    /// Editors, correspondents, photographers, counters: read past, not kept.
    Ignored,
}

/// Header labels and what each introduces, longer before shorter where one ends another
/// (发布时间 before 时间); the editors' roles (`page::EDITOR_ROLES`) are labels too, read
/// past like the counters. The label pattern is built from these two tables.
#[rustfmt::skip]
const LABELS: &[(&str, Label)] = &[
    ("发布时间", Label::Date), ("发表时间", Label::Date), ("发布日期", Label::Date),
    ("更新时间", Label::Date), ("时间", Label::Date), ("日期", Label::Date),
    ("信息来源", Label::Source), ("文章来源", Label::Source), ("新闻来源", Label::Source),
    ("来源", Label::Source), ("稿源", Label::Source), ("出处", Label::Source),
    ("作者", Label::Author), ("撰稿人", Label::Author), ("撰稿", Label::Author),
    ("文字", Label::Author),
    ("发布者", Label::Ignored), ("发布人", Label::Ignored),
    ("供稿单位", Label::Ignored), ("供稿", Label::Ignored), ("摄影", Label::Ignored),
    ("图片", Label::Ignored), ("浏览次数", Label::Ignored), ("浏览量", Label::Ignored),
    ("阅读量", Label::Ignored), ("阅读次数", Label::Ignored), ("点击量", Label::Ignored),
    ("点击次数", Label::Ignored), ("访问量", Label::Ignored), ("浏览", Label::Ignored),
    ("阅读", Label::Ignored), ("点击", Label::Ignored), ("字号", Label::Ignored),
    ("通讯员", Label::Ignored),
    // A credit written with a slash ("文/张三", "图/李四") needs no space after it.
    ("图文/", Label::Author), ("文/", Label::Author), ("图/", Label::Ignored),
    ("摄/", Label::Ignored),
];

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // A crawl label first: "抓取时间" must not be read as its last two characters, "时间".
    let names: Vec<&str> = CRAWL_LABELS
        .iter()
        .copied()
        .chain(LABELS.iter().map(|(name, _)| *name))
        .chain(EDITOR_ROLES.iter().copied())
        .collect();
    let (slashed, named): (Vec<&str>, Vec<&str>) = names.iter().partition(|n| n.ends_with('/'));
    compile(&format!(
        r"(?:{})\s*|({})(?:\s*[:：]\s*|\s+)",
        slashed.join("|"),
        named.join("|")
    ))
});

static PAPER_ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^《([^》]{2,20})》\s*[(（]\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*(?:第\s*\S{1,4}\s*版)?\s*[)）]$",
    )
});

/// A token of a date line that is no date: a view counter ("浏览(1421)", "(0)") or a
/// weekday. Read on the full fold.
static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^(?:(?:{})?:?\(?\d*\)?|(?:星期|周|礼拜)[一二三四五六日天])$",
        VIEW_COUNTERS.join("|")
    ))
});

static TIME: LazyLock<Regex> = LazyLock::new(|| compile(r"^\d{1,2}:\d{2}(?::\d{2})?$"));

/// Parses one line that only carries metadata; `None` when any part of it is body text.
pub(super) fn parse_meta_line(line: &str, head: bool) -> Option<Fields> {
    if line.is_empty() || line.chars().count() > META_LINE_CHARS || ends_sentence(line) {
        return None;
    }
    if let Some(caps) = PAPER_ISSUE.captures(line) {
        return Some(Fields {
            published: iso_date(&caps[2]),
            source: Some(caps[1].to_string()),
            authors: Vec::new(),
        });
    }
    let folded = fold_script(line);
    if folded.contains(REPORTER) {
        return parse_reporter_byline(line);
    }
    let labels: Vec<_> = LABEL.find_iter(&folded).collect();
    if let Some(first) = labels.first() {
        let mut fields = parse_bare_tokens(&line[..first.start()])?;
        for (n, label) in labels.iter().enumerate() {
            let end = labels.get(n + 1).map_or(line.len(), |next| next.start());
            let value = line[label.end()..end].trim_matches(|c: char| {
                c.is_whitespace() || matches!(fold_width(c), '|' | '/' | ',')
            });
            read_labeled(label.as_str(), value, &mut fields);
        }
        return Some(fields);
    }
    if let Some(fields) = parse_bare_tokens(line) {
        return Some(fields);
    }
    if head {
        return parse_institution_byline(line);
    }
    None
}

/// Stores one "label: value" pair (the label folded); counters and editors are read and
/// ignored.
fn read_labeled(label: &str, value: &str, fields: &mut Fields) {
    let label = label.trim_end_matches(|c: char| c.is_whitespace() || fold_width(c) == ':');
    let kind = LABELS
        .iter()
        .find(|(name, _)| *name == label)
        .map(|(_, kind)| *kind)
        .or_else(|| {
            (EDITOR_ROLES.contains(&label) || CRAWL_LABELS.contains(&label))
                .then_some(Label::Ignored)
        })
        .unwrap_or(Label::Date);
    match kind {
        Label::Source => {
            // "人民网-健康频道": the publisher, without the channel.
            let source = value
                .split(|c: char| {
                    c.is_whitespace() || matches!(fold_width(c), '-' | '_' | '|' | '—')
                })
                .next()
                .unwrap_or("");
            if !source.is_empty() && source.chars().count() <= 20 && !source.contains("://") {
                fields.source.get_or_insert_with(|| source.to_string());
            }
        }
        Label::Author => fields.authors.extend(split_names(value)),
        Label::Ignored => {}
        Label::Date => {
            if fields.published.is_none() {
                fields.published = DATE.find(value).and_then(|m| iso_date(m.as_str()));
            }
        }
    }
}

/// A line made only of dates, times and counters: "2021-05-10 浏览(1421) (0)".
fn parse_bare_tokens(text: &str) -> Option<Fields> {
    let mut fields = Fields::default();
    for token in text.split(|c: char| c.is_whitespace() || fold_width(c) == '|') {
        if token.is_empty() || TIME.is_match(token) || COUNTER.is_match(&fold(token)) {
            continue;
        }
        // A date, possibly run together with its time: "2023年05月12日08:30".
        match DATE.find(token) {
            Some(m)
                if m.start() == 0
                    && (m.end() == token.len() || TIME.is_match(&token[m.end()..])) =>
            {
                fields.published.get_or_insert(iso_date(m.as_str())?);
            }
            _ => return None,
        }
    }
    Some(fields)
}

/// A date in a web address: "/2019-09-26/", "/20190926/", "/2019/09/26/", "/202401/t20240118_",
/// "/2023-12/13/content_…". Only a full date with its year counts; an id that happens to
/// hold eight digits is not one, as the digits around it show.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:^|[^\d])((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?:[^\d]|$)",
    )
});

/// The publication date a web address holds in its path, as ISO `YYYY-MM-DD`.
pub(super) fn url_date(url: &str) -> Option<String> {
    // The path only: a host name holds no date, and a query may hold any number.
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |at| &path[at..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let caps = URL_DATE.captures(path)?;
    let date = jiff::civil::Date::new(
        caps[1].parse().ok()?,
        caps[2].parse().ok()?,
        caps[3].parse().ok()?,
    )
    .ok()?;
    Some(date.to_string())
}

/// "2022-02-14", "2025年06月30日", "2021/5/1" to ISO `YYYY-MM-DD`, if it is a real date.
pub(super) fn iso_date(text: &str) -> Option<String> {
    let caps = DATE.captures(text)?;
    let year: i16 = caps[1].parse().ok()?;
    let month: i8 = caps[2].parse().ok()?;
    let day: i8 = caps[3].parse().ok()?;
    let date = jiff::civil::Date::new(year, month, day).ok()?;
    Some(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_labelled_header_line() {
        let f = parse_meta_line(
            "发布时间:2022-02-14 16:55:24 | 来源:中国网 | 作者:朱群永、王璐、陈钦正 | 责任编辑:赵茜",
            true,
        );
        assert_eq!(
            f,
            Some(Fields {
                published: Some("2022-02-14".into()),
                source: Some("中国网".into()),
                authors: vec!["朱群永".into(), "王璐".into(), "陈钦正".into()],
            })
        );
    }

    #[test]
    fn a_site_in_the_author_field_is_not_an_author() {
        let f = parse_meta_line(
            "作者: 荷泽新闻网 来源: 荷泽新闻网 发表时间:2023-12-17",
            true,
        );
        assert_eq!(
            f,
            Some(Fields {
                published: Some("2023-12-17".into()),
                source: Some("荷泽新闻网".into()),
                authors: vec![],
            })
        );
    }

    #[test]
    fn a_name_with_a_rare_han_character_is_an_author() {
        let f = parse_meta_line("作者：王𠀀、陈钦正", true);
        assert_eq!(
            f.map(|f| f.authors),
            Some(vec!["王𠀀".into(), "陈钦正".into()])
        );
    }

    #[test]
    fn a_reviewer_or_view_count_is_never_read_as_a_date() {
        let f = parse_meta_line("审核：张三 阅读量：2024 发布时间：2023-12-17", true);
        let f = f.expect("a header line");
        assert_eq!(f.published.as_deref(), Some("2023-12-17"));
        assert!(f.authors.is_empty());
    }

    #[test]
    fn reads_bylines() {
        let f = parse_meta_line("大众网记者 钟耀萱 通讯员 邵长江 管培兰 潍坊报道", true);
        assert_eq!(
            f.as_ref().map(|f| f.authors.clone()),
            Some(vec!["钟耀萱".into()])
        );
        assert_eq!(f.and_then(|f| f.source), Some("大众网".into()));
        let f = parse_meta_line("定陶区人民医院 王进", true);
        assert_eq!(f.map(|f| f.authors), Some(vec!["王进".into()]));
        assert_eq!(parse_meta_line("围绕中心 服务大局", true), None);
        assert_eq!(
            parse_meta_line("记者探访基层", true).map(|f| f.authors),
            Some(vec![])
        );
        assert_eq!(parse_meta_line("党委办公室 凝心聚力", true), None);
        assert_eq!(parse_meta_line("坚持党建引领", true), None);
    }

    #[test]
    fn reads_dates_and_counters() {
        let f = parse_meta_line("2021-05-10     浏览(1421)     (0)", true);
        assert_eq!(f.and_then(|f| f.published), Some("2021-05-10".into()));
        let f = parse_meta_line("《中国城市报》(2025年06月30日第24版)", false);
        assert_eq!(f.and_then(|f| f.source), Some("中国城市报".into()));
        assert_eq!(iso_date("2021年2月30日"), None);
    }

    #[test]
    fn reads_a_republished_copys_header() {
        let f = parse_meta_line("2023年05月12日08:30  来源：人民网-健康频道", true);
        assert_eq!(
            f,
            Some(Fields {
                published: Some("2023-05-12".into()),
                source: Some("人民网".into()),
                authors: vec![],
            })
        );
    }

    #[test]
    fn reads_hospital_site_header_lines() {
        let f = parse_meta_line(
            "发布者：党委办公室 发布时间：2023年8月1日 星期二 浏览次数：1234",
            true,
        );
        assert_eq!(f.and_then(|f| f.published), Some("2023-08-01".into()));
        let f = parse_meta_line("信息来源：潍坊日报 撰稿人：张三", true);
        assert_eq!(
            f.as_ref().and_then(|f| f.source.clone()),
            Some("潍坊日报".into())
        );
        assert_eq!(f.map(|f| f.authors), Some(vec!["张三".into()]));
    }

    #[test]
    fn traditional_script_and_full_width_read_like_simplified() {
        let f = parse_meta_line(
            "發佈時間：2023年8月1日 來源：大眾網 瀏覽次數：１２３４",
            true,
        );
        assert_eq!(
            f,
            Some(Fields {
                published: Some("2023-08-01".into()),
                source: Some("大眾網".into()),
                authors: vec![],
            })
        );
        let f = parse_meta_line("2021-05-10 瀏覽（1421） （0） 星期二", true);
        assert_eq!(f.and_then(|f| f.published), Some("2021-05-10".into()));
    }

    #[test]
    fn reads_dates_in_web_addresses() {
        for (url, date) in [
            (
                "https://stock.hexun.com/2019-09-26/198678130.html",
                Some("2019-09-26"),
            ),
            (
                "http://wjw.example.gov.cn/zyms/202401/t20240118_3539346.html",
                Some("2024-01-18"),
            ),
            (
                "http://www.example.com/jdpd/content/2019-12/13/content_8986769.html",
                Some("2019-12-13"),
            ),
            (
                "https://example.org/news/2023/0804.html",
                Some("2023-08-04"),
            ),
            (
                "http://news.example.com/o/2007-09-23/012012616631s.shtml",
                Some("2007-09-23"),
            ),
            (
                "https://dzsrmyy.example.com/html/dongtai/201507/346.html",
                None,
            ),
            (
                "https://www.example.com/dy/article/KJ816APQ0514CFC7.html",
                None,
            ),
            ("http://20190926.example.com/a.html?d=20190926", None),
            ("https://example.com/p/20231112345.html", None),
            ("https://example.com/2023/02/30/a.html", None),
        ] {
            assert_eq!(url_date(url).as_deref(), date, "{url}");
        }
    }

    #[test]
    fn every_label_is_written_in_the_folded_form() {
        for (label, _) in LABELS {
            assert_eq!(&fold(label), label);
        }
    }

    #[test]
    fn an_editors_role_is_read_past() {
        let f = parse_meta_line("终审：张三 发布时间：2023-12-17 美编 李四", true);
        assert_eq!(f.and_then(|f| f.published), Some("2023-12-17".into()));
    }
}
