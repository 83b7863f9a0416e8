//! What is not a figure: numbers in titles, slogans, set phrases, ordinals, codes and times.
//!
//! Dates, years and times need no rule here: a figure needs a unit, and `年 月 日 号 :` are
//! not units. What is left are numbers that stand before a unit but count nothing.

use super::chinese::is_chinese_numeral;
use super::fold::is_hard_break;
use super::number::{is_digit, starts_with};
use crate::cjk::{fold_width, is_han};

/// Set phrases and slogans with numerals in them: never figures, quoted or not.
const SET_PHRASES: &[&str] = &[
    "四个意识",
    "四个自信",
    "四个全面",
    "两个维护",
    "两个确立",
    "两个一百年",
    "两个百年",
    "三个代表",
    "三会一课",
    "三三四",
    "一岗双责",
    "十二五",
    "十三五",
    "十四五",
    "十五五",
    "十八大",
    "十九大",
    "二十大",
    "十八届",
    "十九届",
    "二十届",
    "九不准",
    "六统一",
    "一票否决",
    "五星级",
    "两票制",
    "三重一大",
    "八项规定",
    "九项准则",
    "一院多区",
    "一站式",
    "一卡通",
    "一把手",
    "一科一品",
    "三位一体",
    "两学一做",
    "三严三实",
    "一带一路",
    "一对一",
];

/// A quote longer than this holds speech, not a slogan.
const SLOGAN_MAX_CHARS: usize = 20;

