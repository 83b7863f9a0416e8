//! Metadata: the title, date, source, authors and hospital of a report, read from its lines,
//! and the lines that only carried them taken out of the body.
//!
//! A field is filled only when a line states it; unknown fields stay empty.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::boilerplate::{ends_sentence, is_boilerplate};
use crate::snapshot::Meta;

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

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})日?")
        .expect("the date pattern is valid")
});

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(发布时间|發佈時間|發布時間|发表时间|發表時間|发布日期|發佈日期|更新时间|时间|時間|日期|信息来源|文章来源|新闻来源|來源|来源|稿源|出处|作者|撰稿人|撰稿|文字|责任编辑|責任編輯|编辑|編輯|责编|审核|審核|发布者|发布人|發佈者|供稿单位|供稿|摄影|攝影|图片|浏览次数|浏览量|阅读量|阅读次数|点击量|点击次数|访问量|浏览|瀏覽|阅读|閱讀|点击|點擊|字号|通讯员|通訊員)(?:\s*[:：]\s*|\s+)",
    )
    .expect("the label pattern is valid")
});

static PAPER_ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^《([^》]{2,20})》\s*[(（]\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*(?:第\s*\S{1,4}\s*版)?\s*[)）]$")
        .expect("the newspaper issue pattern is valid")
});

static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[(（]\s*(?:本报|本報)?(?:记者|記者|文\s*/\s*图|文图|图文|文|作者|撰稿)?\s*(?:供稿)?\s*[:：/]?\s*([^()（）:：]{2,60}?)\s*(?:综合|綜合|联合|聯合)?(?:报道|報導|报导|采写|採寫)?\s*[)）]\s*$",
    )
    .expect("the credit pattern is valid")
});

static LEADING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(\p{Han}{0,10}?)(?:讯|訊|电|電)\s*)?[(（]\s*((?:记者|記者|通讯员|通訊員)[^()（）]{2,60})[)）]\s*",
    )
    .expect("the leading credit pattern is valid")
});

static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:浏览|瀏覽|阅读|閱讀|点击|點擊|评论|評論)?[:：]?[(（]?\d*[)）]?|(?:星期|周|週|禮拜|礼拜)[一二三四五六日天])$")
        .expect("the counter pattern is valid")
});

static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}:\d{2}(?::\d{2})?$").expect("the time pattern is valid"));

/// Openings of the summaries some sites generate for an article ("文章总结了…"): page
/// furniture written about the report, not by it, and regenerated independently of it.
const SUMMARY_OPENINGS: &[&str] = &[
    "文章总结了",
    "本文总结了",
    "文章介绍了",
    "本文介绍了",
    "文章讲述了",
    "本文讲述了",
    "文章概述了",
    "本文概述了",
    "文章主要介绍了",
    "本文主要介绍了",
    "文章報導了",
    "本文報導了",
];

/// Endings of publisher names (as opposed to people): 网, 报, 台, 社 …
const PUBLISHER_ENDINGS: &[&str] = &[
    "网",
    "網",
    "报",
    "報",
    "台",
    "社",
    "在线",
    "頻道",
    "频道",
    "新闻",
    "新聞",
    "杂志",
    "雜誌",
    "周刊",
    "客户端",
];

/// Endings of institutions, which open a byline such as "定陶区人民医院 王进".
const INSTITUTION_ENDINGS: &[&str] = &[
    "医院",
    "醫院",
    "卫生院",
    "衛生院",
    "保健院",
    "中心",
    "委员会",
    "委",
    "局",
    "办公室",
    "站",
    "社",
    "报",
    "報",
    "网",
    "網",
    "台",
    "科",
    "部",
    "处",
    "學院",
    "学院",
];

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

