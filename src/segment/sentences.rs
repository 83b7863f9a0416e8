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
//! The rule for where a sentence may end lives in `cjk`, since extract and metadata ask it too;
//! this module walks a line with it. Every look-ahead steps over spaces, so a sentence's own
//! edge spaces never change where it ends: splitting the joined sentences again gives the
//! same sentences.

use crate::cjk::{
    Mark, continues_sentence, is_closing_mark, is_closing_note, is_run_terminator, is_terminator,
    mark_at, may_terminate, next_non_space, pair_marks,
};

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
        if !may_terminate(chars[i].1) || !is_terminator(&chars, i) || is_quoted_alone(&marks, i) {
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

/// Whether the terminator at `i` stands alone between a pair of marks (`句号“。”`): it is
/// named, not used, and ends nothing.
fn is_quoted_alone(marks: &[Mark], i: usize) -> bool {
    i > 0 && mark_at(marks, i - 1).is_some_and(|open| open.change > 0 && open.partner == i + 1)
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
    fn a_stop_quoted_alone_is_named_not_used() {
        assert_eq!(
            split_sentences("中文的句号“。”和西文句号“.”不同。下一句。"),
            ["中文的句号“。”和西文句号“.”不同。", "下一句。"]
        );
        assert_eq!(
            split_sentences("问号写作「？」即可。"),
            ["问号写作「？」即可。"]
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
}
