//! Bylines and credits: "大众网记者 钟耀萱 通讯员 邵长江 潍坊报道", "定陶区人民医院 王进",
//! "本报讯(记者 张三)…" opening a paragraph and "(记者杜英姿、郭文治综合报道)" closing one.
//!
//! Words are matched on the script fold, which keeps every byte offset, so the names and
//! outlets are cut out of the line as written (see `fields`).

use std::sync::LazyLock;

use regex_lite::Regex;

use super::Fields;
use super::names::{
    is_byline_institution, is_likely_name, is_name_separator, is_publisher, split_names,
};
use crate::cjk::{compile, fold_script, fold_width};

/// A byline is a short line.
const BYLINE_CHARS: usize = 60;

/// Words that make a parenthesized note at the end of a paragraph a credit: "(记者…综合报道)",
/// "(文图供稿：…)", "(文/张三)".
#[rustfmt::skip]
const CREDIT_WORDS: &[&str] = &[
    "记者", "供稿", "作者", "撰稿", "文/", "文 /", "报道", "报导",
];

/// Words in a reporters' byline that end the reporters' names: the report's place
/// ("潍坊报道") or another role.
const BYLINE_STOPS: &[&str] = &["报道", "报导", "通讯员", "摄影"];

/// A byline names its reporters after this word.
pub(super) const REPORTER: &str = "记者";

static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"[(（]\s*(?:本报)?(?:记者|文\s*/\s*图|文图|图文|文|作者|撰稿)?\s*(?:供稿)?\s*[:：/]?\s*([^()（）:：]{2,60}?)\s*(?:综合|联合)?(?:报道|报导|采写)?\s*[)）]\s*$",
    )
});

static LEADING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:([^\s(（)）。，,]{0,20}?)(?:讯|电)\s*)?[(（]\s*((?:记者|通讯员)[^()（）]{2,60})[)）]\s*",
    )
});

/// "大众网记者 钟耀萱 通讯员 邵长江 管培兰 潍坊报道": the publisher before 记者, the reporters
/// after it; 通讯员 (correspondents) are not authors.
pub(super) fn parse_reporter_byline(line: &str) -> Option<Fields> {
    if line.chars().count() > BYLINE_CHARS
        || line.chars().any(|c| matches!(fold_width(c), ',' | '。'))
    {
        return None;
    }
    let mut fields = Fields::default();
    let mut reporting = false;
    for word in line.split(|c: char| c.is_whitespace() || is_name_separator(c)) {
        if word.is_empty() {
            continue;
        }
        let folded = fold_script(word);
        if let Some(at) = folded.find(REPORTER) {
            let before = &word[..at];
            if is_publisher(before) {
                fields.source = Some(before.to_string());
            }
            reporting = true;
            let after = word[at + REPORTER.len()..].trim_start_matches(|c| fold_width(c) == ':');
            if is_likely_name(after) {
                fields.authors.push(after.to_string());
            }
        } else if BYLINE_STOPS.iter().any(|w| folded.contains(w)) {
            reporting = false;
        } else if reporting && is_likely_name(word) {
            fields.authors.push(word.to_string());
        }
    }
    Some(fields)
}

/// "定陶区人民医院 王进": an institution, then one or more personal names.
pub(super) fn parse_institution_byline(line: &str) -> Option<Fields> {
    let mut words = line.split_whitespace();
    let institution = words.next()?;
    if institution.chars().count() < 4 || !is_byline_institution(institution) {
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
    // The credit closes the line and holds no bracket, so it opens at the line's last
    // opening bracket: the pattern runs on that tail only, not over the whole paragraph.
    if !line.trim_end().ends_with([')', '）']) {
        return None;
    }
    let open = line.rfind(['(', '（'])?;
    let folded = fold_script(&line[open..]);
    let caps = TRAILING_CREDIT.captures(&folded)?;
    let whole = caps.get(0)?;
    if !CREDIT_WORDS.iter().any(|w| whole.as_str().contains(w)) {
        return None;
    }
    let whole_start = open + whole.start();
    let credited = &line[open + caps.get(1)?.start()..open + caps.get(1)?.end()];
    let names = split_names(credited);
    let pieces = credited
        .split(is_name_separator)
        .filter(|p| !p.is_empty())
        .count();
    if names.is_empty() || names.len() != pieces {
        return None;
    }
    Some((line[..whole_start].trim_end().to_string(), names))
}

/// "本报讯(记者 张三 通讯员 李四)日前,……": the line without the opening credit, and the
/// reporters (and the outlet, when it is named: "大众网讯").
pub(super) fn strip_leading_credit(line: &str) -> Option<(String, Fields)> {
    let folded = fold_script(line);
    let caps = LEADING_CREDIT.captures(&folded)?;
    let whole = caps.get(0)?;
    let inner: String = line[caps.get(2)?.range()]
        .chars()
        .map(|c| if is_name_separator(c) { ' ' } else { c })
        .collect();
    let mut fields = parse_reporter_byline(&inner)?;
    if let Some(outlet) = caps
        .get(1)
        .map(|m| &line[m.range()])
        .filter(|o| is_publisher(o))
    {
        fields.source.get_or_insert_with(|| outlet.to_string());
    }
    Some((line[whole.end()..].trim().to_string(), fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cjk::fold;

    #[test]
    fn reads_reporters_and_institutions() {
        let f = parse_reporter_byline("大众网记者 钟耀萱 通讯员 邵长江 管培兰 潍坊报道");
        assert_eq!(
            f,
            Some(Fields {
                source: Some("大众网".into()),
                authors: vec!["钟耀萱".into()],
                ..Fields::default()
            })
        );
        assert_eq!(
            parse_reporter_byline("記者/張三").map(|f| f.authors),
            Some(vec!["張三".into()])
        );
        let f = parse_institution_byline("定陶区人民医院 王进");
        assert_eq!(f.map(|f| f.authors), Some(vec!["王进".into()]));
        assert_eq!(parse_institution_byline("党委办公室 凝心聚力"), None);
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
    fn an_opening_credit_is_cut_from_its_paragraph() {
        let (rest, f) = strip_leading_credit(
            "人民网郑州5月12日电 （记者张三、李四）近年来，医院坚持党建引领。",
        )
        .unwrap_or_default();
        assert_eq!(rest, "近年来，医院坚持党建引领。");
        assert_eq!(f.authors, ["张三", "李四"]);
    }

    #[test]
    fn traditional_credits_read_like_simplified() {
        let (rest, f) =
            strip_leading_credit("本報訊（記者 王進）醫院開展義診活動。").unwrap_or_default();
        assert_eq!(
            (rest.as_str(), f.authors),
            ("醫院開展義診活動。", vec!["王進".to_string()])
        );
        let (rest, names) =
            strip_credit("切實推進醫療惠民。（記者杜英姿、郭文治綜合報道）").unwrap_or_default();
        assert_eq!(
            (rest.as_str(), names),
            (
                "切實推進醫療惠民。",
                vec!["杜英姿".to_string(), "郭文治".to_string()]
            )
        );
    }

    #[test]
    fn every_table_is_written_in_the_folded_form() {
        for word in CREDIT_WORDS.iter().chain(BYLINE_STOPS).chain([&REPORTER]) {
            assert_eq!(&fold(word), word);
        }
    }
}
