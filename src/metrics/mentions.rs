//! Where a sentence names a period: a year (`2023年`, `二〇二三年`, `今年`, `同年`) with the part
//! of it that follows (`第四季度`, `上半年`, `1-9月`, `11月份`, `年末`), a part alone
//! (`第一季度`, `前三季度`), a stock's moment (`截至2021年3月底`), or a start (`自2021年`).
//!
//! A year after `比`, `较` or `与` is what a change is compared with (`比上年增加`, `较2014年`),
//! not the period of the figures around it, and is skipped. A full date dates an event: it
//! counts as its year.
//!
//! Written in the folded form (see `cjk::fold`): periods are read from folded sentences.

use super::calendar::{Period, Span};
use super::chinese::{chinese_digit, chinese_magnitude, is_number_char, read_digit_year};
use super::number::{digit_value, is_digit, starts_with};

/// Relative year words and their offset from the published year.
const RELATIVE: &[(&str, i32)] = &[
    ("今年", 0),
    ("本年", 0),
    ("去年", -1),
    ("上年", -1),
    ("前年", -2),
];

/// Words that repeat the year named last.
const SAME_YEAR: &[&str] = &["同年", "当年"];

/// Parts of a year written as words, with the months they cover.
const PARTS: &[(&str, u8, u8)] = &[
    ("上半年", 1, 6),
    ("下半年", 7, 12),
    ("前三季度", 1, 9),
    ("前两季度", 1, 6),
    ("全年", 1, 12),
];

/// Words before a year that make it a moment a stock stands at (`截至2022年底`).
const AS_OF: &[&str] = &["截至", "截止"];

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Named {
    /// A period with its year; `None` when the year is relative and the published date
    /// unknown.
    Period(Option<Period>),
    /// A full date: an event in that year.
    Event(Option<i32>),
    /// A start (`自2021年`): what follows spans several periods.
    Since,
    /// `同年`, `当年` (with a part of the year, if any): the year named last.
    Same(Span),
    /// A part of a year without one (`第一季度`, `1-9月`): in the year in force.
    Partial(Span),
}

impl Named {
    /// The period in force after this mention, given the one in force before it.
    pub(super) fn resolve(self, current: Option<Period>) -> Option<Period> {
        match self {
            Named::Period(period) => period,
            Named::Event(year) => year.map(Period::year),
            Named::Since => None,
            Named::Same(span) | Named::Partial(span) => {
                current.map(|c| Period::in_year(span, c.year))
            }
        }
    }
}

/// One period mention of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mention {
    /// Where it starts.
    pub(super) at: usize,
    /// What it names.
    pub(super) named: Named,
    /// Whether it is written with `年` or a word of time (not a dashed date, which in a
    /// heading is a publication line).
    pub(super) written_with_year_word: bool,
}

/// The period mentions of one sentence, found once and asked for each figure.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    found: Vec<Mention>,
}

impl Mentions {
    /// Every period mention of a sentence; `published` resolves relative years.
    pub fn find(chars: &[char], published: Option<i32>) -> Mentions {
        let mut found = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            // Cheap gate: every mention starts with a digit or one of these characters.
            let may_start = (is_number_char(c) && chinese_magnitude(c).is_none_or(|_| c == '十'))
                || matches!(
                    c,
                    '今' | '本' | '去' | '上' | '前' | '同' | '当' | '第' | '全' | '年' | '下'
                );
            if may_start && let Some((named, len)) = mention_at(chars, k, published, false) {
                found.push(Mention {
                    at: k,
                    named,
                    written_with_year_word: !matches!(named, Named::Event(_))
                        || chars.get(k + 4) == Some(&'年'),
                });
                k += len.max(1);
                continue;
            }
            k += 1;
        }
        Mentions { found }
    }

    /// The mentions, in reading order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &Mention> {
        self.found.iter()
    }

    /// The period in force at position `end`, starting from `context`.
    pub fn period_before(&self, end: usize, context: Option<Period>) -> Option<Period> {
        self.found
            .iter()
            .take_while(|m| m.at < end)
            .fold(context, |current, m| m.named.resolve(current))
    }
}

