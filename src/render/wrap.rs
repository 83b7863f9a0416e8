//! Line breaking for CJK text by display width: where a long sentence may wrap so that a
//! Han character is two columns, figures and Latin words stay whole, and no line starts with
//! closing punctuation.

use unicode_width::UnicodeWidthChar;

/// Where each wrapped line starts: greedy, at most `room` columns, breaking between Han
/// characters or at spaces but never inside a number, a Latin word or an edit mark, before
/// closing punctuation or after opening punctuation. A unit wider than a line is cut.
pub fn line_starts(chars: &[char], room: usize) -> Vec<usize> {
    let width = |c: char| c.width().unwrap_or(0);
    let mut starts = vec![0];
    let mut line_start = 0;
    let mut used = 0;
    let mut last_break = None;
    for i in 0..chars.len() {
        if i > line_start && may_break_before(chars, i) {
            last_break = Some(i);
        }
        let w = width(chars[i]);
        if used + w > room && i > line_start {
            let at = last_break.filter(|&b| b > line_start).unwrap_or(i);
            starts.push(at);
            line_start = at;
            used = chars[at..i].iter().map(|&c| width(c)).sum();
            last_break = None;
        }
        used += w;
    }
    starts
}

fn may_break_before(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    let prev = chars[i - 1];
    let before = i.checked_sub(2).map(|j| chars[j]);
    let next = chars.get(i + 1).copied();
    let wide = |c: char| c.width().unwrap_or(0) > 1;
    let closes = "。，,、；;：:？?！!）)]}」』”’》〉】…%·".contains(c)
        || (c == '-' && next == Some(']'))
        || (c == '+' && next == Some('}'));
    let opens = "“‘《〈「『【（([{".contains(prev)
        || (prev == '-' && before == Some('['))
        || (prev == '+' && before == Some('{'));
    if prev.is_whitespace() {
        return true;
    }
    if closes || opens || c.is_whitespace() {
        return false;
    }
    // A number keeps its unit ("5名", "2022年"); ASCII runs stay whole.
    if prev.is_ascii_alphanumeric() && wide(c) {
        return false;
    }
    wide(prev) || wide(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(text: &str, room: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let starts = line_starts(&chars, room);
        starts
            .iter()
            .enumerate()
            .map(|(n, &start)| {
                let end = starts.get(n + 1).copied().unwrap_or(chars.len());
                chars[start..end].iter().collect()
            })
            .collect()
    }

    #[test]
    fn han_characters_are_two_columns() {
        assert_eq!(
            wrap("一二三四五六七八九十", 10),
            ["一二三四五", "六七八九十"]
        );
    }

    #[test]
    fn figures_and_edit_marks_stay_whole() {
        assert_eq!(
            wrap("出院[-69363人次-]{+71205人次+}。", 14),
            ["出院[-69363人", "次-]{+71205人", "次+}。"]
        );
        assert_eq!(
            wrap("新引进博士研究生5名。", 16),
            ["新引进博士研究生", "5名。"]
        );
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        assert_eq!(wrap("一二三四。五六", 8), ["一二三", "四。五六"]);
    }

    #[test]
    fn a_unit_wider_than_the_line_is_cut() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }
}
