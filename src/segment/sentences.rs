//! Sentence boundaries in Chinese text, as Chinese sentence splitters and treebanks draw them.
//!
//! A sentence ends after `。！？` (and `!` `?` `.` in Chinese context) or an ellipsis
//! (`……`, `......`), together with the closing quotes and brackets right after it. A
//! terminator inside quotation marks or brackets does not end the sentence, unless the quote
//! closes right after it and more text follows: "“什么？”男人抗议道。" is two sentences,
//! "“哎呀，真是美极了，”皇帝说，“我十分满意！”" is one. Only quotes and brackets that
//! pair up count, so a stray "“" (an OCR slip) cannot swallow the rest of a paragraph.
//!
//! Never a boundary: a decimal point (42.15万), a list marker (1.医疗), a URL, a Latin
//! abbreviation (e.g., Dr.), or a terminator followed by a comma-like mark. A bracketed
//! note closing a line ("…利民。（记者杜英姿…综合报道）") stays with the sentence before it.
//!
//! Every look-ahead and look-behind steps over spaces, so a sentence's own edge spaces never
//! change where it ends: splitting the joined sentences again gives the same sentences.

use crate::normalize::script::{is_cjk, is_cjk_letter, is_han};

/// How far back the quote pairing searches for an opening mark: bounds the work on a line
/// full of unpaired quotes.
const MAX_PAIR_SEARCH: usize = 16;

/// Splits one line into its sentences, each trimmed of edge spaces; their concatenation is
/// the line without the spaces at sentence edges.
pub(crate) fn split_sentences(line: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let marks = pair_marks(&chars);
    let mut sentences = Vec::new();
    let mut depth = 0i32;
    let mut next_mark = 0;
    let mut apply_mark = |at: usize, depth: &mut i32| {
        while next_mark < marks.len() && marks[next_mark].at < at {
            next_mark += 1;
        }
        if let Some(mark) = marks.get(next_mark).filter(|m| m.at == at) {
            *depth += mark.change;
            next_mark += 1;
        }
    };
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        apply_mark(i, &mut depth);
        if !may_terminate(chars[i].1) || !is_terminator(&chars, i) {
            i += 1;
            continue;
        }
        // Take the whole run of terminators and closing marks after this one.
        let mut end = i + 1;
        while let Some(k) = next_non_space(&chars, end) {
            let c = chars[k].1;
            let closes = is_closing_mark(c) && mark_at(&marks, k).is_none_or(|m| m.change < 0);
            if !(is_run_terminator(&chars, k) || closes) {
                break;
            }
            apply_mark(k, &mut depth);
            end = k + 1;
        }
        i = end;
        let Some(next) = next_non_space(&chars, end) else {
            break;
        };
        if depth > 0 || continues_sentence(chars[next].1) || is_closing_note(&chars, &marks, next) {
            continue;
        }
        push_trimmed(
            &mut sentences,
            &line[byte(&chars, start, line)..byte(&chars, end, line)],
        );
        start = next;
    }
    push_trimmed(&mut sentences, &line[byte(&chars, start, line)..]);
    sentences
}

/// Whether a line ends with a sentence terminator, closing marks, spaces and a closing note
/// ("…利民。（记者…综合报道）") aside.
pub(crate) fn ends_with_terminator(line: &str) -> bool {
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

fn push_trimmed<'a>(sentences: &mut Vec<&'a str>, sentence: &'a str) {
    let sentence = sentence.trim();
    if !sentence.is_empty() {
        sentences.push(sentence);
    }
}

fn byte(chars: &[(usize, char)], index: usize, line: &str) -> usize {
    chars.get(index).map_or(line.len(), |&(at, _)| at)
}

fn next_non_space(chars: &[(usize, char)], from: usize) -> Option<usize> {
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
fn may_terminate(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '｡' | '‼' | '⁇' | '⁈' | '⁉' | '…' | '⋯' | '!' | '?' | '.'
    )
}

/// Whether the character at `i` ends a sentence (before its closing marks).
fn is_terminator(chars: &[(usize, char)], i: usize) -> bool {
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
fn is_run_terminator(chars: &[(usize, char)], k: usize) -> bool {
    match chars[k].1 {
        '.' => !next_non_space(chars, k + 1).is_some_and(|n| chars[n].1.is_ascii_alphanumeric()),
        '!' | '?' => true,
        _ => is_terminator(chars, k),
    }
}

/// Marks that close a quotation or bracket.
fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〕' | '］' | ']' | '〉' | '\''
    ) || c == '"'
}

/// Marks after which a sentence goes on even right after a terminator ("“好！”，他说").
fn continues_sentence(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '：' | ',' | ';' | ':')
}

/// A bracketed note that closes the line ("（记者…综合报道）"), not a list marker ("（二）").
fn is_closing_note(chars: &[(usize, char)], marks: &[Mark], at: usize) -> bool {
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
            .all(|&(_, c)| c.is_ascii_digit() || is_chinese_numeral(c))
}

/// Chinese numerals as used in list markers (一、 （二） 十三).
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    is_han(c) && "〇零一二三四五六七八九十百两".contains(c)
}

/// A quotation mark or bracket that pairs with another on the same line.
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// Index of the mark among the line's characters.
    at: usize,
    /// +1 for an opening mark, -1 for a closing one.
    change: i32,
    /// Index of the mark it pairs with.
    partner: usize,
}

