//! Punctuation width and quotes: inside Chinese text, ASCII `,` `:` `;` `(` `)` `!` `?` become
//! their full-width forms, straight quote pairs become `“…”` / `‘…’`, and `......` becomes
//! `……`; Latin text, decimals (42.15), times (16:55:24), thousands (1,000), URLs and e-mail
//! addresses keep theirs.
//!
//! Whether a mark stands in Chinese text is read from its nearest neighbours, looking past
//! spaces and past the marks this module converts (in either width). Because those are
//! skipped in both their ASCII and their full-width forms, converting one mark never changes
//! the decision for another, which keeps normalizing idempotent.

use super::url::url_spans;
use crate::cjk::{between_digits, is_cjk, is_cjk_letter};

/// How many convertible marks a context look-up steps over before giving up: enough for
/// `,“(` runs, and a bound on the work per mark.
const MAX_SKIP: usize = 8;

/// Makes the punctuation of one line consistent, in place. Expects whitespace already folded
/// to single ASCII spaces.
pub(crate) fn fix_punctuation(chars: &mut Vec<char>) {
    // Most lines hold nothing but Han and full-width marks: one scan decides which of the
    // passes below have anything to do.
    let present = Present::scan(chars);
    if present.dots {
        convert_ellipses(chars);
    }
    let urls = if present.url_hint {
        url_spans(chars)
    } else {
        Vec::new()
    };
    let in_url = |i: usize| {
        // Spans are sorted and disjoint: the one that could hold `i` is the last to start
        // at or before it.
        let after = urls.partition_point(|&(start, _)| start <= i);
        after > 0 && i < urls[after - 1].1
    };
    let unmatched_brackets = if present.brackets {
        convert_bracket_pairs(chars, &in_url)
    } else {
        Vec::new()
    };
    let quotes = [
        (present.double_quote, '"', ('“', '”')),
        (present.full_width_quote, '＂', ('“', '”')),
        (present.single_quote, '\'', ('‘', '’')),
    ];
    for (_, straight, pair) in quotes.into_iter().filter(|q| q.0) {
        convert_quote_pairs(chars, straight, pair, &in_url);
    }
    if !present.marks {
        return;
    }
    for i in 0..chars.len() {
        let c = chars[i];
        let candidate = match c {
            ',' | ':' => !between_digits(chars, i),
            ';' | '!' | '?' => true,
            '(' | ')' => unmatched_brackets.contains(&i),
            '．' => {
                // Spaces stepped over: the space after `．` goes later (it is CJK
                // punctuation), and the decision must not depend on it.
                let digit_before = chars[..i].iter().rev().find(|&&c| c != ' ');
                let digit_after = chars[i + 1..].iter().find(|&&c| c != ' ');
                if digit_before.is_some_and(char::is_ascii_digit)
                    && digit_after.is_some_and(char::is_ascii_digit)
                {
                    chars[i] = '.';
                }
                false
            }
            _ => false,
        };
        if candidate && !in_url(i) && in_cjk_context(chars, i, i) {
            chars[i] = full_width(c);
        }
    }
}

/// Which kinds of convertible marks a line holds, found in one scan.
#[derive(Debug, Default)]
struct Present {
    /// `,` `:` `;` `!` `?` `(` `)` `．`: the per-mark pass has work.
    marks: bool,
    /// `(` or `)`.
    brackets: bool,
    /// `.`: an ellipsis may stand here.
    dots: bool,
    /// `.` `/` or `@`: a URL or e-mail address may stand here.
    url_hint: bool,
    double_quote: bool,
    full_width_quote: bool,
    single_quote: bool,
}

impl Present {
    fn scan(chars: &[char]) -> Present {
        let mut present = Present::default();
        for &c in chars {
            match c {
                ',' | ':' | ';' | '!' | '?' | '．' => present.marks = true,
                '(' | ')' => (present.marks, present.brackets) = (true, true),
                '.' => (present.dots, present.url_hint) = (true, true),
                '/' | '@' => present.url_hint = true,
                '"' => present.double_quote = true,
                '＂' => present.full_width_quote = true,
                '\'' => present.single_quote = true,
                _ => {}
            }
        }
        present
    }
}

/// The full-width form of a convertible ASCII mark.
fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        other => other,
    }
}