/// Parses one line that only carries metadata; `None` when any part of it is body text.
fn parse_meta_line(line: &str, head: bool) -> Option<Fields> {
    if line.is_empty() || line.chars().count() > 120 || ends_sentence(line) {
        return None;
    }
    if let Some(caps) = PAPER_ISSUE.captures(line) {
        return Some(Fields {
            published: iso_date(&caps[2]),
            source: Some(caps[1].to_string()),
            authors: Vec::new(),
        });
    }
    if line.contains("记者") || line.contains("記者") {
        return parse_reporter_byline(line);
    }
    let labels: Vec<_> = LABEL.find_iter(line).collect();
    if let Some(first) = labels.first() {
        let mut fields = parse_bare_tokens(&line[..first.start()])?;
        for (n, label) in labels.iter().enumerate() {
            let end = labels.get(n + 1).map_or(line.len(), |next| next.start());
            let value = line[label.end()..end].trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, '|' | '｜' | '/' | ',' | '，')
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

/// Stores one "label: value" pair; counters and editors are read and ignored.
fn read_labeled(label: &str, value: &str, fields: &mut Fields) {
    let label = label.trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
    match label {
        "来源" | "來源" | "稿源" | "出处" | "信息来源" | "文章来源" | "新闻来源" =>
        {
            let source = value.split_whitespace().next().unwrap_or("");
            if !source.is_empty() && source.chars().count() <= 20 && !source.contains("://") {
                fields.source.get_or_insert_with(|| source.to_string());
            }
        }
        "作者" | "撰稿" | "撰稿人" | "文字" => {
            fields.authors.extend(split_names(value));
        }
        "责任编辑" | "責任編輯" | "编辑" | "編輯" | "责编" | "通讯员" | "通訊員" | "浏览次数"
        | "浏览" | "瀏覽" | "阅读" | "閱讀" | "点击" | "點擊" | "字号" => {}
        _ => {
            if fields.published.is_none() {
                fields.published = DATE.find(value).and_then(|m| iso_date(m.as_str()));
            }
        }
    }
}

/// A line made only of dates, times and counters: "2021-05-10 浏览(1421) (0)".
fn parse_bare_tokens(text: &str) -> Option<Fields> {
    let mut fields = Fields::default();
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, '|' | '｜')) {
        if token.is_empty() || TIME.is_match(token) || COUNTER.is_match(token) {
            continue;
        }
        match DATE.find(token) {
            Some(m) if m.start() == 0 && m.end() == token.len() => {
                fields.published.get_or_insert(iso_date(token)?);
            }
            _ => return None,
        }
    }
    Some(fields)
}

/// "大众网记者 钟耀萱 通讯员 邵长江 管培兰 潍坊报道": the publisher before 记者, the reporters
/// after it; 通讯员 (correspondents) are not authors.
fn parse_reporter_byline(line: &str) -> Option<Fields> {
    if line.chars().count() > HEAD_LINE_CHARS || line.contains(['，', ',', '。']) {
        return None;
    }
    let mut fields = Fields::default();
    let mut reporting = false;
    for word in line.split(|c: char| c.is_whitespace() || c == '、') {
        if word.is_empty() {
            continue;
        }
        if let Some((before, after)) = word.split_once("记者").or_else(|| word.split_once("記者"))
        {
            if is_publisher(before) {
                fields.source = Some(before.to_string());
            }
            reporting = true;
            let after = after.trim_start_matches([':', '：']);
            if is_person_name(after) {
                fields.authors.push(after.to_string());
            }
        } else if ["报道", "報導", "通讯员", "通訊員", "摄影", "攝影"]
            .iter()
            .any(|w| word.contains(w))
        {
            // The report's place ("潍坊报道") or another role ends the reporters' names.
            reporting = false;
        } else if reporting && is_person_name(word) {
            fields.authors.push(word.to_string());
        }
    }
    Some(fields)
}

/// "定陶区人民医院 王进": an institution, then one or more personal names.
fn parse_institution_byline(line: &str) -> Option<Fields> {
    let mut words = line.split_whitespace();
    let institution = words.next()?;
    if !INSTITUTION_ENDINGS.iter().any(|e| institution.ends_with(e)) {
        return None;
    }
    let names: Vec<String> = words.map(str::to_string).collect();
    if names.is_empty() || !names.iter().all(|n| is_person_name(n)) {
        return None;
    }
    Some(Fields {
        authors: names,
        ..Fields::default()
    })
}

