//! Where a sentence may end: the terminators (`。！？`, an ellipsis, and `!` `?` `.` in Chinese
//! context), the closing quotes and brackets that stay with them, and the quotation marks
//! that pair up on a line. Segmentation splits lines with these rules; extract and metadata
//! ask the same question of a whole line ("does it end like a sentence?") with
//! [`ends_sentence`].
//!
//! Every look-ahead and look-behind steps over spaces, so a sentence's own edge spaces never
//! change where it ends.

use super::classes::{is_cjk, is_cjk_letter, is_list_numeral};

/// How far back the quote pairing searches for an opening mark: bounds the work on a line
/// full of unpaired quotes.
const MAX_PAIR_SEARCH: usize = 16;

/// Whether a line ends with a sentence terminator, closing marks, spaces and a closing note
/// ("…利民。（记者…综合报道）") aside.
pub(crate) fn ends_with_terminator(line: &str) -> bool {
    let trimmed = line.trim_end_matches(' ');
    let Some(last) = trimmed.chars().next_back() else {
        return false;
    };
    if !is_closing_mark(last) {
        // Nearly every line: no closing note (it would end in a bracket) and no closing
        // marks to step over, so the last character decides, read from the end of the line
        // alone.
        return ends_with_bare_terminator(&trimmed[..trimmed.len() - last.len_utf8()], last);
    }
    ends_with_terminator_on_pairs(line)
}

/// [`ends_with_terminator`] read from the whole line: its quotation marks paired, a closing
/// note and closing marks stepped over.
fn ends_with_terminator_on_pairs(line: &str) -> bool {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let marks = pair_marks(&chars);
    let mut end = chars.len();
    let last = chars.iter().rposition(|&(_, c)| c != ' ');
    if let Some(note) = last
        .and_then(|last| mark_at(&marks, last))
        .map(|mark| mark.partner)
        .filter(|&start| start < end && is_closing_note(&chars, &marks, start))
    {
        end = note;
    }
    let last = chars[..end]
        .iter()
        .rposition(|&(_, c)| c != ' ' && !is_closing_mark(c));
    last.is_some_and(|i| is_terminator(&chars, i))
}

/// [`is_terminator`] for the last non-space character of a line, `before` being the text
/// in front of it: nothing follows it, so only the character before it can matter.
fn ends_with_bare_terminator(before: &str, last: char) -> bool {
    match last {
        '。' | '！' | '？' | '｡' | '‼' | '⁇' | '⁈' | '⁉' | '…' | '⋯' | '!' | '?' => {
            true
        }
        '.' => before
            .trim_end_matches(' ')
            .chars()
            .next_back()
            .is_some_and(|c| is_cjk_letter(c) || is_closing_mark(c) || c == '…'),
        _ => false,
    }
}

/// Whether a line ends like a sentence (so it is body text, not a label or a link): by the
/// rule segmentation uses (a terminator, closing quotes aside), or with a semicolon.
pub(crate) fn ends_sentence(line: &str) -> bool {
    ends_with_terminator(line) || line.trim_end().ends_with(['；', ';'])
}

pub(crate) fn next_non_space(chars: &[(usize, char)], from: usize) -> Option<usize> {
    (from..chars.len()).find(|&k| chars[k].1 != ' ')
}

fn prev_non_space(chars: &[(usize, char)], before: usize) -> Option<char> {
    chars[..before]
        .iter()
        .rev()
        .map(|&(_, c)| c)
        .find(|&c| c != ' ')
}

/// A cheap first test for [`is_terminator`]: the characters that can end a sentence at all.
pub(crate) fn may_terminate(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '｡' | '‼' | '⁇' | '⁈' | '⁉' | '…' | '⋯' | '!' | '?' | '.'
    )
}

/// Whether the character at `i` ends a sentence (before its closing marks).
pub(crate) fn is_terminator(chars: &[(usize, char)], i: usize) -> bool {
    let next = || next_non_space(chars, i + 1).map(|k| chars[k].1);
    match chars[i].1 {
        '。' | '！' | '？' | '｡' | '‼' | '⁇' | '⁈' | '⁉' | '…' | '⋯' => true,
        // ASCII marks count in Chinese context only: not in "Hello! World" or a URL query.
        '!' | '?' => {
            let after_latin = prev_non_space(chars, i).is_some_and(|c| c.is_ascii_alphanumeric());
            !after_latin || next().is_none_or(is_cjk)
        }
        // A full stop after a Chinese character; never after a digit (42.15, 1.医疗) or a
        // Latin letter (e.g., Dr., www.), nor before a Latin letter or digit (中国.com).
        '.' => {
            let after_chinese = prev_non_space(chars, i)
                .is_some_and(|c| is_cjk_letter(c) || is_closing_mark(c) || c == '…');
            after_chinese && !next().is_some_and(|c| c.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

/// A terminator continuing a run that already ended a sentence ("？！", "……", "......").
pub(crate) fn is_run_terminator(chars: &[(usize, char)], k: usize) -> bool {
    match chars[k].1 {
        '.' => !next_non_space(chars, k + 1).is_some_and(|n| chars[n].1.is_ascii_alphanumeric()),
        '!' | '?' => true,
        _ => is_terminator(chars, k),
    }
}

/// Marks that close a quotation or bracket.
pub(crate) fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〕' | '］' | ']' | '〉' | '\''
    ) || c == '"'
}

/// Marks after which a sentence goes on even right after a terminator ("“好！”，他说").
pub(crate) fn continues_sentence(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '：' | ',' | ';' | ':')
}