/// Marks this module converts, in both widths, plus spaces: context look-ups step over them.
fn is_transparent(c: char) -> bool {
    matches!(
        c,
        ' ' | ','
            | ':'
            | ';'
            | '!'
            | '?'
            | '('
            | ')'
            | '"'
            | '\''
            | '，'
            | '：'
            | '；'
            | '！'
            | '？'
            | '（'
            | '）'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '＂'
    )
}

/// Whether the nearest real neighbour before `first` or after `last` is CJK.
fn in_cjk_context(chars: &[char], first: usize, last: usize) -> bool {
    let before = chars[..first].iter().rev();
    let after = chars.get(last + 1..).unwrap_or_default().iter();
    nearest_is_cjk(before) || nearest_is_cjk(after)
}

fn nearest_is_cjk<'a>(mut chars: impl Iterator<Item = &'a char>) -> bool {
    let mut skipped = 0;
    loop {
        match chars.next() {
            None => return false,
            Some(' ') => {}
            Some(&c) if is_transparent(c) => {
                skipped += 1;
                if skipped > MAX_SKIP {
                    return false;
                }
            }
            Some(&c) => return is_cjk(c),
        }
    }
}

/// `......` (three or more ASCII dots) in Chinese text becomes the Chinese ellipsis `……`.
fn convert_ellipses(chars: &mut Vec<char>) {
    if !chars.windows(3).any(|w| w == ['.', '.', '.']) {
        return;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| c == '.').count();
        if run >= 3 && in_cjk_context(chars, i, i + run - 1) {
            out.extend(['…', '…']);
            i += run;
        } else if run > 0 {
            out.extend_from_slice(&chars[i..i + run]);
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    *chars = out;
}

/// Pairs round brackets of either width; a pair in Chinese text (holding CJK letters, or
/// with CJK beside it) becomes `（…）`. Returns the ASCII brackets left without a partner.
fn convert_bracket_pairs(chars: &mut [char], in_url: &impl Fn(usize) -> bool) -> Vec<usize> {
    let mut unmatched = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '（' if !in_url(i) => open.push(i),
            ')' | '）' if !in_url(i) => match open.pop() {
                Some(start) => pairs.push((start, i)),
                None => unmatched.push(i),
            },
            _ => {}
        }
    }
    unmatched.extend(open);
    // CJK letters before each index, so that nested pairs cost no rescans of their content.
    let mut cjk_before = Vec::with_capacity(chars.len() + 1);
    let mut count = 0u32;
    cjk_before.push(count);
    for &c in chars.iter() {
        count += u32::from(is_cjk_letter(c));
        cjk_before.push(count);
    }
    for (start, end) in pairs {
        let chinese = cjk_before[end] > cjk_before[start + 1] || in_cjk_context(chars, start, end);
        if chinese {
            chars[start] = '（';
            chars[end] = '）';
        }
    }
    unmatched.retain(|&i| matches!(chars[i], '(' | ')'));
    unmatched
}