/// A period mentioned at position `k`, with its length. `leading` reads a mention at the
/// start of a sentence, where `截至` or `自` may stand before it.
pub(super) fn mention_at(
    chars: &[char],
    k: usize,
    published: Option<i32>,
    leading: bool,
) -> Option<(Named, usize)> {
    let before = k.checked_sub(1).map(|b| chars[b]);
    if before.is_some_and(is_digit) {
        return None;
    }
    let compared = before.is_some_and(|c| matches!(c, '比' | '较' | '与'));
    let since = before.is_some_and(|c| matches!(c, '自' | '从'));
    let as_of = AS_OF
        .iter()
        .any(|w| k >= 2 && starts_with(&chars[k - 2..], w));
    let rest = &chars[k..];
    let (year, mut len): (Option<Option<i32>>, usize) = if let Some(y) = explicit_year(rest) {
        if rest[4] != '年' {
            // 2021-05-10: a written date, an event of that year.
            return (!compared).then_some((Named::Event(Some(y)), 4));
        }
        (Some(Some(y)), 5)
    } else if let Some((y, n)) = read_digit_year(rest).filter(|(_, n)| rest.get(*n) == Some(&'年'))
    {
        (Some(Some(y)), n + 1)
    } else if let Some((_, offset)) = RELATIVE.iter().find(|(w, _)| starts_with(rest, w)) {
        // 上年同期, 比上年: a comparison, not a period.
        if compared || starts_with(&rest[2..], "同期") {
            return None;
        }
        (Some(published.map(|p| p + offset)), 2)
    } else if SAME_YEAR.iter().any(|w| starts_with(rest, w)) {
        let (span, n) = part_at(chars, k + 2, true).unwrap_or((Span::Year, 0));
        return Some((Named::Same(span), 2 + n));
    } else {
        (None, 0)
    };
    if compared && year.is_some() {
        return None;
    }
    if starts_with(&chars[k + len..], "度") && year.is_some() {
        len += 1;
    }
    let part = part_at(chars, k + len, year.is_some());
    let (span, n) = match (year, part) {
        (None, None) => return None,
        (_, Some(part)) => part,
        (Some(_), None) => (Span::Year, 0),
    };
    len += n;
    let span = match span {
        Span::Year if as_of => Span::EndOf(12),
        Span::Months(_, last) if as_of => Span::EndOf(last),
        // A day dates an event unless it is the moment a stock is counted at.
        Span::Day(..) if !as_of => {
            return Some((Named::Event(year.flatten()), len)).filter(|_| year.is_some() || leading);
        }
        span => span,
    };
    let named = match year {
        _ if since => Named::Since,
        Some(year) => Named::Period(year.map(|y| Period::in_year(span, y))),
        None => Named::Partial(span),
    };
    Some((named, len))
}

/// A part of a year written at `k`: a quarter, a half, months, a month's end, a day, or (right
/// after `年`) the year's end. Its span and length.
fn part_at(chars: &[char], k: usize, after_year: bool) -> Option<(Span, usize)> {
    let rest = chars.get(k..)?;
    if after_year && matches!(rest.first(), Some('末' | '底')) {
        return Some((Span::EndOf(12), 1));
    }
    if starts_with(rest, "年末") || starts_with(rest, "年底") {
        return Some((Span::EndOf(12), 2));
    }
    if let Some((word, first, last)) = PARTS.iter().find(|(w, _, _)| starts_with(rest, w)) {
        return Some((Span::Months(*first, *last), word.chars().count()));
    }
    let ordinal = usize::from(rest.first() == Some(&'第'));
    if let Some((q, n)) = small_number(&rest[ordinal..], 4)
        && starts_with(&rest[ordinal + n..], "季度")
    {
        let first = (q - 1) * 3 + 1;
        return Some((Span::Months(first, first + 2), ordinal + n + 2));
    }
    let (first, n) = small_number(rest, 12)?;
    let mut len = n;
    let mut last = first;
    if let Some(&sep) = rest.get(len)
        && matches!(sep, '-' | '—' | '~' | '至' | '到')
        && let Some((to, m)) = small_number(&rest[len + 1..], 12)
        && to > first
    {
        last = to;
        len += 1 + m;
    }
    if rest.get(len) != Some(&'月') {
        return None;
    }
    len += 1;
    if rest.get(len) == Some(&'份') {
        len += 1;
    }
    if matches!(rest.get(len), Some('底' | '末')) {
        return Some((Span::EndOf(last), len + 1));
    }
    if first == last
        && let Some((day, m)) = small_number(&rest[len..], 31)
        && matches!(rest.get(len + m), Some('日' | '号'))
    {
        return Some((Span::Day(first, day), len + m + 1));
    }
    Some((Span::Months(first, last), len))
}