/// A credit at the end of the last paragraphs: "(记者杜英姿、郭文治综合报道)", "(文图供稿:朱群永、
/// 王璐)". Returns the line without it and the names.
fn strip_credit(line: &str) -> Option<(String, Vec<String>)> {
    let caps = TRAILING_CREDIT.captures(line)?;
    let whole = caps.get(0)?;
    let credit = whole.as_str();
    let is_credit = [
        "记者", "記者", "供稿", "作者", "撰稿", "文/", "文 /", "报道", "報導",
    ]
    .iter()
    .any(|w| credit.contains(w));
    if !is_credit {
        return None;
    }
    let names = split_names(&caps[1]);
    let pieces = caps[1]
        .split(['、', ',', '，', ' ', '/'])
        .filter(|p| !p.is_empty())
        .count();
    if names.is_empty() || names.len() != pieces {
        return None;
    }
    Some((line[..whole.start()].trim_end().to_string(), names))
}

/// "本报讯(记者 张三 通讯员 李四)日前,……": the line without the opening credit, and the
/// reporters (and the outlet, when it is named: "大众网讯").
fn strip_leading_credit(line: &str) -> Option<(String, Fields)> {
    let caps = LEADING_CREDIT.captures(line)?;
    let whole = caps.get(0)?;
    let inner = caps.get(2)?.as_str().replace(['、', ',', '，'], " ");
    let mut fields = parse_reporter_byline(&inner)?;
    if let Some(outlet) = caps.get(1).map(|m| m.as_str()).filter(|o| is_publisher(o)) {
        fields.source.get_or_insert_with(|| outlet.to_string());
    }
    Some((line[whole.end()..].trim().to_string(), fields))
}

/// Splits "朱群永、王璐、陈钦正" into personal names; publishers and other words are dropped.
fn split_names(value: &str) -> Vec<String> {
    value
        .split(['、', ',', '，', ' ', '/', ';', '；'])
        .map(str::trim)
        .filter(|n| is_person_name(n))
        .map(str::to_string)
        .collect()
}

/// A Chinese personal name: two to four Han characters (or two parts joined by ·), not a
/// publisher or institution.
fn is_person_name(word: &str) -> bool {
    let han = word.chars().filter(|&c| is_han(c)).count();
    let only_han = word.chars().all(|c| is_han(c) || c == '·');
    let shaped = if word.contains('·') {
        (2..=10).contains(&han)
    } else {
        (2..=4).contains(&han)
    };
    only_han
        && shaped
        && !is_publisher(word)
        && !INSTITUTION_ENDINGS.iter().any(|e| word.ends_with(e))
}