/// Pairs straight quotes in reading order (first opens, second closes, …); a pair in
/// Chinese text becomes the curly pair. A last quote without a partner is left alone, and so
/// is an apostrophe between two Latin letters.
fn convert_quote_pairs(
    chars: &mut [char],
    straight: char,
    (opening, closing): (char, char),
    in_url: &impl Fn(usize) -> bool,
) {
    let is_apostrophe = |chars: &[char], i: usize| {
        straight == '\''
            && i > 0
            && chars[i - 1].is_ascii_alphabetic()
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic())
    };
    let mut start = None;
    for i in 0..chars.len() {
        if chars[i] != straight || in_url(i) || is_apostrophe(chars, i) {
            continue;
        }
        match start.take() {
            None => start = Some(i),
            Some(s) => {
                let chinese = chars[s + 1..i].iter().any(|&c| is_cjk_letter(c))
                    || in_cjk_context(chars, s, i);
                if chinese {
                    chars[s] = opening;
                    chars[i] = closing;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        fix_punctuation(&mut chars);
        chars.into_iter().collect()
    }

    #[test]
    fn marks_in_chinese_text_become_full_width() {
        assert_eq!(
            fix("2024年,组织120名职工;效果好!是吗?标签:"),
            "2024年，组织120名职工；效果好！是吗？标签："
        );
    }

    #[test]
    fn decimals_times_and_thousands_keep_ascii() {
        assert_eq!(fix("门诊量达到42.15万人次"), "门诊量达到42.15万人次");
        assert_eq!(
            fix("发布时间:2022-02-14 16:55:24"),
            "发布时间：2022-02-14 16:55:24"
        );
        assert_eq!(fix("共1,000名职工"), "共1,000名职工");
    }

    #[test]
    fn latin_text_keeps_its_marks() {
        let text = "Copyright (c) 2015-2025, all rights reserved: yes!";
        assert_eq!(fix(text), text);
        assert_eq!(fix("开展了改良Kamikawa吻合"), "开展了改良Kamikawa吻合");
    }

    #[test]
    fn urls_and_email_keep_their_marks() {
        assert_eq!(
            fix("详见http://www.zgcsb.com/a?b=1,2;c:d,欢迎"),
            "详见http://www.zgcsb.com/a?b=1,2;c:d，欢迎"
        );
        assert_eq!(fix("邮箱:a,b@qq.com,电话"), "邮箱：a,b@qq.com，电话");
    }

    #[test]
    fn bracket_pairs_in_chinese_text_become_full_width() {
        assert_eq!(fix("(一)贯彻落实"), "（一）贯彻落实");
        assert_eq!(fix("以多学科协作(MDT)为基础"), "以多学科协作（MDT）为基础");
        assert_eq!(fix("药明康德(603259):龙头"), "药明康德（603259）：龙头");
    }

    #[test]
    fn latin_inside_brackets_in_chinese_text_is_chinese_bracketing() {
        // The brackets belong to the Chinese sentence around them, whatever they hold.
        assert_eq!(
            fix("支架系统( Neo Vas)在冠脉介入中的应用"),
            "支架系统（ Neo Vas）在冠脉介入中的应用"
        );
    }

    #[test]
    fn a_mixed_width_pair_is_made_whole() {
        assert_eq!(fix("(二）切实加强"), "（二）切实加强");
    }

    #[test]
    fn an_unmatched_bracket_follows_its_neighbours() {
        assert_eq!(fix("详见附件(略"), "详见附件（略");
        assert_eq!(fix("see (note"), "see (note");
    }

    #[test]
    fn straight_quotes_in_chinese_text_become_curly() {
        assert_eq!(
            fix("销量确受舆论影响,\"反向\"宣传确见成效"),
            "销量确受舆论影响，“反向”宣传确见成效"
        );
        assert_eq!(fix("推行\"6S\"管理"), "推行“6S”管理");
        assert_eq!(fix("有'医'可靠"), "有‘医’可靠");
    }

    #[test]
    fn a_stray_quote_is_left_alone() {
        assert_eq!(fix("\"反向\"宣传\"确见"), "“反向”宣传\"确见");
    }

    #[test]
    fn latin_quotes_and_apostrophes_stay() {
        let text = "the \"best\" hospital's staff";
        assert_eq!(fix(text), text);
        assert_eq!(fix("医院的Women's Health中心"), "医院的Women's Health中心");
    }

    #[test]
    fn corner_brackets_stay_as_written() {
        assert_eq!(
            fix("数读「阿斯巴甜疑致癌」风波"),
            "数读「阿斯巴甜疑致癌」风波"
        );
    }

    #[test]
    fn ascii_ellipsis_in_chinese_text_becomes_chinese() {
        assert_eq!(
            fix("重获新生......一次次危机的成功化解"),
            "重获新生……一次次危机的成功化解"
        );
        assert_eq!(fix("wait... what"), "wait... what");
    }

    #[test]
    fn full_width_decimal_point_between_digits_becomes_ascii() {
        assert_eq!(fix("42．15万"), "42.15万");
        assert_eq!(fix("第一．第二"), "第一．第二");
    }

    #[test]
    fn deeply_nested_brackets_are_all_paired() {
        let text = format!("{}医{}", "(".repeat(5000), ")".repeat(5000));
        let expected = format!("{}医{}", "（".repeat(5000), "）".repeat(5000));
        assert_eq!(fix(&text), expected);
    }

    #[test]
    fn marks_next_to_converted_marks_see_the_text_beyond() {
        assert_eq!(fix("abc,(中文)"), "abc，（中文）");
        assert_eq!(fix("(中文),abc"), "（中文），abc");
    }
}