/// A number from 1 to `max` at the start of `rest`, in Arabic or Chinese digits (`9`, `12`,
/// `九`, `十二`, `二十`), with its length.
fn small_number(rest: &[char], max: u8) -> Option<(u8, usize)> {
    let arabic = rest.iter().take_while(|&&c| is_digit(c)).count();
    let (value, len) = if arabic > 0 {
        let value = rest[..arabic.min(3)]
            .iter()
            .filter_map(|&c| digit_value(c))
            .fold(0u32, |acc, d| acc * 10 + d);
        (value, arabic)
    } else {
        let len = rest
            .iter()
            .take(3)
            .take_while(|&&c| c == '十' || chinese_digit(c).is_some())
            .count();
        let digits = &rest[..len];
        let value = match digits {
            ['十'] => 10,
            ['十', d] => 10 + chinese_digit(*d)? as u32,
            [d, '十'] => chinese_digit(*d)? as u32 * 10,
            [d, '十', e] => chinese_digit(*d)? as u32 * 10 + chinese_digit(*e)? as u32,
            [d] => chinese_digit(*d)? as u32,
            _ => return None,
        };
        (value, len)
    };
    (1..=u32::from(max))
        .contains(&value)
        .then(|| (u8::try_from(value).ok(), len))
        .and_then(|(v, len)| v.map(|v| (v, len)))
}

/// Four digits 1900–2100 followed by `年`, or a written date: `-` or `/` and a month
/// (`2021-05-10`, `2022/3`), or `.`, a month, `.` and a day (`2021.05.10`). `2055.9万人` is a
/// number, not a date.
fn explicit_year(rest: &[char]) -> Option<i32> {
    if rest.len() < 5 || !rest[..4].iter().all(|&c| is_digit(c)) {
        return None;
    }
    let year = rest[..4]
        .iter()
        .filter_map(|&c| digit_value(c))
        .fold(0i32, |acc, d| acc * 10 + d as i32);
    let month_digits = rest[5..].iter().take_while(|&&c| is_digit(c)).count();
    let month = (1..=2).contains(&month_digits);
    let dated = match rest[4] {
        '年' => true,
        '-' | '/' => month,
        '.' => {
            month
                && rest.get(5 + month_digits) == Some(&'.')
                && rest.get(6 + month_digits).copied().is_some_and(is_digit)
        }
        _ => false,
    };
    ((1900..=2100).contains(&year) && dated).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn small_numbers_in_both_scripts() {
        assert_eq!(small_number(&chars("9月"), 12), Some((9, 1)));
        assert_eq!(small_number(&chars("12月"), 12), Some((12, 2)));
        assert_eq!(small_number(&chars("13月"), 12), None);
        assert_eq!(small_number(&chars("十二月"), 12), Some((12, 2)));
        assert_eq!(small_number(&chars("九月"), 12), Some((9, 1)));
        assert_eq!(small_number(&chars("二十日"), 31), Some((20, 2)));
        assert_eq!(small_number(&chars("四季度"), 4), Some((4, 1)));
    }

    #[test]
    fn a_number_is_not_a_dotted_date() {
        assert_eq!(explicit_year(&chars("2055.9万人")), None);
        assert_eq!(explicit_year(&chars("2021.05.10")), Some(2021));
        assert_eq!(explicit_year(&chars("2021-05-10")), Some(2021));
        assert_eq!(explicit_year(&chars("2023年")), Some(2023));
        assert_eq!(explicit_year(&chars("2023-2024")), None);
    }

    #[test]
    fn a_day_without_a_year_keeps_the_year_in_force() {
        let c = chars("8月4日,医院开展义诊");
        assert!(Mentions::find(&c, None).found.is_empty());
    }

    #[test]
    fn every_word_is_written_in_the_folded_form() {
        let words = RELATIVE
            .iter()
            .map(|(w, _)| *w)
            .chain(SAME_YEAR.iter().copied())
            .chain(PARTS.iter().map(|(w, _, _)| *w))
            .chain(AS_OF.iter().copied());
        for word in words {
            assert_eq!(crate::cjk::fold(word), word);
        }
    }
}