fn is_publisher(word: &str) -> bool {
    // "本报", "本网": the page's own outlet, not a name.
    word.chars().count() >= 2
        && !word.starts_with('本')
        && PUBLISHER_ENDINGS.iter().any(|e| word.ends_with(e))
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

/// "2022-02-14", "2025年06月30日", "2021/5/1" to ISO `YYYY-MM-DD`, if it is a real date.
pub fn iso_date(text: &str) -> Option<String> {
    let caps = DATE.captures(text)?;
    let year: i16 = caps[1].parse().ok()?;
    let month: i8 = caps[2].parse().ok()?;
    let day: i8 = caps[3].parse().ok()?;
    let date = jiff::civil::Date::new(year, month, day).ok()?;
    Some(date.to_string())
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Endings of hospital names.
const HOSPITAL_ENDINGS: &[&str] = &["医院", "醫院", "卫生院", "衛生院", "保健院"];
/// Characters that cannot be part of a hospital name: a name begins after them
/// ("与诸城市人民医院", "的北京天坛医院").
const NAME_BREAKS: &[char] = &[
    '与', '與', '及', '在', '对', '對', '为', '為', '将', '將', '由', '向', '了', '的', '是', '到',
    '从', '從', '以', '把', '被', '让', '使', '等', '或', '并', '於', '于', '该', '該', '本', '我',
    '其', '各', '全', '这', '這', '那', '个', '個', '家', '所', '原', '共', '院',
];
/// Characters that end a place name inside a hospital name (诸城市, 定陶区, 山东省).
const PLACE_MARKERS: &[char] = &['省', '市', '县', '縣', '区', '區', '州', '旗', '镇', '鎮'];
/// Usual parts of hospital names besides places.
const NAME_PARTS: &[&str] = &[
    "人民",
    "中医",
    "中西医",
    "妇幼",
    "婦幼",
    "儿童",
    "兒童",
    "附属",
    "附屬",
    "第",
    "大学",
    "大學",
    "肿瘤",
    "腫瘤",
    "精神",
    "口腔",
    "眼科",
    "胸科",
    "传染",
    "协和",
    "協和",
];
/// Words before 医院 that name a kind of hospital, not one hospital.
const GENERIC_KINDS: &[&str] = &[
    "公立",
    "现代",
    "現代",
    "智慧",
    "互联网",
    "互聯網",
    "专科",
    "專科",
    "综合",
    "綜合",
    "三级",
    "二级",
    "一级",
    "三級",
    "二級",
    "定点",
    "基层",
    "民营",
    "清廉",
    "廉洁",
    "康洁型",
    "型",
    "示范",
    "百年",
    "县级",
    "市级",
    "省级",
    "公益",
    "重点",
    "上级",
    "乡镇",
    "鄉鎮",
    "各级",
    "大型",
    "成员",
    "托管",
    "协作",
    "帮扶",
    "城市",
    "数字",
    "平安",
    "绿色",
    "老",
];
/// The longest hospital name considered, in characters before the ending.
const NAME_PREFIX_CHARS: usize = 14;
/// How many mentions are read: the report's own hospital is named early and often, and
/// reading a bounded number keeps a very long input cheap.
const MAX_MENTIONS: usize = 2048;
/// How many of the most mentioned names compete for the report's hospital.
const RANKED_NAMES: usize = 64;

/// The hospital the report is about: the name mentioned most, counting a shorter mention
/// ("第六人民医院") towards the full name it ends ("大同市第六人民医院"). A leading province
/// ("山西省") is dropped.
///
/// Where a name starts is read from the mentions themselves: the characters before
/// "人民医院" are extended leftwards while most mentions agree on them, never across a
/// function word (与, 在, 的 …) and never past a place name (诸城市, 大同市).
pub fn find_hospital<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // The Han run before each ending, province dropped: "大同市第六人民" for 医院.
    let mut mentions: Vec<(&str, &str)> = Vec::new();
    for line in lines {
        if mentions.len() >= MAX_MENTIONS {
            break;
        }
        for ending in HOSPITAL_ENDINGS {
            for (at, _) in line.match_indices(ending) {
                let run = drop_province(han_run_before(&line[..at]));
                if run.chars().count() >= 2 {
                    mentions.push((run, ending));
                }
            }
        }
    }
    // How many runs end with each string, and how many are exactly it.
    let mut ending_with: HashMap<&str, (usize, usize)> = HashMap::new();
    for (run, _) in &mentions {
        for (at, _) in run.char_indices() {
            ending_with.entry(&run[at..]).or_default().0 += 1;
        }
        ending_with.entry(run).or_default().1 += 1;
    }
    let mut names: HashMap<String, usize> = HashMap::new();
    for (run, ending) in &mentions {
        if let Some(prefix) = name_in_run(run, &ending_with)
            && !GENERIC_KINDS.iter().any(|g| prefix.ends_with(g))
        {
            *names.entry(format!("{prefix}{ending}")).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&String, usize)> = names.iter().map(|(n, c)| (n, *c)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    ranked
        .iter()
        .take(RANKED_NAMES)
        .map(|(name, _)| {
            let grouped: usize = name
                .char_indices()
                .filter_map(|(at, _)| names.get(&name[at..]))
                .sum();
            // A name with a place or a usual name part is more likely a real hospital.
            let named = name.contains(PLACE_MARKERS) || NAME_PARTS.iter().any(|p| name.contains(p));
            (grouped, named, name.chars().count(), *name)
        })
        .max_by(|a, b| {
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then_with(|| b.3.cmp(a.3))
        })
        .map(|(_, _, _, name)| name.clone())
}

/// The Han characters just before a hospital ending (at most [`NAME_PREFIX_CHARS`]).
fn han_run_before(before: &str) -> &str {
    let mut start = before.len();
    for (n, (at, c)) in before.char_indices().rev().enumerate() {
        if !is_han(c) || n == NAME_PREFIX_CHARS {
            break;
        }
        start = at;
    }
    &before[start..]
}

/// The name's part before the ending, found in one mention's run: two characters, extended
/// leftwards while the mentions agree, up to a function word or the start of a place name.
fn name_in_run<'a>(run: &'a str, ending_with: &HashMap<&str, (usize, usize)>) -> Option<&'a str> {
    let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).collect();
    let mut n = starts.len().checked_sub(2)?;
    let last = run[starts[n]..].chars().next_back()?;
    if NAME_BREAKS.contains(&last) || run[starts[n]..].starts_with(NAME_BREAKS) {
        return None;
    }
    while n > 0 {
        let current = &run[starts[n]..];
        let wider = &run[starts[n - 1]..];
        let Some(c) = wider.chars().next() else { break };
        let place_done = current
            .find(PLACE_MARKERS)
            .is_some_and(|at| current[..at].chars().count() >= 2);
        let (count, terminal) = ending_with.get(current).copied().unwrap_or_default();
        let (wider_count, _) = ending_with.get(wider).copied().unwrap_or_default();
        // Widen when most mentions agree on the wider name, or when a place name lies ahead
        // in this mention ("长治市人民医院" named once).
        let agreed = wider_count >= 2 && wider_count * 2 >= count - terminal;
        let place_ahead =
            run[..starts[n]].contains(PLACE_MARKERS) || current.contains(PLACE_MARKERS);
        if NAME_BREAKS.contains(&c) || place_done || !(agreed || place_ahead) {
            break;
        }
        n -= 1;
    }
    Some(&run[starts[n]..])
}

