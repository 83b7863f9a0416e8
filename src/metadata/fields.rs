//! One metadata line to the fields it states: dates, labelled header lines, newspaper issue
//! lines, bylines and credits, and the personal names in them.

use std::sync::LazyLock;

use regex::Regex;

use crate::cjk::{ends_sentence, is_han};

/// A byline is a short line.
const BYLINE_CHARS: usize = 60;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})日?")
        .expect("the date pattern is valid")
});

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
/// (发布时间 before 时间): the label pattern is built from this one table.
#[rustfmt::skip]
const LABELS: &[(&str, Label)] = &[
    ("发布时间", Label::Date), ("發佈時間", Label::Date), ("發布時間", Label::Date),
    ("发表时间", Label::Date), ("發表時間", Label::Date), ("发布日期", Label::Date),
    ("發佈日期", Label::Date), ("更新时间", Label::Date), ("时间", Label::Date),
    ("時間", Label::Date), ("日期", Label::Date),
    ("信息来源", Label::Source), ("文章来源", Label::Source), ("新闻来源", Label::Source),
    ("來源", Label::Source), ("来源", Label::Source), ("稿源", Label::Source),
    ("出处", Label::Source),
    ("作者", Label::Author), ("撰稿人", Label::Author), ("撰稿", Label::Author),
    ("文字", Label::Author),
    ("责任编辑", Label::Ignored), ("責任編輯", Label::Ignored), ("编辑", Label::Ignored),
    ("編輯", Label::Ignored), ("责编", Label::Ignored), ("审核", Label::Ignored),
    ("審核", Label::Ignored), ("发布者", Label::Ignored), ("发布人", Label::Ignored),
    ("發佈者", Label::Ignored), ("供稿单位", Label::Ignored), ("供稿", Label::Ignored),
    ("摄影", Label::Ignored), ("攝影", Label::Ignored), ("图片", Label::Ignored),
    ("浏览次数", Label::Ignored), ("浏览量", Label::Ignored), ("阅读量", Label::Ignored),
    ("阅读次数", Label::Ignored), ("点击量", Label::Ignored), ("点击次数", Label::Ignored),
    ("访问量", Label::Ignored), ("浏览", Label::Ignored), ("瀏覽", Label::Ignored),
    ("阅读", Label::Ignored), ("閱讀", Label::Ignored), ("点击", Label::Ignored),
    ("點擊", Label::Ignored), ("字号", Label::Ignored), ("通讯员", Label::Ignored),
    ("通訊員", Label::Ignored),
];

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = LABELS.iter().map(|(name, _)| *name).collect();
    Regex::new(&format!(r"({})(?:\s*[:：]\s*|\s+)", names.join("|")))
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
        r"^(?:([^\s(（)）。，,]{0,20}?)(?:讯|訊|电|電)\s*)?[(（]\s*((?:记者|記者|通讯员|通訊員)[^()（）]{2,60})[)）]\s*",
    )
    .expect("the leading credit pattern is valid")
});

static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:浏览|瀏覽|阅读|閱讀|点击|點擊|评论|評論)?[:：]?[(（]?\d*[)）]?|(?:星期|周|週|禮拜|礼拜)[一二三四五六日天])$")
        .expect("the counter pattern is valid")
});

static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}:\d{2}(?::\d{2})?$").expect("the time pattern is valid"));

/// Endings of publisher names (as opposed to people): 网, 报, 台, 社 …
#[rustfmt::skip]
const PUBLISHER_ENDINGS: &[&str] = &[
    "网", "網", "报", "報", "台", "社", "在线", "頻道", "频道", "新闻", "新聞", "杂志", "雜誌",
    "周刊", "客户端",
];

/// Endings of institutions, which open a byline such as "定陶区人民医院 王进".
#[rustfmt::skip]
const INSTITUTION_ENDINGS: &[&str] = &[
    "医院", "醫院", "卫生院", "衛生院", "保健院", "中心", "委员会", "委", "局", "办公室", "站",
    "社", "报", "報", "网", "網", "台", "科", "部", "处", "學院", "学院",
];

/// Endings of the institutions that open an unlabelled byline ("定陶区人民医院 王进").
#[rustfmt::skip]
const BYLINE_INSTITUTIONS: &[&str] = &[
    "医院", "醫院", "卫生院", "衛生院", "保健院", "报社", "報社", "日报", "日報", "晚报", "新闻网",
    "新聞網", "电视台", "電視台", "融媒体中心", "卫健委", "衛健委", "委员会", "委員會", "办公室",
];

