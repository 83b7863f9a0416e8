//! Spaces: which of the (already single) spaces of a line a reader needs.
//!
//! The rules, in order:
//! - beside CJK punctuation (`，。：（）《》…`) a space is dropped: the punctuation already
//!   spaces the text ("PET-CT、 SPECT" -> "PET-CT、SPECT"); beside curly quotes, ellipses and
//!   dashes, which English uses too, only when Chinese stands on the other side;
//! - between a CJK letter and an ASCII letter or digit it is dropped, as Chinese typesetting
//!   writes "收录中文图书590万册" and "改良Kamikawa吻合";
//! - between two Han characters it is kept, since there it means something: a title
//!   separator ("创新党建工作模式 打造医疗惠民高地") or the trace of a lost character
//!   ("党建 行风建设", where a "+" went missing). Letter-spacing is the exception: three or
//!   more single Han characters each set apart ("院 长 致 辞"), or a line that is nothing but
//!   spaced single characters ("通 知"), are closed up;
//! - everything else (between Latin words, digits, symbols) keeps its one space.

use crate::cjk::{is_cjk, is_cjk_letter, is_cjk_only_punct, is_han, is_shared_punct};

/// How many shared punctuation marks a look-up steps over to find the text beyond.
const MAX_SKIP: usize = 4;

/// Writes the line with only the spaces a reader needs. Expects no leading or trailing
/// space and no two spaces in a row.
pub(crate) fn join_spaced(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len() * 3);
    if !chars.contains(&' ') {
        out.extend(chars);
        return out;
    }
    let letter_spaced = letter_spaced_gaps(chars);
    for (i, &c) in chars.iter().enumerate() {
        if c != ' ' {
            out.push(c);
            continue;
        }
        let (Some(&before), Some(&after)) = (
            i.checked_sub(1).and_then(|p| chars.get(p)),
            chars.get(i + 1),
        ) else {
            continue;
        };
        if letter_spaced.binary_search(&i).is_err() && keeps_space(chars, i, before, after) {
            out.push(' ');
        }
    }
    out
}

fn keeps_space(chars: &[char], i: usize, before: char, after: char) -> bool {
    if is_cjk_only_punct(before) || is_cjk_only_punct(after) {
        return false;
    }
    if is_shared_punct(before) && beyond_is_cjk(chars[i + 1..].iter()) {
        return false;
    }
    if is_shared_punct(after) && beyond_is_cjk(chars[..i].iter().rev()) {
        return false;
    }
    let cjk_ascii = |a: char, b: char| is_cjk_letter(a) && b.is_ascii_alphanumeric();
    !(cjk_ascii(before, after) || cjk_ascii(after, before))
}

/// Whether the first character past any shared punctuation (and the spaces between) is
/// CJK. Spaces are stepped over, not counted, so that dropping one never changes the
/// decision for another.
fn beyond_is_cjk<'a>(chars: impl Iterator<Item = &'a char>) -> bool {
    let mut skipped = 0;
    for &c in chars {
        if c == ' ' {
            continue;
        }
        if !is_shared_punct(c) {
            return is_cjk(c);
        }
        skipped += 1;
        if skipped > MAX_SKIP {
            return false;
        }
    }
    false
}

/// The spaces inside letter-spaced Han text, by index, in ascending order.
fn letter_spaced_gaps(chars: &[char]) -> Vec<usize> {
    let mut gaps = Vec::new();
    let is_word_char = |c: char| is_cjk_letter(c) || c.is_ascii_alphanumeric();
    let stands_alone = |i: usize| {
        is_han(chars[i])
            && (i == 0 || !is_word_char(chars[i - 1]))
            && chars.get(i + 1).is_none_or(|&c| !is_word_char(c))
    };
    let mut i = 0;
    while i < chars.len() {
        if !stands_alone(i) {
            i += 1;
            continue;
        }
        // A run: single Han characters at i, i+2, i+4, … with one space between each.
        let mut end = i;
        while end + 2 < chars.len() && chars[end + 1] == ' ' && stands_alone(end + 2) {
            end += 2;
        }
        let count = (end - i) / 2 + 1;
        let whole_line = i == 0 && end + 1 == chars.len();
        if count >= 3 || (whole_line && count >= 2) {
            gaps.extend((i + 1..end).step_by(2));
        }
        i = end + 1;
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(text: &str) -> String {
        join_spaced(&text.chars().collect::<Vec<_>>())
    }

    #[test]
    fn a_title_separator_between_han_stays() {
        assert_eq!(
            join("创新党建工作模式 打造医疗惠民高地"),
            "创新党建工作模式 打造医疗惠民高地"
        );
    }

    #[test]
    fn the_trace_of_a_lost_plus_stays_visible() {
        assert_eq!(join("抓好“党建 行风建设”"), "抓好“党建 行风建设”");
    }

    #[test]
    fn spaces_beside_cjk_punctuation_go() {
        assert_eq!(join("PET-CT、 SPECT等"), "PET-CT、SPECT等");
        assert_eq!(join("体系。” 诸城市人民医院"), "体系。”诸城市人民医院");
        assert_eq!(join("系统（ Neo Vas）在"), "系统（Neo Vas）在");
    }

    #[test]
    fn curly_quotes_in_english_keep_their_spaces() {
        assert_eq!(join("he said “hello” to me"), "he said “hello” to me");
        assert_eq!(
            join("增强“四个意识” “四个自信”"),
            "增强“四个意识”“四个自信”"
        );
    }

    #[test]
    fn spaces_between_han_and_ascii_go() {
        assert_eq!(join("收录中文图书 590万册"), "收录中文图书590万册");
        assert_eq!(join("开展了改良 Kamikawa吻合"), "开展了改良Kamikawa吻合");
    }

    #[test]
    fn spaces_between_latin_words_stay() {
        assert_eq!(join("三星Galaxy Z Fold 5国行"), "三星Galaxy Z Fold 5国行");
    }

    #[test]
    fn letter_spaced_han_is_closed_up() {
        assert_eq!(join("院 长 致 辞"), "院长致辞");
        assert_eq!(join("通 知"), "通知");
        assert_eq!(join("党 建 工 作。下一步"), "党建工作。下一步");
    }

    #[test]
    fn two_spaced_single_characters_inside_a_line_stay() {
        assert_eq!(join("记者 李 明报道"), "记者 李 明报道");
    }
}