fn mark_at(marks: &[Mark], at: usize) -> Option<&Mark> {
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
fn pair_marks(chars: &[(usize, char)]) -> Vec<Mark> {
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
    fn splits_after_chinese_terminators() {
        assert_eq!(
            split_sentences("与强者同行，方可行稳致远。如果说天坛医院是动因！那么呢？好"),
            [
                "与强者同行，方可行稳致远。",
                "如果说天坛医院是动因！",
                "那么呢？",
                "好"
            ]
        );
    }

    #[test]
    fn a_closing_quote_after_a_terminator_ends_the_sentence() {
        assert_eq!(
            split_sentences("“什么？”男人抗议道。"),
            ["“什么？”", "男人抗议道。"]
        );
    }

    #[test]
    fn a_terminator_inside_quotes_does_not_end_the_sentence() {
        assert_eq!(
            split_sentences("“哎呀，真是美极了，”皇帝说，“我十分满意！”"),
            ["“哎呀，真是美极了，”皇帝说，“我十分满意！”"]
        );
        assert_eq!(
            split_sentences("他说：“我们走吧。明天再来。”然后离开了。"),
            ["他说：“我们走吧。明天再来。”", "然后离开了。"]
        );
    }

    #[test]
    fn a_terminator_after_a_closing_quote_splits_there() {
        assert_eq!(
            split_sentences("“你把人民放在心上，人民就会把你高高举起”。2022年，门诊95万人次。"),
            [
                "“你把人民放在心上，人民就会把你高高举起”。",
                "2022年，门诊95万人次。"
            ]
        );
    }

    #[test]
    fn a_stray_opening_quote_does_not_swallow_the_paragraph() {
        assert_eq!(
            split_sentences("在“雪芳精神的影响下，全院奋进。以优质的服务赢得信赖。"),
            ["在“雪芳精神的影响下，全院奋进。", "以优质的服务赢得信赖。"]
        );
    }

    #[test]
    fn nested_quotes_close_only_at_the_outer_quote() {
        assert_eq!(
            split_sentences("“才能真正实现有‘医’可靠。”张毅说道。"),
            ["“才能真正实现有‘医’可靠。”", "张毅说道。"]
        );
    }

    #[test]
    fn ascii_terminators_count_in_chinese_context() {
        assert_eq!(
            split_sentences("“什么?”男人抗议道.好的!"),
            ["“什么?”", "男人抗议道.", "好的!"]
        );
        assert_eq!(split_sentences("Hello! World"), ["Hello! World"]);
    }

    #[test]
    fn decimals_list_markers_urls_and_abbreviations_do_not_split() {
        assert_eq!(
            split_sentences("1.医疗质量持续改进。门诊量达到42.15万人次。"),
            ["1.医疗质量持续改进。", "门诊量达到42.15万人次。"]
        );
        assert_eq!(
            split_sentences("详见www.zgcsb.com.下载"),
            ["详见www.zgcsb.com.下载"]
        );
        assert_eq!(
            split_sentences("参见e.g. Dr. Smith的报告"),
            ["参见e.g. Dr. Smith的报告"]
        );
        assert_eq!(
            split_sentences("访问http://a.cn/x?y=1了解"),
            ["访问http://a.cn/x?y=1了解"]
        );
    }

    #[test]
    fn an_ellipsis_ends_a_sentence() {
        assert_eq!(
            split_sentences("再到实施16次电除颤重获新生……一次次危机的成功化解，离不开大家。"),
            [
                "再到实施16次电除颤重获新生……",
                "一次次危机的成功化解，离不开大家。"
            ]
        );
        assert_eq!(
            split_sentences("重获新生......一次次危机"),
            ["重获新生......", "一次次危机"]
        );
    }

    #[test]
    fn a_comma_after_a_terminator_continues_the_sentence() {
        assert_eq!(split_sentences("“好！”，他说。"), ["“好！”，他说。"]);
        assert_eq!(
            split_sentences("等等……，不一而足。"),
            ["等等……，不一而足。"]
        );
    }

    #[test]
    fn a_closing_note_stays_with_the_last_sentence() {
        assert_eq!(
            split_sentences("切实推进医疗惠民便民利民。（记者杜英姿、郭文治综合报道）"),
            ["切实推进医疗惠民便民利民。（记者杜英姿、郭文治综合报道）"]
        );
    }

    #[test]
    fn a_list_marker_after_a_sentence_starts_the_next() {
        assert_eq!(
            split_sentences("实现医院高质量发展。（二）以能力建设为重点"),
            ["实现医院高质量发展。", "（二）以能力建设为重点"]
        );
    }

    #[test]
    fn terminator_runs_stay_together() {
        assert_eq!(
            split_sentences("真的吗？！是的。"),
            ["真的吗？！", "是的。"]
        );
    }

    #[test]
    fn detects_a_final_terminator_behind_closing_marks() {
        assert!(ends_with_terminator("“有‘医’可靠。”"));
        assert!(ends_with_terminator(
            "（一）贯彻落实党委领导下的院长负贵制。"
        ));
        assert!(!ends_with_terminator("坚持“三个引领”，筑牢党建战斗堡垒"));
        assert!(!ends_with_terminator("弘扬“雪芳精神”"));
    }
}