/// The most common Chinese surnames (Simplified and Traditional forms), which open a name.
const COMMON_SURNAMES: &str = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于於蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范範金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺";

/// The fields one metadata line states.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Fields {
    pub(super) published: Option<String>,
    pub(super) source: Option<String>,
    pub(super) authors: Vec<String>,
}

impl Fields {
    pub(super) fn is_empty(&self) -> bool {
        self.published.is_none() && self.source.is_none() && self.authors.is_empty()
    }
}

/// Parses one line that only carries metadata; `None` when any part of it is body text.
pub(super) fn parse_meta_line(line: &str, head: bool) -> Option<Fields> {
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
    let kind = LABELS
        .iter()
        .find(|(name, _)| *name == label)
        .map_or(Label::Date, |(_, kind)| *kind);
    match kind {
        Label::Source => {
            // "人民网-健康频道": the publisher, without the channel.
            let source = value
                .split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '|' | '｜' | '—'))
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
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, '|' | '｜')) {
        if token.is_empty() || TIME.is_match(token) || COUNTER.is_match(token) {
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

/// "大众网记者 钟耀萱 通讯员 邵长江 管培兰 潍坊报道": the publisher before 记者, the reporters
/// after it; 通讯员 (correspondents) are not authors.
fn parse_reporter_byline(line: &str) -> Option<Fields> {
    if line.chars().count() > BYLINE_CHARS || line.contains(['，', ',', '。']) {
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
            if is_likely_name(after) {
                fields.authors.push(after.to_string());
            }
        } else if ["报道", "報導", "通讯员", "通訊員", "摄影", "攝影"]
            .iter()
            .any(|w| word.contains(w))
        {
            // The report's place ("潍坊报道") or another role ends the reporters' names.
            reporting = false;
        } else if reporting && is_likely_name(word) {
            fields.authors.push(word.to_string());
        }
    }
    Some(fields)
}

/// "定陶区人民医院 王进": an institution, then one or more personal names.
fn parse_institution_byline(line: &str) -> Option<Fields> {
    let mut words = line.split_whitespace();
    let institution = words.next()?;
    if institution.chars().count() < 4
        || !BYLINE_INSTITUTIONS.iter().any(|e| institution.ends_with(e))
    {
        return None;
    }
    // Unlabelled, so stricter than a 作者 field ("围绕中心 服务大局" is a heading).
    let names: Vec<String> = words.map(str::to_string).collect();
    if names.is_empty() || !names.iter().all(|n| is_likely_name(n)) {
        return None;
    }
    Some(Fields {
        authors: names,
        ..Fields::default()
    })
}

/// A credit at the end of the last paragraphs: "(记者杜英姿、郭文治综合报道)", "(文图供稿:朱群永、
/// 王璐)". Returns the line without it and the names.
pub(super) fn strip_credit(line: &str) -> Option<(String, Vec<String>)> {
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
pub(super) fn strip_leading_credit(line: &str) -> Option<(String, Fields)> {
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
pub fn split_names(value: &str) -> Vec<String> {
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

/// A name in an unlabelled byline: two or three characters opening with a common surname
/// ("记者探访基层" is a headline, not a reporter).
fn is_likely_name(word: &str) -> bool {
    is_person_name(word)
        && word.chars().count() <= 3
        && word.starts_with(|c: char| COMMON_SURNAMES.contains(c))
}

pub(super) fn is_publisher(word: &str) -> bool {
    // "本报", "本网": the page's own outlet, not a name.
    word.chars().count() >= 2
        && !word.starts_with('本')
        && PUBLISHER_ENDINGS.iter().any(|e| word.ends_with(e))
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
        let (rest, f) = strip_leading_credit(
            "人民网郑州5月12日电 （记者张三、李四）近年来，医院坚持党建引领。",
        )
        .unwrap_or_default();
        assert_eq!(rest, "近年来，医院坚持党建引领。");
        assert_eq!(f.authors, ["张三", "李四"]);
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
    fn strips_a_reporters_credit_from_the_last_paragraph() {
        let (rest, names) = strip_credit(
            "切实推进医疗惠民便民利民。(记者杜英姿、郭文治、孟航、李彤彤、李静雯综合报道)",
        )
        .unwrap_or_default();
        assert_eq!(rest, "切实推进医疗惠民便民利民。");
        assert_eq!(names, ["杜英姿", "郭文治", "孟航", "李彤彤", "李静雯"]);
        assert_eq!(strip_credit("开展义诊活动(共3场)"), None);
    }
}