/// A bracketed note that closes the line ("（记者…综合报道）"), not a list marker ("（二）").
pub(crate) fn is_closing_note(chars: &[(usize, char)], marks: &[Mark], at: usize) -> bool {
    if !matches!(chars[at].1, '（' | '(') {
        return false;
    }
    let Some(partner) = mark_at(marks, at).map(|m| m.partner) else {
        return false;
    };
    let closes_line = next_non_space(chars, partner + 1).is_none();
    // Content is read only for the one bracket that closes the line: no rescans.
    closes_line
        && !chars[at + 1..partner]
            .iter()
            .all(|&(_, c)| c.is_ascii_digit() || is_list_numeral(c))
}

/// A quotation mark or bracket that pairs with another on the same line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    /// Index of the mark among the line's characters.
    pub(crate) at: usize,
    /// +1 for an opening mark, -1 for a closing one.
    pub(crate) change: i32,
    /// Index of the mark it pairs with.
    pub(crate) partner: usize,
}

pub(crate) fn mark_at(marks: &[Mark], at: usize) -> Option<&Mark> {
    marks
        .binary_search_by_key(&at, |m| m.at)
        .ok()
        .map(|i| &marks[i])
}

/// Which pair family a quotation mark or bracket belongs to, and whether it opens.
/// Straight `"` both opens and closes: it is family 0 with `None`.
fn mark_kind(c: char) -> Option<(u8, Option<bool>)> {
    Some(match c {
        '"' => (0, None),
        '“' => (1, Some(true)),
        '”' => (1, Some(false)),
        '‘' => (2, Some(true)),
        '’' => (2, Some(false)),
        '「' => (3, Some(true)),
        '」' => (3, Some(false)),
        '『' => (4, Some(true)),
        '』' => (4, Some(false)),
        '（' | '(' => (5, Some(true)),
        '）' | ')' => (5, Some(false)),
        '《' => (6, Some(true)),
        '》' => (6, Some(false)),
        '【' => (7, Some(true)),
        '】' => (7, Some(false)),
        '〔' => (8, Some(true)),
        '〕' => (8, Some(false)),
        '［' | '[' => (9, Some(true)),
        '］' | ']' => (9, Some(false)),
        _ => return None,
    })
}

/// The quotation marks and brackets of a line that pair up, in order. A closing mark pairs
/// with the nearest open mark of its family; marks left open in between stay unpaired.
pub(crate) fn pair_marks(chars: &[(usize, char)]) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut open: Vec<(u8, usize)> = Vec::new();
    for (i, &(_, c)) in chars.iter().enumerate() {
        let Some((family, opens)) = mark_kind(c) else {
            continue;
        };
        let found = || {
            open.iter()
                .rev()
                .take(MAX_PAIR_SEARCH)
                .position(|&(f, _)| f == family)
                .map(|from_top| open.len() - 1 - from_top)
        };
        let closes = match opens {
            Some(opens) => !opens,
            None => found().is_some(),
        };
        if !closes {
            open.push((family, i));
            continue;
        }
        if let Some(slot) = found() {
            let (_, start) = open[slot];
            open.truncate(slot);
            marks.push(Mark {
                at: start,
                change: 1,
                partner: i,
            });
            marks.push(Mark {
                at: i,
                change: -1,
                partner: start,
            });
        }
    }
    marks.sort_unstable_by_key(|m| m.at);
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_a_final_terminator_behind_closing_marks() {
        assert!(ends_with_terminator("“有‘医’可靠。”"));
        assert!(ends_with_terminator(
            "（一）贯彻落实党委领导下的院长负贵制。"
        ));
        assert!(!ends_with_terminator("坚持“三个引领”，筑牢党建战斗堡垒"));
        assert!(!ends_with_terminator("弘扬“雪芳精神”"));
    }

    #[test]
    fn the_shortcut_reads_line_ends_as_the_whole_line_does() {
        let pieces = [
            "医", "a", "1", " ", "。", "！", "？", "!", "?", ".", "…", "“", "”", "（", "）", "(",
            ")", "\"", "'", "，", "《", "》", "【", "】", "一", "、", "记者",
        ];
        // Every line of up to three pieces, and each with a sentence in front.
        let mut lines = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = lines
                .iter()
                .flat_map(|line| pieces.iter().map(move |p| format!("{line}{p}")))
                .collect();
            lines.extend(longer);
        }
        for line in &lines {
            for line in [line.clone(), format!("医院发展。{line}")] {
                assert_eq!(
                    ends_with_terminator(&line),
                    ends_with_terminator_on_pairs(&line),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn a_quoted_title_does_not_end_like_a_sentence() {
        assert!(!ends_sentence("“支部建在学科上”"));
        assert!(ends_sentence("人民就会把你高高举起”。"));
        assert!(ends_sentence("“我十分满意！”"));
        assert!(ends_sentence("扎实开展党史学习教育；"));
    }
}
