//! The period of a figure: the year it belongs to, from its sentence or the context.
//!
//! Explicit years ("2024年", "2018年度", "2021-05-10") count as written; relative ones ("今年",
//! "去年", "前年") are resolved against the published date, and "同年" repeats the last year
//! named. Unknown stays unknown.

use super::number::{digit_value, is_digit, starts_with};

/// Relative year words and their offset from the published year.
const RELATIVE: &[(&str, i32)] = &[
    ("今年", 0),
    ("本年", 0),
    ("去年", -1),
    ("上年", -1),
    ("前年", -2),
];

/// Words that repeat the last year named.
const SAME_YEAR: &[&str] = &["同年", "当年"];

/// Characters a year mention may need at the start of a sentence to set the context
/// ("2022年,", "今年以来,").
const LEADING_WINDOW: usize = 3;

/// The year named last in `chars[..end]`, starting from `context` (the year already in force).
#[cfg(test)]
fn year_before(
    chars: &[char],
    end: usize,
    published: Option<i32>,
    context: Option<i32>,
) -> Option<i32> {
    Mentions::find(chars, published).year_before(end, context)
}

/// The year mentions of one sentence, found once and asked for each figure.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// (position, the year named; `None` for 同年/当年, which repeat the last one).
    found: Vec<(usize, Option<Option<i32>>)>,
}

impl Mentions {
    /// Every year mention of a sentence.
    pub fn find(chars: &[char], published: Option<i32>) -> Mentions {
        let mut found = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            // Cheap gate: every mention starts with a digit or one of 今本去上前同当.
            if is_digit(c) || "今本去上前同当".contains(c) {
                if SAME_YEAR.iter().any(|w| starts_with(&chars[k..], w)) {
                    found.push((k, None));
                    k += 2;
                    continue;
                }
                if let Some((year, len)) = mention_at(chars, k, published, None) {
                    // "自2021年陆续…达到了14个": a count since a year spans several years.
                    let since = k > 0 && matches!(chars[k - 1], '自' | '从');
                    found.push((k, Some(if since { None } else { year })));
                    k += len;
                    continue;
                }
            }
            k += 1;
        }
        Mentions { found }
    }

    /// The year named last before position `end`, starting from `context`.
    pub fn year_before(&self, end: usize, context: Option<i32>) -> Option<i32> {
        self.found
            .iter()
            .take_while(|(pos, _)| *pos < end)
            .fold(context, |year, (_, named)| match named {
                Some(named) => *named,
                None => year,
            })
    }
}

/// The year a heading names ("2024年工作回顾"); a bare dashed date in a heading is a
/// publication line, not a period.
pub fn heading_year(chars: &[char], published: Option<i32>) -> Option<i32> {
    let mut year = None;
    for k in 0..chars.len() {
        let named = chars.get(k + 4) == Some(&'年')
            || RELATIVE.iter().any(|(w, _)| starts_with(&chars[k..], w));
        if named && let Some((y, _)) = mention_at(chars, k, published, year) {
            year = y;
        }
    }
    year
}

/// A year named at the very start of a sentence: it sets the period of the sentences that
/// follow in the same paragraph.
pub fn leading_year(chars: &[char], published: Option<i32>) -> Option<i32> {
    (0..LEADING_WINDOW.min(chars.len()))
        .find_map(|k| mention_at(chars, k, published, None))
        .and_then(|(y, _)| y)
}

/// A year mentioned at position `k`, with its length. The year itself may be unknown (a
/// relative word without a published date).
fn mention_at(
    chars: &[char],
    k: usize,
    published: Option<i32>,
    last: Option<i32>,
) -> Option<(Option<i32>, usize)> {
    if k > 0 && is_digit(chars[k - 1]) {
        return None;
    }
    if let Some(y) = explicit_year(&chars[k..]) {
        return Some((Some(y), 4));
    }
    if let Some((_, offset)) = RELATIVE.iter().find(|(w, _)| starts_with(&chars[k..], w)) {
        return Some((published.map(|p| p + offset), 2));
    }
    if SAME_YEAR.iter().any(|w| starts_with(&chars[k..], w)) {
        return Some((last, 2));
    }
    None
}