/// "山西省大同市第六人民" -> "大同市第六人民"; a province alone before a generic name stays
/// ("山西省人民医院").
fn drop_province(prefix: &str) -> &str {
    for marker in ["自治区", "省"] {
        if let Some(at) = prefix.find(marker) {
            let rest = &prefix[at + marker.len()..];
            let head = prefix[..at].chars().count();
            if (2..=6).contains(&head) && rest.contains(['市', '县', '区', '州', '盟', '旗'])
            {
                return rest;
            }
        }
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

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
    fn reads_bylines() {
        let f = parse_meta_line("大众网记者 钟耀萱 通讯员 邵长江 管培兰 潍坊报道", true);
        assert_eq!(
            f.as_ref().map(|f| f.authors.clone()),
            Some(vec!["钟耀萱".into()])
        );
        assert_eq!(f.and_then(|f| f.source), Some("大众网".into()));
        let f = parse_meta_line("定陶区人民医院 王进", true);
        assert_eq!(f.map(|f| f.authors), Some(vec!["王进".into()]));
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
    fn strips_a_reporters_credit_from_the_last_paragraph() {
        let (rest, names) = strip_credit(
            "切实推进医疗惠民便民利民。(记者杜英姿、郭文治、孟航、李彤彤、李静雯综合报道)",
        )
        .unwrap_or_default();
        assert_eq!(rest, "切实推进医疗惠民便民利民。");
        assert_eq!(names, ["杜英姿", "郭文治", "孟航", "李彤彤", "李静雯"]);
        assert_eq!(strip_credit("开展义诊活动(共3场)"), None);
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

    #[test]
    fn finds_the_hospital_the_report_is_about() {
        let text = [
            "天坛医院联建诸城的背后",
            "日前,北京天坛医院神经外科与诸城市人民医院神经学科举办了党建联建交流座谈会。",
            "诸城市人民医院大力实施“人才强院”战略。",
            "诸城人民医院“崇医尚德,大爱为民”的党建品牌。",
        ];
        assert_eq!(find_hospital(text).as_deref(), Some("诸城市人民医院"));
        let text = [
            "山西省大同市第六人民医院开展未成年人心理健康辅导。",
            "第六人民医院坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务。",
            "和北京大学第六医院建立合作关系,持续推进清廉医院建设。",
        ];
        assert_eq!(find_hospital(text).as_deref(), Some("大同市第六人民医院"));
        assert_eq!(find_hospital(["推进公立医院改革。"]), None);
    }
}