/// Character ranges of a sentence inside which no number is a figure: `《…》` titles and
/// short quotes that name a slogan (“一次挂号管三天”). Quotes that hold speech (long, or with
/// clause punctuation) are not shielded.
pub fn shielded_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let close = match chars[i] {
            '《' => Some(('》', true)),
            '“' => Some(('”', false)),
            '「' => Some(('」', false)),
            '‘' => Some(('’', false)),
            '"' => Some(('"', false)),
            _ => None,
        };
        let Some((close, always)) = close else {
            i += 1;
            continue;
        };
        let end = chars[i + 1..]
            .iter()
            .position(|&c| c == close || (!always && is_hard_break(c)))
            .map(|p| i + 1 + p);
        match end {
            Some(end) if chars[end] == close => {
                let inner = &chars[i + 1..end];
                let slogan = inner.len() <= SLOGAN_MAX_CHARS && !inner.contains(&',');
                if always || slogan {
                    spans.push((i, end + 1));
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    spans
}

/// Whether position `at` lies in one of the spans.
pub fn is_shielded(spans: &[(usize, usize)], at: usize) -> bool {
    spans.iter().any(|&(start, end)| start <= at && at < end)
}

/// Whether a set phrase ("四个意识", "十三五", "二十大") covers position `at`.
pub fn in_set_phrase(chars: &[char], at: usize) -> bool {
    SET_PHRASES.iter().any(|phrase| {
        let len = phrase.chars().count();
        (0..len).any(|k| at >= k && starts_with(&chars[at - k..], phrase))
    })
}

/// Whether the number starting at `start` is an ordinal or part of a name: 第六, 第二届.
pub fn is_ordinal(chars: &[char], start: usize) -> bool {
    start > 0 && matches!(chars[start - 1], '第' | '初' | '其')
}

/// Whether the number at `start..end` is part of a code, model or address: `6S`, `5G`,
/// `ICP备09012531号`, `37120180017`, `10613862#qq.com`, a phone number.
pub fn is_code(chars: &[char], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(end).copied();
    let latin =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || "#@_&/\\".contains(c));
    if latin(before) || latin(after) {
        return true;
    }
    let digits = &chars[start..end];
    let run = digits.iter().take_while(|&&c| is_digit(c)).count();
    let leading_zero = run > 1 && fold_width(digits[0]) == '0';
    let plain_integer = run == digits.len();
    // A long run of digits with no separators is an identifier, not a count.
    leading_zero || (plain_integer && run >= 9)
}

/// Whether the number at `start..end` is part of a time (`16:55:24`) or a dashed date
/// (`2021-05-10`).
pub fn is_time_or_date(chars: &[char], start: usize, end: usize) -> bool {
    let digit_at = |i: usize| chars.get(i).copied().is_some_and(is_digit);
    let colon = |c: char| fold_width(c) == ':';
    if chars.get(end).copied().is_some_and(colon) && digit_at(end + 1) {
        return true;
    }
    if start >= 2 && colon(chars[start - 1]) && digit_at(start - 2) {
        return true;
    }
    // dd-dd-dd: a dashed date, whichever part we stand on (dotted ones never read as one
    // number: see `read_arabic`).
    let sep = |c: char| matches!(c, '-' | '/');
    let mut separators = 0;
    let mut i = end;
    while i + 1 < chars.len() && sep(chars[i]) && digit_at(i + 1) {
        separators += 1;
        i += 1;
        while digit_at(i) {
            i += 1;
        }
    }
    let mut i = start;
    while i >= 2 && sep(chars[i - 1]) && digit_at(i - 2) {
        separators += 1;
        i -= 1;
        while i > 0 && digit_at(i - 1) {
            i -= 1;
        }
    }
    separators >= 2
}

/// Whether the number at `start` counts the minutes of a clock time (`8点30分`, `9时15分`):
/// a time of day, not a score.
pub fn is_clock_minutes(chars: &[char], start: usize) -> bool {
    start >= 2
        && matches!(chars[start - 1], '点' | '时')
        && (is_digit(chars[start - 2]) || is_chinese_numeral(chars[start - 2]))
}

/// Whether a numeral mixes scripts with its neighbours (`一2三`): no reading is safe.
pub fn is_mixed_script(chars: &[char], start: usize, end: usize) -> bool {
    let arabic = chars.get(start).copied().is_some_and(is_digit);
    let other = |c: Option<&char>| {
        c.is_some_and(|&c| {
            if arabic {
                is_chinese_numeral(c) && !matches!(c, '万' | '亿' | '千')
            } else {
                is_digit(c)
            }
        })
    };
    other(start.checked_sub(1).and_then(|i| chars.get(i))) || other(chars.get(end))
}

/// Whether a lone `一` before a classifier is the indefinite article ("一名院级领导",
/// "一次电话回访") rather than a count.
pub fn is_article(chars: &[char], start: usize, end: usize) -> bool {
    end == start + 1 && chars[start] == '一'
}

/// Whether the character before a Chinese numeral glues it into a word (统一, 唯一, 万一).
pub fn is_inside_word(chars: &[char], start: usize) -> bool {
    start > 0
        && is_han(chars[start - 1])
        && matches!(chars[start - 1], '统' | '唯' | '同' | '专' | '划' | '之')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn titles_and_slogans_are_shielded() {
        let c = chars("组织120名职工观看《给年轻干部的四封信》等警示教育片");
        let spans = shielded_spans(&c);
        assert_eq!(spans.len(), 1);
        let four = c.iter().position(|&x| x == '四').expect("四");
        assert!(is_shielded(&spans, four));
        assert!(!is_shielded(&spans, 2));
    }

    #[test]
    fn speech_in_quotes_is_not_shielded() {
        let c = chars("“2021年,全院干部职工围绕中心,服务大局,完成核酸采样28038人次。”");
        assert!(shielded_spans(&c).is_empty());
        let c = chars("严格落实“一次挂号管三天”惠民措施");
        assert_eq!(shielded_spans(&c), vec![(4, 13)]);
    }

    #[test]
    fn set_phrases_are_found_from_any_of_their_characters() {
        let c = chars("增强四个意识、坚定四个自信");
        assert!(in_set_phrase(&c, 2));
        assert!(in_set_phrase(&c, 3));
        assert!(!in_set_phrase(&c, 0));
        assert!(in_set_phrase(&chars("党的二十大胜利召开"), 2));
        assert!(in_set_phrase(&chars("“十三五”收官"), 1));
    }

    #[test]
    fn codes_and_identifiers() {
        let c = chars("推行6S标准化");
        assert!(is_code(&c, 2, 3));
        let c = chars("鲁ICP备09012531号");
        assert!(is_code(&c, 5, 13));
        let c = chars("许可证:37120180017");
        assert!(is_code(&c, 4, 15));
        assert!(!is_code(&chars("出院69363人次"), 2, 7));
    }

    #[test]
    fn times_and_dashed_dates() {
        let c = chars("2022-02-14 16:55:24");
        assert!(is_time_or_date(&c, 0, 4));
        assert!(is_time_or_date(&c, 5, 7));
        assert!(is_time_or_date(&c, 11, 13));
        assert!(is_time_or_date(&c, 17, 19));
        assert!(!is_time_or_date(&chars("3-4户"), 0, 1));
    }

    #[test]
    fn clock_times() {
        assert!(is_clock_minutes(&chars("8点30分"), 2));
        assert!(is_clock_minutes(&chars("上午九时15分"), 4));
        assert!(!is_clock_minutes(&chars("以615.14分"), 1));
    }

    #[test]
    fn ordinals_articles_and_mixed_scripts() {
        assert!(is_ordinal(&chars("第六人民医院"), 1));
        assert!(is_article(&chars("一名院级领导"), 0, 1));
        assert!(is_mixed_script(&chars("一2三"), 1, 2));
        assert!(is_mixed_script(&chars("一2三"), 0, 1));
        assert!(!is_mixed_script(&chars("2.7万余人次"), 0, 3));
    }

    #[test]
    fn every_set_phrase_is_written_in_the_folded_form() {
        for phrase in SET_PHRASES {
            assert_eq!(&crate::cjk::fold(phrase), phrase);
        }
    }
}