/// Four digits 1900–2100 followed by `年` or by `-`/`.`/`/` and a digit (a written date).
fn explicit_year(rest: &[char]) -> Option<i32> {
    if rest.len() < 5 || !rest[..4].iter().all(|&c| is_digit(c)) {
        return None;
    }
    let year = rest[..4]
        .iter()
        .filter_map(|&c| digit_value(c))
        .fold(0i32, |acc, d| acc * 10 + d as i32);
    let dated = rest[4] == '年'
        || (matches!(rest[4], '-' | '.' | '/') && rest.get(5).copied().is_some_and(is_digit));
    ((1900..=2100).contains(&year) && dated).then_some(year)
}

/// The year of a `YYYY-MM-DD` published date.
pub fn published_year(published: Option<&str>) -> Option<i32> {
    let published = published?;
    published.get(..4)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn year(s: &str, published: Option<i32>) -> Option<i32> {
        let c = chars(s);
        let at = c.iter().position(|&x| x == '@').unwrap_or(c.len());
        year_before(&c, at, published, None)
    }

    #[test]
    fn a_year_in_the_sentence_before_the_figure() {
        assert_eq!(year("2024年门诊量达到@42.15万人次", None), Some(2024));
        assert_eq!(
            year("2022年,诸城市人民医院年门诊诊疗患者@95万人次", None),
            Some(2022)
        );
        assert_eq!(
            year("2019年公布2018年度绩效评价结果,我院以@615.14分", None),
            Some(2018)
        );
        assert_eq!(year("门诊量达到@42.15万人次,比2023年增长", None), None);
    }

    #[test]
    fn a_count_since_a_year_has_no_period() {
        assert_eq!(year("自2021年陆续成立工作站,达到了@14个", None), None);
        assert_eq!(year("2022年,自2021年以来累计@14个", None), None);
    }

    #[test]
    fn relative_years_need_the_published_date() {
        assert_eq!(year("今年以来,医护人员共到@38个村", Some(2023)), Some(2023));
        assert_eq!(year("去年完成@3000台手术", Some(2022)), Some(2021));
        assert_eq!(year("今年以来,医护人员共到@38个村", None), None);
        assert_eq!(
            year("2024年4月完成实习;同年5月,完成了@170名", None),
            Some(2024)
        );
    }

    #[test]
    fn dates_and_long_numbers_are_not_misread() {
        assert_eq!(year("20年前我曾来过,拥有@100多张床位", None), None);
        assert_eq!(year("许可证:37120180017,@3个", None), None);
        assert_eq!(year("发布时间:2022-02-14 @3个", None), Some(2022));
    }

    #[test]
    fn a_leading_year_sets_the_context() {
        assert_eq!(
            leading_year(&chars("2021年以来,先后荣获"), None),
            Some(2021)
        );
        assert_eq!(
            leading_year(&chars("今年以来,医院"), Some(2023)),
            Some(2023)
        );
        assert_eq!(leading_year(&chars("医院于2020年成立"), None), None);
    }

    #[test]
    fn a_heading_names_a_year_with_年_only() {
        assert_eq!(heading_year(&chars("2024年工作回顾"), None), Some(2024));
        assert_eq!(heading_year(&chars("2021-05-10 浏览(1421)"), None), None);
        assert_eq!(heading_year(&chars("今年工作"), Some(2023)), Some(2023));
    }

    #[test]
    fn published_dates() {
        assert_eq!(published_year(Some("2023-08-04")), Some(2023));
        assert_eq!(published_year(Some("日期")), None);
        assert_eq!(published_year(None), None);
    }

    #[test]
    fn every_year_word_is_written_in_the_folded_form() {
        let words = RELATIVE.iter().map(|(w, _)| w).chain(SAME_YEAR);
        for word in words {
            assert_eq!(&crate::cjk::fold(word), word);
        }
    }
}
